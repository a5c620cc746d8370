// Browsing the audit trail (writing and verifying it is platform/audit). Events are scoped by the branch path
// recorded with them, so an admin sees the events of records inside their branch.
import { issue } from '../../../domain/issues.js';
import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { allowedSomewhere, branchesFor, scopeFor, type Actor } from '../../platform/access.js';
import { auditEvents } from '../../platform/audit/schema.js';
import type { Db } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { findUnit, prefixMatch } from '../org/tree.js';
import { auditPolicy } from './policy.js';

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  unitId?: string;
  limit?: number;
  cursor?: string;
}

export async function listAuditEvents(db: Db, actor: Actor, query: AuditQuery) {
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
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        scopeFor(auditPolicy, actor, 'audit.read', { path: auditEvents.unitPath }),
        unitPath ? prefixMatch(auditEvents.unitPath, [unitPath]) : undefined,
        query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        before !== undefined ? lt(auditEvents.seq, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ id: String(r.seq), at: r.at.toISOString(), actorName: r.actorName, action: r.action, entityType: r.entityType, entityId: r.entityId, before: r.before ?? null, after: r.after ?? null })),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}
