// The words of an error, without any component library: the signed-in app's ErrorAlert (Mantine) and the public
// pages' ErrorBox (plain HTML, src/web/plain/) both use these, so an error reads the same in both.
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
 * The request id an error alert shows, or null. Only where support needs it: a server failure (5xx) or no answer at
 * all (a lost connection, status 0). A refusal (4xx) says itself what to fix; a technical id beside it only confuses
 * (issue 14).
 */
export function shownRequestId(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status !== 0 && error.status < 500) return null;
  return error.requestId;
}
