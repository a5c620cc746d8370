// org's tables as a bulk load may fill them (the demo seed, the national benchmark): COPY-able, in foreign-key
// order, with the row each takes. A loader writes org's rows through this list only; org stays free to change how
// they are stored as long as it keeps the list true.
import { orgUnits, orgUnitVersions } from './schema.js';

export type OrgUnitRow = typeof orgUnits.$inferInsert;
export type OrgUnitVersionRow = typeof orgUnitVersions.$inferInsert;

/** In foreign-key order. */
export const orgBulkTables = { orgUnits, orgUnitVersions } as const;
