// What every route shares: the error handler (one shape, every field issue, never a stack trace), the session
// hook that turns the cookie into an actor, and the CSRF check on writes.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
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

/** The field issues of a schema validation error (thrown, or attached with `attachValidation`). */
export function validationFields(error: unknown): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((v) => ({
    path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
    message: v.message ?? 'Invalid',
    code: ((v.params as { params?: { code?: string } } | undefined)?.params?.code ?? v.keyword) as string,
  }));
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let app: AppError | null = null;
  if (error instanceof AppError) app = error;
  else if (error instanceof ZodError) {
    // A schema applied inside a handler (one that depends on today's date, say): same answer as at the edge.
    const fields = error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
      code: ((i as { params?: { code?: string } }).params?.code ?? i.code) as string,
    }));
    app = new AppError('validation', 'Some fields are invalid', fields);
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    app = new AppError('validation', 'Some fields are invalid', validationFields(error));
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
    request.log.error({ err: error }, 'internal error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: `Something went wrong; quote this reference: ${request.id}`, requestId: request.id } });
  }
  return reply.status(app.status).send({
    error: { code: app.code, message: app.message, ...(app.fields?.length ? { fields: app.fields } : {}), requestId: request.id },
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type App = FastifyInstance;
