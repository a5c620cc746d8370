// People's early-warning signal on congresses (issue 17's "term past its congress date"): a cell whose term ended —
// five years (the term's length) after the congress that opened it — and no new congress held by the day asked.
// Read as it stood on the day: the cells under the branch then, the congresses held by then. A cell with no congress
// recorded at all is not flagged (nothing to date the term from). Evidence: the last congress, by its day.
import { sql } from 'drizzle-orm';
import { PEOPLE_WRITES } from './queries.js';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, shiftDay, type SignalAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdentities, versionsOn } from '../org/queries.js';
import { escapeLike } from '../org/tree.js';

async function termPastCongress(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const d = sql`${at.date}::date`;
  const rows = await exec.execute<{ cell_id: string; congress_id: string; held_on: string; term_end: string; days: number }>(sql`
    SELECT c.unit_id AS cell_id, k.id AS congress_id, k.held_on::text, k.term_end::text, (${d} - k.term_end)::int AS days
    FROM ${versionsOn(d)} c JOIN ${unitIdentities} u ON u.id = c.unit_id AND u.kind = 'cell'
    CROSS JOIN LATERAL (
      -- The term of the last congress ends its length in years after the congress that opened it (an extraordinary
      -- congress within the term does not extend it).
      SELECT cc.id, cc.held_on, ((SELECT min(o.held_on) FROM cell_congresses o WHERE o.cell_id = cc.cell_id AND o.term_from = cc.term_from)
        + make_interval(years => cc.term_to - cc.term_from))::date AS term_end
      FROM cell_congresses cc WHERE cc.cell_id = c.unit_id AND cc.held_on <= ${d} ORDER BY cc.held_on DESC LIMIT 1
    ) k
    WHERE c.path LIKE ${escapeLike(at.path) + '%'} AND (${d} - k.term_end) >= ${at.config.threshold}`);
  return rows.rows.map((r) => ({
    cellId: r.cell_id,
    count: r.days,
    evidence: [{ id: r.congress_id, ref: r.held_on, on: r.held_on }],
    since: shiftDay(r.term_end, at.config.threshold),
    params: { days: r.days, heldOn: r.held_on, termEnd: r.term_end, threshold: at.config.threshold },
  }));
}

export const congressSignals: SignalProvider[] = [
  {
    key: 'people.congress_overdue',
    reads: PEOPLE_WRITES,
    unit: 'days',
    label: 'people.signals.congressOverdue',
    // threshold: days past the end of the term without a new congress; no window (a state on the day).
    defaults: { threshold: 1, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 3650], windowDays: anyWindow },
    evaluate: termPastCongress,
  },
];
