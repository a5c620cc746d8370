// Enrolment with a waiting list, attendance per session, scores and completion. The course's row is locked for
// every change of its seats (FOR UPDATE), and a check constraint holds seats taken ≤ capacity: twenty enrolments
// racing for the last seat give one seat and nineteen places on the waiting list (or refusals when that is full).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { attendancePct, completionResult } from '../../../domain/training.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { conflict, invalid, notFound, throwIfIssues, type FieldIssue } from '../../platform/errors.js';
import { cellOfPersonOn, persons } from '../people/queries.js';
import { raiseTheoryLevel } from '../people/service.js';
import { issueCertificate } from './certificates.js';
import { assertOpen, loadCourse } from './courses.js';
import { fillSeats } from './edits.js';
import { authorizeCourse, courseActions, mayTrainee } from './policy.js';
import { latestPaths } from '../org/tree.js';
import { trainingAttendance, trainingCourseKinds, trainingCourses, trainingEnrolments, trainingSessions } from './schema.js';

/** Each person's current cell (and whether the actor may enrol them): null when unknown or outside every branch of theirs. */
async function traineesOf(tx: Tx, actor: Actor, personIds: string[]) {
  const today = todayIso();
  const r = await tx.execute<{ id: string; cell_id: string | null; path: string | null; status: string | null }>(sql`
    SELECT x.id, c.unit_id AS cell_id, c.path, p.status
    FROM unnest(${`{${personIds.join(',')}}`}::uuid[]) AS x(id)
    LEFT JOIN ${persons} p ON p.id = x.id
    LEFT JOIN LATERAL ${cellOfPersonOn(sql`x.id`, sql`${today}::date`, '')} c ON true`);
  return new Map(r.rows.map((x) => [x.id, x.cell_id && x.path && x.status === 'active' && mayTrainee(actor, 'trainee.enrol', x.path) ? { cellId: x.cell_id } : null]));
}

/** Enrols a list of persons in one action: seats first, then the waiting list; beyond it, nothing is saved. */
export async function enrol(db: Db, actor: Actor, courseId: string, input: { personIds: string[] }) {
  const ids = [...new Set(input.personIds)];
  return db.transaction(async (tx) => {
    const { course, path } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.enrol', path);
    assertOpen(course);
    const trainees = await traineesOf(tx, actor, ids);
    const existing = await tx.select().from(trainingEnrolments).where(and(eq(trainingEnrolments.courseId, courseId), inArray(trainingEnrolments.personId, ids)));
    const issues: FieldIssue[] = [];
    ids.forEach((id) => {
      const i = input.personIds.indexOf(id);
      if (!trainees.get(id)) issues.push({ path: `personIds.${i}`, code: 'trainee_not_found', message: 'No such member in your branch' });
      else if (existing.some((e) => e.personId === id && e.status !== 'withdrawn')) issues.push({ path: `personIds.${i}`, code: 'already_enrolled', message: 'Already enrolled in this course' });
    });
    throwIfIssues(issues);
    const seats = Math.max(0, course.capacity - course.enrolled);
    const toSeat = ids.slice(0, seats);
    const toWait = ids.slice(seats);
    if (toWait.length > course.waitlistCapacity - course.waiting)
      throw conflict('The course and its waiting list are full', [
        { path: 'personIds', code: 'course_full', message: `Only ${seats} seats and ${course.waitlistCapacity - course.waiting} places on the waiting list are left` },
      ]);
    const rows = [...toSeat.map((id) => ({ id, status: 'enrolled' as const })), ...toWait.map((id) => ({ id, status: 'waiting' as const }))];
    // One statement: the waiting list keeps the order of the list (queued_at grows by a microsecond per row).
    for (const [n, r] of rows.entries()) {
      const values = { courseId, personId: r.id, cellId: trainees.get(r.id)!.cellId, status: r.status, queuedAt: sql`clock_timestamp() + ${n} * interval '1 microsecond'`, score: null, attendancePct: null, result: null, completedOn: null };
      await tx.insert(trainingEnrolments).values(values).onConflictDoUpdate({ target: [trainingEnrolments.courseId, trainingEnrolments.personId], set: values });
    }
    await tx
      .update(trainingCourses)
      .set({ enrolled: sql`${trainingCourses.enrolled} + ${toSeat.length}`, waiting: sql`${trainingCourses.waiting} + ${toWait.length}` })
      .where(eq(trainingCourses.id, courseId));
    await recordAudit(tx, actor, { action: 'course.enrol', entityType: 'training_course', entityId: courseId, unitPath: path, after: { enrolled: toSeat, waiting: toWait } });
    return { enrolled: toSeat.length, waiting: toWait.length };
  });
}

