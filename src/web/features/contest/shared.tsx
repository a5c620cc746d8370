// What the contest's pages share: the wording of its field issues (with the row of an import), numbers in vi-VN.
import { useTranslation } from 'react-i18next';
import type { Answer, FieldIssue } from '../../api/client';

export type ContestDetail = Answer<'/api/contests/{id}', 'get'>;
export type ContestRound = ContestDetail['rounds'][number];

/** An issue in the reader's language: `fieldErrors.<code>`, prefixed with its row for an import's row. */
export function useIssueText() {
  const { t } = useTranslation();
  return (issue: FieldIssue) => {
    const text = t(`fieldErrors.${issue.code ?? 'unknown'}`, { defaultValue: issue.message });
    const row = /^rows\.(\d+)\./.exec(issue.path ?? '');
    return row ? `${t('contest.row', { row: row[1] })}: ${text}` : text;
  };
}

/** A score as Vietnamese readers write it (comma decimals). */
export const formatScore = (n: number | null | undefined, lang = 'vi') => (n === null || n === undefined ? '–' : n.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }));

/** A date-time in dd/mm/yyyy hh:mm. */
export function formatDateTime(iso: string) {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
