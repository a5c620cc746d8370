// The demo province's yearly review results of 2020–2024 (issue 16), on the tree as it stood each year: one closed
// cycle a year for each old province that became the demo province (old Tuyên Quang and old Hà Giang), its
// participants the cells in force on 31 December and their secretaries then, and one decision each (the other
// members' results of those years are left out: the demo's start stays quick). Written in bulk (one statement a
// table and year, a stable hash per row for the spread, no Math.random). The article's figure: in 2024, 96.3 % of the old Tuyên Quang province's cell secretaries
// "completed their tasks well or better".
import { sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { defaultTemplateSet } from '../../../domain/review.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { withBulkWrites } from '../../platform/db/bulk.js';
import type { DemoContext } from '../../platform/module.js';
import { lineagePathsOf, unitsOn } from '../org/queries.js';
import { latestPaths } from '../org/tree.js';
import { unitIdsUnderOn } from '../org/branch.js';
import { cellHasMembers, persons as personRows, secretaryTermsOn } from '../people/queries.js';

const actor = systemActor('demo-seed');
export const HISTORY_YEARS = [2020, 2021, 2022, 2023, 2024] as const;

/**
 * The share of secretaries "good or better" (in tenths of a percent) each year, by old province name (the old units have no code); the other
 * provinces (a national demo) take the first row: old Tuyên Quang (963 in 2024: the article), then old Hà Giang.
 */
export const SECRETARIES_GOOD_OR_BETTER: Record<string, Record<(typeof HISTORY_YEARS)[number], number>> = {
  'Tỉnh Tuyên Quang': { 2020: 902, 2021: 918, 2022: 934, 2023: 951, 2024: 963 },
  'Tỉnh Hà Giang': { 2020: 884, 2021: 897, 2022: 915, 2023: 930, 2024: 942 },
};
/** Members (not secretaries) and cells "good or better", in tenths of a percent, every year and province. */
const MEMBERS_GOOD_OR_BETTER = 890;
const CELLS_GOOD_OR_BETTER = 860;

const hash = (s: SQL) => sql`(('x' || substr(md5(${s}), 1, 7))::bit(28)::int)`;

/**
 * How many of `n` are "good or better" so that the page's one-decimal share (half up) reads `tenths`/10 exactly
 * when some count can give it (n ≥ 1000 always can), else the nearest: as SQL over an integer column `n`.
 */
const goodCount = (n: SQL, tenths: SQL): SQL => sql`(CASE
  WHEN ((${tenths} * 10 - 5) * ${n} + 9999) / 10000 * 10000 < (${tenths} * 10 + 5) * ${n} THEN ((${tenths} * 10 - 5) * ${n} + 9999) / 10000
  ELSE round(${tenths}::numeric * ${n} / 1000)::int END)`;

export async function seedReviewDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    // Where the database lets us (platform/db/bulk.ts, as the registry's and the meetings' demo seeds), the bulk
    // inserts skip the per-row foreign-key checks (~90 k rows, 2–3 checks each): every row is built from the cycles, units and people just read. Review's tables have no other triggers.
    const { result: history } = await withBulkWrites(tx, () => seedReviewHistory(tx, ctx.provinceId));
    const made = { ...history, complaints: await plantComplaints(tx, ctx.provinceId, todayIso()) };
    await recordAudit(tx, actor, { action: 'review.demo', entityType: 'review_cycle', entityId: ctx.provinceId, after: made });
    return made;
  });
}

/**
 * Complaints about the latest yearly results in the demo (issue 17's "review complaints" signal): three in the last
 * year — two about a cell's own level, one by a secretary about their own — and one filed more than a year ago,
 * outside the signal's window, that must not count. Each about a different cell, chosen by a stable hash; none
 * answered yet. The demo's latest yearly review is the last year before the reform, so these complaints reach it late.
 */
export const PLANTED_COMPLAINTS: readonly { kind: 'cell' | 'secretary'; ago: number; reason: string }[] = [
  { kind: 'cell', ago: 40, reason: 'Chi bộ hoàn thành 100% chỉ tiêu thu nộp đảng phí và kết nạp 02 đảng viên mới nhưng chỉ được xếp loại "Hoàn thành nhiệm vụ"; đề nghị Đảng ủy xã xem xét lại.' },
  { kind: 'secretary', ago: 75, reason: 'Tôi không đồng ý với mức xếp loại của bản thân: các tiêu chí về lãnh đạo phát triển kinh tế của thôn chưa được đánh giá đúng kết quả đạt được.' },
  { kind: 'cell', ago: 200, reason: 'Đề nghị xem xét lại kết quả xếp loại chi bộ: điểm trừ về sinh hoạt chuyên đề không đúng thực tế, chi bộ có biên bản đầy đủ các kỳ.' },
  { kind: 'cell', ago: 420, reason: 'Đề nghị xem xét lại việc chi bộ không được xếp loại "Hoàn thành tốt nhiệm vụ".' },
];

