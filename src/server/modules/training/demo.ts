// The demo province's training: its 2020–2025 history as the article tells it — 126 courses for more than 6,280
// secretaries and deputy secretaries — written in bulk (one statement a table, a stable hash per row for the spread,
// no Math.random); and, through the services, an open course of this month with enrolments and a session's
// attendance, and an upcoming elementary theory course, so the pages show something.
import { eq, sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { versionsOn } from '../org/queries.js';
import { positionHoldersOn } from '../people/queries.js';
import { createCourse } from './courses.js';
import { enrol, recordAttendance } from './enrolment.js';
import { trainingSessions } from './schema.js';

const actor = systemActor('demo-seed');
export const HISTORY_COURSES = 126;
/** Trainees a course of the province takes, and at most a commune's (its secretaries and deputies in office then). */
const PROVINCE_COURSE = 68;
const COMMUNE_COURSE = 52;
const hash = (s: SQL) => sql`(('x' || substr(md5(${s}), 1, 7))::bit(28)::int)`;

const TITLES: Record<string, string> = {
  party_work: 'Bồi dưỡng nghiệp vụ công tác đảng cho bí thư, phó bí thư chi bộ',
  theory_elementary: 'Sơ cấp lý luận chính trị cho bí thư, phó bí thư chi bộ',
  it_skills: 'Kỹ năng ứng dụng công nghệ thông tin, sổ tay đảng viên điện tử',
  resolutions: 'Học tập, quán triệt nghị quyết cho cán bộ chi bộ',
};

export async function seedTrainingDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  const today = todayIso();
  const history = await db.transaction(async (tx) => {
    const communes = `{${ctx.communeIds.join(',')}}`;
    const kinds = `{${Object.keys(TITLES).join(',')}}`;
    const titles = `{${Object.values(TITLES).map((t) => `"${t}"`).join(',')}}`;
    // 21 courses a year 2020–2025: one in three organized by the province, the others by a commune (a stable pick).
    await tx.execute(sql`
      INSERT INTO training_courses (title, kind_code, organizer_unit_id, target_group, starts_on, ends_on, place, capacity, waitlist_capacity, min_attendance_pct, min_score, status, completed_on)
      SELECT t.title || ' năm ' || t.y, t.kind, t.org, 'secretaries_deputies', t.starts, t.starts + 4, 'Trung tâm chính trị', 60, 0, 80, NULL, 'completed', t.starts + 4
      FROM (
        SELECT 2020 + (n - 1) / 21 AS y,
          (${kinds}::text[])[1 + n % 4] AS kind, (${titles}::text[])[1 + n % 4] AS title,
          CASE WHEN n % 3 = 0 THEN ${ctx.provinceId}::uuid ELSE (${communes}::uuid[])[1 + ${hash(sql`n::text`)} % ${ctx.communeIds.length}] END AS org,
          make_date(2020 + (n - 1) / 21, 1 + ((n - 1) % 21) / 2, 3 + (n % 20)) AS starts
        FROM generate_series(1, ${HISTORY_COURSES}) n
      ) t`);
    // Their trainees: secretaries and deputies in office on the course's first day, in the organizer's branch of
    // today's tree (the demo's history is told on today's tree: cells closed since are left out), a
    // stable pick; 99.5% passed (an attendance of 80–100%), the rest failed for attendance.
    const e = await tx.execute(sql`
      INSERT INTO training_enrolments (course_id, person_id, cell_id, status, queued_at, attendance_pct, result, completed_on)
      SELECT course_id, person_id, unit_id, 'enrolled', starts_on::timestamptz,
        CASE WHEN g % 200 = 0 THEN 60 ELSE 80 + g % 21 END, CASE WHEN g % 200 = 0 THEN 'failed' ELSE 'passed' END, ends_on
      FROM (
        -- g numbers the rows in a fixed order (course by date and title, then the pick's rank): the results do not
        -- depend on the ids the database happened to draw.
        SELECT c.id AS course_id, c.starts_on, c.ends_on, pick.person_id, pick.unit_id, row_number() OVER (ORDER BY c.starts_on, c.title, pick.k) AS g
        FROM training_courses c
        JOIN ${versionsOn(sql`${today}::date`)} org ON org.unit_id = c.organizer_unit_id
        JOIN LATERAL (
          SELECT s.*, row_number() OVER () AS k FROM (
            SELECT DISTINCT ON (${hash(sql`c.id::text || h.person_id::text`)}, h.person_id) h.person_id, h.unit_id
            FROM ${positionHoldersOn(sql`c.starts_on`, ['secretary', 'deputy_secretary'])} h
            JOIN ${versionsOn(sql`${today}::date`)} v ON v.unit_id = h.unit_id
            WHERE v.path LIKE org.path || '%'
            ORDER BY ${hash(sql`c.id::text || h.person_id::text`)}, h.person_id
            LIMIT CASE WHEN org.parent_id IS NULL THEN ${PROVINCE_COURSE}::int ELSE ${COMMUNE_COURSE}::int END
          ) s
        ) pick ON true
        WHERE c.status = 'completed' AND c.starts_on < '2026-01-01'
      ) x`);
    await tx.execute(sql`UPDATE training_courses c SET enrolled = (SELECT count(*) FROM training_enrolments e WHERE e.course_id = c.id), capacity = greatest(capacity, (SELECT count(*) FROM training_enrolments e WHERE e.course_id = c.id)) WHERE c.status = 'completed'`);
    await recordAudit(tx, actor, { action: 'training.demo', entityType: 'training_course', entityId: ctx.provinceId, after: { courses: HISTORY_COURSES, enrolments: e.rowCount ?? 0 } });
    return { courses: HISTORY_COURSES, enrolments: e.rowCount ?? 0 };
  });

  // This month's course of the first commune, under way: its secretaries and deputies enrolled, the first session recorded.
  const commune = ctx.communeIds[0]!;
  const open = await createCourse(db, actor, {
    title: 'Bồi dưỡng kỹ năng chủ trì sinh hoạt chi bộ',
    kindCode: 'party_work',
    organizerUnitId: commune,
    targetGroup: 'secretaries_deputies',
    startsOn: addDays(today, -3),
    endsOn: addDays(today, 4),
    place: 'Hội trường Đảng ủy xã',
    capacity: 30,
    waitlistCapacity: 10,
    sessions: [
      { heldOn: addDays(today, -3), hours: 4, topic: 'Quy trình sinh hoạt chi bộ theo Hướng dẫn 42-HD/BTCTW' },
      { heldOn: addDays(today, -1), hours: 4, topic: 'Sinh hoạt chuyên đề: chọn chủ đề, chuẩn bị, chủ trì' },
      { heldOn: addDays(today, 3), hours: 4, topic: 'Xử lý tình huống trong sinh hoạt chi bộ' },
    ],
  });
  const holders = await db.execute<{ person_id: string }>(sql`
    SELECT h.person_id FROM ${positionHoldersOn(sql`${today}::date`, ['secretary', 'deputy_secretary'])} h
    JOIN ${versionsOn(sql`${today}::date`)} v ON v.unit_id = h.unit_id
    WHERE v.path LIKE (SELECT path FROM ${versionsOn(sql`${today}::date`)} x WHERE x.unit_id = ${commune}) || '%'
    ORDER BY ${hash(sql`h.person_id::text`)} LIMIT 34`);
  const ids = holders.rows.map((r) => r.person_id);
  const enrolled = ids.length ? await enrol(db, actor, open.id, { personIds: ids }) : { enrolled: 0, waiting: 0 };
  const [first] = await db.select().from(trainingSessions).where(eq(trainingSessions.courseId, open.id)).orderBy(trainingSessions.heldOn).limit(1);
  const seated = ids.slice(0, enrolled.enrolled);
  if (first && seated.length) await recordAttendance(db, actor, first.id, { entries: seated.map((personId, i) => ({ personId, present: i % 9 !== 4 })) });

  await createCourse(db, actor, {
    title: 'Sơ cấp lý luận chính trị cho bí thư chi bộ mới được bầu',
    kindCode: 'theory_elementary',
    organizerUnitId: ctx.provinceId,
    targetGroup: 'new_secretaries',
    startsOn: addDays(today, 14),
    endsOn: addDays(today, 28),
    place: 'Trường Chính trị tỉnh',
    capacity: 60,
    waitlistCapacity: 20,
    sessions: [
      { heldOn: addDays(today, 14), hours: 8, topic: 'Chủ nghĩa Mác – Lê-nin, tư tưởng Hồ Chí Minh' },
      { heldOn: addDays(today, 21), hours: 8, topic: 'Điều lệ Đảng; công tác xây dựng Đảng ở cơ sở' },
      { heldOn: addDays(today, 28), hours: 4, topic: 'Kiểm tra cuối khóa' },
    ],
  });
  return { courses: history.courses + 2, enrolments: history.enrolments + enrolled.enrolled + enrolled.waiting };
}
