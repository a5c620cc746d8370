// What every route shares: the error handler (one shape, every field issue, never a stack trace), the session
// hook that turns the cookie into an actor, and the CSRF check on writes.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from './errors.js';
import type { Actor } from './access.js';
import type { ResolvedSession } from '../modules/users/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('unauthenticated', 'Please sign in');
  return { ...request.session.actor, requestId: request.id };
}

function pgConstraintError(err: { code?: string; constraint?: string }): AppError | null {
  // The database's own guarantees, turned into the same messages the services give.
  const byConstraint: Record<string, FieldIssue> = {
    people_cccd_key: { path: 'cccd', message: 'This citizen ID (CCCD) belongs to another person' },
    people_party_card_no_key: { path: 'partyCardNo', message: 'This party card number belongs to another person' },
    memberships_one_at_a_time: { path: 'unitId', message: 'A person holds one cell membership at a time' },
    position_terms_one_secretary: { path: 'position', message: 'The cell already has a secretary for this period' },
    people_official_after_joining: { path: 'officialOn', message: 'The official date must be after the joining date' },
  };
  if ((err.code === '23505' || err.code === '23P01' || err.code === '23514') && err.constraint && byConstraint[err.constraint]) {
    const f = byConstraint[err.constraint];
    return new AppError(err.code === '23514' ? 'validation' : 'conflict', f.message, [f]);
  }
  return null;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let app: AppError | null = null;
  if (error instanceof AppError) app = error;
  else if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'Invalid',
      code: v.keyword,
    }));
    app = new AppError('validation', 'Some fields are invalid', fields);
  } else if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
    app = new AppError('too_large', 'The upload is too large');
  } else if (error.statusCode === 429) {
    app = new AppError('rate_limited', 'Too many requests; try again later');
  } else if (error.statusCode === 415 || (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    app = new AppError('unsupported_media_type', 'Unsupported content type');
  } else if ((error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.statusCode === 400) {
    app = new AppError('bad_request', error.message);
  } else {
    app = pgConstraintError(error as { code?: string; constraint?: string });
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
