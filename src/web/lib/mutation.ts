import { notify } from './notify';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/**
 * A write that, on success, refreshes every cached read (the registry is one web of facts: a
 * transfer changes two cells, the dashboard and the person) and says so.
 */
export function useWrite<TVars, TResult>(
  fn: (vars: TVars) => Promise<TResult>,
  opts: { onSuccess?: (result: TResult, vars: TVars) => void; onError?: (err: unknown) => void },
) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result, vars) => {
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      notify({ color: 'green', message: t('common.saved') });
      opts.onSuccess?.(result, vars);
    },
    onError: (err) => opts.onError?.(err),
  });
}
