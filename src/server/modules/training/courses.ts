// Courses: create one with its sessions, read and list them (scoped by the organizer's branch), add a session,
// attach materials. Every write is one transaction with its audit event.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { CourseBody, SessionBody } from '../../../domain/training.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound, throwIfIssues, type FieldIssue } from '../../platform/errors.js';
import { latestNameOf, latestPathOf } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { personNames } from '../people/cell-members.js';
import { authorizeCourse, courseActions, mayTrainee, organizerUnitsFor, readableCourses } from './policy.js';
import { trainingCourseKinds, trainingCourses, trainingEnrolments, trainingGroups, trainingMaterials, trainingSessions, trainingCertificates } from './schema.js';

type CourseRow = typeof trainingCourses.$inferSelect;

export async function trainingReference(db: Executor, actor: Actor) {
  const [kinds, groups] = await Promise.all([
    db.select().from(trainingCourseKinds).orderBy(asc(trainingCourseKinds.sort)),
    db.select().from(trainingGroups).where(eq(trainingGroups.active, true)).orderBy(asc(trainingGroups.sort)),
  ]);
  return {
    organizerUnits: organizerUnitsFor(actor),
    kinds: kinds.map((k) => ({ code: k.code, nameVi: k.nameVi, nameEn: k.nameEn, theoryLevel: k.theoryLevel, minAttendancePct: k.minAttendancePct, minScore: k.minScore })),
    targetGroups: groups.filter((g) => g.use === 'target').map((g) => ({ code: g.code, nameVi: g.nameVi, nameEn: g.nameEn })),
    suggestionRules: groups.filter((g) => g.use === 'suggestion').map((g) => ({ code: g.code, nameVi: g.nameVi, nameEn: g.nameEn })),
  };
}

function sessionIssues(sessions: SessionBody[], course: { startsOn: string; endsOn: string }, prefix = 'sessions'): FieldIssue[] {
  return sessions.flatMap((s, i) =>
    s.heldOn < course.startsOn || s.heldOn > course.endsOn
      ? [{ path: prefix ? `${prefix}.${i}.heldOn` : 'heldOn', code: 'session_outside_course', message: 'The session must fall within the course dates' }]
      : [],
  );
}

export async function createCourse(db: Db, actor: Actor, input: CourseBody) {
  const issues: FieldIssue[] = [];
  if (input.endsOn < input.startsOn) issues.push({ path: 'endsOn', code: 'end_before_start', message: 'The end date must be after the start date' });
  else issues.push(...sessionIssues(input.sessions, input));
  const organizer = (await latestPaths(db, [input.organizerUnitId])).get(input.organizerUnitId);
  if (!organizer) throw notFound('Unit');
  authorizeCourse(actor, 'course.create', organizer.path);
  return db.transaction(async (tx) => {
    const [kind] = await tx.select().from(trainingCourseKinds).where(eq(trainingCourseKinds.code, input.kindCode));
    if (!kind) issues.push({ path: 'kindCode', code: 'training_kind_unknown', message: 'Unknown kind of course' });
    const [group] = await tx.select().from(trainingGroups).where(and(eq(trainingGroups.code, input.targetGroup), eq(trainingGroups.use, 'target')));
    if (!group) issues.push({ path: 'targetGroup', code: 'training_group_unknown', message: 'Unknown target group' });
    throwIfIssues(issues);
    const [course] = await tx
      .insert(trainingCourses)
      .values({
        title: input.title,
        kindCode: input.kindCode,
        organizerUnitId: input.organizerUnitId,
        targetGroup: input.targetGroup,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        place: input.place,
        capacity: input.capacity,
        waitlistCapacity: input.waitlistCapacity,
        minAttendancePct: input.minAttendancePct ?? kind!.minAttendancePct,
        minScore: input.minScore === undefined ? kind!.minScore : input.minScore,
      })
      .returning();
    if (input.sessions.length) await tx.insert(trainingSessions).values(input.sessions.map((s) => ({ ...s, courseId: course!.id })));
    await recordAudit(tx, actor, { action: 'course.create', entityType: 'training_course', entityId: course!.id, unitPath: organizer.path, after: { ...audited(course!), sessions: input.sessions.length } });
    return { id: course!.id };
  });
}

