// What consultations add to the dashboard of any node and date: the consultations held (closed by that date) in the
// branch, their participation (answers over eligible, all origins), and how many reached consensus. `compute` sums
// the per-consultation stats rows kept by triggers (migration consultations_triggers) in one indexed statement;
// `raw` counts from the answers and tallies themselves, as the reference.
import { sql } from 'drizzle-orm';
import { resultOf } from '../../../domain/consultations.js';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderOn } from '../org/branch.js';
import { optionCounts } from './service.js';
import { resultThresholds } from './thresholds.js';

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

async function summed(exec: Executor, at: FigureAt) {
  const r = await exec.execute<{ held: number; eligible: number; participants: number; consensus: number }>(sql`
    SELECT count(*)::int AS held, coalesce(sum(s.eligible), 0)::int AS eligible, coalesce(sum(s.participants), 0)::int AS participants,
      count(*) FILTER (WHERE s.consensus)::int AS consensus
    FROM consultation_stats s
    WHERE s.closes_on < ${at.date}::date AND s.unit_id IN ${unitIdsUnderOn(at.path, at.date)}`);
  return r.rows[0]!;
}

/** Plainly: every consultation closed by the date under the path, its result computed from its answers. */
async function rawHeld(exec: Executor, at: FigureAt) {
  const r = await exec.execute<{ id: string; eligible: number; path: string | null }>(sql`
    SELECT c.id, (c.eligible_members + c.households)::int AS eligible, ${pathOn(sql`c.unit_id`, at.date)} AS path
    FROM consultations c WHERE c.closes_on < ${at.date}::date`);
  const { levels, minTurnout } = await resultThresholds(exec);
  const held = r.rows.filter((x) => x.path?.startsWith(at.path));
  return Promise.all(held.map(async (x) => resultOf(x.eligible, await optionCounts(exec, x.id), levels, minTurnout)));
}

export const consultationFigures: FigureProvider[] = [
  {
    key: 'consultations.held',
    label: { vi: 'Cuộc tham vấn đã tổ chức', en: 'Consultations held' },
    compute: async (exec, at) => (await summed(exec, at)).held,
    raw: async (exec, at) => (await rawHeld(exec, at)).length,
    notifiesFigures: true,
  },
  {
    key: 'consultations.participation',
    label: { vi: 'Tỷ lệ tham gia tham vấn (%)', en: 'Consultation participation (%)' },
    compute: async (exec, at) => {
      const s = await summed(exec, at);
      return share(s.participants, s.eligible);
    },
    raw: async (exec, at) => {
      const held = await rawHeld(exec, at);
      return share(
        held.reduce((a, x) => a + x.participants, 0),
        held.reduce((a, x) => a + x.eligible, 0),
      );
    },
    notifiesFigures: true,
  },
  {
    key: 'consultations.consensus',
    label: { vi: 'Cuộc tham vấn đạt đồng thuận', en: 'Consultations that reached consensus' },
    compute: async (exec, at) => (await summed(exec, at)).consensus,
    raw: async (exec, at) => (await rawHeld(exec, at)).filter((x) => x.level === 'consensus').length,
    notifiesFigures: true,
  },
];
