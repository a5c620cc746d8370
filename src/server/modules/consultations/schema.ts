// Village consultations: the question and its options, who is eligible, the answers by origin (a member online, a
// ballot code), the ballot codes (hashes only, linked to no person and no answer), the room's tally and its change
// log, the documents, the consensus thresholds (data), and one stats row per consultation for the dashboard.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The village (a cell) or the commune the question is put to. */
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    /** The unit's path on the opening day: lists are scoped by it (an indexed prefix match). */
    unitPath: text('unit_path').notNull(),
    unitKind: text('unit_kind', { enum: ['cell', 'commune'] }).notNull(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    membersEligible: boolean('members_eligible').notNull(),
    /** The members counted from the registry on the opening day (their list is consultation_members). */
    eligibleMembers: integer('eligible_members').notNull(),
    /** Households of the village, a number entered by who opens it. */
    households: integer('households').notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    decision: text('decision'),
    followUp: text('follow_up'),
    decidedOn: date('decided_on'),
    codesIssued: integer('codes_issued').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`),
    index('consultations_unit_idx').on(t.unitId, t.closesOn),
    // The same question put to the same unit from the same day twice is one consultation (a form sent twice).
    uniqueIndex('consultations_same_question').on(t.unitId, t.opensOn, t.title),
    check('consultations_dates', sql`${t.closesOn} >= ${t.opensOn}`),
    check('consultations_counts', sql`${t.eligibleMembers} >= 0 AND ${t.households} >= 0 AND ${t.codesIssued} >= 0 AND ${t.codesIssued} <= ${t.households}`),
  ],
);

export const consultationOptions = pgTable(
  'consultation_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('consultation_options_position_key').on(t.consultationId, t.position), uniqueIndex('consultation_options_label_key').on(t.consultationId, t.label)],
);

/** The members eligible to answer with their account: the cells' members on the opening day. */
export const consultationMembers = pgTable(
  'consultation_members',
  {
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    personId: uuid('person_id').notNull().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.personId] })],
);

/**
 * One answer: a member online (person_id set, one per member by a unique index) or a ballot code (no person, and
 * no reference to the code). The room's answers are the tally's counts. Dates only: no time of day.
 */
export const consultationAnswers = pgTable(
  'consultation_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    optionId: uuid('option_id').notNull().references(() => consultationOptions.id),
    origin: text('origin', { enum: ['online', 'code'] }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    answeredOn: date('answered_on').notNull(),
  },
  (t) => [
    uniqueIndex('consultation_answers_one_per_member').on(t.consultationId, t.personId),
    index('consultation_answers_consultation_idx').on(t.consultationId, t.optionId),
    check('consultation_answers_origin', sql`(${t.origin} = 'online') = (${t.personId} IS NOT NULL)`),
  ],
);

/**
 * One-time ballot codes: only a hash of each (the code itself is printed once, on the sheet, and kept nowhere).
 * Nothing here names a person, and an answer does not refer to the code it was given with.
 */
export const consultationBallots = pgTable(
  'consultation_ballots',
  {
    codeHash: text('code_hash').primaryKey(),
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    usedOn: date('used_on'),
  },
  (t) => [index('consultation_ballots_consultation_idx').on(t.consultationId)],
);

/** The in-person meeting's tally (hands or paper ballots), entered by the secretary: one per consultation. */
export const consultationTallies = pgTable(
  'consultation_tallies',
  {
    consultationId: uuid('consultation_id').primaryKey().references(() => consultations.id),
    method: text('method', { enum: ['hands', 'paper'] }).notNull(),
    heldOn: date('held_on').notNull(),
    present: integer('present').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('consultation_tallies_present', sql`${t.present} >= 0`)],
);

export const consultationTallyCounts = pgTable(
  'consultation_tally_counts',
  {
    consultationId: uuid('consultation_id').notNull().references(() => consultationTallies.consultationId),
    optionId: uuid('option_id').notNull().references(() => consultationOptions.id),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.optionId] }), check('consultation_tally_counts_count', sql`${t.count} >= 0`)],
);

/** Every change of a tally: who, why, before and after. */
export const consultationTallyLog = pgTable(
  'consultation_tally_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    version: integer('version').notNull(),
    /** The phone's id of the entry: the same entry sent twice (the outbox replaying it) is applied once. */
    commandId: uuid('command_id').notNull(),
    changedBy: uuid('changed_by'),
    changedByName: text('changed_by_name'),
    reason: text('reason').notNull(),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultation_tally_log_version_key').on(t.consultationId, t.version), uniqueIndex('consultation_tally_log_command_key').on(t.commandId)],
);

export const consultationDocuments = pgTable(
  'consultation_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id').notNull().references(() => consultations.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [index('consultation_documents_consultation_idx').on(t.consultationId)],
);

/** The consensus levels: the leading option's share of the answers must reach min_share (%). Seeded; data. */
export const consultationConsensusLevels = pgTable('consultation_consensus_levels', {
  code: text('code').primaryKey(),
  minShare: numeric('min_share', { mode: 'number' }).notNull(),
});

/**
 * The other threshold, one row for the whole database: the minimum turnout (% of the eligible who answered) below
 * which a result reads "not enough participation". Seeded (0: none) by the migration consultations_turnout.
 */
export const consultationSettings = pgTable(
  'consultation_settings',
  {
    id: boolean('id').primaryKey().default(true),
    minTurnout: numeric('min_turnout', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('consultation_settings_one_row', sql`${t.id}`), check('consultation_settings_turnout', sql`${t.minTurnout} >= 0 AND ${t.minTurnout} <= 100`)],
);

/**
 * Per consultation, what the dashboard sums: kept by triggers on the consultation, its answers and its tally
 * (the custom migration consultations_triggers), read by figures.ts in one indexed statement.
 */
export const consultationStats = pgTable(
  'consultation_stats',
  {
    consultationId: uuid('consultation_id').primaryKey().references(() => consultations.id),
    unitId: uuid('unit_id').notNull(),
    closesOn: date('closes_on').notNull(),
    eligible: integer('eligible').notNull(),
    participants: integer('participants').notNull(),
    consensus: boolean('consensus').notNull(),
  },
  (t) => [index('consultation_stats_unit_idx').on(t.unitId, t.closesOn)],
);
