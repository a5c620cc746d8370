import { Progress, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadProgress as BytesSent } from '../api/client';

/**
 * Where an upload stands: the bytes travelling (a filling bar with its percent), then the server working on the file
 * (a moving bar), then done — said in words, so "Đang tải tệp lên" never stays once the upload has finished.
 */
export type UploadState = { phase: 'sending'; percent: number } | { phase: 'processing' } | { phase: 'done'; name: string } | null;

/** The state and its steps, for `postForm(path, form, { onProgress })`. */
export function useUploadState() {
  const [state, setState] = useState<UploadState>(null);
  const onProgress = useCallback((p: BytesSent) => {
    const percent = Math.round((100 * p.loaded) / Math.max(p.total, 1));
    // Every byte sent: the server now reads the file (an import validates, a document is checked) until it answers.
    setState(percent >= 100 ? { phase: 'processing' } : { phase: 'sending', percent });
  }, []);
  return {
    state,
    begin: useCallback(() => setState({ phase: 'sending', percent: 0 }), []),
    onProgress,
    done: useCallback((name: string) => setState({ phase: 'done', name }), []),
    clear: useCallback(() => setState(null), []),
  };
}

export function UploadProgress({ state, testId = 'upload-progress' }: { state: UploadState; testId?: string }) {
  const { t } = useTranslation();
  if (!state) return null;
  if (state.phase === 'done')
    return (
      <Text size="sm" c="green.8" data-testid={testId} data-phase="done" role="status">
        ✓ {t('common.uploadDone', { name: state.name })}
      </Text>
    );
  const label = state.phase === 'sending' ? t('common.uploadSending', { percent: state.percent }) : t('common.uploadProcessing');
  return (
    <Stack gap={2} data-testid={testId} data-phase={state.phase} role="status">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Progress value={state.phase === 'sending' ? state.percent : 100} animated={state.phase === 'processing'} aria-label={label} />
    </Stack>
  );
}
