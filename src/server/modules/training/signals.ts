// Training's early-warning signal (platform/signals.ts): a cell's secretary in post for at least the threshold in days
// without elementary political theory (or higher) and without any course passed by the day asked. Read as it stood on
// the day for the terms, the courses and the cells under the branch then; the theory level is the person's record
// as it stands (it is not dated: a course passed raises it, and the course passed by the day is what the signal
// dates). Evidence: none named (the sentence says how many days in post, and since when); the warning is the cell's.
import { sql } from 'drizzle-orm';
import { ELEMENTARY_OR_HIGHER } from '../../../domain/enums.js';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, byDay, shiftDay, thresholdFindings, type SignalAt, type SignalDaysAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdsUnderOn, unitIdsUnderSpan } from '../org/branch.js';
import { PEOPLE_WRITES, persons, secretaryTermsOn, secretaryTermsSpan } from '../people/queries.js';

const untrainedFindings = (at: Pick<SignalAt, 'config'>, rows: readonly { cell_id: string; term_from: string; days: number }[]) =>
  thresholdFindings(at, rows, (r) => ({ cellId: r.cell_id, count: r.days, since: shiftDay(r.term_from, at.config.threshold), params: { days: r.days, termFrom: r.term_from } }));

async function secretaryUntrained(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const d = sql`${at.date}::date`;
  const levels = sql.join(ELEMENTARY_OR_HIGHER.map((l) => sql`${l}`), sql`, `);
  const rows = await exec.execute<{ cell_id: string; term_from: string; days: number }>(sql`
    SELECT pt.unit_id AS cell_id, min(pt.valid_from)::text AS term_from, max(${d} - pt.valid_from)::int AS days
    FROM ${secretaryTermsOn(d)} pt JOIN ${persons} p ON p.id = pt.person_id
    WHERE pt.unit_id IN ${unitIdsUnderOn(at.path, at.date)} AND (${d} - pt.valid_from) >= ${at.config.threshold}
      AND (p.theory_level IS NULL OR p.theory_level NOT IN (${levels}))
      AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.person_id = pt.person_id AND e.result = 'passed' AND e.completed_on <= ${d})
    GROUP BY pt.unit_id`);
  return untrainedFindings(at, rows.rows);
}

/** `secretaryUntrained` for several days in one statement (the list's day and the week before): rows tagged `on`. */
async function secretaryUntrainedDays(exec: Executor, at: SignalDaysAt): Promise<SignalFinding[][]> {
  const levels = sql.join(ELEMENTARY_OR_HIGHER.map((l) => sql`${l}`), sql`, `);
  const sorted = [...at.dates].sort();
  const rows = await exec.execute<{ on: string; cell_id: string; term_from: string; days: number }>(sql`
    WITH q AS (SELECT unnest(${`{${at.dates.join(',')}}`}::date[]) AS d),
    b AS MATERIALIZED (SELECT DISTINCT x.unit_id, q.d FROM ${unitIdsUnderSpan(at.path, sorted[0], sorted.at(-1)!)} x JOIN q ON x.valid_from <= q.d AND (x.valid_to IS NULL OR x.valid_to > q.d))
    SELECT b.d::text AS on, pt.unit_id AS cell_id, min(pt.valid_from)::text AS term_from, max(b.d - pt.valid_from)::int AS days
    FROM b JOIN ${secretaryTermsSpan(sorted[0], sorted.at(-1)!)} pt ON pt.unit_id = b.unit_id AND pt.valid_from <= b.d AND (pt.valid_to IS NULL OR pt.valid_to > b.d)
      JOIN ${persons} p ON p.id = pt.person_id
    WHERE (b.d - pt.valid_from) >= ${at.config.threshold}
      AND (p.theory_level IS NULL OR p.theory_level NOT IN (${levels}))
      AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.person_id = pt.person_id AND e.result = 'passed' AND e.completed_on <= b.d)
    GROUP BY b.d, pt.unit_id`);
  return byDay(at.dates, rows.rows).map((day) => untrainedFindings(at, day));
}

export const trainingSignals: SignalProvider[] = [
  {
    key: 'training.secretary_untrained',
    reads: ['course', 'training', 'certificate', ...PEOPLE_WRITES],
    unit: 'days',
    // The name and sentence are in the warnings catalogs (training's web files are not this signal's to change).
    label: 'warnings.signals.trainingSecretaryUntrained',
    // threshold: days in post without elementary theory or a course passed; no window (a state on the day). Two years:
    // half a term. A secretary elected at a congress waits for the province's and communes' yearly courses (most are
    // trained in the first or second year), so six months or one year flagged every newly elected secretary — in the
    // demo 1,771 of 5,053 cells — where past half the term without any course is a lapse worth a warning (384).
    defaults: { threshold: 730, windowDays: 365, enabled: true },
    bounds: { threshold: [30, 3650], windowDays: anyWindow },
    evaluate: secretaryUntrained,
    evaluateDays: secretaryUntrainedDays,
  },
];
