// Browsing the audit trail (writing and verifying it is platform/audit). Events are scoped by the branch path
// recorded with them, so an admin sees the events of records inside their branch.
import { issue } from '../../../domain/issues.js';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { allowedSomewhere, branchesFor, scopeFor, type Actor } from '../../platform/access.js';
import { shownState, type AuditLabel, type AuditLabeller } from '../../platform/audit/labels.js';
import { readAuditEvents } from '../../platform/audit/read.js';
import type { Db } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { findUnit } from '../org/tree.js';
import { auditPolicy } from './policy.js';

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  // Any JSON value, null included (an event with no state before or after).
  before: z.unknown(),
  after: z.unknown(),
  /** Who, as "name (username)" when the account still exists; null for the system. */
  actorLabel: z.string().nullable(),
  /** The record's name and where it is, resolved now by its owner module (null: unknown type or gone). */
  subject: z.object({ name: z.string(), context: z.string().nullable() }).nullable(),
}).meta({ id: 'AuditEvent' });

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  unitId?: string;
  limit?: number;
  cursor?: string;
  /** Part of the name of the record (a unit, a person, an account, a cycle, a document). */
  q?: string;
}

/** Records found per type for a name filter: enough for a page of a busy trail, bounded for the query. */
const SEARCH_LIMIT = 200;

export async function listAuditEvents(db: Db, actor: Actor, query: AuditQuery, labellers: Readonly<Record<string, AuditLabeller>> = {}) {
  if (!allowedSomewhere(auditPolicy, actor, 'audit.read')) throw notFound('Audit trail');
  let unitPath: string | null = null;
  if (query.unitId) {
    const unit = await findUnit(db, query.unitId, todayIso());
    if (!unit || !branchesFor(auditPolicy, actor, 'audit.read').some((b) => unit.path.startsWith(b))) throw notFound('Unit');
    unitPath = unit.path;
  }
  const limit = Math.min(query.limit ?? 50, 200);
  let before: number | undefined;
  if (query.cursor) {
    before = Number(query.cursor);
    if (!Number.isSafeInteger(before)) throw invalid([issue('invalid_cursor', 'cursor')]);
  }
  let entityIds: string[] | undefined;
  const q = query.q?.trim();
  if (q) {
    const found = await Promise.all(Object.values(labellers).map((l) => (l.search ? l.search(db, q, SEARCH_LIMIT) : Promise.resolve([]))));
    entityIds = [...new Set(found.flat())];
  }
  const rows = await readAuditEvents(db, {
    scope: (path) => scopeFor(auditPolicy, actor, 'audit.read', { path }),
    under: unitPath,
    entityType: query.entityType,
    entityId: query.entityId,
    entityIds,
    before,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  // Names resolved now, a batch per entity type; the actors through the accounts' labeller.
  const byType = new Map<string, Set<string>>();
  for (const r of page) byType.set(r.entityType, (byType.get(r.entityType) ?? new Set()).add(r.entityId));
  const actorIds = [...new Set(page.map((r) => r.actorUserId).filter((x): x is string => !!x))];
  const [labels, actors] = await Promise.all([
    Promise.all([...byType].map(async ([type, ids]) => [type, labellers[type] ? await labellers[type].label(db, [...ids]) : new Map()] as const)),
    labellers.user && actorIds.length ? labellers.user.label(db, actorIds) : Promise.resolve(new Map<string, AuditLabel>()),
  ]);
  const labelOf = new Map(labels);
  return {
    items: page.map((r) => {
      const s = labelOf.get(r.entityType)?.get(r.entityId);
      return {
        id: String(r.seq),
        at: r.at.toISOString(),
        actorName: r.actorName,
        actorLabel: (r.actorUserId && actors.get(r.actorUserId)?.name) || r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        subject: s ? { name: s.name, context: s.context ?? null } : null,
        before: shownState(r.before ?? null),
        after: shownState(r.after ?? null),
      };
    }),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}
