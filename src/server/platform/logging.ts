// What the server log may hold. Logs are read by operators, copied to support and kept for months: no password,
// token, citizen ID, name, contact or birth date goes in, whatever a log line or an error carries.

/**
 * Paths pino blanks in every line (one level of nesting under any key, and at the top). A route that logs a
 * record by mistake logs it without these.
 */
const SECRET_FIELDS = [
  'password',
  'passwordHash',
  'token',
  'csrfToken',
  'receiptCode',
  // Two-factor sign-in (users/twofactor.ts): the secret, its URI and QR code, recovery codes, the challenge.
  'secret',
  'pendingSecret',
  'uri',
  'qrSvg',
  'recoveryCode',
  'recoveryCodes',
  'challenge',
  'cccd',
  'partyCardNo',
  'fullName',
  'full_name',
  'displayName',
  'birthDate',
  'birth_date',
  'phone',
  'reporterName',
  'reporterContact',
  'content',
  'params',
  'parameters',
];
export const logRedactPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'req.headers["user-agent"]',
  'req.headers["x-forwarded-for"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

/** The fields of a driver error that say what failed without saying with which values. */
const KEPT = ['code', 'constraint', 'table', 'column', 'schema', 'dataType', 'severity', 'routine'] as const;

/**
 * PostgreSQL and drizzle put values into messages: drizzle's "Failed query: <sql>\nparams: <values>", and
 * PostgreSQL's `invalid input syntax for type date: "…"` or a trigger's own text. The message keeps its first
 * words up to the first quoted value or colon-separated detail.
 */
export function messageWithoutValues(message: string): string {
  if (message.startsWith('Failed query:')) return 'Failed query (statement and parameters not logged)';
  const firstLine = message.split('\n')[0];
  // Quoted values ("…", '…', (…)=(…)) are cut; a constraint's name in quotes is kept only when it names a constraint.
  return firstLine
    .replace(/(constraint|relation|table|column|index|type) "([a-z0-9_]+)"/gi, '$1 ⟨$2⟩')
    .replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '…')
    .replace(/⟨([a-z0-9_]+)⟩/gi, '"$1"')
    .replace(/:\s.*$/, ': …');
}

interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/**
 * pino's `err` serializer: the error's type and its message without values, the stack's frames (never its first
 * line, which repeats the message), the SQLSTATE and constraint, and the same of each `cause` (drizzle wraps the
 * driver's error). Never `params`, `query`, `detail`, `where` or anything else an error happens to carry.
 */
export function serializeError(err: Error): LoggedError {
  return serialized(err, 0) as LoggedError;
}

function serialized(err: unknown, depth: number): unknown {
  if (!err || typeof err !== 'object' || !('message' in err)) return typeof err === 'string' ? messageWithoutValues(err) : undefined;
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = {
    type: e.constructor?.name ?? 'Error',
    message: messageWithoutValues(String(e.message ?? '')),
    stack: typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : '',
  };
  for (const k of KEPT) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (e.cause && depth < 4) out.cause = serialized(e.cause, depth + 1);
  return out;
}
