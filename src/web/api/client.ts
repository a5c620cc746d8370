// The one way the web app talks to the server: the client generated from /api/openapi.json (openapi-fetch over
// the types in schema.gen.ts), with cookies, the CSRF header on writes and every error turned into an ApiError.
// JSON calls: `call(api.GET('/api/units/{id}', { params: { path: { id } } }))`. Multipart uploads (files, with
// progress): `postForm(path, form)`. Downloads are links: `apiUrl(path, query)`. A request built elsewhere and sent
// later (the meetings outbox replays commands queued offline): `send(method, url, body)`, the same headers and errors.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.gen';

/** The named shapes of the API (Unit, Person, CaseDetail, …), as the server declares them. */
export type Schemas = components['schemas'];
export type FieldIssue = NonNullable<Schemas['ApiError']['error']['fields']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldIssue[];
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, fields: FieldIssue[] = [], requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }
}

let csrfToken: string | null = null;

/** Remembered from the login and /api/auth/me answers; sent on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Whether a session's token is known (a signed-in page): a queue of writes waits until it is. */
export const hasCsrfToken = (): boolean => csrfToken !== null;

export type QueryValue = string | number | boolean | null | undefined;

type Success<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? (R[S] extends { content: { 'application/json': infer C } } ? C : never) : never }[keyof R]
  : never;
/** What an operation answers on success: `Answer<'/api/units/{id}', 'get'>`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = Success<paths[P][M]>;

/** The query parameters of a GET: `Query<'/api/people'>['status']`. */
export type Query<P extends GetPath> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];

/** A query string without its `?`, leaving out empty values (a form's unset filters). */
function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/** A download link: `/api/x` + query string. */
export function apiUrl(path: GetPath, query?: Record<string, QueryValue>): string {
  const qs = queryString(query);
  return qs ? `${path}?${qs}` : path;
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The CSRF token for a request, if it needs one: a write sent with the session's cookies. Every path below uses it. */
const csrfFor = (method: string, anonymous: boolean): string | null => (WRITES.has(method) && !anonymous ? csrfToken : null);

/** Turns any error body into an ApiError; tolerates bodies that are not our shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as Partial<Schemas['ApiError']> | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(status, err.code, err.message ?? err.code, Array.isArray(err.fields) ? err.fields : [], err.requestId ?? null);
  }
  const fallback =
    status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : status === 413 ? 'too_large' : status === 0 ? 'network' : 'internal';
  return new ApiError(status, fallback, `HTTP ${status}`);
}

/** A write proves it comes from our page by echoing the session's token; a call sent without cookies has none. */
const csrfHeader: Middleware = {
  onRequest({ request }) {
    const token = csrfFor(request.method, request.credentials === 'omit');
    if (token) request.headers.set('x-csrf-token', token);
    return request;
  },
};

/** The generated client: paths, parameters, bodies and answers typed from the server's schemas. */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: queryString,
});
api.use(csrfHeader);

/** The answer of a call, or its error as an ApiError (status 0, code `network`, when the server was not reached). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', (e as Error).message);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/**
 * Form values sent as the person typed them, empty fields included: the server checks every field and answers
 * all the issues at once, which the form shows beside the fields. Typed bodies are for values the code builds.
 */
export const formBody = (values: unknown) => values as never;

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * A multipart POST (a file, a report with attachments). `onProgress` reports the upload (through XMLHttpRequest:
 * fetch cannot). `anonymous` sends no cookies (and so no CSRF token): a report made without an account stays so
 * even from a browser that is signed in.
 */
export async function postForm<P extends PostPath>(
  path: P,
  form: FormData,
  options: { onProgress?: (p: UploadProgress) => void; anonymous?: boolean } = {},
): Promise<Answer<P, 'post'>> {
  if (!options.onProgress) return send<Answer<P, 'post'>>('POST', path, form, { anonymous: options.anonymous });
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrfFor('POST', !!options.anonymous);
  if (token) headers['x-csrf-token'] = token;
  const { status, body } = await sendWithProgress(path, form, headers, options.onProgress);
  if (status >= 200 && status < 300) return body as Answer<P, 'post'>;
  throw toApiError(status, body);
}

const parsed = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

/**
 * One request to a concrete URL (`/api/meetings/<id>/commands`), for requests the generated client cannot make
 * typed at the time they are sent (a queued command replayed later): a JSON body or a FormData, cookies unless
 * `anonymous`, the CSRF header on writes as the generated client adds it, and any failure as an ApiError (status 0,
 * code `network`, when the server was not reached). Answers the parsed body; the caller names its type.
 */
export async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, options: { anonymous?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrfFor(method, !!options.anonymous);
  if (token) headers['x-csrf-token'] = token;
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: options.anonymous ? 'omit' : 'same-origin',
      headers,
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  const answer = parsed(await res.text());
  if (!res.ok) throw toApiError(res.status, answer);
  return answer as T;
}

function sendWithProgress(path: string, form: FormData, headers: Record<string, string>, onProgress: (p: UploadProgress) => void) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => resolve({ status: xhr.status, body: parsed(xhr.responseText) });
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(form);
  });
}
