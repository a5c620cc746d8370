// The supervision API as the web app uses it (server: src/server/modules/supervision).
import type { TFunction } from 'i18next';
import { ApiError, type Answer, type Schemas } from '../../api/client';

export type Place = Answer<'/api/public/places', 'get'>['items'][number];
export type PublicCase = Schemas['PublicCase'];
export type Message = PublicCase['messages'][number];
export type CaseDetail = Schemas['CaseDetail'];
export type ListedCase = Schemas['ListedCase'];
export type CaseFigures = Answer<'/api/supervision/figures', 'get'>;
export type RuleSet = Schemas['SupervisionRules'];

/** Field issues with this module's codes, translated here (useForm translates only the shared codes). */
export function translateIssues(err: unknown, t: TFunction): unknown {
  if (!(err instanceof ApiError)) return err;
  const fields = err.fields.map((f) =>
    f.code ? { path: f.path, message: t(`supervision.issues.${f.code}`, { defaultValue: t(`fieldErrors.${f.code}`, { defaultValue: f.message, ...f.params }), ...f.params }) } : f,
  );
  return new ApiError(err.status, err.code, err.message, fields, err.requestId);
}

/** A report from someone without an account (the public page, or a member choosing anonymity): the multipart body. */
export function publicReportBody(
  v: { cellId: string | null; category: string; subject: string; content: string; reporterName: string; reporterContact: string },
  anonymous: boolean,
  files: File[],
): FormData {
  const report = { cellId: v.cellId ?? '', category: v.category, subject: v.subject, content: v.content, anonymous, ...(anonymous ? {} : { reporterName: v.reporterName, reporterContact: v.reporterContact }) };
  const body = new FormData();
  body.append('report', JSON.stringify(report));
  for (const f of files) body.append('files', f, 'file');
  return body;
}

/**
 * The receipt code handed from a member's receipt (the signed-in app) to the public follow page, another entry: kept
 * in this tab's sessionStorage until the follow page takes it (once), never in the address.
 */
const HANDOVER_KEY = 'chibo.followCode';
export function handOverCode(code: string): void {
  try {
    sessionStorage.setItem(HANDOVER_KEY, code);
  } catch {
    // storage refused (private mode): the reporter types the code they saved
  }
}
export function takeHandedCode(): string | null {
  try {
    const code = sessionStorage.getItem(HANDOVER_KEY);
    sessionStorage.removeItem(HANDOVER_KEY);
    return code;
  } catch {
    return null;
  }
}
