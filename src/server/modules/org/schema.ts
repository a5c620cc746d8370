// The tree of party organizations, effective-dated: a unit's identity (org_units) never changes; its name,
// parent and path live in versions whose [valid_from, valid_to) intervals never overlap.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Official administrative code where there is one (2-digit province, 5-digit commune); ours for cells. */
    code: text('code'),
    kind: text('kind', { enum: ['province', 'district', 'commune', 'ward', 'cell'] }).notNull(),
    cellKind: text('cell_kind', {
      enum: ['village', 'hamlet', 'residential_group', 'agency', 'school', 'enterprise', 'other'],
    }),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    /** Why the unit ended: merged, split, dissolved. */
    closedReason: text('closed_reason'),
    /** The unit(s) that took over, for merges and splits. */
    successorIds: uuid('successor_ids').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_code_idx').on(t.code),
    // "What was this unit formed from": the units whose successors include it.
    index('org_units_successors_idx').using('gin', t.successorIds),
  ],
);

export const orgUnitVersions = pgTable(
  'org_unit_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    parentId: uuid('parent_id').references(() => orgUnits.id),
    /** '/root/…/self/' of unit ids: "everything under X" is a prefix match. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [
    index('org_unit_versions_unit_idx').on(t.unitId, t.validFrom),
    index('org_unit_versions_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_unit_versions_parent_idx').on(t.parentId),
  ],
);

/**
 * The hooks org's trigger on org_unit_versions calls when units change (migrations `org_change_hooks`,
 * `org_change_hooks_registry`): one function `<module>_on_org_units_changed(uuid[])` a row, which a module registers
 * from its own migration with `SELECT org_register_change_hook('…')`. Registering rebuilds the one function that calls
 * them (`org_units_changed_hooks`), so a change of the tree reads no catalog and no table to find them.
 */
export const orgChangeHooks = pgTable('org_change_hooks', {
  hook: text('hook').primaryKey(),
});
