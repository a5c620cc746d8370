import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../api/client';
import { shownRequestId, useErrorText, useFieldIssueText } from './error-text';

export { useErrorText, useFieldIssueText } from './error-text';

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
  const requestId = shownRequestId(error);
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
      {requestId && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="error-request-id">
          {t('common.requestId', { id: requestId })}
        </Text>
      )}
    </Alert>
  );
}
