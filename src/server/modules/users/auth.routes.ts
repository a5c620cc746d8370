// Sign in, who am I, sign out, sign out everywhere, language.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { SecondStepSchema, SessionSchema, presentSession } from './presenter.js';
import { closeSession, resolveSession, SESSION_COOKIE } from './sessions.js';
import { login, logoutEverywhere, ownEmail, setLocale, setOwnEmail } from './service.js';
import { CHALLENGE_SECONDS, completeSignIn } from './twofactor.js';
import { access, errors, noContent, operation } from '../../platform/openapi.js';

export async function authRoutes(scope: FastifyInstance, { database, config }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.session.secureCookies };

  app.post(
    '/api/auth/login',
    {
      // Per address; the per-account lock in the service stops slow guessing from many addresses.
      config: { public: true, rateLimit: { max: config.signInsPerMinute, timeWindow: '1 minute' } },
      schema: {
        ...operation('signIn', 'Sign in with a username and password; sets the session cookie, or asks for a second step (a TOTP code)', access.anyone), tags: ['auth'],
        body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.union([SessionSchema, SecondStepSchema]), ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const next = await login(db, config, request.body);
      if ('challenge' in next) return { secondStep: 'totp' as const, challenge: next.challenge, expiresInSeconds: CHALLENGE_SECONDS };
      reply.setCookie(SESSION_COOKIE, next.session.token, { ...cookieOptions, maxAge: config.session.maxHours * 3600 });
      const session = await resolveSession(db, next.session.token, config.session);
      return presentSession(session!);
    },
  );

  app.post(
    '/api/auth/login/second-step',
    {
      // Per address; wrong codes also lock the account's second step (twofactor.ts).
      config: { public: true, rateLimit: { max: config.signInsPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'signInSecondStep',
        summary: 'Complete a sign-in with a TOTP code or a recovery code; sets the session cookie',
        security: access.anyone,
        tags: ['auth'],
        body: z.strictObject({
          challenge: z.string().min(1).max(500),
          code: z.string().max(20).optional(),
          recoveryCode: z.string().max(40).optional(),
        }),
        response: { 200: SessionSchema, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { token } = await completeSignIn(db, config, request.body);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.session.maxHours * 3600 });
      const session = await resolveSession(db, token, config.session);
      return presentSession(session!);
    },
  );

  app.get('/api/auth/me', {
    config: { enrolment: true },
    schema: {
      ...operation('getSession', 'The signed-in user, their roles and the CSRF token', access.read), tags: ['auth'],
      response: { 200: SessionSchema, ...errors(401) },
    },
  }, async (request) => {
    if (!request.session) throw new AppError('unauthenticated', 'Please sign in');
    return presentSession(request.session);
  });

  app.patch(
    '/api/auth/me',
    {
      config: { enrolment: true },
      schema: {
        ...operation('changeLocale', 'Change the language of the signed-in user', access.write), tags: ['auth'],
        body: z.strictObject({ locale: z.enum(['vi', 'en']) }),
        response: { 200: SessionSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setLocale(db, actor, request.body);
      return presentSession({ ...request.session!, user: { ...request.session!.user, locale: request.body.locale } });
    },
  );

  const OwnEmail = z.object({ email: z.string().nullable() }).meta({ id: 'OwnEmail' });
  app.get('/api/auth/me/email', {
    schema: {
      ...operation('getOwnEmail', "The signed-in user's e-mail address (where e-mail notifications go)", access.read), tags: ['auth'],
      response: { 200: OwnEmail, ...errors(401) },
    },
  }, async (request) => ownEmail(db, requireActor(request)));

  app.put('/api/auth/me/email', {
    schema: {
      ...operation('setOwnEmail', "Set or clear the signed-in user's e-mail address", access.write), tags: ['auth'],
      body: z.strictObject({ email: z.string().max(254).nullable() }),
      response: { 200: OwnEmail, ...errors(400, 401, 403, 409) },
    },
  }, async (request) => setOwnEmail(db, requireActor(request), request.body));

  app.post('/api/auth/logout', {
    config: { public: true },
    schema: {
      ...operation('signOut', 'Sign out: end this session and clear its cookie', access.anyoneOrWrite),
      response: { 204: noContent, ...errors(403) },
      tags: ['auth'],
    },
  }, async (request, reply) => {
    if (request.session) await closeSession(db, request.session.sessionId);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.post('/api/auth/logout-all', {
    config: { enrolment: true },
    schema: {
      ...operation('signOutEverywhere', 'End every session of the signed-in user', access.write),
      response: { 204: noContent, ...errors(401, 403) },
      tags: ['auth'],
    },
  }, async (request, reply) => {
    await logoutEverywhere(db, requireActor(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });
}