const audited = (c: CourseRow) => ({
  title: c.title,
  kindCode: c.kindCode,
  targetGroup: c.targetGroup,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  capacity: c.capacity,
  waitlistCapacity: c.waitlistCapacity,
  minAttendancePct: c.minAttendancePct,
  minScore: c.minScore,
  status: c.status,
});

/** A course the actor reads, with its organizer's path and name; 404 otherwise. `forUpdate` locks the row (enrolment, attendance, completion). */
export async function loadCourse(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  const [course] = opts.forUpdate ? await q.for('update') : await q;
  if (!course) throw notFound('Course');
  const organizer = (await latestPaths(db, [course.organizerUnitId])).get(course.organizerUnitId)!;
  authorizeCourse(actor, 'course.read', organizer.path);
  return { course, path: organizer.path, organizerName: organizer.name };
}

export function assertOpen(course: CourseRow) {
  if (course.status !== 'open') throw conflict('The course is closed', [{ path: 'course', code: 'course_closed', message: 'The course is completed or cancelled' }]);
}

export function presentCourse(c: CourseRow, extra: { organizerName: string; hours?: number; sessions?: number }) {
  return {
    id: c.id,
    title: c.title,
    kindCode: c.kindCode,
    organizerUnitId: c.organizerUnitId,
    organizer: extra.organizerName,
    targetGroup: c.targetGroup,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    place: c.place,
    capacity: c.capacity,
    waitlistCapacity: c.waitlistCapacity,
    enrolled: c.enrolled,
    waiting: c.waiting,
    minAttendancePct: c.minAttendancePct,
    minScore: c.minScore,
    status: c.status,
    completedOn: c.completedOn,
    hours: extra.hours ?? 0,
    sessions: extra.sessions ?? 0,
  };
}

export interface CourseQuery {
  status?: 'open' | 'completed' | 'cancelled';
  year?: number;
  limit: number;
  offset: number;
}

export async function listCourses(db: Db, actor: Actor, query: CourseQuery) {
  const where: SQL[] = [readableCourses(actor, latestPathOf(sql`${trainingCourses.organizerUnitId}`))];
  if (query.status) where.push(eq(trainingCourses.status, query.status));
  if (query.year) where.push(sql`extract(year FROM ${trainingCourses.startsOn}) = ${query.year}`);
  const rows = await db
    .select({
      c: trainingCourses,
      organizerName: sql<string>`${latestNameOf(sql`${trainingCourses.organizerUnitId}`)}`,
      hours: sql<number>`(SELECT coalesce(sum(hours), 0)::float8 FROM training_sessions s WHERE s.course_id = ${trainingCourses.id})`,
      sessions: sql<number>`(SELECT count(*)::int FROM training_sessions s WHERE s.course_id = ${trainingCourses.id})`,
      total: sql<number>`count(*) OVER ()::int`,
    })
    .from(trainingCourses)
    .where(and(...where))
    .orderBy(desc(trainingCourses.startsOn), asc(trainingCourses.title))
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map((r) => presentCourse(r.c, r)), total: rows[0]?.total ?? 0 };
}

