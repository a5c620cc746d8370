import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every owner's tables: each module's schema.ts (people's roster has its own) and the platform's (the audit trail).
  schema: ['./src/server/modules/**/schema.ts', './src/server/platform/**/schema.ts'],
  out: './src/server/platform/db/migrations',
});
