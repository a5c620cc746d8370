// The review's early-warning signals (platform/signals.ts): a cell whose yearly review level fell from one year to the
// next by at least the threshold in steps (excellent → good → completed → not completed); a secretary whose own level
// fell so (grouped under the person); complaints about a cell's or its secretary's yearly review (review_complaints).
// The level signals: Read as known on the day
// asked: each year's decision in force then (the latest decided by that day, so a re-check after a complaint counts
// from its own day), the cell's latest year with a decision against the year before it, over the cells under the
// branch on the day. Evidence: none named; the sentence says the two years (as text: not grouped as numbers) and the steps.
import { sql } from 'drizzle-orm';
import { PEOPLE_WRITES } from '../people/queries.js';
import type { Executor } from '../../platform/db/index.js';
import { addDays } from '../../../domain/supervision.js';
import { anyWindow, found, thresholdFinding, thresholdFindings, type SignalAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdsUnderOn } from '../org/branch.js';

/**
 * From `known` (each participant's decision known on the day, with its year and rank): per subject, its latest year's
 * decision (the latest decided in that year) against the latest of the year before, when there is one — `latest`,
 * with `steps` fallen. One pass with window functions (a look-up of the year before per subject was quadratic: 7.6 s
 * at the demo province with five years of reviews), over one sort: `known` holds every decision known on the day (the
 * latest per subject and year is the latest of its participants' latest), and the latest year is the partition's
 * max over the same order (a row_number by year descending cost a second sort).
 */
const yearOverYear = (subject: 'cell_id' | 'person_id') => sql.raw(`
    per_year AS (SELECT DISTINCT ON (${subject}, year) * FROM known ORDER BY ${subject}, year, decided_at DESC),
    ranked AS (SELECT *, lag(year) OVER w AS prev_year, lag(rank) OVER w AS prev_rank, max(year) OVER (PARTITION BY ${subject}) AS last_year
               FROM per_year WINDOW w AS (PARTITION BY ${subject} ORDER BY year)),
    latest AS (SELECT *, rank - prev_rank AS steps FROM ranked WHERE year = last_year AND prev_year = year - 1)`);

/** A fallen level's sentence: the steps and the two years (as text: not grouped as numbers). */
const levelParams = (r: { steps: number; year: number; prev_year: number }) => ({ steps: r.steps, year: String(r.year), previousYear: String(r.prev_year) });

async function levelFell(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const d = sql`${at.date}::date`;
  const rows = await exec.execute<{ cell_id: string; year: number; prev_year: number; steps: number; decided_on: string }>(sql`
    WITH known AS (
      SELECT p.unit_id AS cell_id, c.year, d.decided_at,
             CASE d.level WHEN 'excellent' THEN 0 WHEN 'good' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END AS rank
      FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id JOIN review_decisions d ON d.participant_id = p.id
      WHERE p.kind = 'cell' AND c.kind = 'yearly' AND p.unit_id IN ${unitIdsUnderOn(at.path, at.date)}
        AND (d.decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${d}),
    ${yearOverYear('cell_id')}
    SELECT cell_id, year, prev_year, steps, (decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS decided_on
    FROM latest WHERE steps >= ${at.config.threshold}`);
  return thresholdFindings(at, rows.rows, (r) => ({ cellId: r.cell_id, count: r.steps, since: r.decided_on, params: levelParams(r) }));
}

/** A decided level as a rank (0 best): the steps between two years are the difference. */
const rank = sql`CASE d.level WHEN 'excellent' THEN 0 WHEN 'good' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END`;
const decidedOn = (col: string) => sql.raw(`(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`);

/**
 * A secretary's own yearly level fell: the person's latest year with a decision known on the day, where they were
 * reviewed as a secretary of a cell under the branch (the cell of the review's reference date), against their own
 * level of the year before (in whatever group they were then). Grouped under the person.
 */
