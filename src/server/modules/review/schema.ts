// The yearly review: criteria template sets (data, per province and year), cycles, the people and cells taking
// part (a snapshot of the roster on the reference date), and one row per step: self-assessment, the cell's
// appraisal, the decision one level up, and re-checks of contested decisions. Nothing is overwritten.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CapRule, Template } from '../../../domain/review.js';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

const levels = ['excellent', 'good', 'completed', 'not_completed'] as const;

export const reviewTemplateSets = pgTable(
  'review_template_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The province whose criteria these are. */
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    year: integer('year').notNull(),
    cap: jsonb('cap').$type<CapRule>().notNull(),
    templates: jsonb('templates').$type<Template[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('review_template_sets_unit_year_key').on(t.unitId, t.year)],
);

export const reviewCycles = pgTable(
  'review_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit that opened the cycle (the province); its path scopes who sees the cycle. */
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['yearly', 'term', 'quarter', 'ad_hoc'] }).notNull(),
    title: text('title').notNull(),
    branchIds: uuid('branch_ids').array().notNull(),
    /** Paths of the participating branches on the reference date. */
    branchPaths: text('branch_paths').array().notNull(),
    referenceDate: date('reference_date').notNull(),
    selfDue: date('self_due').notNull(),
    cellDue: date('cell_due').notNull(),
    decisionDue: date('decision_due').notNull(),
    complaintDays: integer('complaint_days').notNull().default(15),
    templateSetId: uuid('template_set_id').notNull().references(() => reviewTemplateSets.id),
    /** The templates and cap as they were when the cycle opened: later edits of the set do not change it. */
    cap: jsonb('cap').$type<CapRule>().notNull(),
    templates: jsonb('templates').$type<Template[]>().notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    /** 'import': results of a year before chibo, read from Excel (a closed cycle holding only decisions). */
    source: text('source', { enum: ['chibo', 'import'] }).notNull().default('chibo'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_cycles_year_idx').on(t.year)],
);

export const reviewParticipants = pgTable(
  'review_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id').notNull().references(() => reviewCycles.id),
    kind: text('kind', { enum: ['person', 'cell'] }).notNull(),
    /** Null for the cell itself. */
    personId: uuid('person_id').references(() => people.id),
    fullName: text('full_name'),
    /** The cell (for a person: their cell on the reference date). */
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    unitName: text('unit_name').notNull(),
    unitPath: text('unit_path').notNull(),
    /** The grassroots organization (commune or ward) the cap is counted in. */
    communeId: uuid('commune_id').notNull().references(() => orgUnits.id),
    group: text('group', { enum: ['secretary', 'member_2c', 'member_2ab', 'cell'] }).notNull(),
  },
  (t) => [
    uniqueIndex('review_participants_person_key').on(t.cycleId, t.personId).where(sql`${t.personId} IS NOT NULL`),
    uniqueIndex('review_participants_cell_key').on(t.cycleId, t.unitId).where(sql`${t.kind} = 'cell'`),
    index('review_participants_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`),
    index('review_participants_commune_idx').on(t.cycleId, t.communeId),
  ],
);

export const reviewSelfAssessments = pgTable(
  'review_self_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id').notNull().references(() => reviewParticipants.id),
    scores: jsonb('scores').$type<{ code: string; points: number; note: string }[]>().notNull(),
    total: integer('total').notNull(),
    tasksTotal: integer('tasks_total').notNull(),
    tasksLate: integer('tasks_late').notNull(),
    tasksExceeding: integer('tasks_exceeding').notNull(),
    disciplined: boolean('disciplined').notNull(),
    shortcomingsFixed: boolean('shortcomings_fixed').notNull(),
    summary: text('summary').notNull().default(''),
    /** The level the score and conditions allow, computed when saved. */
    allowedLevel: text('allowed_level', { enum: levels }).notNull(),
    filledBy: uuid('filled_by'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_self_assessments_one_key').on(t.participantId),
    check('review_self_assessments_total_range', sql`${t.total} BETWEEN 0 AND 100`),
    check('review_self_assessments_tasks', sql`${t.tasksLate} <= ${t.tasksTotal} AND ${t.tasksExceeding} <= ${t.tasksTotal}`),
  ],
);

export const reviewAppraisals = pgTable(
  'review_appraisals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id').notNull().references(() => reviewParticipants.id),
    meetingDate: date('meeting_date').notNull(),
    present: integer('present').notNull(),
    votesFor: integer('votes_for').notNull(),
    votesAgainst: integer('votes_against').notNull(),
    proposedLevel: text('proposed_level', { enum: levels }).notNull(),
    comment: text('comment').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('review_appraisals_one_key').on(t.participantId)],
);

export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id').notNull().references(() => reviewParticipants.id),
    level: text('level', { enum: levels }).notNull(),
    reason: text('reason').notNull().default(''),
    /** 'decision' first; a 'recheck' after a complaint supersedes the one before it. */
    kind: text('kind', { enum: ['decision', 'recheck'] }).notNull().default('decision'),
    /** The score of an imported past result (a result made in chibo has its score on the self-assessment). */
    score: integer('score'),
    supersededBy: uuid('superseded_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One decision in force per participant; the others are superseded.
    uniqueIndex('review_decisions_current_key').on(t.participantId).where(sql`${t.supersededBy} IS NULL`),
  ],
);

export const reviewComplaints = pgTable(
  'review_complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id').notNull().references(() => reviewParticipants.id),
    /** The decision contested. */
    decisionId: uuid('decision_id').notNull().references(() => reviewDecisions.id),
    reason: text('reason').notNull(),
    filedBy: uuid('filed_by'),
    onBehalf: boolean('on_behalf').notNull().default(false),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The re-check that answered the complaint; null while it waits. */
    recheckId: uuid('recheck_id').references(() => reviewDecisions.id),
  },
  // One complaint per person (or cell) per cycle.
  (t) => [uniqueIndex('review_complaints_one_key').on(t.participantId)],
);