async function loadEnrolment(tx: Tx, actor: Actor, enrolmentId: string) {
  const [e] = await tx.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, enrolmentId));
  if (!e) throw notFound('Enrolment');
  const c = await loadCourse(tx, actor, e.courseId, { forUpdate: true });
  const [fresh] = await tx.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, enrolmentId));
  return { enrolment: fresh!, ...c };
}

/** Withdraws an enrolment; a seat it frees goes to the first on the waiting list. */
export async function withdraw(db: Db, actor: Actor, enrolmentId: string) {
  return db.transaction(async (tx) => {
    const { enrolment, course, path } = await loadEnrolment(tx, actor, enrolmentId);
    authorizeCourse(actor, 'course.enrol', path);
    // Who enrols from a branch withdraws only their own branch's trainees; the organizer's officers, anyone.
    const cellPath = enrolment.cellId ? (await latestPaths(tx, [enrolment.cellId])).get(enrolment.cellId)?.path : undefined;
    if (!courseActions(actor, path).includes('course.manage') && !(cellPath && mayTrainee(actor, 'trainee.enrol', cellPath))) throw notFound('Enrolment');
    assertOpen(course);
    if (enrolment.status === 'withdrawn') throw conflict('Already withdrawn', [{ path: 'enrolment', code: 'already_withdrawn', message: 'Already withdrawn' }]);
    await tx.update(trainingEnrolments).set({ status: 'withdrawn' }).where(eq(trainingEnrolments.id, enrolmentId));
    const freed = enrolment.status === 'enrolled' ? { enrolled: sql`${trainingCourses.enrolled} - 1` } : { waiting: sql`${trainingCourses.waiting} - 1` };
    await tx.update(trainingCourses).set(freed).where(eq(trainingCourses.id, course.id));
    const promoted = (await fillSeats(tx, course.id))[0] ?? null;
    await recordAudit(tx, actor, { action: 'course.withdraw', entityType: 'training_course', entityId: course.id, unitPath: path, after: { withdrawn: enrolment.personId, promoted } });
    return { promoted };
  });
}

/** Records who was present at a session; a person not enrolled (seated) in the course is refused, nothing saved. */
export async function recordAttendance(db: Db, actor: Actor, sessionId: string, input: { entries: { personId: string; present: boolean }[] }) {
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    if (!session) throw notFound('Session');
    const { course, path } = await loadCourse(tx, actor, session.courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    const enrolled = await tx
      .select({ id: trainingEnrolments.id, personId: trainingEnrolments.personId })
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.courseId, course.id), eq(trainingEnrolments.status, 'enrolled')));
    const byPerson = new Map(enrolled.map((e) => [e.personId, e.id]));
    const issues: FieldIssue[] = [];
    input.entries.forEach((e, i) => {
      if (!byPerson.has(e.personId)) issues.push({ path: `entries.${i}.personId`, code: 'not_enrolled', message: 'This person is not enrolled in the course' });
      else if (input.entries.findIndex((x) => x.personId === e.personId) !== i) issues.push({ path: `entries.${i}.personId`, code: 'duplicate_entry', message: 'This person is listed twice' });
    });
    throwIfIssues(issues);
    for (const e of input.entries) {
      const row = { sessionId, enrolmentId: byPerson.get(e.personId)!, present: e.present };
      await tx.insert(trainingAttendance).values(row).onConflictDoUpdate({ target: [trainingAttendance.sessionId, trainingAttendance.enrolmentId], set: { present: e.present } });
    }
    await recordAudit(tx, actor, {
      action: 'course.attendance',
      entityType: 'training_course',
      entityId: course.id,
      unitPath: path,
      after: { sessionId, present: input.entries.filter((e) => e.present).map((e) => e.personId), absent: input.entries.filter((e) => !e.present).map((e) => e.personId) },
    });
    return { recorded: input.entries.length };
  });
}