async function plantComplaints(tx: Executor, provinceId: string, today: string): Promise<number> {
  const province = (await latestPaths(tx, [provinceId])).get(provinceId);
  if (!province) return 0;
  const year = HISTORY_YEARS.at(-1)!;
  // The latest year's decided participants about cells in force today, one row per cell and kind, by a stable hash.
  const { rows } = await tx.execute<{ id: string; decision_id: string; decided_at: string; unit_id: string; kind: 'cell' | 'secretary' }>(sql`
    SELECT DISTINCT ON (p.unit_id, p.kind) p.id, d.id AS decision_id, d.decided_at, p.unit_id, CASE WHEN p.kind = 'cell' THEN 'cell' ELSE 'secretary' END AS kind
    FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id JOIN review_decisions d ON d.participant_id = p.id
    WHERE c.kind = 'yearly' AND c.year = ${year} AND (p.kind = 'cell' OR p."group" = 'secretary')
      AND p.unit_id IN ${unitIdsUnderOn(province.path, today)}
    ORDER BY p.unit_id, p.kind, d.decided_at DESC`);
  const ordered = rows.sort((a, b) => (md5ish(a.unit_id) < md5ish(b.unit_id) ? -1 : 1));
  const used = new Set<string>();
  let made = 0;
  for (const c of PLANTED_COMPLAINTS) {
    const p = ordered.find((r) => r.kind === c.kind && !used.has(r.unit_id));
    if (!p) continue;
    used.add(p.unit_id);
    await tx.execute(sql`
      INSERT INTO review_complaints (participant_id, decision_id, reason, filed_by, on_behalf, filed_at)
      -- never before the decision it contests (a clock set early)
      VALUES (${p.id}, ${p.decision_id}, ${c.reason}, NULL, false,
        GREATEST(((${today}::date - ${c.ago}::int) + time '09:30') AT TIME ZONE 'Asia/Ho_Chi_Minh', ${p.decided_at}::timestamptz + interval '3 days'))`);
    made++;
  }
  return made;
}

/** A stable order of ids that is not their order in the tree. */
const md5ish = (id: string) => [...id].reverse().join('');

