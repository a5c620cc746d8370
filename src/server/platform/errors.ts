// One error vocabulary for the whole API: { error: { code, message, fields?, requestId? } }.
/** `params`: values for the localized message of `code` (a date, a name), as the web's catalogs interpolate them. */
export type FieldIssue = { path: string; message: string; code?: string; params?: Record<string, string | number> };

export const statusOf = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf: 403,
  two_factor_enrolment: 403,
  not_found: 404,
  conflict: 409,
  /** Two transactions were in each other's way (a deadlock, a serialization failure): nothing was saved; send it again. */
  try_again: 409,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  import_invalid: 422,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof statusOf;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);
export const conflict = (message: string, fields?: FieldIssue[]) => new AppError('conflict', message, fields);
export const invalid = (fields: FieldIssue[], message = 'Some fields are invalid') => new AppError('validation', message, fields);

/** Throws one validation error listing every issue collected, if any. */
export function throwIfIssues(fields: FieldIssue[]): void {
  if (fields.length > 0) throw invalid(fields);
}
