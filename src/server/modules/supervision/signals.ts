// Supervision's early-warning signals (platform/signals.ts): reports piling up about a cell or a person, several
// people reporting the same matter, cases left past their deadline. Only what still speaks against the cell counts:
// a case pending on the day, or concluded founded (or partly) by then; a declined case and one found unfounded count
// for nothing. Everything is read as it stood on the day asked: the cases received by then, their status then (the
// last step of their history on or before it), the cell where the tree put it then — so a warning follows a moved
// cell. Reports about the secretary or a committee member are also grouped under the person.
import { sql, type SQL } from 'drizzle-orm';
import { addDays, isOverdue, type CaseStatus } from '../../../domain/supervision.js';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, atDay, byDay, found, thresholdFinding, type Evidence, type SignalAt, type SignalDaysAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { escapeLike } from '../org/tree.js';
import { pathOn, unitIdsUnderOn, unitIdsUnderSpan } from '../org/branch.js';

export type SignalCaseRow = {
  id: string;
  number: number;
  category: string;
  subject: string;
  cell_id: string;
  subject_person_id: string | null;
  matter_id: string | null;
  anonymous: boolean;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_contact: string | null;
  received_on: string;
  acknowledge_by: string;
  conclude_by: string;
  escalated: boolean;
  status: CaseStatus;
  conclusion: string | null;
};

/**
 * Who reported, for counting distinct reporters of a matter: a member's account, else a named reporter's name and
 * contact (normalized); an anonymous report counts as one reporter of its own (they cannot be told apart). Used
 * inside the count only: no warning carries it.
 */
