// Accounts of a branch: list, create with a role, reset a password.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../../domain/enums.js';
import type { Deps } from '../../app.js';
import { registerConstraints } from '../../platform/db-errors.js';
import { requireActor } from '../../platform/http.js';
import { userConstraints } from './constraints.js';
import { createUser, listUsers, resetPassword } from './service.js';

const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  roles: z.array(z.object({ role: z.string(), unitId: z.string(), unitName: z.string() })),
});

export async function userRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  registerConstraints(userConstraints);

  app.get(
    '/api/users',
    { schema: { tags: ['users'], querystring: z.strictObject({ unitId: z.uuid().optional() }), response: { 200: z.object({ items: z.array(UserSummary) }) } } },
    async (request) => ({ items: await listUsers(db, requireActor(request), request.query.unitId) }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        body: z.strictObject({
          username: z.string().min(1).max(40),
          displayName: z.string().min(1).max(120),
          password: z.string().min(1).max(200),
          role: Role,
          unitId: z.uuid(),
          personId: z.uuid().nullish(),
        }),
        response: { 201: z.object({ user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }) }) },
      },
    },
    async (request, reply) => reply.status(201).send({ user: await createUser(db, requireActor(request), request.body) }),
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], params: z.object({ id: z.uuid() }), body: z.strictObject({ password: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      await resetPassword(db, requireActor(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
}