async function secretaryLevelFell(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const d = sql`${at.date}::date`;
  const rows = await exec.execute<{ person_id: string; cell_id: string; year: number; prev_year: number; steps: number; decided_on: string }>(sql`
    WITH secretaries AS MATERIALIZED (
      SELECT DISTINCT q.person_id FROM review_participants q
      WHERE q.kind = 'person' AND q."group" = 'secretary' AND q.unit_id IN ${unitIdsUnderOn(at.path, at.date)}),
    known AS (
      SELECT p.person_id, p.unit_id AS cell_id, p."group", c.year, d.decided_at, ${rank} AS rank
      FROM secretaries s JOIN review_participants p ON p.person_id = s.person_id
        JOIN review_cycles c ON c.id = p.cycle_id JOIN review_decisions d ON d.participant_id = p.id
      WHERE p.kind = 'person' AND c.kind = 'yearly' AND ${decidedOn('d.decided_at')} <= ${d}),
    ${yearOverYear('person_id')}
    SELECT person_id, cell_id, year, prev_year, steps, ${decidedOn('decided_at')}::text AS decided_on
    FROM latest
    WHERE "group" = 'secretary' AND cell_id IN ${unitIdsUnderOn(at.path, at.date)} AND steps >= ${at.config.threshold}`);
  return thresholdFindings(at, rows.rows, (r) => ({ cellId: r.cell_id, personId: r.person_id, count: r.steps, since: r.decided_on, params: levelParams(r) }));
}

/**
 * Complaints about a yearly review filed in the window (by the day): about the cell's own level (under the cell) or
 * its secretary's (under the person), waiting or answered alike — a level contested is the signal, whatever the
 * re-check found. Evidence: each complaint, by the review's year and the day it was filed; never who filed it.
 */
async function complaints(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const since = addDays(at.date, -at.config.windowDays + 1);
  const rows = await exec.execute<{ cell_id: string; person_id: string | null; ids: string[]; days: string[]; years: number[] }>(sql`
    SELECT p.unit_id AS cell_id, CASE WHEN p.kind = 'person' THEN p.person_id END AS person_id,
           array_agg(k.id::text ORDER BY k.filed_at) AS ids, array_agg(${decidedOn('k.filed_at')}::text ORDER BY k.filed_at) AS days,
           array_agg(c.year ORDER BY k.filed_at) AS years
    FROM review_complaints k JOIN review_participants p ON p.id = k.participant_id JOIN review_cycles c ON c.id = p.cycle_id
    WHERE c.kind = 'yearly' AND (p.kind = 'cell' OR p."group" = 'secretary') AND p.unit_id IN ${unitIdsUnderOn(at.path, at.date)}
      AND ${decidedOn('k.filed_at')} BETWEEN ${since}::date AND ${at.date}::date
    GROUP BY 1, 2`);
  return found(
    rows.rows.map((r) =>
      thresholdFinding(
        at,
        { cellId: r.cell_id, personId: r.person_id },
        r.ids.map((id, i) => ({ id, ref: String(r.years[i]), on: r.days[i], href: '/review' })),
        { params: { about: r.person_id ? 'secretary' : 'cell' } },
      ),
    ),
  );
}

export const reviewSignals: SignalProvider[] = [
  {
    key: 'review.level_fell',
    reads: ['review', ...PEOPLE_WRITES],
    unit: 'steps',
    // The name and sentence are in the warnings catalogs.
    label: 'warnings.signals.reviewLevelFell',
    // threshold: levels fallen from one year to the next; no window (the two latest years known on the day). Two: the
    // commune's 20 % cap on "excellent" moves cells between excellent and good every year, so one step is the cap at
    // work, not a warning (983 of the demo's cells); two steps (excellent → completed, good → not completed) is (94).
    defaults: { threshold: 2, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 3], windowDays: anyWindow },
    evaluate: levelFell,
  },
  {
    key: 'review.secretary_level_fell',
    reads: ['review', ...PEOPLE_WRITES],
    unit: 'steps',
    label: 'warnings.signals.reviewSecretaryLevelFell',
    // threshold: levels the secretary's own review fell from one year to the next; no window. Two, as for the cell
    // (one step is the excellent cap's yearly turn: 547 in the demo; two: 44).
    defaults: { threshold: 2, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 3], windowDays: anyWindow },
    evaluate: secretaryLevelFell,
  },
  {
    key: 'review.complaints',
    reads: ['review', ...PEOPLE_WRITES],
    unit: 'complaints',
    label: 'warnings.signals.reviewComplaints',
    // threshold: complaints about the cell's (or its secretary's) yearly review filed in the window.
    defaults: { threshold: 1, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 20], windowDays: [30, 1825] },
    evaluate: complaints,
  },
];
