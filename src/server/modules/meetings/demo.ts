// The demo province's meetings: a year of them for every cell, with realistic gaps — written in bulk (INSERT …
// SELECT over generate_series), every choice from a stable hash of the cell and the month so the same demo shows
// the same figures (the agenda and minutes only on the recent meetings: the older rows carry their dates, status
// and scores — what the calendar and the figures read). Most cells meet every month; a tenth of them are weak and miss one month in four; a few
// cells publish their resolutions late again and again (SLOPPY_CELLS_PERCENT), the others seldom; scores spread from weak to good; the commune reviewed the meetings older than two months.
// Attendance only for the last regular meeting of one cell in eight, and action items for the last 3 months: a year of
// attendance (~1.5 M rows) would cost the fresh start many seconds (measured: 3 months' 500 k rows took 8 s on a
// loaded machine; every cell's last meeting, 120 k rows, ~4 s).
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { withBulkWrites } from '../../platform/db/bulk.js';
import { cellsUnder } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { memberRowsOn } from '../people/cell-members.js';

const actor = systemActor('demo-seed');
/** Attendance rows for one cell in this many: every cell's last meeting (~120 k rows) cost the fresh start ~4 s. */
const ATTENDANCE_EVERY = 8;

/**
 * Late resolutions (published more than 2 days after the meeting): one cell in eight is sloppy and is late on a third
 * of its meetings, the others on one in fifty. With the early-warning rule (2 late in 180 days) that flags about 10 %
 * of the cells, nearly all of them the sloppy ones (it was 45 % with every meeting late one time in five).
 */
const SLOPPY_CELLS_PERCENT = 12;
const LATE_PERCENT = { sloppy: 35, others: 2 };

/** 0–99 from text: stable across runs and machines. */
const AGENDA = JSON.stringify([{ title: 'Đánh giá kết quả tháng, nhiệm vụ tháng tới' }, { title: 'Quán triệt văn bản cấp trên' }]);
const MINUTES = JSON.stringify({ chair: 'Bí thư chi bộ', secretary: 'Phó bí thư', sections: { opening: 'Dữ liệu mẫu', conclusions: 'Chi bộ thống nhất các nhiệm vụ tháng tới' } });

const hash = (s: ReturnType<typeof sql>) => sql`(('x' || substr(md5(${s}), 1, 7))::bit(28)::int % 100)`;

