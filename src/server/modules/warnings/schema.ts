// The warnings module's tables: the signals' settings per province, and the work on a warning (its state and notes).
// A warning itself is not stored: it is computed from the signals for a branch and a date. What is stored is what
// people did about it, keyed by its subject (a cell or a person), with the evidence it held when it was closed so
// that new evidence brings it back. Every date is a calendar day: no moment finer than a date.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';

/** A province's setting of one signal (a missing row: the signal's default). */
export const warningSettings = pgTable(
  'warning_settings',
  {
    provinceId: uuid('province_id').notNull().references(() => orgUnits.id),
    signalKey: text('signal_key').notNull(),
    threshold: integer('threshold').notNull(),
    windowDays: integer('window_days').notNull(),
    enabled: boolean('enabled').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceId, t.signalKey] }),
    check('warning_settings_threshold_check', sql`${t.threshold} BETWEEN 1 AND 3650`),
    check('warning_settings_window_check', sql`${t.windowDays} BETWEEN 1 AND 3650`),
  ],
);

/** The work on one warning, made on its first acknowledgement, note, follow-up or close. */
export const warningStates = pgTable(
  'warning_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `cell:<unit id>` or `person:<person id>`: what the warning is about. */
    subjectKey: text('subject_key').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'closed'] }).notNull().default('open'),
    acknowledgedOn: date('acknowledged_on'),
    acknowledgedBy: uuid('acknowledged_by'),
    followUpUserId: uuid('follow_up_user_id'),
    followUpBy: date('follow_up_by'),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    /** The evidence the warning held when closed (`<signal>:<evidence id or since>`): more than this reopens it. */
    closedEvidence: text('closed_evidence').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex('warning_states_subject_key').on(t.subjectKey)],
);

export const warningNotes = pgTable(
  'warning_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateId: uuid('state_id').notNull().references(() => warningStates.id),
    seq: integer('seq').notNull(),
    on: date('on').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('warning_notes_state_seq_key').on(t.stateId, t.seq)],
);

/**
 * The work on a warning as it stood from a day on: a copy of the state row after each change (acknowledge, follow-up,
 * close, a merge carrying it), with the day of the change. The list for a past day reads the last copy on or before
 * it (a warning without one was open then). Days only, never a moment.
 */
export const warningStateDays = pgTable(
  'warning_state_days',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subjectKey: text('subject_key').notNull(),
    on: date('on').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'closed'] }).notNull(),
    acknowledgedOn: date('acknowledged_on'),
    followUpUserId: uuid('follow_up_user_id'),
    followUpBy: date('follow_up_by'),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    closedEvidence: text('closed_evidence').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('warning_state_days_subject_idx').on(t.subjectKey, t.on, t.seq)],
);
