// Supervision cases and what hangs off them. Nothing here holds an address, a browser, an account of an anonymous
// reporter or a time of day: every date is a calendar day, ordering within a case is a sequence number.
import { boolean, customType, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const supervisionCases = pgTable(
  'supervision_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The case's own number, one sequence for the database: what warnings and officers cite ("#12"), never a row index. */
    number: integer('number').generatedAlwaysAsIdentity().notNull(),
    category: text('category', { enum: ['suggestion', 'criticism', 'complaint', 'denunciation'] }).notNull(),
    subject: text('subject', { enum: ['cell', 'secretary', 'committee_member', 'village'] }).notNull(),
    /** The cell of the place chosen; the cell the report is about. */
    cellId: uuid('cell_id').notNull().references(() => orgUnits.id),
    /** The secretary on the day received, when the report is about the secretary. */
    subjectPersonId: uuid('subject_person_id').references(() => people.id),
    route: text('route', { enum: ['commune', 'inspection'] }).notNull(),
    /** The unit whose committee (or inspection committee) handles the case; its path is the case's branch. */
    handlingUnitId: uuid('handling_unit_id').notNull().references(() => orgUnits.id),
    content: text('content').notNull(),
    anonymous: boolean('anonymous').notNull(),
    reporterName: text('reporter_name'),
    reporterContact: text('reporter_contact'),
    /** A signed-in member who reported under their name; always null for an anonymous report. */
    reporterUserId: uuid('reporter_user_id'),
    /** The member's person record, for a named report from inside; always null for an anonymous report. */
    reporterPersonId: uuid('reporter_person_id').references(() => people.id),
    status: text('status', { enum: ['received', 'accepted', 'declined', 'verifying', 'concluded', 'closed'] }).notNull().default('received'),
    receivedOn: date('received_on').notNull(),
    acknowledgeBy: date('acknowledge_by').notNull(),
    concludeBy: date('conclude_by').notNull(),
    extensionReason: text('extension_reason'),
    conclusion: text('conclusion', { enum: ['unfounded', 'partly_founded', 'founded'] }),
    measure: text('measure', { enum: ['none', 'reminder', 'criticism', 'discipline_proposed', 'referred'] }),
    concludedOn: date('concluded_on'),
    /** First 128 bits of sha256 of the receipt code: finds the case without scanning; the slow hash proves it. */
    /** The day the deadline sweep escalated the overdue case, and the unit above it was escalated to (once). */
    escalatedOn: date('escalated_on'),
    escalatedToUnitId: uuid('escalated_to_unit_id').references(() => orgUnits.id),
    /** Cases an officer linked as the same matter share this id; null when not linked. */
    matterId: uuid('matter_id'),
    receiptLookup: text('receipt_lookup').notNull(),
    receiptHash: text('receipt_hash').notNull(),
  },
  (t) => [
    uniqueIndex('supervision_cases_receipt_lookup_key').on(t.receiptLookup),
    index('supervision_cases_cell_idx').on(t.cellId),
    index('supervision_cases_handling_idx').on(t.handlingUnitId, t.status),
    index('supervision_cases_matter_idx').on(t.matterId),
    uniqueIndex('supervision_cases_number_key').on(t.number),
    index('supervision_cases_received_idx').on(t.receivedOn),
  ],
);

/** received → accepted/declined → verifying → concluded → closed: who, which day, and a note. */
export const supervisionTransitions = pgTable(
  'supervision_transitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => supervisionCases.id),
    seq: integer('seq').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    on: date('on').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    note: text('note'),
    /** Set on the history entry the deadline sweep writes when it escalates the case (the status is unchanged). */
    escalatedToUnitId: uuid('escalated_to_unit_id').references(() => orgUnits.id),
  },
  (t) => [uniqueIndex('supervision_transitions_case_seq_key').on(t.caseId, t.seq)],
);

/** The conversation the reporter sees: officers' questions and public replies, the reporter's answers. */
export const supervisionMessages = pgTable(
  'supervision_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => supervisionCases.id),
    seq: integer('seq').notNull(),
    author: text('author', { enum: ['reporter', 'officer'] }).notNull(),
    kind: text('kind', { enum: ['question', 'answer', 'reply'] }).notNull(),
    on: date('on').notNull(),
    /** The officer who wrote it; null for the reporter. */
    byUserId: uuid('by_user_id'),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('supervision_messages_case_seq_key').on(t.caseId, t.seq)],
);

/** Files sent with a report, stored after their metadata was stripped, under a name we give them. */
export const supervisionAttachments = pgTable(
  'supervision_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => supervisionCases.id),
    seq: integer('seq').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [index('supervision_attachments_case_idx').on(t.caseId)],
);

/**
 * The rules of the channel as data: deadlines per category, the extension, the early-warning thresholds. One row
 * per rule key (see `supervisionRuleKeys` in the domain); a key without a row takes its default.
 */
export const supervisionRules = pgTable('supervision_rules', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * The early-warning signals' view of each case (derived data, docs/decisions/0005-fast-figures.md's pattern): the
 * days on which it still speaks against its cell, kept by triggers from the case and its history (migration
 * `supervision_signal_triggers`), so that a signal reads indexed rows by the cells under a branch on a day instead
 * of replaying every case's history. A case's status only moves forward (domain/supervision.ts `transitions`), so
 * each span is one interval: pending from its receipt until `pendingTo`, unacknowledged until `unackedTo` (null:
 * still), counted as founded from `foundedFrom` (null: never). `SELECT supervision_signal_refresh(array_agg(id))
 * FROM supervision_cases` rebuilds it.
 */
export const supervisionSignalCases = pgTable(
  'supervision_signal_cases',
  {
    caseId: uuid('case_id').primaryKey().references(() => supervisionCases.id, { onDelete: 'cascade' }),
    cellId: uuid('cell_id').notNull(),
    receivedOn: date('received_on').notNull(),
    pendingTo: date('pending_to'),
    unackedTo: date('unacked_to'),
    foundedFrom: date('founded_from'),
  },
  (t) => [index('supervision_signal_cases_cell_idx').on(t.cellId, t.receivedOn)],
);

/**
 * The cells a case was about, by day, when a merge moved it (rehome.ts): one row per move, `fromCell` until
 * `movedOn` and `toCell` from it. An open case's own `cell_id` changes with the move; a founded one keeps its record
 * (concluded as it was) and only gets this row. A case's cell on a day: the `toCell` of its last move by then, else
 * the `fromCell` of its first move, else its own `cell_id` — what the signals count it under, so a list read for a day
 * before a merge shows the case under the old cell, and from the merge day under the successor.
 */
export const supervisionCaseMoves = pgTable(
  'supervision_case_moves',
  {
    caseId: uuid('case_id').notNull().references(() => supervisionCases.id, { onDelete: 'cascade' }),
    movedOn: date('moved_on').notNull(),
    fromCell: uuid('from_cell').notNull().references(() => orgUnits.id),
    toCell: uuid('to_cell').notNull().references(() => orgUnits.id),
  },
  (t) => [uniqueIndex('supervision_case_moves_key').on(t.caseId, t.movedOn), index('supervision_case_moves_from_idx').on(t.fromCell), index('supervision_case_moves_to_idx').on(t.toCell)],
);
