// Accounts of a branch: list, create with a role, reset a password.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../../domain/enums.js';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { createUser, listUsers, resetPassword } from './service.js';
import { access, errors, noContent, operation } from '../../platform/openapi.js';

const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  roles: z.array(z.object({ role: z.string(), unitId: z.string(), unitName: z.string() })),
}).meta({ id: 'UserSummary' });

export async function userRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.get(
    '/api/users',
    {
      schema: {
        ...operation('listUsers', 'The accounts of a branch', access.read), tags: ['users'],
        querystring: z.strictObject({ unitId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(UserSummary) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listUsers(db, requireActor(request), request.query) }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        ...operation('createUser', 'Create an account with one role on a unit', access.write), tags: ['users'],
        body: z.strictObject({
          username: z.string().min(1).max(40),
          displayName: z.string().min(1).max(120),
          password: z.string().min(1).max(200),
          role: Role,
          unitId: z.uuid(),
          personId: z.uuid().nullish(),
          /** Where the account's e-mail notifications go (optional). */
          email: z.string().max(254).nullish(),
        }),
        response: { 201: z.object({ user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ user: await createUser(db, requireActor(request), request.body) }),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        ...operation('resetPassword', 'Set a new password for an account', access.write),
        response: { 204: noContent, ...errors(400, 401, 403, 404) },
        tags: ['users'],
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ password: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      await resetPassword(db, requireActor(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
}