export function reporterKey(r: Pick<SignalCaseRow, 'id' | 'anonymous' | 'reporter_user_id' | 'reporter_name' | 'reporter_contact'>): string {
  if (r.anonymous) return `anonymous:${r.id}`;
  if (r.reporter_user_id) return `user:${r.reporter_user_id}`;
  const norm = (x: string | null) => (x ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `named:${norm(r.reporter_name)}|${norm(r.reporter_contact).replace(/[^0-9a-z@]/g, '')}`;
}

/**
 * The cases about cells under `path` on `date`, as they stood on `date`, received since `since` (or, when
 * `openToo`, still pending then whatever their age). Read from the cases' signal view kept by triggers
 * (`supervision_signal_cases`, schema.ts): the cells under the branch on the day by index, then each cell's cases by
 * index; nothing replays a history. `status` is what the signals need of it — 'received' (unacknowledged),
 * 'accepted' (acknowledged, not concluded), 'concluded' (founded or partly, by then) or 'closed' (anything else) —
 * and equals `rawCasesOn`'s as far as the signals tell them apart (the ground-truth test compares the two).
 */
/**
 * The cell a case is counted under on `date` (a SQL piece): the cell of its last dated move by then (a merge,
 * supervision_case_moves), else the cell it had before its first move, else its own cell.
 */
export const caseCellOn = (caseId: SQL, cellId: SQL, date: string | SQL): SQL => sql`COALESCE(
    (SELECT mv.to_cell FROM supervision_case_moves mv WHERE mv.case_id = ${caseId} AND mv.moved_on <= ${date}::date ORDER BY mv.moved_on DESC LIMIT 1),
    (SELECT mv.from_cell FROM supervision_case_moves mv WHERE mv.case_id = ${caseId} ORDER BY mv.moved_on LIMIT 1),
    ${cellId})`;

export async function casesOn(exec: Executor, at: { path: string; date: string }, since: string, openToo: boolean): Promise<SignalCaseRow[]> {
  const d = sql`${at.date}::date`;
  const pendingOn = sql`(a.pending_to IS NULL OR a.pending_to > ${d})`;
  const rows = await exec.execute<SignalCaseRow>(sql`
    WITH b AS ${unitIdsUnderOn(at.path, at.date)},
    a AS (
      -- Cases never moved: by their cell's index. Cases a merge moved (few): by their cell on the day.
      SELECT a.*, a.cell_id AS cell_on FROM supervision_signal_cases a
      WHERE a.cell_id IN (SELECT unit_id FROM b) AND NOT EXISTS (SELECT 1 FROM supervision_case_moves mv WHERE mv.case_id = a.case_id)
      UNION ALL
      SELECT a.*, m.cell_on FROM supervision_signal_cases a
      CROSS JOIN LATERAL (SELECT ${caseCellOn(sql`a.case_id`, sql`a.cell_id`, at.date)} AS cell_on) m
      WHERE a.case_id IN (SELECT case_id FROM supervision_case_moves) AND m.cell_on IN (SELECT unit_id FROM b))
    SELECT c.id, c.number, c.category, c.subject, a.cell_on AS cell_id, c.subject_person_id, c.matter_id, c.anonymous, c.reporter_user_id,
           c.reporter_name, c.reporter_contact, c.received_on::text, c.acknowledge_by::text, c.conclude_by::text,
           (c.escalated_on IS NOT NULL AND c.escalated_on <= ${d}) AS escalated,
           CASE WHEN ${pendingOn} AND (a.unacked_to IS NULL OR a.unacked_to > ${d}) THEN 'received'
                WHEN ${pendingOn} THEN 'accepted'
                WHEN a.founded_from <= ${d} THEN 'concluded' ELSE 'closed' END AS status,
           CASE WHEN a.founded_from <= ${d} THEN c.conclusion END AS conclusion
    FROM a JOIN supervision_cases c ON c.id = a.case_id
    WHERE a.received_on <= ${d}
      AND (a.received_on >= ${since}::date${openToo ? sql` OR ${pendingOn}` : sql``})
    ORDER BY c.number`);
  return rows.rows;
}

/**
 * `casesOn` for several days in one statement (the list's day and the week before): each row is a case as it stood
 * on its day `on`, about a cell under `path` on that day, received in the `windowDays` up to it or (always) still
 * pending then. The cells of the branch are found once for all the days and each cell's cases read once; the rows
 * of a day equal `casesOn(…, that day, its since, true)`'s (tested in ground-truth.test.ts).
 */
export async function casesOnDays(exec: Executor, at: { path: string; dates: readonly string[] }, windowDays: number): Promise<(SignalCaseRow & { on: string })[]> {
  const days = sql`${`{${at.dates.join(',')}}`}::date[]`;
  const first = [...at.dates].sort()[0];
  const last = [...at.dates].sort().at(-1)!;
  const pendingOn = sql`(a.pending_to IS NULL OR a.pending_to > a.d)`;
  const rows = await exec.execute<SignalCaseRow & { on: string }>(sql`
    WITH q AS (SELECT unnest(${days}) AS d),
    b AS MATERIALIZED (SELECT DISTINCT x.unit_id, q.d FROM ${unitIdsUnderSpan(at.path, first, last)} x JOIN q ON x.valid_from <= q.d AND (x.valid_to IS NULL OR x.valid_to > q.d)),
    a AS (
      SELECT a.*, a.cell_id AS cell_on, b.d FROM supervision_signal_cases a JOIN b ON b.unit_id = a.cell_id
      WHERE NOT EXISTS (SELECT 1 FROM supervision_case_moves mv WHERE mv.case_id = a.case_id)
      UNION ALL
      SELECT a.*, m.cell_on, q.d FROM supervision_signal_cases a CROSS JOIN q
      CROSS JOIN LATERAL (SELECT ${caseCellOn(sql`a.case_id`, sql`a.cell_id`, sql`q.d`)} AS cell_on) m
      WHERE a.case_id IN (SELECT case_id FROM supervision_case_moves) AND EXISTS (SELECT 1 FROM b WHERE b.unit_id = m.cell_on AND b.d = q.d))
    SELECT a.d::text AS on, c.id, c.number, c.category, c.subject, a.cell_on AS cell_id, c.subject_person_id, c.matter_id, c.anonymous, c.reporter_user_id,
           c.reporter_name, c.reporter_contact, c.received_on::text, c.acknowledge_by::text, c.conclude_by::text,
           (c.escalated_on IS NOT NULL AND c.escalated_on <= a.d) AS escalated,
           CASE WHEN ${pendingOn} AND (a.unacked_to IS NULL OR a.unacked_to > a.d) THEN 'received'
                WHEN ${pendingOn} THEN 'accepted'
                WHEN a.founded_from <= a.d THEN 'concluded' ELSE 'closed' END AS status,
           CASE WHEN a.founded_from <= a.d THEN c.conclusion END AS conclusion
    FROM a JOIN supervision_cases c ON c.id = a.case_id
    WHERE a.received_on <= a.d AND (a.received_on >= a.d - ${windowDays - 1}::int OR ${pendingOn})
    ORDER BY c.number`);
  return rows.rows;
}

/**
 * The reference reading of `casesOn`, from the raw rows: each case's status on the day replayed from its history,
 * each case placed by its cell's path on the day. Slow on a province (every case of the database is looked at); kept
 * so the tests can check the signal view against it.
 */
export async function rawCasesOn(exec: Executor, at: { path: string; date: string }, since: string, openToo: boolean): Promise<SignalCaseRow[]> {
  const d = at.date;
  const rows = await exec.execute<SignalCaseRow>(sql`
    SELECT * FROM (
      SELECT c.id, c.number, c.category, c.subject, ${caseCellOn(sql`c.id`, sql`c.cell_id`, d)} AS cell_id, c.subject_person_id, c.matter_id, c.anonymous, c.reporter_user_id,
             c.reporter_name, c.reporter_contact, c.received_on::text, c.acknowledge_by::text, c.conclude_by::text,
             (c.escalated_on IS NOT NULL AND c.escalated_on <= ${d}::date) AS escalated,
             COALESCE(st.to_status, 'received') AS status,
             CASE WHEN st.to_status IN ('concluded', 'closed') AND c.concluded_on <= ${d}::date THEN c.conclusion END AS conclusion
      FROM supervision_cases c
      LEFT JOIN LATERAL (SELECT t.to_status FROM supervision_transitions t WHERE t.case_id = c.id AND t.on <= ${d}::date ORDER BY t.seq DESC LIMIT 1) st ON true
      WHERE c.received_on <= ${d}::date AND ${pathOn(caseCellOn(sql`c.id`, sql`c.cell_id`, d), d)} LIKE ${escapeLike(at.path) + '%'}
    ) x
    WHERE x.received_on >= ${since}${openToo ? sql` OR x.status IN ('received', 'accepted', 'verifying')` : sql``}`);
  return rows.rows;
}

/**
 * The family's one reading per branch, day and window: the cases received in the window or still pending on the day,
 * read once and shared by the three signals through the list's memo (`at.shared`); each signal filters the rows it
 * needs. Without it (a direct call), a reading of its own.
 */
function familyCases(exec: Executor, at: SignalAt, since: string): Promise<SignalCaseRow[]> {
  if (!at.shared) return casesOn(exec, at, since, true);
  const key = `supervision.cases:${at.path}:${at.date}:${since}`;
  if (!at.shared.has(key)) at.shared.set(key, casesOn(exec, at, since, true));
  return at.shared.get(key) as Promise<SignalCaseRow[]>;
}

/** The family's one reading for several days (`casesOnDays`), shared by the three signals through the list's memo. */
function familyCasesDays(exec: Executor, at: SignalDaysAt): Promise<(SignalCaseRow & { on: string })[]> {
  const read = () => casesOnDays(exec, at, at.config.windowDays);
  if (!at.shared) return read();
  const key = `supervision.casesDays:${at.path}:${at.dates.join(',')}:${at.config.windowDays}`;
  if (!at.shared.has(key)) at.shared.set(key, read());
  return at.shared.get(key) as Promise<(SignalCaseRow & { on: string })[]>;
}

/** A signal of the family from its rule over the rows of one day: `evaluate` for one day, `evaluateDays` for several. */
function family(rule: (at: SignalAt, rows: SignalCaseRow[]) => SignalFinding[]): Pick<SignalProvider, 'evaluate' | 'evaluateDays'> {
  return {
    evaluate: async (exec, at) => rule(at, await familyCases(exec, at, addDays(at.date, -at.config.windowDays + 1))),
    evaluateDays: async (exec, at) => {
      const days = byDay(at.dates, await familyCasesDays(exec, at));
      return at.dates.map((date, i) => rule(atDay(at, date), days[i]));
    },
  };
}

const pending = (r: SignalCaseRow) => r.status === 'received' || r.status === 'accepted' || r.status === 'verifying';
const founded = (r: SignalCaseRow) => r.conclusion === 'founded' || r.conclusion === 'partly_founded';
/** What still speaks against the cell on the day: pending then, or concluded founded by then. */
export const counts = (r: SignalCaseRow) => pending(r) || founded(r);

const evidenceOf = (rows: SignalCaseRow[]): Evidence[] =>
  [...rows].sort((a, b) => a.number - b.number).map((r) => ({ id: r.id, ref: `#${r.number}`, on: r.received_on, href: `/supervision/${r.id}` }));

/** The subjects a case is counted under: its cell, and the person when it is about the secretary or a committee member. */
function subjectsOf(r: SignalCaseRow): { key: string; cellId: string; personId: string | null }[] {
  const out = [{ key: `cell:${r.cell_id}`, cellId: r.cell_id, personId: null as string | null }];
  if ((r.subject === 'secretary' || r.subject === 'committee_member') && r.subject_person_id)
    out.push({ key: `person:${r.subject_person_id}`, cellId: r.cell_id, personId: r.subject_person_id });
  return out;
}

function group(rows: SignalCaseRow[]) {
  const groups = new Map<string, { cellId: string; personId: string | null; rows: SignalCaseRow[] }>();
  for (const r of rows)
    for (const s of subjectsOf(r)) {
      const g = groups.get(s.key) ?? { cellId: s.cellId, personId: s.personId, rows: [] };
      g.rows.push(r);
      groups.set(s.key, g);
    }
  return [...groups.values()];
}

function reportsInWindow(at: SignalAt, cases: SignalCaseRow[]): SignalFinding[] {
  const since = addDays(at.date, -at.config.windowDays + 1);
  return found(
    group(cases.filter((r) => r.received_on >= since && counts(r))).map((g) =>
      thresholdFinding(at, { cellId: g.cellId, personId: g.personId }, evidenceOf(g.rows), {
        sinceDays: g.rows.map((r) => r.received_on),
        params: { escalated: g.rows.some((r) => r.escalated) },
      }),
    ),
  );
}

function sameMatter(at: SignalAt, cases: SignalCaseRow[]): SignalFinding[] {
  const since = addDays(at.date, -at.config.windowDays + 1);
  const out: SignalFinding[] = [];
  for (const g of group(cases.filter((r) => r.received_on >= since && counts(r)))) {
    // A matter: the cases an officer linked, else the same subject and category within this cell or person.
    const matters = new Map<string, SignalCaseRow[]>();
    for (const r of g.rows) {
      const key = r.matter_id ? `matter:${r.matter_id}` : `${r.subject}:${r.category}`;
      const list = matters.get(key);
      if (list) list.push(r);
      else matters.set(key, [r]);
    }
    for (const [part, same] of matters) {
      // Since when: the day the threshold-th distinct reporter wrote.
      const firstBy = new Map<string, string>();
      for (const r of [...same].sort((a, b) => (a.received_on < b.received_on ? -1 : a.received_on > b.received_on ? 1 : 0))) {
        const who = reporterKey(r);
        if (!firstBy.has(who)) firstBy.set(who, r.received_on);
      }
      const first = same[0];
      const f = thresholdFinding(at, { cellId: g.cellId, personId: g.personId, part }, evidenceOf(same), {
        count: firstBy.size,
        sinceDays: [...firstBy.values()],
        params: { reporters: firstBy.size, category: first.category, subject: first.subject, linked: first.matter_id !== null, escalated: same.some((r) => r.escalated) },
      });
      if (f) out.push(f);
    }
  }
  return out;
}

function overdue(at: SignalAt, cases: SignalCaseRow[]): SignalFinding[] {
  // Pending cases of any age are in the family's reading whatever its window (its own window is not used: it only
  // picks the same reading as the other two when the windows agree, as they do by default).
  const late = cases.filter((r) => isOverdue({ status: r.status, acknowledgeBy: r.acknowledge_by, concludeBy: r.conclude_by }, at.date));
  return found(
    group(late).map((g) =>
      thresholdFinding(at, { cellId: g.cellId, personId: g.personId }, evidenceOf(g.rows), {
        window: false,
        sinceDays: g.rows.map((r) => addDays(r.status === 'received' ? r.acknowledge_by : r.conclude_by, 1)),
        params: { escalated: g.rows.some((r) => r.escalated) },
      }),
    ),
  );
}

export const supervisionSignals: SignalProvider[] = [
  {
    key: 'supervision.reports_in_window',
    reads: ['supervision'],
    unit: 'reports',
    label: 'supervision.signals.reportsInWindow',
    defaults: { threshold: 3, windowDays: 180, enabled: true },
    bounds: { threshold: [1, 100], windowDays: [7, 1825] },
    ...family(reportsInWindow),
  },
  {
    key: 'supervision.same_matter',
    reads: ['supervision'],
    unit: 'people',
    label: 'supervision.signals.sameMatter',
    defaults: { threshold: 2, windowDays: 180, enabled: true },
    bounds: { threshold: [2, 100], windowDays: [7, 1825] },
    ...family(sameMatter),
  },
  {
    key: 'supervision.overdue',
    reads: ['supervision'],
    unit: 'cases',
    label: 'supervision.signals.overdue',
    defaults: { threshold: 1, windowDays: 180, enabled: true },
    bounds: { threshold: [1, 100], windowDays: anyWindow },
    ...family(overdue),
  },
];
