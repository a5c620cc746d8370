// The audit trail: append-only, hash-chained (each event's hash covers the previous hash), so an edited or
// deleted event breaks the chain and `chibo audit verify` finds it.
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** Branch of the record, to show a unit's trail and to scope who may read it. */
    unitPath: text('unit_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_entity_idx').on(t.entityType, t.entityId, t.seq), index('audit_events_path_idx').on(t.unitPath)],
);

/**
 * A mark for each province (`root`: the first unit of a path) and kind of write (`scope`: the audit action's first
 * word, `meeting`, `person`…) that moves with every such write there; root `*` for the writes that reach across
 * provinces (the tree itself, a transfer, an event without a path). Kept by a trigger on audit_events (custom migration
 * `audit_roots_trigger`), inside the chain's lock, so it never waits on its own; a write the trail must not date (an
 * anonymous report) moves it with `markWrite`. A reader that keeps what it computed over a province (the warnings
 * list) knows from the marks whether anything it reads was written there since. A count, never a moment.
 */
export const auditRoots = pgTable(
  'audit_roots',
  {
    root: text('root').notNull(),
    scope: text('scope').notNull(),
    mark: bigint('mark', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.root, t.scope] })],
);