/** The results of the years before the reform for the old provinces that became `provinceId` (none: nothing). */
export async function seedReviewHistory(tx: Executor, provinceId: string): Promise<{ cycles: number; participants: number; decisions: number }> {
  const made = { cycles: 0, participants: 0, decisions: 0 };
  const targets = sql`(SELECT * FROM jsonb_each(${JSON.stringify(SECRETARIES_GOOD_OR_BETTER)}::jsonb))`;
  for (const year of HISTORY_YEARS) {
    const d = sql`${`${year}-12-31`}::date`;
    // The old provinces in force on the year's last day that became the demo province (its lineage's roots then).
    const { rows: provinces } = await tx.execute<{ unit_id: string; path: string; name: string }>(sql`
      SELECT v.unit_id, v.path, v.name FROM ${unitsOn(d)} v
      WHERE v.kind = 'province' AND v.path = ANY ((${lineagePathsOf(sql`${provinceId}::uuid`)})::text[])`);
    for (const p of provinces) {
      const set = await tx.execute<{ id: string }>(sql`
        INSERT INTO review_template_sets (unit_id, year, cap, templates)
        VALUES (${p.unit_id}, ${year}, ${JSON.stringify(defaultTemplateSet.cap)}::jsonb, ${JSON.stringify(defaultTemplateSet.templates)}::jsonb)
        ON CONFLICT (unit_id, year) DO UPDATE SET year = EXCLUDED.year RETURNING id`);
      const ref = `${year}-12-31`;
      const { rows: cycles } = await tx.execute<{ id: string }>(sql`
        INSERT INTO review_cycles (unit_id, unit_path, year, kind, title, branch_ids, branch_paths, reference_date, self_due, cell_due,
          decision_due, complaint_days, template_set_id, cap, templates, status, source, closed_at)
        SELECT ${p.unit_id}, ${p.path}, ${year}, 'yearly', ${`Kết quả xếp loại năm ${year}, ${p.name} (trước sáp nhập)`}, ARRAY[${p.unit_id}::uuid], ARRAY[${p.path}],
          ${ref}, ${ref}, ${ref}, ${ref}, 0, s.id, s.cap, s.templates, 'closed', 'import', ${`${year + 1}-01-20T02:00:00Z`}::timestamptz
        FROM review_template_sets s WHERE s.id = ${set.rows[0].id} RETURNING id`);
      const cycleId = cycles[0].id;
      made.cycles++;
      const cells = sql`SELECT v.unit_id, v.name, v.path, v.parent_id FROM ${unitsOn(d)} v WHERE v.kind = 'cell' AND v.path LIKE ${p.path + '%'}`;
      // The secretaries in office on that day (the other members' results of those years are not in the demo: a
      // province brings them with the Excel import; the article's figure is the secretaries').
      const people = await tx.execute(sql`
        INSERT INTO review_participants (cycle_id, kind, person_id, full_name, unit_id, unit_name, unit_path, commune_id, "group")
        SELECT DISTINCT ON (pr.id) ${cycleId}, 'person', pr.id, pr.full_name, c.unit_id, c.name, c.path, c.parent_id, 'secretary'
        FROM (${cells}) c JOIN ${secretaryTermsOn(d)} t ON t.unit_id = c.unit_id JOIN ${personRows} pr ON pr.id = t.person_id
        ORDER BY pr.id, t.valid_from DESC`);
      const cellRows = await tx.execute(sql`
        INSERT INTO review_participants (cycle_id, kind, person_id, full_name, unit_id, unit_name, unit_path, commune_id, "group")
        SELECT ${cycleId}, 'cell', NULL, NULL, c.unit_id, c.name, c.path, c.parent_id, 'cell' FROM (${cells}) c WHERE ${cellHasMembers(sql`c.unit_id`, d)}`);
      made.participants += (people.rowCount ?? 0) + (cellRows.rowCount ?? 0);
      // Each group's rows in a stable order (a hash of the participant's person or cell and the year): the first
      // `good` are good or better (the first fifth of them excellent), the last half percent not completed.
      const tenths = sql`(CASE r.grp WHEN 'secretary' THEN coalesce((SELECT (t.value ->> ${String(year)})::int FROM ${targets} t WHERE t.key = ${p.name}),
        (SELECT (t.value ->> ${String(year)})::int FROM ${targets} t WHERE t.key = 'Tỉnh Tuyên Quang')) WHEN 'cell' THEN ${CELLS_GOOD_OR_BETTER} ELSE ${MEMBERS_GOOD_OR_BETTER} END)`;
      const decisions = await tx.execute(sql`
        INSERT INTO review_decisions (participant_id, level, reason, kind, score, decided_by, decided_at)
        SELECT r.id,
          CASE WHEN r.top THEN 'excellent' WHEN r.k <= r.good THEN 'good' WHEN r.k > r.n - r.n / 200 THEN 'not_completed' ELSE 'completed' END,
          '', 'decision',
          CASE WHEN r.top THEN 90 + r.h % 11 WHEN r.k <= r.good THEN 70 + r.h % 20 WHEN r.k > r.n - r.n / 200 THEN 30 + r.h % 20 ELSE 50 + r.h % 20 END,
          NULL, ${`${year + 1}-01-15T02:00:00Z`}::timestamptz
        FROM (
          -- Excellent: the first of those good or better of each grassroots organization, within its cap of 20 %.
          SELECT r.*, (r.k <= r.good AND row_number() OVER (PARTITION BY r.commune_id, r.grp, r.k <= r.good ORDER BY r.h, r.id)
              <= count(*) OVER (PARTITION BY r.commune_id, r.grp, r.k <= r.good) * 15 / 100) AS top
          FROM (
            SELECT r.*, ${goodCount(sql`r.n`, tenths)} AS good FROM (
              SELECT q.id, q.grp, q.h, q.commune_id, row_number() OVER (PARTITION BY q.grp ORDER BY q.h, q.id)::int AS k, count(*) OVER (PARTITION BY q.grp)::int AS n
              FROM (
                SELECT p.id, p.commune_id, CASE WHEN p.kind = 'cell' THEN 'cell' WHEN p."group" = 'secretary' THEN 'secretary' ELSE 'member' END AS grp,
                  ${hash(sql`coalesce(p.person_id, p.unit_id)::text || ${String(year)}`)} AS h
                FROM review_participants p WHERE p.cycle_id = ${cycleId}
              ) q
            ) r
          ) r
        ) r`);
      made.decisions += decisions.rowCount ?? 0;
    }
  }
  return made;
}
