// The errors of the review: the shared alert, each field issue worded by its rule code (`review.issues.<code>`).
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

export function useIssueText() {
  const { t } = useTranslation();
  return (f: FieldIssue) => {
    if (!f.code) return f.message;
    // The cap names its numbers; the other rules speak for themselves.
    if (f.params) return t(`review.issues.${f.code}_detail`, { ...f.params, defaultValue: t(`review.issues.${f.code}`, { defaultValue: f.message }) });
    return t(`review.issues.${f.code}`, { defaultValue: t(`fieldErrors.${f.code}`, { defaultValue: f.message }) });
  };
}

export function ReviewError({ error }: { error: unknown }) {
  return <ErrorAlert error={error} issueText={useIssueText()} />;
}
