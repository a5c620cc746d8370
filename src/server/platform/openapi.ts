// What every route's schema shares in the OpenAPI document: the one error shape, the error answers an operation
// documents, and who may call it (the session cookie; on writes also the CSRF header). The names, summaries and
// answers themselves are written in each route's `schema:` block, so they stay explicit and stable.
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { statusOf } from './errors.js';

const ErrorCodeSchema = z.enum(Object.keys(statusOf) as [ErrorCode, ...ErrorCode[]]);

/** `{ error: { code, message, fields?, requestId? } }`: every 4xx and 5xx answer of the API (platform/http.ts). */
export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      fields: z
        .array(
          z.object({
            path: z.string(),
            message: z.string(),
            code: z.string().optional(),
            /** Values for the message of the code (a count, a number of days). */
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          }),
        )
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'ApiError', description: 'The one error shape: a stable code, a message a person can act on, every field issue at once.' });

/** The statuses an operation may document besides its success. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const errorMeaning: Record<ErrorStatus, string> = {
  400: 'The input is invalid; every field issue is listed in `fields`',
  401: 'Not signed in',
  403: 'Signed in, but not allowed to do this (or the CSRF header is missing)',
  404: 'Not found, or outside your branch',
  409: 'Conflicts with the current state of the record',
  413: 'The upload is too large',
  415: 'Not a supported file or content type',
  422: 'The file has errors; every bad row is listed',
  429: 'Too many requests; try again later',
};

/** The name of each error answer in the document's `components.responses`: operations refer to it by `$ref`. */
const errorName: Record<ErrorStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
};

type ErrorAnswer = { description: string; content: { 'application/json': { schema: typeof ApiErrorSchema } } };

/** The error answers of an operation, each in the one error shape: spread into `response`. */
export function errors(...statuses: ErrorStatus[]): Record<ErrorStatus, ErrorAnswer> {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: errorMeaning[s], content: { 'application/json': { schema: ApiErrorSchema } } }]),
  ) as Record<ErrorStatus, ErrorAnswer>;
}

/** An operation's name, what it does and who may call it: spread into a route's `schema`. */
export const operation = (operationId: string, summary: string, security: Record<string, string[]>[]) => ({ operationId, summary, security });

type Answers = Record<string, unknown>;
type Paths = Record<string, Record<string, { responses?: Answers }>>;

/**
 * The document with each error answer written once, in `components.responses` (`NotFound`, …), and referred to by
 * the operations: the web's generated types then name it instead of repeating it per operation.
 */
export function sharedErrorAnswers<D extends { paths?: unknown; components?: { responses?: unknown } }>(doc: D): D {
  const shared: Answers = {};
  const ref = (answer: unknown, status: string) => {
    const name = errorName[Number(status) as ErrorStatus];
    const expected = { description: errorMeaning[Number(status) as ErrorStatus], content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
    if (!name || JSON.stringify(answer) !== JSON.stringify(expected)) return answer;
    shared[name] = expected;
    return { $ref: `#/components/responses/${name}` };
  };
  const paths = Object.fromEntries(
    Object.entries((doc.paths ?? {}) as Paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, op]) =>
          !op.responses ? [method, op] : [method, { ...op, responses: Object.fromEntries(Object.entries(op.responses).map(([s, a]) => [s, ref(a, s)])) }],
        ),
      ),
    ]),
  );
  const responses = Object.fromEntries(Object.entries(shared).sort(([a], [b]) => a.localeCompare(b)));
  return { ...doc, paths, components: { ...doc.components, responses: { ...(doc.components?.responses as Answers), ...responses } } };
}

/**
 * The document's head: what it is, where it is served (the same origin as the web app), and its security schemes —
 * the session cookie, and the CSRF token a write echoes in a header.
 */
export function openApiInfo(sessionCookie: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'chibo API',
      version: '1',
      description: 'Party cells, secretaries and members — see docs/api.md',
    },
    servers: [{ url: '/', description: 'The server that serves this document (one origin: the API under /api)' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey' as const, in: 'cookie' as const, name: sessionCookie, description: 'Set by signIn; the browser sends it back.' },
        csrf: { type: 'apiKey' as const, in: 'header' as const, name: 'x-csrf-token', description: 'The csrfToken of the session answer, echoed on every write.' },
      },
    },
  };
}

/** Who may call an operation: anyone, a signed-in reader, or a signed-in writer who also sends the CSRF header. */
export const access = {
  anyone: [] as Record<string, string[]>[],
  read: [{ session: [] }] as Record<string, string[]>[],
  write: [{ session: [], csrf: [] }] as Record<string, string[]>[],
  /** Anyone; with a session, a write of it (signing out) also needs the CSRF header. */
  anyoneOrWrite: [{}, { session: [], csrf: [] }] as Record<string, string[]>[],
};

/** The bytes of a file, for file answers (the handler sends a Buffer or a stream). */
export const binary = z.any().meta({ type: 'string', format: 'binary' });

/** A file answer (a workbook, a PDF) described for the document; the handler sends the bytes itself. */
export const fileAnswer = (mime: string, description: string) => ({ description, content: { [mime]: { schema: binary } } });

/** A 204 answer with no body. */
export const noContent = z.undefined().describe('Done; no body');


/**
 * The document less the named schemas no operation reaches: the zod transform writes an input twin
 * (`UnitInput`) of every named schema, used or not, and an outside reader should not meet dead entries.
 */
export function reachableComponentsOnly<D extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(doc: D): D {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const refsOf = (node: unknown) => [...JSON.stringify(node ?? null).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  const reached = new Set<string>();
  const queue = refsOf(doc.paths);
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    queue.push(...refsOf(schemas[name]));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...doc, components: { ...doc.components, schemas: kept } };
}
