// What every route shares: the error handler (one shape, every field issue, never a stack trace), the session
// hook that turns the cookie into an actor, and the CSRF check on writes.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { fieldIssueOfZod, type ZodIssueLike } from '../../domain/issues.js';
import { constraintError } from './db-errors.js';
import { AppError, type FieldIssue } from './errors.js';
import type { Actor } from './access.js';

/**
 * What a signed-in request carries. The module that resolves sessions (users) adds its fields by declaration
 * merging, so the platform names no module.
 */
export interface RequestSession {
  actor: Actor;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('unauthenticated', 'Please sign in');
  return { ...request.session.actor, requestId: request.id };
}

/** The value a person sent at a dotted path of a parsed part of the request. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const partOf = (request: FastifyRequest | undefined, context: string | undefined): unknown =>
  !request ? undefined : context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'headers' ? request.headers : request.body;

/** Zod issues as field issues with our codes (domain/issues.ts: fieldIssueOfZod), read against what was sent. */
export function zodFields(issues: readonly ZodIssueLike[], sent: unknown): FieldIssue[] {
  // An unknown field is named by its own path (one issue per key): "isAdmin: not part of the form".
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && Array.isArray((i as { keys?: unknown }).keys)
      ? ((i as unknown as { keys: string[] }).keys).map((k) => fieldIssueOfZod({ ...i, keys: [k] } as ZodIssueLike, undefined))
      : [fieldIssueOfZod(i, valueAt(sent, i.path))],
  );
}

/** The field issues of a schema validation error (thrown, or attached with `attachValidation`). */
export function validationFields(error: unknown, request?: FastifyRequest): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const sent = partOf(request, (error as { validationContext?: string }).validationContext);
  return zodFields(
    error.validation.map((v) => ({ ...(v.params as object), code: v.keyword, path: v.instancePath.replace(/^\//, '').split('/').filter(Boolean), message: v.message ?? 'Invalid' }) as ZodIssueLike),
    sent,
  );
}

/**
 * Text PostgreSQL cannot store (a NUL character; a lone UTF-16 surrogate, which is not Unicode at all): one field
 * issue per string holding it, anywhere in a parsed value, named by its path.
 */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableText(value: unknown, path: string[] = [], found: FieldIssue[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    if (BAD_TEXT.test(value))
      found.push({ path: path.join('.'), message: 'Contains a character that cannot be stored (a NUL or a broken Unicode character)', code: 'bad_character' });
  } else if (Array.isArray(value)) value.forEach((v, i) => unstorableText(v, [...path, String(i)], found));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (BAD_TEXT.test(k)) found.push({ path: [...path, '?'].join('.'), message: 'A field name holds a character that cannot be stored', code: 'bad_character' });
      unstorableText(v, [...path, k], found);
    }
  return found;
}

/**
 * A preValidation hook on the whole app: every JSON body, query string and route parameter is refused with 400
 * when a text in it holds what PostgreSQL cannot store, whatever the route's schema says — a new route cannot
 * forget it. (Multipart fields are read by the handler: platform/uploads.ts checks them.)
 */
export async function refuseUnstorableText(request: FastifyRequest) {
  const fields = [...unstorableText(request.body), ...unstorableText(request.query), ...unstorableText(request.params)];
  if (fields.length) throw new AppError('validation', 'Some fields are invalid', fields);
}

/** Errors of busboy (the multipart parser) for a request that is not well-formed: the sender's fault. */
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (form|file|multipart data)|Malformed (part header|urlencoded form)|Malformed content type)/;

/** Whether an error is the multipart parser's refusal of a request that is not well-formed (no reporter data in it). */
export const isMalformedMultipart = (error: { message?: string; code?: string }) =>
  MALFORMED_MULTIPART.test(error.message ?? '') || error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE';

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let app: AppError | null = null;
  const code = (error as { code?: string }).code;
  if (error instanceof AppError) app = error;
  else if (isMalformedMultipart(error)) {
    app = new AppError('bad_request', 'The upload was cut short or is not well-formed multipart/form-data; send it again');
  } else if (code === 'FST_ERR_MAX_PARAM_LENGTH' || error.statusCode === 414) {
    app = new AppError('uri_too_long', 'The address is too long');
  } else if (error.statusCode === 403 && request.url.startsWith('/api/docs/')) {
    // @fastify/static refuses a path leaving its folder with a bare 403 error.
    app = new AppError('not_found', 'No such file');
  } else if (error instanceof ZodError) {
    // A schema applied inside a handler (one that depends on today's date, say): same answer as at the edge.
    app = new AppError('validation', 'Some fields are invalid', zodFields(error.issues as ZodIssueLike[], request.body ?? request.query));
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    app = new AppError('validation', 'Some fields are invalid', validationFields(error, request));
  } else if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
    app = new AppError('too_large', 'The upload is too large');
  } else if (error.statusCode === 429) {
    app = new AppError('rate_limited', 'Too many requests; try again later');
  } else if (error.statusCode === 415 || (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    app = new AppError('unsupported_media_type', 'Unsupported content type');
  } else if ((error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.statusCode === 400) {
    app = new AppError('bad_request', error.message);
  } else {
    app = constraintError(error);
  }
  if (!app) {
    // A route that logs nothing (an anonymous reporter's) still reports its failure, without the request.
    if (request.log.level === 'silent') request.server.log.error({ err: error }, 'internal error on a route that is not logged');
    else request.log.error({ err: error }, 'internal error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: `Something went wrong; quote this reference: ${request.id}`, requestId: request.id } });
  }
  return reply.status(app.status).send({
    error: { code: app.code, message: app.message, ...(app.fields?.length ? { fields: app.fields } : {}), requestId: request.id },
  });
}

/**
 * Errors the HTTP parser meets before there is a request (a body shorter than its Content-Length, a malformed
 * request line, headers too large): answered in the one shape on the socket, as Fastify would in its own.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request took too long to arrive']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large']
        : [400, 'The request is malformed or was cut short'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 408 ? 'Request Timeout' : 'Request Header Fields Too Large'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type App = FastifyInstance;
