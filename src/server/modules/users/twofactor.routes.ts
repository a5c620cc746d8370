// Two-factor sign-in of the signed-in user (status, enrolment, recovery codes, turning it off) and its reset by
// someone above them. The enrolment routes say `enrolment: true`: a session limited to enrolment reaches them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { access, errors, noContent } from '../../platform/openapi.js';
import { SessionSchema, presentSession } from './presenter.js';
import { closeSession, openSession, resolveSession, SESSION_COOKIE } from './sessions.js';
import {
  confirmEnrolment,
  disableOwnTwoFactor,
  regenerateRecoveryCodes,
  resetTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from './twofactor.js';

const TwoFactorStatus = z
  .object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: 'TwoFactorStatus' });
const Enrolment = z
  .object({
    uri: z.string().describe('otpauth:// URI for an authenticator app'),
    secret: z.string().describe('The same key in base32, to type in by hand'),
    qrSvg: z.string().describe('The URI as a QR code, SVG'),
    digits: z.number().int(),
    period: z.number().int(),
  })
  .meta({ id: 'TwoFactorEnrolment' });
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodes' });
const CodeBody = z.strictObject({ code: z.string().min(1).max(20) });

export async function twoFactorRoutes(scope: FastifyInstance, { database, config }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.session.secureCookies };

  app.get('/api/auth/two-factor', {
    config: { enrolment: true },
    schema: {
      operationId: 'getTwoFactor',
      summary: 'Whether the signed-in user has two-factor sign-in, must have it, and how many recovery codes are left',
      security: access.read,
      tags: ['auth'],
      response: { 200: TwoFactorStatus, ...errors(401) },
    },
  }, async (request) => twoFactorStatus(db, config, requireActor(request)));

  app.post('/api/auth/two-factor/enrol', {
    config: { enrolment: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'startTwoFactorEnrolment',
      summary: 'A new TOTP secret for the signed-in user (pending until confirmed with a first code)',
      security: access.write,
      tags: ['auth'],
      response: { 200: Enrolment, ...errors(401, 403, 409, 429) },
    },
  }, async (request) => startEnrolment(db, config, requireActor(request), request.session!.user.username));

  app.post('/api/auth/two-factor/confirm', {
    config: { enrolment: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'confirmTwoFactorEnrolment',
      summary: 'Turn two-factor sign-in on with a first code; answers the ten recovery codes (shown once) and the session',
      security: access.write,
      tags: ['auth'],
      body: CodeBody,
      response: { 200: z.object({ recoveryCodes: z.array(z.string()), session: SessionSchema }), ...errors(400, 401, 403, 409, 429) },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const recoveryCodes = await confirmEnrolment(db, config, actor, request.body);
    let session = request.session!;
    if (session.limited) {
      // The session limited to enrolment gives way to a full one (a new token and CSRF token).
      await closeSession(db, session.sessionId);
      const { token } = await openSession(db, actor.userId!, config.session);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.session.maxHours * 3600 });
      session = (await resolveSession(db, token, config.session))!;
    }
    return { recoveryCodes, session: presentSession(session) };
  });

  app.post('/api/auth/two-factor/recovery-codes', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'regenerateRecoveryCodes',
      summary: 'Ten new recovery codes against a current code; the old ones stop working',
      security: access.write,
      tags: ['auth'],
      body: CodeBody,
      response: { 200: RecoveryCodes, ...errors(400, 401, 403, 409, 429) },
    },
  }, async (request) => ({ recoveryCodes: await regenerateRecoveryCodes(db, config, requireActor(request), request.body) }));

  app.post('/api/auth/two-factor/disable', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'disableTwoFactor',
      summary: 'Turn one’s own two-factor sign-in off against a current code (not for a role that must have it)',
      security: access.write,
      tags: ['auth'],
      body: CodeBody,
      response: { 204: noContent, ...errors(400, 401, 403, 409, 429) },
    },
  }, async (request, reply) => {
    await disableOwnTwoFactor(db, config, requireActor(request), request.body);
    return reply.status(204).send();
  });

  app.post('/api/users/:id/reset-two-factor', {
    schema: {
      operationId: 'resetUserTwoFactor',
      summary: 'Turn off the two-factor sign-in of an account below you (a lost phone); ends its sessions',
      security: access.write,
      tags: ['users'],
      params: z.object({ id: z.uuid() }),
      response: { 204: noContent, ...errors(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await resetTwoFactor(db, requireActor(request), request.params.id);
    return reply.status(204).send();
  });
}
