// The review's early-warning signal (platform/signals.ts): a cell whose yearly review level fell from one year to the
// next by at least the threshold in steps (excellent → good → completed → not completed). Read as known on the day
// asked: each year's decision in force then (the latest decided by that day, so a re-check after a complaint counts
// from its own day), the cell's latest year with a decision against the year before it, over the cells under the
// branch on the day. Evidence: none named; the sentence says the two years (as text: not grouped as numbers) and the steps.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, type SignalAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdsUnderOn } from '../org/branch.js';

async function levelFell(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const d = sql`${at.date}::date`;
  const rows = await exec.execute<{ cell_id: string; year: number; prev_year: number; steps: number; decided_on: string }>(sql`
    WITH known AS (
      SELECT DISTINCT ON (p.id) p.unit_id AS cell_id, c.year, d.decided_at,
             CASE d.level WHEN 'excellent' THEN 0 WHEN 'good' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END AS rank
      FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id JOIN review_decisions d ON d.participant_id = p.id
      WHERE p.kind = 'cell' AND c.kind = 'yearly' AND p.unit_id IN ${unitIdsUnderOn(at.path, at.date)}
        AND (d.decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${d}
      ORDER BY p.id, d.decided_at DESC),
    latest AS (SELECT DISTINCT ON (cell_id) * FROM known ORDER BY cell_id, year DESC, decided_at DESC)
    SELECT l.cell_id, l.year, b.year AS prev_year, (l.rank - b.rank) AS steps, (l.decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS decided_on
    FROM latest l
    JOIN LATERAL (SELECT k.year, k.rank FROM known k WHERE k.cell_id = l.cell_id AND k.year = l.year - 1 ORDER BY k.decided_at DESC LIMIT 1) b ON true
    WHERE l.rank - b.rank >= ${at.config.threshold}`);
  return rows.rows.map((r) => ({
    cellId: r.cell_id,
    count: r.steps,
    evidence: [],
    since: r.decided_on,
    params: { steps: r.steps, year: String(r.year), previousYear: String(r.prev_year), threshold: at.config.threshold },
  }));
}

export const reviewSignals: SignalProvider[] = [
  {
    key: 'review.level_fell',
    // The name and sentence are in the warnings catalogs.
    label: 'warnings.signals.reviewLevelFell',
    // threshold: levels fallen from one year to the next; no window (the two latest years known on the day).
    defaults: { threshold: 1, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 3], windowDays: anyWindow },
    evaluate: levelFell,
  },
];