/** The final test's score of one trainee (0–10), or null to clear it. */
export async function recordScore(db: Db, actor: Actor, enrolmentId: string, input: { score: number | null }) {
  return db.transaction(async (tx) => {
    const { enrolment, course, path } = await loadEnrolment(tx, actor, enrolmentId);
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    if (enrolment.status !== 'enrolled') throw invalid([{ path: 'score', code: 'not_enrolled', message: 'This person is not enrolled in the course' }]);
    await tx.update(trainingEnrolments).set({ score: input.score }).where(eq(trainingEnrolments.id, enrolmentId));
    await recordAudit(tx, actor, { action: 'course.score', entityType: 'training_course', entityId: course.id, unitPath: path, before: { score: enrolment.score }, after: { personId: enrolment.personId, score: input.score } });
    return { score: input.score };
  });
}

/**
 * Completes the course: each seated trainee's attendance share and score against the course's rules; a pass gets a
 * certificate, and a course that gives a political theory level raises the person's level (people's audited
 * function, the certificate as evidence). The waiting list stays as it was.
 */
export async function completeCourse(db: Db, actor: Actor, courseId: string) {
  return db.transaction(async (tx) => {
    const { course, path, organizerName } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    const today = todayIso();
    if (today < course.startsOn) throw invalid([{ path: 'course', code: 'course_not_started', message: 'The course has not started yet' }]);
    const [kind] = await tx.select().from(trainingCourseKinds).where(eq(trainingCourseKinds.code, course.kindCode));
    const sessions = await tx.select().from(trainingSessions).where(eq(trainingSessions.courseId, courseId));
    const hours = sessions.reduce((n, s) => n + s.hours, 0);
    const seated = await tx.execute<{ id: string; person_id: string; score: number | null; present: number; full_name: string }>(sql`
      SELECT e.id, e.person_id, e.score::float8 AS score, p.full_name,
        (SELECT count(*)::int FROM training_attendance a WHERE a.enrolment_id = e.id AND a.present) AS present
      FROM training_enrolments e JOIN ${persons} p ON p.id = e.person_id
      WHERE e.course_id = ${courseId} AND e.status = 'enrolled'`);
    const completedOn = today < course.endsOn ? today : course.endsOn;
    let passed = 0;
    const raised: string[] = [];
    for (const e of seated.rows) {
      const pct = attendancePct(e.present, sessions.length);
      const result = completionResult({ minAttendancePct: course.minAttendancePct, minScore: course.minScore }, { attendancePct: pct, score: e.score });
      await tx.update(trainingEnrolments).set({ attendancePct: pct, result, completedOn }).where(eq(trainingEnrolments.id, e.id));
      if (result !== 'passed') continue;
      passed += 1;
      const code = await issueCertificate(tx, {
        enrolmentId: e.id,
        personName: e.full_name,
        courseTitle: course.title,
        organizerName,
        startsOn: course.startsOn,
        endsOn: course.endsOn,
        hours,
        attendancePct: pct,
        score: e.score,
        result,
        issuedOn: today,
        expiresOn: kind?.certificateYears ? `${Number(today.slice(0, 4)) + kind.certificateYears}${today.slice(4)}` : null,
      });
      if (kind?.theoryLevel) {
        const level = await raiseTheoryLevel(tx, actor, e.person_id, { level: kind.theoryLevel, evidence: { certificate: code, courseId } });
        if (level) raised.push(e.person_id);
      }
    }
    await tx.update(trainingCourses).set({ status: 'completed', completedOn: today }).where(eq(trainingCourses.id, courseId));
    await recordAudit(tx, actor, { action: 'course.complete', entityType: 'training_course', entityId: courseId, unitPath: path, after: { trainees: seated.rows.length, passed, theoryRaised: raised.length } });
    return { trainees: seated.rows.length, passed, theoryRaised: raised.length };
  });
}
