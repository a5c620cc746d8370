// The review figures of any node for a year, from the final decisions of that year's yearly cycles: the share
// of secretaries and of members at each level, the "good or better" rate, cells by level, the cap per
// grassroots organization, a five-year trend and secretaries "not completed" two years running. Set-based.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { reviewLevels, type ReviewLevel } from '../../../domain/review.js';
import { authorize, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { standingOn, unitVersion, versionsOn } from '../org/queries.js';
import { escapeLike, findUnit, firstVersion } from '../org/tree.js';
import { oneDecimal } from '../dashboard/figures.js';
import { reviewPolicy } from './policy.js';
import { capCheck } from './rules.js';

const Count = z.number().int().min(0);
const Pct = z.number().min(0).max(100).nullable();
const LevelCounts = z.object({ excellent: Count, good: Count, completed: Count, not_completed: Count });
const GroupFigures = z.object({
  total: Count,
  decided: Count,
  counts: LevelCounts,
  pct: z.object({ excellent: Pct, good: Pct, completed: Pct, not_completed: Pct }),
  goodOrBetterPct: Pct,
});
export const ReviewFiguresSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  year: z.number().int(),
  secretaries: GroupFigures,
  members: GroupFigures,
  allPeople: GroupFigures,
  cells: GroupFigures,
  caps: z.array(z.object({ unitId: z.string(), name: z.string(), excellent: Count, goodOrBetter: Count, allowed: Count, ok: z.boolean(), percent: z.number(), enabled: z.boolean() })),
  trend: z.array(z.object({ year: z.number().int(), secretariesGoodOrBetterPct: Pct, membersGoodOrBetterPct: Pct })),
  secretariesNotCompletedTwice: z.array(z.object({ personId: z.string(), fullName: z.string(), unitName: z.string() })),
}).meta({ id: 'ReviewFigures' });
export type ReviewFigures = z.infer<typeof ReviewFiguresSchema>;

type Row = { grp: 'secretary' | 'member' | 'cell'; total: number; decided: number } & Record<ReviewLevel, number>;

function groupFigures(rows: Row[]) {
  const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + Number(f(r)), 0);
  const counts = Object.fromEntries(reviewLevels.map((l) => [l, sum((r) => r[l])])) as Record<ReviewLevel, number>;
  const decided = sum((r) => r.decided);
  return {
    total: sum((r) => r.total),
    decided,
    counts,
    pct: Object.fromEntries(reviewLevels.map((l) => [l, oneDecimal(100 * counts[l], decided)])) as Record<ReviewLevel, number | null>,
    goodOrBetterPct: oneDecimal(100 * (counts.excellent + counts.good), decided),
  };
}

