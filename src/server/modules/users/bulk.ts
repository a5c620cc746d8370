// users' tables as a bulk load may fill them (the demo seed, the national benchmark): COPY-able, in foreign-key
// order, with the row each takes. A loader writes accounts through this list only.
import { roleGrants, users } from './schema.js';

export type UserRow = typeof users.$inferInsert;
export type RoleGrantRow = typeof roleGrants.$inferInsert;

/** In foreign-key order (after org's and people's). */
export const usersBulkTables = { users, roleGrants } as const;
