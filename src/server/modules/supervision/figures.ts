// The channel's figures over the cases the actor may read: counts by category, status, branch and month, the share
// concluded on time. (The early warnings are the warnings module's, fed by this module's signals.ts.)
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { daysBetween, isOverdue, reportCategories, type CaseStatus } from '../../../domain/supervision.js';
import { allowedSomewhere, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { unitVersion } from '../org/queries.js';
import { oversightPolicy, type OversightAction } from './policy.js';
import { readableCases } from './cases.js';

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
  handling_unit_id: string;
  handling_name: string;
};

function requireOversight(actor: Actor, action: OversightAction) {
  if (!allowedSomewhere(oversightPolicy, actor, action)) throw notFound('Page');
}

async function casesSince(db: Db, actor: Actor, since: string | null) {
  const rows = await db.execute<Row>(sql`
    SELECT c.id, c.category, c.subject, c.status, c.conclusion, c.received_on, c.acknowledge_by, c.conclude_by, c.concluded_on,
           c.cell_id, c.handling_unit_id, h.name AS handling_name
    FROM supervision_cases c
    JOIN LATERAL ${unitVersion(sql`c.handling_unit_id`, ['path', 'name'])} h ON true
    WHERE ${await readableCases(db, actor)} ${since ? sql`AND (c.received_on >= ${since} OR c.status NOT IN ('concluded', 'closed', 'declined'))` : sql``}`);
  return rows.rows;
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
