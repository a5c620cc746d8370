import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The translated message of any error; falls back to a generic one. */
export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    const code = err instanceof ApiError ? err.code : 'internal';
    return t(`errors.${code}`, { defaultValue: t('errors.unknown') });
  };
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <Alert color="red" title={title ?? t('common.error')} data-testid="error-alert" role="alert">
      <Text size="sm">{text(error)}</Text>
      {api && api.fields.length > 0 && (
        <List size="sm" mt="xs">
          {api.fields.map((f) => (
            <List.Item key={`${f.path}:${f.message}`}>
              {f.path ? `${f.path}: ` : ''}
              {f.message}
            </List.Item>
          ))}
        </List>
      )}
      {api?.requestId && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('common.requestId', { id: api.requestId })}
        </Text>
      )}
    </Alert>
  );
}
