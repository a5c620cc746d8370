import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../api/client';

/** The translated message of any error; falls back to a generic one. */
export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    const code = err instanceof ApiError ? err.code : 'internal';
    return t(`errors.${code}`, { defaultValue: t('errors.unknown') });
  };
}

/**
 * A field issue in words: its code translated (`fieldErrors.<code>` with its params), after the field's name
 * (`fields.<last part of the path>`) when the issue is not shown under its input.
 */
export function useFieldIssueText() {
  const { t } = useTranslation();
  return (f: FieldIssue, withField = true): string => {
    const text = f.code ? t(`fieldErrors.${f.code}`, { defaultValue: f.message, ...f.params }) : f.message;
    if (!withField || !f.path) return text;
    const last = f.path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? f.path;
    return `${t(`fields.${last}`, { defaultValue: last })}: ${text}`;
  };
}

/**
 * An error with every field issue listed. `issueText` words an issue (a module translating its rule codes);
 * without it an issue reads "path: message".
 */
export function ErrorAlert({ error, title, issueText }: { error: unknown; title?: string; issueText?: (issue: FieldIssue) => string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const fieldText = useFieldIssueText();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <Alert color="red" title={title ?? t('common.error')} data-testid="error-alert" role="alert">
      <Text size="sm">{text(error)}</Text>
      {api && api.fields.length > 0 && (
        <List size="sm" mt="xs">
          {api.fields.map((f, i) =>
            issueText ? (
              <List.Item key={`${f.path}:${i}`} data-testid={`issue-${f.code ?? 'field'}`}>
                {issueText(f)}
              </List.Item>
            ) : (
              <List.Item key={`${f.path}:${f.message}`} data-testid={`issue-${f.code ?? 'field'}`}>
                {fieldText(f)}
              </List.Item>
            ),
          )}
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
