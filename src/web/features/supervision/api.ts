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
