import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/module.js';
import { access, operation } from '../../platform/openapi.js';

export async function healthRoutes(app: FastifyInstance, { database }: Deps) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        ...operation('getHealth', 'Check that the server and its database answer', access.anyone), tags: ['health'],
        response: { 200: z.object({ status: z.literal('ok'), db: z.literal('ok') }) },
      },
    },
    async () => {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ok' as const, db: 'ok' as const };
    },
  );
}
