// Changing an open course after it was created: its title, dates, place, capacity and rules; cancelling it. A course
// row is locked for every change of its seats (as enrolment does), so capacity edits and withdrawals racing each
// other never seat more than the capacity; the check constraint backs it. A raised capacity seats the first on the
// waiting list in their order, and each person seated or told of a cancellation gets an inbox notice.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CourseEditBody } from '../../../domain/training.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { conflict, throwIfIssues, type FieldIssue } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notify.js';
import { accountsOfPersons } from '../users/queries.js';
import { assertOpen, loadCourse } from './courses.js';
import { authorizeCourse } from './policy.js';
import { trainingCourses, trainingEnrolments, trainingSessions } from './schema.js';

type CourseRow = typeof trainingCourses.$inferSelect;

/**
 * Seats the first on the waiting list, in their order, while seats are free. The caller holds the course's row lock.
 * Returns the persons seated; each is told in their inbox.
 */
export async function fillSeats(tx: Tx, courseId: string): Promise<string[]> {
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
  const free = course!.capacity - course!.enrolled;
  if (free <= 0 || course!.waiting === 0) return [];
  const next = await tx
    .select({ id: trainingEnrolments.id, personId: trainingEnrolments.personId })
    .from(trainingEnrolments)
    .where(and(eq(trainingEnrolments.courseId, courseId), eq(trainingEnrolments.status, 'waiting')))
    .orderBy(asc(trainingEnrolments.queuedAt))
    .limit(free);
  if (next.length === 0) return [];
  await tx.execute(sql`UPDATE training_enrolments SET status = 'enrolled' WHERE id = ANY(${sql.param(next.map((n) => n.id))}::uuid[])`);
  await tx
    .update(trainingCourses)
    .set({ enrolled: sql`${trainingCourses.enrolled} + ${next.length}`, waiting: sql`${trainingCourses.waiting} - ${next.length}` })
    .where(eq(trainingCourses.id, courseId));
  const persons = next.map((n) => n.personId);
  await notify(tx, {
    topic: 'training.seated',
    recipients: accountsOfPersons(sql`SELECT unnest(${sql.param(persons)}::uuid[])`),
    sourceId: `seated:${courseId}:${next.map((n) => n.id).join(',')}`,
    groupKey: `training.seated:${courseId}`,
    params: { course: course!.title, startsOn: course!.startsOn, place: course!.place },
    link: `/training/courses/${courseId}`,
  });
  return persons;
}

const audited = (c: CourseRow) => ({
  title: c.title,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  place: c.place,
  capacity: c.capacity,
  waitlistCapacity: c.waitlistCapacity,
  minAttendancePct: c.minAttendancePct,
  minScore: c.minScore,
});

/**
 * Changes an open course. A completed or cancelled course is refused (`course_closed`); a capacity below the seats
 * taken (`capacity_below_seated`) or a waiting list shorter than those waiting (`waitlist_below_waiting`) is refused
 * with the numbers; a raised capacity seats the first waiting.
 */
export async function editCourse(db: Db, actor: Actor, courseId: string, input: CourseEditBody) {
  return db.transaction(async (tx) => {
    const { course, path } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<CourseRow>;
    const next = { ...course, ...changes };
    const issues: FieldIssue[] = [];
    if (next.endsOn < next.startsOn) issues.push({ path: input.endsOn ? 'endsOn' : 'startsOn', code: 'end_before_start', message: 'The end date must be after the start date' });
    else if (input.startsOn || input.endsOn) {
      const sessions = await tx.select({ heldOn: trainingSessions.heldOn }).from(trainingSessions).where(eq(trainingSessions.courseId, courseId));
      if (sessions.some((s) => s.heldOn < next.startsOn)) issues.push({ path: 'startsOn', code: 'sessions_outside_dates', message: 'A session of the course is held before this date' });
      if (sessions.some((s) => s.heldOn > next.endsOn)) issues.push({ path: 'endsOn', code: 'sessions_outside_dates', message: 'A session of the course is held after this date' });
    }
    throwIfIssues(issues);
    if (next.capacity < course.enrolled)
      throw conflict(`${course.enrolled} trainees are seated`, [
        { path: 'capacity', code: 'capacity_below_seated', message: `${course.enrolled} trainees are seated: withdraw some before lowering the capacity below that` },
      ]);
    const promotable = Math.min(course.waiting, next.capacity - course.enrolled);
    if (next.waitlistCapacity < course.waiting - promotable)
      throw conflict(`${course.waiting - promotable} are waiting`, [
        { path: 'waitlistCapacity', code: 'waitlist_below_waiting', message: `${course.waiting - promotable} persons are on the waiting list: it cannot be shorter` },
      ]);
    const [updated] = await tx.update(trainingCourses).set(changes).where(eq(trainingCourses.id, courseId)).returning();
    const seated = await fillSeats(tx, courseId);
    await recordAudit(tx, actor, { action: 'course.edit', entityType: 'training_course', entityId: courseId, unitPath: path, before: audited(course), after: { ...audited(updated!), seated } });
    return { seated: seated.length };
  });
}

/** Cancels an open course: it no longer counts in the figures, takes no more changes, and every trainee seated or waiting is told. */
export async function cancelCourse(db: Db, actor: Actor, courseId: string, input: { reason: string }) {
  return db.transaction(async (tx) => {
    const { course, path } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    await tx.update(trainingCourses).set({ status: 'cancelled' }).where(eq(trainingCourses.id, courseId));
    const told = await notify(tx, {
      topic: 'training.cancelled',
      recipients: accountsOfPersons(sql`SELECT person_id FROM training_enrolments WHERE course_id = ${courseId} AND status IN ('enrolled', 'waiting')`),
      sourceId: `cancelled:${courseId}`,
      groupKey: `training.cancelled:${courseId}`,
      params: { course: course.title, startsOn: course.startsOn },
      link: `/training/courses/${courseId}`,
    });
    await recordAudit(tx, actor, { action: 'course.cancel', entityType: 'training_course', entityId: courseId, unitPath: path, before: { status: course.status }, after: { status: 'cancelled', reason: input.reason, enrolled: course.enrolled, waiting: course.waiting } });
    return { notified: told };
  });
}