/** Results of the node's branch: participants whose cell lay under the node's path when the cycle was opened. */
export async function reviewFigures(exec: Executor, actor: Actor, input: { unitId: string; year: number }): Promise<ReviewFigures> {
  const { unit, paths } = await branchOfYear(exec, input.unitId, input.year);
  authorize(reviewPolicy, actor, 'review.figures', { path: unit.path }, 'Unit');
  const under = sql.join(paths.map((p) => sql`p.unit_path LIKE ${escapeLike(p) + '%'}`), sql` OR `);
  const decided = sql`
    SELECT p.*, c.year, c.cap, d.level FROM review_participants p
    JOIN review_cycles c ON c.id = p.cycle_id AND c.kind = 'yearly'
    LEFT JOIN review_decisions d ON d.participant_id = p.id AND d.superseded_by IS NULL
    WHERE (${under})`;
  const levelCols = sql.join(reviewLevels.map((l) => sql`count(*) FILTER (WHERE r.level = ${l})::int AS ${sql.identifier(l)}`), sql`, `);
  const grp = sql`CASE WHEN r.kind = 'cell' THEN 'cell' WHEN r."group" = 'secretary' THEN 'secretary' ELSE 'member' END`;
  const [groups, caps, trend, twice] = await Promise.all([
    exec.execute<Row>(sql`SELECT ${grp} AS grp, count(*)::int AS total, count(r.level)::int AS decided, ${levelCols}
      FROM (${decided}) r WHERE r.year = ${input.year} GROUP BY 1`),
    exec.execute<{ commune_id: string; name: string; excellent: number; good_or_better: number; cap: { enabled: boolean; percent: number } }>(sql`
      SELECT r.commune_id,
        ${unitVersion(sql`r.commune_id`, ['name'])} AS name,
        count(*) FILTER (WHERE r.level = 'excellent')::int AS excellent,
        count(*) FILTER (WHERE r.level IN ('excellent', 'good'))::int AS good_or_better,
        (array_agg(r.cap))[1] AS cap
      FROM (${decided}) r WHERE r.year = ${input.year} AND r.kind = 'person' GROUP BY r.commune_id ORDER BY 2`),
    exec.execute<{ year: number; grp: string; decided: number; gb: number }>(sql`
      SELECT r.year, ${grp} AS grp, count(r.level)::int AS decided, count(*) FILTER (WHERE r.level IN ('excellent', 'good'))::int AS gb
      FROM (${decided}) r WHERE r.year BETWEEN ${input.year - 4} AND ${input.year} AND r.kind = 'person' GROUP BY 1, 2`),
    exec.execute<{ person_id: string; full_name: string; unit_name: string }>(sql`
      SELECT DISTINCT ON (r.person_id) r.person_id, r.full_name, r.unit_name FROM (${decided}) r
      WHERE r.year = ${input.year} AND r."group" = 'secretary' AND r.level = 'not_completed'
        AND EXISTS (SELECT 1 FROM (${decided}) q WHERE q.person_id = r.person_id AND q.year = ${input.year - 1} AND q.level = 'not_completed')`),
  ]);
  const of = (g: Row['grp']) => groups.rows.filter((r) => r.grp === g);
  const pctOf = (year: number, g: string) => {
    const r = trend.rows.find((x) => x.year === year && x.grp === g);
    return r ? oneDecimal(100 * r.gb, r.decided) : null;
  };
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    year: input.year,
    secretaries: groupFigures(of('secretary')),
    members: groupFigures(of('member')),
    allPeople: groupFigures([...of('secretary'), ...of('member')]),
    cells: groupFigures(of('cell')),
    caps: caps.rows.map((r) => {
      const cap = r.cap ?? { enabled: false, percent: 100 };
      const check = capCheck({ excellent: r.excellent, goodOrBetter: r.good_or_better }, cap);
      return { unitId: r.commune_id, name: r.name, excellent: r.excellent, goodOrBetter: r.good_or_better, allowed: check.allowed, ok: check.ok, percent: cap.percent, enabled: cap.enabled };
    }),
    trend: Array.from({ length: 5 }, (_, i) => input.year - 4 + i).map((year) => ({
      year,
      secretariesGoodOrBetterPct: pctOf(year, 'secretary'),
      membersGoodOrBetterPct: pctOf(year, 'member'),
    })),
    secretariesNotCompletedTwice: twice.rows.map((r) => ({ personId: r.person_id, fullName: r.full_name, unitName: r.unit_name })),
  };
}

/**
 * The unit as of the year's end and the branches its results are read from: its own path; for a unit formed after
 * the year (a new commune or province of the 2025 reform), the paths of the units that stood for it then (org's
 * standingOn) — a new commune's 2024 results are its old communes'. Access is checked on the unit itself.
 */
async function branchOfYear(exec: Executor, unitId: string, year: number) {
  const end = `${year}-12-31`;
  const unit = (await findUnit(exec, unitId, end)) ?? (await firstVersion(exec, unitId));
  if (!unit) throw notFound('Unit');
  if (unit.versionFrom <= end) return { unit, paths: [unit.path] };
  const { rows } = await exec.execute<{ path: string }>(sql`
    SELECT v.path FROM ${versionsOn(sql`${end}::date`)} v WHERE v.unit_id IN ${standingOn(sql`${unitId}::uuid`, sql`${end}::date`)}`);
  // Nothing stood for it then: no branch at all (a path no participant has).
  return { unit, paths: rows.length ? rows.map((r) => r.path) : ['/-/'] };
}

/** The list of results of the branch for the year (call after reviewFigures, which checks access). */
export async function resultRows(exec: Executor, input: { unitId: string; year: number }) {
  const { paths } = await branchOfYear(exec, input.unitId, input.year);
  const { rows } = await exec.execute<{ full_name: string | null; unit_name: string; kind: 'person' | 'cell'; group: string; total: number | null; proposed: string | null; final: string | null }>(sql`
    SELECT p.full_name, p.unit_name, p.kind, p."group", coalesce(s.total, d.score) AS total, a.proposed_level AS proposed, d.level AS final
    FROM review_participants p
    JOIN review_cycles c ON c.id = p.cycle_id AND c.kind = 'yearly' AND c.year = ${input.year}
    LEFT JOIN review_self_assessments s ON s.participant_id = p.id
    LEFT JOIN review_appraisals a ON a.participant_id = p.id
    LEFT JOIN review_decisions d ON d.participant_id = p.id AND d.superseded_by IS NULL
    WHERE (${sql.join(paths.map((p) => sql`p.unit_path LIKE ${escapeLike(p) + '%'}`), sql` OR `)})
    ORDER BY p.unit_name, (p.kind = 'person'), p.full_name`);
  return rows.map((r) => ({ fullName: r.full_name, unitName: r.unit_name, kind: r.kind, group: r.group, total: r.total, proposed: r.proposed, final: r.final }));
}
