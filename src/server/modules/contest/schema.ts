// The excellent-secretary contest: one contest a year, its rounds (commune → province) with their rules as data,
// the candidates (cell secretaries), the judges assigned to a round, the question bank, each candidate's one test
// attempt (the seed of its draw kept) with every answer, the judges' score sheets, and the per-cell counts the
// dashboard reads (kept by triggers, migration contest_triggers).
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Award, Criterion, Quota, RoundRules } from '../../../domain/contest.js';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';
import { users } from '../users/schema.js';

export const contests = pgTable(
  'contests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The organizing unit (the province): its branch is where the contest runs. */
    organizerUnitId: uuid('organizer_unit_id').notNull().references(() => orgUnits.id),
    awards: jsonb('awards').$type<Award[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('contests_year_key').on(t.year)],
);

export const contestRounds = pgTable(
  'contest_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contestId: uuid('contest_id').notNull().references(() => contests.id),
    level: text('level', { enum: ['commune', 'province'] }).notNull(),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    rules: jsonb('rules').$type<RoundRules>().notNull(),
  },
  (t) => [index('contest_rounds_contest_idx').on(t.contestId), check('contest_rounds_period', sql`${t.closesAt} > ${t.opensAt}`)],
);

export const contestJudges = pgTable(
  'contest_judges',
  {
    roundId: uuid('round_id').notNull().references(() => contestRounds.id),
    userId: uuid('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index('contest_judges_user_idx').on(t.userId)],
);

export const contestCandidates = pgTable(
  'contest_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => contestRounds.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** The cell the person was secretary of when registered, its path then, and its commune. */
    cellId: uuid('cell_id').notNull().references(() => orgUnits.id),
    cellPath: text('cell_path').notNull(),
    communeId: uuid('commune_id').notNull().references(() => orgUnits.id),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    /** Written when the results are published. */
    rank: integer('rank'),
    total: numeric('total', { mode: 'number' }),
    award: text('award', { enum: ['first', 'second', 'third', 'consolation'] }),
  },
  (t) => [uniqueIndex('contest_candidates_person_key').on(t.roundId, t.personId), index('contest_candidates_cell_idx').on(t.cellId)],
);

export const contestQuestions = pgTable(
  'contest_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: text('category', { enum: ['resolutions', 'charter', 'party_building', 'situations'] }).notNull(),
    difficulty: text('difficulty', { enum: ['easy', 'medium', 'hard'] }).notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    correct: jsonb('correct').$type<number[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contest_questions_pool_idx').on(t.category, t.difficulty)],
);

export const contestAttempts = pgTable(
  'contest_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** One attempt per candidate: the unique key makes 20 starts at once one attempt. */
    candidateId: uuid('candidate_id').notNull().references(() => contestCandidates.id),
    /** The draw's seed and what it drew (in order), so the draw can be replayed on appeal. */
    seed: integer('seed').notNull(),
    questionIds: uuid('question_ids').array().notNull(),
    quotas: jsonb('quotas').$type<Quota[]>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Right answers / questions, on 100; written when the test is finished (or scored after the deadline). */
    score: numeric('score', { mode: 'number' }),
  },
  (t) => [uniqueIndex('contest_attempts_candidate_key').on(t.candidateId)],
);

export const contestAnswers = pgTable(
  'contest_answers',
  {
    attemptId: uuid('attempt_id').notNull().references(() => contestAttempts.id),
    questionId: uuid('question_id').notNull().references(() => contestQuestions.id),
    chosen: jsonb('chosen').$type<number[]>().notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const contestScores = pgTable(
  'contest_scores',
  {
    candidateId: uuid('candidate_id').notNull().references(() => contestCandidates.id),
    judgeUserId: uuid('judge_user_id').notNull().references(() => users.id),
    points: jsonb('points').$type<Record<string, number>>().notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    total: numeric('total', { mode: 'number' }).notNull(),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One score sheet per judge and candidate: scoring twice is refused by the key, even when sent twice at once.
  (t) => [primaryKey({ columns: [t.candidateId, t.judgeUserId] })],
);

/** Per contest year and cell: candidates registered in the commune round and awards won. Kept by triggers. */
export const contestCellStats = pgTable(
  'contest_cell_stats',
  {
    year: integer('year').notNull(),
    cellId: uuid('cell_id').notNull().references(() => orgUnits.id),
    candidates: integer('candidates').notNull().default(0),
    tested: integer('tested').notNull().default(0),
    awarded: integer('awarded').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.cellId] }), index('contest_cell_stats_cell_idx').on(t.cellId, t.year)],
);