export async function getCourse(db: Db, actor: Actor, id: string) {
  const { course, path, organizerName } = await loadCourse(db, actor, id);
  const [sessions, enrolments, materials, attendance] = await Promise.all([
    db.select().from(trainingSessions).where(eq(trainingSessions.courseId, id)).orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.topic)),
    db
      .select({ e: trainingEnrolments, cell: sql<string | null>`${latestNameOf(sql`${trainingEnrolments.cellId}`)}`, certificate: trainingCertificates.code, revokedOn: trainingCertificates.revokedOn })
      .from(trainingEnrolments)
      .leftJoin(trainingCertificates, eq(trainingCertificates.enrolmentId, trainingEnrolments.id))
      .where(eq(trainingEnrolments.courseId, id))
      .orderBy(asc(trainingEnrolments.queuedAt)),
    db.select({ id: trainingMaterials.id, fileName: trainingMaterials.fileName, size: trainingMaterials.size }).from(trainingMaterials).where(eq(trainingMaterials.courseId, id)),
    db.execute<{ session_id: string; enrolment_id: string; present: boolean }>(sql`
      SELECT a.session_id, a.enrolment_id, a.present FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.course_id = ${id}`),
  ]);
  // The organizer's officers see every trainee; anyone else only those of their own branch (or themselves): a
  // commune officer reading the province's course does not learn who the other communes sent.
  const manages = courseActions(actor, path).includes('course.manage');
  const cellPaths = await latestPaths(db, [...new Set(enrolments.map((r) => r.e.cellId).filter((x): x is string => x !== null))]);
  const shown = enrolments.filter((r) => manages || r.e.personId === actor.personId || (r.e.cellId !== null && mayTrainee(actor, 'trainee.read', cellPaths.get(r.e.cellId)?.path ?? '')));
  const shownIds = new Set(shown.map((r) => r.e.id));
  const names = await personNames(db, shown.map((r) => r.e.personId));
  const hours = sessions.reduce((n, s) => n + s.hours, 0);
  return {
    course: presentCourse(course, { organizerName, hours, sessions: sessions.length }),
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      hours: s.hours,
      topic: s.topic,
      present: attendance.rows.filter((a) => a.session_id === s.id && a.present && shownIds.has(a.enrolment_id)).map((a) => a.enrolment_id),
      recorded: attendance.rows.filter((a) => a.session_id === s.id && shownIds.has(a.enrolment_id)).map((a) => a.enrolment_id),
    })),
    enrolments: shown.map((r) => ({
      id: r.e.id,
      personId: r.e.personId,
      name: names.get(r.e.personId) ?? '',
      cell: r.cell,
      status: r.e.status,
      score: r.e.score,
      attendancePct: r.e.attendancePct,
      result: r.e.result,
      certificate: r.certificate ?? null,
      certificateRevoked: r.revokedOn !== null && r.revokedOn !== undefined,
    })),
    materials,
    actions: courseActions(actor, path),
  };
}

export async function addSession(db: Db, actor: Actor, courseId: string, input: SessionBody) {
  return db.transaction(async (tx) => {
    const { course, path } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    assertOpen(course);
    throwIfIssues(sessionIssues([input], course, ''));
    const [s] = await tx.insert(trainingSessions).values({ ...input, courseId }).returning();
    await recordAudit(tx, actor, { action: 'course.session', entityType: 'training_course', entityId: courseId, unitPath: path, after: { sessionId: s!.id, ...input } });
    return { id: s!.id };
  });
}

const MATERIAL_MIMES: [string, (b: Buffer) => boolean][] = [
  ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes(Buffer.from('word/'))],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes(Buffer.from('ppt/'))],
];

export async function attachMaterial(db: Db, actor: Actor, courseId: string, file: { fileName: string; content: Buffer }) {
  const mime = MATERIAL_MIMES.find(([, test]) => test(file.content))?.[0];
  if (!mime) throw invalid([{ path: 'file', code: 'training_material_type', message: 'Send a PDF, DOCX or PPTX file' }]);
  return db.transaction(async (tx) => {
    const { path } = await loadCourse(tx, actor, courseId, { forUpdate: true });
    authorizeCourse(actor, 'course.manage', path);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [m] = await tx.insert(trainingMaterials).values({ courseId, fileName: file.fileName, mime, size: file.content.length, sha256, content: file.content }).returning({ id: trainingMaterials.id });
    await recordAudit(tx, actor, { action: 'course.material', entityType: 'training_course', entityId: courseId, unitPath: path, after: { materialId: m!.id, fileName: file.fileName, size: file.content.length, sha256 } });
    return { id: m!.id, fileName: file.fileName, size: file.content.length };
  });
}

export async function readMaterial(db: Db, actor: Actor, courseId: string, materialId: string) {
  await loadCourse(db, actor, courseId);
  const [m] = await db.select().from(trainingMaterials).where(and(eq(trainingMaterials.id, materialId), eq(trainingMaterials.courseId, courseId)));
  if (!m) throw notFound('Material');
  return m;
}
