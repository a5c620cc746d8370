// The errors of the review, each field issue translated by its rule code (`review.issues.<code>`).
import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../../api/client';
import { useErrorText } from '../../components/ErrorAlert';

type Issue = FieldIssue & { params?: Record<string, number> };

export function useIssueText() {
  const { t } = useTranslation();
  return (f: Issue) => {
    if (!f.code) return f.message;
    // The cap names its numbers; the other rules speak for themselves.
    if (f.params) return t(`review.issues.${f.code}_detail`, { ...f.params, defaultValue: t(`review.issues.${f.code}`, { defaultValue: f.message }) });
    return t(`review.issues.${f.code}`, { defaultValue: t(`fieldErrors.${f.code}`, { defaultValue: f.message }) });
  };
}

export function ReviewError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const issueText = useIssueText();
  if (!error) return null;
  const fields = error instanceof ApiError ? (error.fields as Issue[]) : [];
  return (
    <Alert color="red" title={t('common.error')} role="alert" data-testid="review-error">
      {fields.length === 0 && <Text size="sm">{text(error)}</Text>}
      {fields.length > 0 && (
        <List size="sm">
          {fields.map((f, i) => (
            <List.Item key={`${f.path}:${i}`} data-testid={`issue-${f.code ?? 'field'}`}>
              {issueText(f)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
