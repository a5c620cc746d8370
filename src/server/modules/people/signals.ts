// The registry's health as early-warning signals (platform/signals.ts): a cell without a secretary for too long, a
// cell under the Charter's 3 full members (Party Charter, art. 24). Both are states on the day asked, read from the
// effective-dated memberships and positions as they stood then, over the cells the tree held under the branch then.
// Evidence: the cell's own record (no person is named: the sentence says how many, and since when).
import { sql } from 'drizzle-orm';
import { PEOPLE_WRITES } from './queries.js';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, shortfallFindings, vacancyFindings, type SignalAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdentities, versionsOn } from '../org/queries.js';
import { escapeLike } from '../org/tree.js';

/** The cells under the branch on the day: a FROM item (unit_id, valid_from of the cell). */
const cellsOn = (at: SignalAt) => sql`(SELECT v.unit_id, u.valid_from AS born FROM ${versionsOn(sql`${at.date}::date`)} v
    JOIN ${unitIdentities} u ON u.id = v.unit_id
    WHERE u.kind = 'cell' AND v.path LIKE ${escapeLike(at.path) + '%'})`;

/** Days without a secretary: none in force on the day, for at least `threshold` days (since the last one left, or the cell began). */
async function withoutSecretary(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const rows = await exec.execute<{ cell_id: string; vacant_since: string; days: number }>(sql`
    SELECT c.unit_id AS cell_id, g.vacant_since::text, (${at.date}::date - g.vacant_since) AS days
    FROM ${cellsOn(at)} c
    CROSS JOIN LATERAL (SELECT GREATEST(c.born, COALESCE(MAX(pt.valid_to), c.born)) AS vacant_since FROM position_terms pt
                        WHERE pt.unit_id = c.unit_id AND pt.position = 'secretary' AND pt.valid_from <= ${at.date}::date) g
    WHERE NOT EXISTS (SELECT 1 FROM position_terms pt WHERE pt.unit_id = c.unit_id AND pt.position = 'secretary'
                        AND pt.valid_from <= ${at.date}::date AND (pt.valid_to IS NULL OR pt.valid_to > ${at.date}::date))
      AND (${at.date}::date - g.vacant_since) >= ${at.config.threshold}`);
  return vacancyFindings(at, rows.rows);
}

/** Full (official) members in the cell on the day, under `threshold` (3 by the Charter). */
async function underFullMembers(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const rows = await exec.execute<{ cell_id: string; full: number; members: number }>(sql`
    SELECT c.unit_id AS cell_id,
           COUNT(*) FILTER (WHERE p.official_on IS NOT NULL AND p.official_on <= ${at.date}::date)::int AS full,
           COUNT(p.id)::int AS members
    FROM ${cellsOn(at)} c
    LEFT JOIN memberships m ON m.unit_id = c.unit_id AND m.valid_from <= ${at.date}::date AND (m.valid_to IS NULL OR m.valid_to > ${at.date}::date)
    LEFT JOIN people p ON p.id = m.person_id
    GROUP BY c.unit_id
    HAVING COUNT(*) FILTER (WHERE p.official_on IS NOT NULL AND p.official_on <= ${at.date}::date) < ${at.config.threshold}`);
  return shortfallFindings(at, rows.rows);
}

/**
 * The registry's signals read from the raw rows: the reference. The dashboard registers them with a fast reading of
 * its per-cell figure segments (dashboard/signals.ts); this one is what the tests compare it with.
 */
export const rawRegistrySignals: SignalProvider[] = [
  {
    key: 'dashboard.no_secretary',
    reads: PEOPLE_WRITES,
    unit: 'days',
    label: 'people.signals.noSecretary',
    // threshold: days without a secretary; the window is not used (a state on the day).
    defaults: { threshold: 90, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 3650], windowDays: anyWindow },
    evaluate: withoutSecretary,
  },
  {
    key: 'dashboard.under_full_members',
    reads: PEOPLE_WRITES,
    unit: 'members',
    label: 'people.signals.underFullMembers',
    // threshold: the fewest full members a cell may have (Party Charter, art. 24: 3).
    defaults: { threshold: 3, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 50], windowDays: anyWindow },
    evaluate: underFullMembers,
  },
];
