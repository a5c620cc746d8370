// Cell meetings: the plan and record of each meeting, its materials, invitations, attendance, action items, the
// quality template (data), and the commands phones sent (deduplicated by their id).
import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The numbers of Chỉ thị 50 / 42-HD as data: one row (id = 1), corrected by the province when the rule changes. */
export const meetingRules = pgTable('meeting_rules', {
  id: integer('id').primaryKey(),
  materialsDaysBefore: integer('materials_days_before').notNull(),
  resolutionDaysAfter: integer('resolution_days_after').notNull(),
  largeCellMembers: integer('large_cell_members').notNull(),
  minMinutesSmall: integer('min_minutes_small').notNull(),
  minMinutesLarge: integer('min_minutes_large').notNull(),
  regularPerMonth: integer('regular_per_month').notNull(),
  thematicPerQuarter: integer('thematic_per_quarter').notNull(),
  /** A meeting planned this many days ago and not recorded reminds the secretary; after the second, the commune. */
  remindSecretaryAfterDays: integer('remind_secretary_after_days').notNull(),
  remindCommuneAfterDays: integer('remind_commune_after_days').notNull(),
});

/** The quality score's criteria (42-HD: time, attendance, preparation, conduct, chairing, principles, results, closing). */
export const meetingQualityCriteria = pgTable(
  'meeting_quality_criteria',
  {
    template: text('template').notNull(),
    code: text('code').notNull(),
    labelVi: text('label_vi').notNull(),
    labelEn: text('label_en').notNull(),
    maxPoints: integer('max_points').notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [primaryKey({ columns: [t.template, t.code] })],
);

/** The bands of a total: Good ≥ 90, Fair ≥ 70, Average ≥ 50, Weak otherwise. */
export const meetingQualityBands = pgTable(
  'meeting_quality_bands',
  {
    template: text('template').notNull(),
    code: text('code').notNull(),
    minScore: integer('min_score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.template, t.code] })],
);

export const cellMeetings = pgTable(
  'cell_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cellId: uuid('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind', { enum: ['regular', 'thematic'] }).notNull(),
    /** The plan's slot ('2026-03', '2026-Q1'): generating the plan twice adds nothing. */
    slot: text('slot'),
    plannedOn: date('planned_on').notNull(),
    startsAt: text('starts_at'),
    location: text('location'),
    topic: text('topic'),
    status: text('status', { enum: ['planned', 'held', 'cancelled'] }).notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    heldOn: date('held_on'),
    durationMinutes: integer('duration_minutes'),
    agenda: jsonb('agenda').$type<{ title: string }[]>().notNull().default([]),
    invitationMessage: text('invitation_message'),
    invitationsSentOn: date('invitations_sent_on'),
    guests: jsonb('guests').$type<string[]>().notNull().default([]),
    minutes: jsonb('minutes').$type<Record<string, unknown>>(),
    resolutionText: text('resolution_text'),
    resolutionPublishedOn: date('resolution_published_on'),
    scoreTemplate: text('score_template').notNull().default('42-HD'),
    selfScores: jsonb('self_scores').$type<Record<string, number>>(),
    selfTotal: numeric('self_total', { mode: 'number' }),
    reviewScores: jsonb('review_scores').$type<Record<string, number>>(),
    reviewTotal: numeric('review_total', { mode: 'number' }),
    reviewNote: text('review_note'),
    reviewClosedOn: date('review_closed_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cell_meetings_slot_key').on(t.cellId, t.slot),
    index('cell_meetings_cell_idx').on(t.cellId, t.plannedOn),
    index('cell_meetings_planned_idx').on(t.plannedOn),
    check('cell_meetings_held', sql`(${t.status} = 'held') = (${t.heldOn} IS NOT NULL)`),
  ],
);

export const meetingMaterials = pgTable(
  'meeting_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    sentOn: date('sent_on').notNull(),
  },
  (t) => [index('meeting_materials_meeting_idx').on(t.meetingId)],
);

/** An official invitation to one member: acknowledged by them, or answered with apologies in advance. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    sentOn: date('sent_on').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    apologyReason: text('apology_reason'),
    apologyAt: timestamp('apology_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('meeting_invitations_person_idx').on(t.personId)],
);

export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    status: text('status', { enum: ['present', 'excused', 'absent'] }).notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/** A task the meeting's resolution gives a member, followed up at a later meeting. */
export const meetingActionItems = pgTable(
  'meeting_action_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    /** The meeting's cell, kept here so that the open items of a cell and the figures read one index. */
    cellId: uuid('cell_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: ['open', 'done', 'dropped'] }).notNull().default('open'),
    doneOn: date('done_on'),
    followUpMeetingId: uuid('follow_up_meeting_id').references(() => cellMeetings.id),
    followUpNote: text('follow_up_note'),
  },
  (t) => [index('meeting_action_items_cell_idx').on(t.cellId, t.status, t.dueOn), index('meeting_action_items_meeting_idx').on(t.meetingId)],
);

/** Every command applied to a meeting: a replay of the same id gets the first answer; a version says what it made. */
export const meetingCommands = pgTable(
  'meeting_commands',
  {
    commandId: uuid('command_id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id'),
    actorName: text('actor_name'),
    type: text('type').notNull(),
    areas: text('areas').array().notNull(),
    /** The meeting's version this command produced. */
    version: integer('version').notNull(),
    answer: jsonb('answer').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_commands_meeting_idx').on(t.meetingId, t.version)],
);

/** The counts a cell's day (meeting_cell_days) and a node's day (meeting_node_days) both keep. */
const meetingCounts = () => ({
  due: integer('due').notNull().default(0),
  onSchedule: integer('on_schedule').notNull().default(0),
  attended: integer('attended').notNull().default(0),
  present: integer('present').notNull().default(0),
  scored: integer('scored').notNull().default(0),
  good: integer('good').notNull().default(0),
  overdue: integer('overdue').notNull().default(0),
  // scored meetings by the rank of their quality band in their template (1 = the highest threshold; 42-HD: good,
  // fair, average, weak), dated by the held day: the quality-score distribution
  band1: integer('band1').notNull().default(0),
  band2: integer('band2').notNull().default(0),
  band3: integer('band3').notNull().default(0),
  band4: integer('band4').notNull().default(0),
});

/**
 * The dashboard figures' per-cell counts by day, kept by triggers (migrations meetings_triggers, meetings_node_days)
 * from the meetings, attendance, action items, quality bands and the cell's versions. `due`/`onSchedule` are dated
 * by the regular meeting's planned day; `attended`/`present`/`scored`/`good` by the held day; `overdue` is a change
 * (+1 the day after an item's due day, −1 the day it was done or the cell left the path), so the items overdue on D
 * are the sum up to D. `path` is the cell's path on that day (a cell that moves has rows under each of its paths):
 * what the node totals below were given, so that a refresh can take it back exactly.
 */
export const meetingCellDays = pgTable(
  'meeting_cell_days',
  {
    cellId: uuid('cell_id').notNull(),
    day: date('day').notNull(),
    path: text('path').notNull().default(''),
    ...meetingCounts(),
  },
  (t) => [primaryKey({ columns: [t.cellId, t.day, t.path] })],
);

/**
 * The same counts summed per node (every unit on the cell's path that day, the cell itself included) and day, kept
 * by the same refresh: a node's figure over a year is one primary-key range of at most ~366 rows, whatever the
 * number of cells under it (decision 0005's running totals, by day).
 */
export const meetingNodeDays = pgTable(
  'meeting_node_days',
  {
    nodeId: uuid('node_id').notNull(),
    day: date('day').notNull(),
    ...meetingCounts(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.day] })],
);

/**
 * A registered party document attached to a meeting as a material, by reference: the dissemination that sent it to
 * the meeting's cell (documents' table, named only through documents/cell-studies.ts — no foreign key across owners).
 * Studying it in the meeting is the `studyDocument` command, which ticks the cell off that dissemination's list.
 */
export const meetingDocumentMaterials = pgTable(
  'meeting_document_materials',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => cellMeetings.id),
    disseminationId: uuid('dissemination_id').notNull(),
    sentOn: date('sent_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.disseminationId] })],
);