export async function seedMeetingsDemo(db: Db, input: { provinceId: string; communeIds: string[]; log?: (message: string) => void }): Promise<{ meetings: number; attendance: number; actionItems: number; ms: number }> {
  const started = Date.now();
  const today = todayIso();
  const province = (await latestPaths(db, [input.provinceId])).get(input.provinceId);
  if (!province) throw new Error('seedMeetingsDemo: no such province');
  const communes = await latestPaths(db, input.communeIds);
  const paths = input.communeIds.map((id) => communes.get(id)?.path).filter((p): p is string => !!p);
  const cells = await cellsUnder(db, paths.length ? paths : [province.path], today);
  if (cells.length === 0) return { meetings: 0, attendance: 0, actionItems: 0, ms: Date.now() - started };
  cells.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cellIds = `{${cells.map((c) => c.id).join(',')}}`;
  const firstMonth = `${addDays(`${today.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  const recent = addDays(today, -92);
  const reviewedBefore = addDays(today, -60);

  const lap = (what: string) => input.log?.(`meetings demo: ${what} at ${Date.now() - started} ms`);
  return db.transaction(async (tx) => {
    // The figures' counts are rebuilt once for the demo's cells at the end, not after each of the three bulk
    // statements (each would recompute every cell): transaction-local, so no other writer skips its refresh.
    await tx.execute(sql`SELECT set_config('chibo.meetings_figures_deferred', 'on', true)`);
    // Where the database lets us (platform/db/bulk.ts, as the registry's demo seed), the bulk statements skip the
    // per-row foreign-key checks and the change feed's triggers: every row below is built from the cells, members and
    // meetings just read, so it is consistent by construction; the feed is sent once at the end. Measured on the demo
    // province: the meetings' insert took ~6 s at load 8 with them.
    const { bulk, result: { meetings, attendance, items } } = await withBulkWrites(tx, async () => {
      // One row per cell and month (regular) and per cell and quarter's middle month (thematic), planned around the 5th
      // and the 20th; held unless the hash says missed (the current month: held only once its day has passed).
      const meetings = await tx.execute(sql`
        WITH slots AS MATERIALIZED (
          SELECT c.id AS cell_id, m::date AS month, k.kind, c.reliability, c.sloppy,
            ${hash(sql`c.id::text || to_char(m, 'YYYY-MM') || k.kind`)} AS h,
            ${hash(sql`c.id::text || to_char(m, 'YYYY-MM') || k.kind || 'resolution'`)} AS hr
          -- per cell, once: how reliable it is, and whether it is sloppy with its resolutions (late again and again)
          FROM (SELECT c.id, ${hash(sql`c.id::text`)} AS reliability, ${hash(sql`c.id::text || 'resolutions'`)} < ${SLOPPY_CELLS_PERCENT}::int AS sloppy
            FROM unnest(${cellIds}::uuid[]) AS c(id)) c
          CROSS JOIN generate_series(${firstMonth}::date, date_trunc('month', ${today}::date), interval '1 month') AS m
          CROSS JOIN (VALUES ('regular'), ('thematic')) AS k(kind)
          WHERE k.kind = 'regular' OR extract(month FROM m)::int % 3 = 2
        ), planned AS (
          SELECT s.cell_id, s.kind, s.h, s.sloppy, s.hr, (s.month + (CASE WHEN s.kind = 'regular' THEN 4 ELSE 19 END) + (s.h % 5))::date AS planned_on,
            CASE WHEN s.kind = 'regular' THEN to_char(s.month, 'YYYY-MM') ELSE to_char(s.month, 'YYYY') || '-Q' || extract(quarter FROM s.month) END AS slot,
            CASE WHEN s.reliability < 10 THEN 25 ELSE 3 END + CASE WHEN s.kind = 'thematic' THEN 10 ELSE 0 END AS miss_below,
            LEAST(59, s.reliability % 40 + s.h % 20) AS sk
          FROM slots s
        ), decided AS (
          SELECT p.*, (p.planned_on + (p.h % 3))::date AS held_day, (p.planned_on + (p.h % 3) <= ${today}::date AND p.h >= p.miss_below) AS held
          FROM planned p
        ), sheets AS MATERIALIZED (
          -- A share of each criterion's points (60 levels): weak cells and weak months score lower.
          SELECT k.sk, jsonb_object_agg(q.code, round(q.max_points * LEAST(1.0, 0.5 + k.sk / 100.0) * 2) / 2) AS scores,
            sum(round(q.max_points * LEAST(1.0, 0.5 + k.sk / 100.0) * 2) / 2) AS total
          FROM generate_series(0, 59) AS k(sk) CROSS JOIN meeting_quality_criteria q WHERE q.template = '42-HD' GROUP BY k.sk
        )
        INSERT INTO cell_meetings (cell_id, kind, slot, planned_on, starts_at, location, topic, status, held_on, duration_minutes, agenda, invitations_sent_on,
          minutes, resolution_text, resolution_published_on, self_scores, self_total, review_scores, review_total, review_closed_on)
        SELECT d.cell_id, d.kind, d.slot, d.planned_on, '19:30', 'Nhà văn hóa', CASE WHEN d.kind = 'thematic' THEN 'Sinh hoạt chuyên đề theo Hướng dẫn 42-HD/BTCTW' END,
          CASE WHEN d.held THEN 'held' ELSE 'planned' END,
          CASE WHEN d.held THEN d.held_day END,
          CASE WHEN d.held THEN 80 + (d.h % 7) * 10 END,
          CASE WHEN d.planned_on >= ${recent}::date THEN agenda.j ELSE '[]'::jsonb END,
          d.planned_on - 3,
          CASE WHEN d.held AND d.planned_on >= ${recent}::date THEN minutes.j END,
          CASE WHEN d.held AND d.held_day < ${today}::date - 1 THEN 'Nghị quyết chi bộ (dữ liệu mẫu)' END,
          CASE WHEN d.held AND d.held_day < ${today}::date - 1 THEN LEAST(${today}::date, d.held_day +
            CASE WHEN d.hr < CASE WHEN d.sloppy THEN ${LATE_PERCENT.sloppy}::int ELSE ${LATE_PERCENT.others}::int END THEN 3 + d.h % 4 ELSE 1 END) END,
          CASE WHEN d.held THEN sc.scores END, CASE WHEN d.held THEN sc.total END,
          CASE WHEN d.held AND d.held_day < ${reviewedBefore}::date THEN sc.scores END,
          CASE WHEN d.held AND d.held_day < ${reviewedBefore}::date THEN sc.total END,
          CASE WHEN d.held AND d.held_day < ${reviewedBefore}::date THEN d.held_day + 20 END
        FROM decided d JOIN sheets sc ON sc.sk = d.sk CROSS JOIN (SELECT ${AGENDA}::jsonb AS j) agenda CROSS JOIN (SELECT ${MINUTES}::jsonb AS j) minutes
        ON CONFLICT (cell_id, slot) DO NOTHING`);
      lap('meetings');
      // The planner has not seen these rows yet (one transaction): tell it, or it plans the next statements for an empty table.
      // A small sample of the columns they read is enough (the default target read 30 000 rows: ~1 s on a loaded machine).
      await tx.execute(sql`SET LOCAL default_statistics_target = 10`);
      await tx.execute(sql`ANALYZE cell_meetings (cell_id, kind, status, held_on)`);
      await tx.execute(sql`RESET default_statistics_target`);

      // Attendance of the last regular meeting within 45 days, for one in ATTENDANCE_EVERY of the cells that held one,
      // taken in path order so every commune has some (and the first such cell always: counting every cell instead
      // left none when the chosen cells' gaps fell in those 45 days): most present, some excused, a few absent.
      const attendance = await tx.execute(sql`
        WITH recent AS MATERIALIZED (
          SELECT DISTINCT ON (m.cell_id) m.id, m.cell_id, m.held_on, c.i
          FROM cell_meetings m
          JOIN unnest(${cellIds}::uuid[]) WITH ORDINALITY AS c(cell_id, i) ON c.cell_id = m.cell_id
          WHERE m.kind = 'regular' AND m.status = 'held' AND m.held_on >= ${addDays(today, -45)}::date
          ORDER BY m.cell_id, m.held_on DESC
        ), last AS MATERIALIZED (
          SELECT id, cell_id, held_on FROM (SELECT *, row_number() OVER (ORDER BY i) AS k FROM recent) r WHERE k % ${ATTENDANCE_EVERY} = 1
        ), rows AS MATERIALIZED (
          SELECT m.id, mem.person_id, ${hash(sql`m.id::text || mem.person_id::text`)} AS h
          FROM last m JOIN LATERAL ${memberRowsOn(sql`m.cell_id`, sql`m.held_on`)} mem ON true
        )
        INSERT INTO meeting_attendance (meeting_id, person_id, status, reason)
        SELECT id, person_id, CASE WHEN h < 84 THEN 'present' WHEN h < 95 THEN 'excused' ELSE 'absent' END, CASE WHEN h BETWEEN 84 AND 94 THEN 'Đi làm ăn xa' END
        FROM rows
        ON CONFLICT DO NOTHING`);
      lap('attendance');

      // One task per regular meeting of the last 3 months in every other cell, owned by a member; most done by their due
      // date, some overdue.
      const items = await tx.execute(sql`
        INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on, status, done_on)
        SELECT gen_random_uuid(), m.id, m.cell_id, 'Vận động nhân dân tham gia xây dựng nông thôn mới (dữ liệu mẫu)', owner.person_id, m.held_on + 20,
          CASE WHEN ${hash(sql`m.id::text`)} < 70 AND m.held_on + 17 <= ${today}::date THEN 'done' ELSE 'open' END,
          CASE WHEN ${hash(sql`m.id::text`)} < 70 AND m.held_on + 17 <= ${today}::date THEN m.held_on + 17 END
        FROM cell_meetings m
        JOIN unnest(${cellIds}::uuid[]) WITH ORDINALITY AS c(cell_id, i) ON c.cell_id = m.cell_id AND c.i % 2 = 1
        JOIN LATERAL (SELECT person_id FROM ${memberRowsOn(sql`m.cell_id`, sql`m.held_on`)} x LIMIT 1) owner ON true
        WHERE m.kind = 'regular' AND m.status = 'held' AND m.held_on >= ${recent}::date
          AND NOT EXISTS (SELECT 1 FROM meeting_action_items x WHERE x.meeting_id = m.id)`);
      lap('action items');
      return { meetings, attendance, items };
    });
    // The change feed's triggers were off: its notice, once.
    if (bulk) await tx.execute(sql`SELECT chibo_notify('figures', chibo_cell_paths(${cellIds}::uuid[]))`);
    await tx.execute(sql`SELECT set_config('chibo.meetings_figures_deferred', 'off', true)`);
    // Set-based: the cells' days in one statement, their sums per node in another (migration 0044) — the same rows as a
    // refresh of every cell (demo.test.ts), without taking back rows that are not there.
    await tx.execute(sql`SELECT meetings_figures_build(${cellIds}::uuid[])`);
    lap('figures counts');

    const counts = { meetings: meetings.rowCount ?? 0, attendance: attendance.rowCount ?? 0, actionItems: items.rowCount ?? 0 };
    await recordAudit(tx, actor, { action: 'meeting.demo', entityType: 'unit', entityId: input.provinceId, unitPath: province.path, after: counts });
    return { ...counts, ms: Date.now() - started };
  });
}
