// Early warning and dashboard figures, over the cases the actor may read. A warning names a cell or a
// secretary, the signals raised and the cases behind each signal (its evidence).
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays, daysBetween, isOverdue, reportCategories, type CaseStatus, type WarningKind } from '../../../domain/supervision.js';
import { allowedSomewhere, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { unitVersion } from '../org/queries.js';
import { persons } from '../people/queries.js';
import { oversightPolicy, type OversightAction } from './policy.js';
import { readableCases } from './cases.js';
import { loadRules } from './rules.js';

type Row = {
  id: string;
  category: string;
  subject: string;
  status: CaseStatus;
  conclusion: string | null;
  received_on: string;
  acknowledge_by: string;
  conclude_by: string;
  concluded_on: string | null;
  cell_id: string;
  cell_name: string;
  subject_person_id: string | null;
  person_name: string | null;
  handling_unit_id: string;
  handling_name: string;
  matter_id: string | null;
  anonymous: boolean;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_contact: string | null;
};

/**
 * Who reported, for counting distinct reporters of a matter: a member's account, else a named reporter's name and
 * contact (normalized); an anonymous report counts as one reporter of its own (they cannot be told apart).
 */
export function reporterKey(r: Pick<Row, 'id' | 'anonymous' | 'reporter_user_id' | 'reporter_name' | 'reporter_contact'>): string {
  if (r.anonymous) return `anonymous:${r.id}`;
  if (r.reporter_user_id) return `user:${r.reporter_user_id}`;
  const norm = (x: string | null) => (x ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `named:${norm(r.reporter_name)}|${norm(r.reporter_contact).replace(/[^0-9a-z@]/g, '')}`;
}

function requireOversight(actor: Actor, action: OversightAction) {
  if (!allowedSomewhere(oversightPolicy, actor, action)) throw notFound('Page');
}

async function casesSince(db: Db, actor: Actor, since: string | null) {
  const rows = await db.execute<Row>(sql`
    SELECT c.id, c.category, c.subject, c.status, c.conclusion, c.received_on, c.acknowledge_by, c.conclude_by, c.concluded_on,
           c.cell_id, cv.name AS cell_name, c.subject_person_id, p.full_name AS person_name, c.handling_unit_id, h.name AS handling_name,
           c.matter_id, c.anonymous, c.reporter_user_id, c.reporter_name, c.reporter_contact
    FROM supervision_cases c
    JOIN LATERAL ${unitVersion(sql`c.handling_unit_id`, ['path', 'name'])} h ON true
    JOIN LATERAL ${unitVersion(sql`c.cell_id`, ['name'])} cv ON true
    LEFT JOIN ${persons} p ON p.id = c.subject_person_id
    WHERE ${await readableCases(db, actor)} ${since ? sql`AND (c.received_on >= ${since} OR c.status NOT IN ('concluded', 'closed', 'declined'))` : sql``}`);
  return rows.rows;
}

const pending = (r: Row) => r.status === 'received' || r.status === 'accepted' || r.status === 'verifying';
const founded = (r: Row) => r.conclusion === 'founded' || r.conclusion === 'partly_founded';

export async function listWarnings(db: Db, actor: Actor) {
  requireOversight(actor, 'supervision.warnings');
  const t = (await loadRules(db)).warnings;
  const today = todayIso();
  const since = addDays(today, -t.windowDays);
  const rows = await casesSince(db, actor, since);
  const groups = new Map<string, { kind: 'cell' | 'secretary'; cell: { id: string; name: string }; person: { id: string; name: string } | null; rows: Row[] }>();
  const add = (key: string, init: () => { kind: 'cell' | 'secretary'; cell: { id: string; name: string }; person: { id: string; name: string } | null }, r: Row) => {
    const g = groups.get(key) ?? { ...init(), rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  };
  for (const r of rows) {
    add(`cell:${r.cell_id}`, () => ({ kind: 'cell', cell: { id: r.cell_id, name: r.cell_name }, person: null }), r);
    if (r.subject === 'secretary' && r.subject_person_id)
      add(`person:${r.subject_person_id}`, () => ({ kind: 'secretary', cell: { id: r.cell_id, name: r.cell_name }, person: { id: r.subject_person_id!, name: r.person_name ?? '' } }), r);
  }
  const items = [];
  for (const g of groups.values()) {
    const signals: { kind: WarningKind; count: number; caseIds: string[] }[] = [];
    // What still speaks against the cell: cases pending, or concluded founded. Declined ones and those found
    // unfounded count for no signal.
    const inWindow = g.rows.filter((r) => r.received_on >= since && (pending(r) || founded(r)));
    if (inWindow.length >= t.reportsInWindow) signals.push({ kind: 'reports_in_window', count: inWindow.length, caseIds: inWindow.map((r) => r.id) });
    // A matter: the cases an officer linked, else (heuristic) the same subject and category in this group.
    const matters = new Map<string, Row[]>();
    for (const r of inWindow) {
      const key = r.matter_id ? `matter:${r.matter_id}` : `${r.subject}:${r.category}`;
      matters.set(key, [...(matters.get(key) ?? []), r]);
    }
    for (const same of matters.values()) {
      const reporters = new Set(same.map(reporterKey)).size;
      if (reporters >= t.sameMatter) signals.push({ kind: 'same_matter', count: reporters, caseIds: same.map((r) => r.id) });
    }
    const overdue = g.rows.filter((r) => isOverdue({ status: r.status, acknowledgeBy: r.acknowledge_by, concludeBy: r.conclude_by }, today));
    if (overdue.length >= t.overdue) signals.push({ kind: 'overdue', count: overdue.length, caseIds: overdue.map((r) => r.id) });
    if (signals.length) items.push({ kind: g.kind, cell: g.cell, person: g.person, signals });
  }
  items.sort((a, b) => b.signals.length - a.signals.length || a.cell.name.localeCompare(b.cell.name, 'vi'));
  return { thresholds: t, items };
}

export async function figures(db: Db, actor: Actor) {
  requireOversight(actor, 'supervision.figures');
  const rows = await casesSince(db, actor, null);
  const count = <K extends string>(key: (r: Row) => K) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const concluded = rows.filter((r) => r.concluded_on);
  const days = concluded.map((r) => daysBetween(r.received_on, r.concluded_on!)).sort((a, b) => a - b);
  const median = days.length === 0 ? null : days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
  const byBranch = new Map<string, { unitId: string; name: string; count: number }>();
  for (const r of rows) {
    const b = byBranch.get(r.handling_unit_id) ?? { unitId: r.handling_unit_id, name: r.handling_name, count: 0 };
    b.count += 1;
    byBranch.set(r.handling_unit_id, b);
  }
  return {
    total: rows.length,
    byCategory: Object.fromEntries(count((r) => r.category)),
    byStatus: Object.fromEntries(count((r) => r.status)),
    byBranch: [...byBranch.values()].sort((a, b) => b.count - a.count),
    concluded: concluded.length,
    concludedOnTimeShare: concluded.length ? concluded.filter((r) => r.concluded_on! <= r.conclude_by).length / concluded.length : null,
    medianDaysToConclusion: median,
    overdue: rows.filter((r) => isOverdue({ status: r.status, acknowledgeBy: r.acknowledge_by, concludeBy: r.conclude_by }, todayIso())).length,
    byMonth: byMonth(rows, todayIso()),
  };
}

/** Reports received per month and category over the last 12 months (oldest first, empty months included). */
export function byMonth(rows: { received_on: string; category: string }[], today: string, months = 12) {
  const keys: string[] = [];
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  for (let i = months - 1; i >= 0; i--) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    keys.push(m.toISOString().slice(0, 7));
  }
  const table = new Map(keys.map((k) => [k, Object.fromEntries(reportCategories.map((c) => [c, 0])) as Record<string, number>]));
  for (const r of rows) {
    const m = table.get(r.received_on.slice(0, 7));
    if (m && r.category in m) m[r.category] += 1;
  }
  return keys.map((month) => ({ month, counts: table.get(month)! }));
}
