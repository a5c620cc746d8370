// Training of secretaries and members: kinds of course, target groups and suggestion rules as data; courses of a
// unit of the tree with their sessions, materials, enrolments (with a waiting list), attendance, results and
// certificates; the signing key of the certificates; per-cell and per-unit yearly counts kept by triggers.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const num = (name: string, precision = 6, scale = 1) => numeric(name, { precision, scale, mode: 'number' });

/** Party-work skills, elementary / intermediate political theory, IT skills…: seeded by the migration, more may be added. */
export const trainingCourseKinds = pgTable('training_course_kinds', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  /** The political theory level a passed course gives (elementary, intermediate, …); null for other kinds. */
  theoryLevel: text('theory_level', { enum: ['elementary', 'intermediate', 'advanced', 'bachelor'] }),
  /** Completion rules of the kind, copied into a course when it does not set its own. */
  minAttendancePct: integer('min_attendance_pct').notNull().default(80),
  minScore: num('min_score', 4, 1),
  /** How long a certificate of the kind is valid; null: for ever. */
  certificateYears: integer('certificate_years'),
  sort: integer('sort').notNull(),
});

/**
 * Who a course is for, and who the suggestions propose: a selection of persons as data. A person matches when they
 * hold one of `positions` today (empty: every member), and every condition that is set: theory below a level, the
 * position begun within N months, no course passed within N years.
 */
export const trainingGroups = pgTable('training_groups', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  /** A target group of courses, or a suggestion rule (both select the same way). */
  use: text('use', { enum: ['target', 'suggestion'] }).notNull(),
  positions: text('positions').array().notNull(),
  theoryBelow: text('theory_below', { enum: ['elementary', 'intermediate', 'advanced', 'bachelor'] }),
  electedWithinMonths: integer('elected_within_months'),
  untrainedYears: integer('untrained_years'),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull(),
});

export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    kindCode: text('kind_code').notNull().references(() => trainingCourseKinds.code),
    /** The unit that organizes the course: its branch manages it (scoped by the unit's path). */
    organizerUnitId: uuid('organizer_unit_id').notNull().references(() => orgUnits.id),
    targetGroup: text('target_group').notNull().references(() => trainingGroups.code),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    waitlistCapacity: integer('waitlist_capacity').notNull().default(20),
    minAttendancePct: integer('min_attendance_pct').notNull(),
    minScore: num('min_score', 4, 1),
    status: text('status', { enum: ['open', 'completed', 'cancelled'] }).notNull().default('open'),
    /** Seats taken and places on the waiting list, kept with every enrolment under the course's row lock. */
    enrolled: integer('enrolled').notNull().default(0),
    waiting: integer('waiting').notNull().default(0),
    completedOn: date('completed_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('training_courses_organizer_idx').on(t.organizerUnitId),
    index('training_courses_starts_idx').on(t.startsOn),
    check('training_courses_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('training_courses_capacity', sql`${t.enrolled} >= 0 AND ${t.enrolled} <= ${t.capacity}`),
    check('training_courses_waitlist', sql`${t.waiting} >= 0 AND ${t.waiting} <= ${t.waitlistCapacity}`),
  ],
);

export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull().references(() => trainingCourses.id),
    heldOn: date('held_on').notNull(),
    hours: num('hours', 4, 1).notNull(),
    topic: text('topic').notNull(),
  },
  (t) => [index('training_sessions_course_idx').on(t.courseId)],
);

export const trainingMaterials = pgTable(
  'training_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull().references(() => trainingCourses.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_materials_course_idx').on(t.courseId)],
);

export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull().references(() => trainingCourses.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** The person's cell when enrolled: the branch that sees the enrolment, and where the figures count it. */
    cellId: uuid('cell_id').references(() => orgUnits.id),
    status: text('status', { enum: ['enrolled', 'waiting', 'withdrawn'] }).notNull(),
    /** The order of the waiting list (and of enrolment). */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    score: num('score', 4, 1),
    attendancePct: num('attendance_pct', 4, 1),
    result: text('result', { enum: ['passed', 'failed'] }),
    completedOn: date('completed_on'),
  },
  (t) => [
    uniqueIndex('training_enrolments_once').on(t.courseId, t.personId),
    index('training_enrolments_person_idx').on(t.personId),
    index('training_enrolments_cell_idx').on(t.cellId),
  ],
);

export const trainingAttendance = pgTable(
  'training_attendance',
  {
    sessionId: uuid('session_id').notNull().references(() => trainingSessions.id),
    enrolmentId: uuid('enrolment_id').notNull().references(() => trainingEnrolments.id),
    present: boolean('present').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.enrolmentId] }), index('training_attendance_enrolment_idx').on(t.enrolmentId)],
);

/** What a certificate says, fixed when issued: the public page shows these, the signature covers them. */
export const trainingCertificates = pgTable('training_certificates', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  enrolmentId: uuid('enrolment_id').notNull().unique().references(() => trainingEnrolments.id),
  personName: text('person_name').notNull(),
  courseTitle: text('course_title').notNull(),
  organizerName: text('organizer_name').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  hours: num('hours', 6, 1).notNull(),
  attendancePct: num('attendance_pct', 4, 1).notNull(),
  score: num('score', 4, 1),
  result: text('result').notNull(),
  issuedOn: date('issued_on').notNull(),
  expiresOn: date('expires_on'),
  signature: text('signature').notNull(),
  revokedOn: date('revoked_on'),
  revokedReason: text('revoked_reason'),
});

/** The Ed25519 key pair that signs certificates: one row, made on first use. */
export const trainingSigningKeys = pgTable('training_signing_keys', {
  id: integer('id').primaryKey(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Courses per organizing unit and year (of the start), cancelled ones not counted: kept by a trigger. */
export const trainingUnitYear = pgTable(
  'training_unit_year',
  { unitId: uuid('unit_id').notNull(), year: integer('year').notNull(), courses: integer('courses').notNull().default(0) },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

/** Passed trainees per cell (the trainee's cell when enrolled) and year of completion: kept by a trigger. */
export const trainingCellYear = pgTable(
  'training_cell_year',
  { cellId: uuid('cell_id').notNull(), year: integer('year').notNull(), trainees: integer('trainees').notNull().default(0) },
  (t) => [primaryKey({ columns: [t.cellId, t.year] })],
);

/**
 * Secretaries of a cell with no course passed in the five years up to a day, as piecewise-constant segments
 * [valid_from, valid_to): recomputed for a cell by a trigger (migration `training_untrained_triggers`) whenever its
 * secretary terms or its secretaries' passed courses change. The "untrained secretaries" figure is one indexed sum.
 */
export const trainingUntrainedSegments = pgTable(
  'training_untrained_segments',
  {
    cellId: uuid('cell_id').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    untrained: integer('untrained').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cellId, t.validFrom] })],
);
