// The registry's health signals (people/signals.ts defines them: a cell without a secretary for too long, a cell
// under the Charter's 3 full members), read fast from the figures' per-cell segments kept by triggers
// (cell_figure_segments, docs/decisions/0005-fast-figures.md): the cells under the branch on the day by index, then
// each cell's segment in force on the day by its key. people/signals.ts keeps the raw reading from memberships and
// positions as the reference; registry-signals.test.ts checks the two equal. Registered here, not in people's
// descriptor: the segments are the dashboard's, and the dashboard already reads people's offered queries.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { atDay, byDay, shortfallFindings, vacancyFindings, type SignalAt, type SignalDaysAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdsUnderOn, unitIdsUnderSpan } from '../org/branch.js';
import { rawRegistrySignals } from '../people/signals.js';

/** The segment in force on the day of each cell under the branch then (the planner hashes the branch once). */
const segmentsOn = (at: SignalAt) => sql`cell_figure_segments s
    WHERE s.cell_id IN ${unitIdsUnderOn(at.path, at.date)} AND s.valid_from <= ${at.date}::date AND (s.valid_to IS NULL OR s.valid_to > ${at.date}::date)`;

/** No secretary on the day, for at least `threshold` days: since the last segment that had one ended, or the cell began. */
async function withoutSecretary(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  // The vacant cells first (few; MATERIALIZED so the vacancy's look-ups run for them only, not as a filter over every
  // cell's segments), then each one's last day with a secretary, or its first day.
  const rows = await exec.execute<{ cell_id: string; vacant_since: string; days: number }>(sql`
    WITH vacant AS MATERIALIZED (SELECT s.cell_id FROM ${segmentsOn(at)} AND s.secretaries = 0)
    SELECT x.cell_id, x.vacant_since::text, (${at.date}::date - x.vacant_since) AS days FROM (
      SELECT s.cell_id,
        COALESCE((SELECT p.valid_to FROM cell_figure_segments p WHERE p.cell_id = s.cell_id AND p.secretaries > 0 AND p.valid_from <= ${at.date}::date AND p.valid_to <= ${at.date}::date ORDER BY p.valid_from DESC LIMIT 1),
                 (SELECT p.valid_from FROM cell_figure_segments p WHERE p.cell_id = s.cell_id ORDER BY p.valid_from LIMIT 1)) AS vacant_since
      FROM vacant s) x
    WHERE (${at.date}::date - x.vacant_since) >= ${at.config.threshold}`);
  return vacancyFindings(at, rows.rows);
}

/** Full members in the cell's segment on the day under `threshold`. */
async function underFullMembers(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const rows = await exec.execute<{ cell_id: string; full: number; members: number }>(sql`
    SELECT s.cell_id, s.full_members AS full, s.members FROM ${segmentsOn(at)} AND s.full_members < ${at.config.threshold}`);
  return shortfallFindings(at, rows.rows);
}

/**
 * The segments in force on each of the days of the cells under the branch on that day (rows tagged `d`): the branch's
 * versions read once for all the days, each cell's segments once (those overlapping the days' span).
 */
const segmentsOnDays = (at: SignalDaysAt) => {
  const sorted = [...at.dates].sort();
  return sql`(SELECT s.*, b.d FROM (SELECT DISTINCT x.unit_id, q.d FROM ${unitIdsUnderSpan(at.path, sorted[0], sorted.at(-1)!)} x
      JOIN unnest(${`{${at.dates.join(',')}}`}::date[]) q(d) ON x.valid_from <= q.d AND (x.valid_to IS NULL OR x.valid_to > q.d)) b
    JOIN cell_figure_segments s ON s.cell_id = b.unit_id AND s.valid_from <= b.d AND (s.valid_to IS NULL OR s.valid_to > b.d)) s`;
};

/** `withoutSecretary` for several days in one statement (the list's day and the week before). */
async function withoutSecretaryDays(exec: Executor, at: SignalDaysAt): Promise<SignalFinding[][]> {
  const rows = await exec.execute<{ on: string; cell_id: string; vacant_since: string; days: number }>(sql`
    WITH vacant AS MATERIALIZED (SELECT s.cell_id, s.d FROM ${segmentsOnDays(at)} WHERE s.secretaries = 0)
    SELECT x.d::text AS on, x.cell_id, x.vacant_since::text, (x.d - x.vacant_since) AS days FROM (
      SELECT s.cell_id, s.d,
        COALESCE((SELECT p.valid_to FROM cell_figure_segments p WHERE p.cell_id = s.cell_id AND p.secretaries > 0 AND p.valid_from <= s.d AND p.valid_to <= s.d ORDER BY p.valid_from DESC LIMIT 1),
                 (SELECT p.valid_from FROM cell_figure_segments p WHERE p.cell_id = s.cell_id ORDER BY p.valid_from LIMIT 1)) AS vacant_since
      FROM vacant s) x
    WHERE (x.d - x.vacant_since) >= ${at.config.threshold}`);
  return byDay(at.dates, rows.rows).map((day, i) => vacancyFindings(atDay(at, at.dates[i]), day));
}

/** `underFullMembers` for several days in one statement. */
async function underFullMembersDays(exec: Executor, at: SignalDaysAt): Promise<SignalFinding[][]> {
  const rows = await exec.execute<{ on: string; cell_id: string; full: number; members: number }>(sql`
    SELECT s.d::text AS on, s.cell_id, s.full_members AS full, s.members FROM ${segmentsOnDays(at)} WHERE s.full_members < ${at.config.threshold}`);
  return byDay(at.dates, rows.rows).map((day, i) => shortfallFindings(atDay(at, at.dates[i]), day));
}

const fast: Record<string, Pick<SignalProvider, 'evaluate' | 'evaluateDays'>> = {
  'dashboard.no_secretary': { evaluate: withoutSecretary, evaluateDays: withoutSecretaryDays },
  'dashboard.under_full_members': { evaluate: underFullMembers, evaluateDays: underFullMembersDays },
};

export const registrySignals: SignalProvider[] = rawRegistrySignals.map((p) => ({ ...p, ...fast[p.key] }));
