// people's tables as a bulk load may fill them (the demo seed, the national benchmark): COPY-able, in foreign-key
// order, with the row each takes. A loader writes people's rows through this list only.
import { concurrentPosts, equipmentIssues, memberships, people, positionTerms } from './schema.js';

export type PersonRow = typeof people.$inferInsert;
export type MembershipRow = typeof memberships.$inferInsert;
export type PositionTermRow = typeof positionTerms.$inferInsert;
export type ConcurrentPostRow = typeof concurrentPosts.$inferInsert;
export type EquipmentIssueRow = typeof equipmentIssues.$inferInsert;

/** In foreign-key order (after org's). */
export const peopleBulkTables = { people, memberships, positionTerms, concurrentPosts, equipmentIssues } as const;
