// Browsing the audit trail (writing and verifying it is platform/audit). Events are scoped by the branch path
// recorded with them, so an admin sees the events of records inside their branch.
import { issue } from '../../../domain/issues.js';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { allowedSomewhere, branchesFor, scopeFor, type Actor } from '../../platform/access.js';
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
}).meta({ id: 'AuditEvent' });

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
  const rows = await readAuditEvents(db, {
    scope: (path) => scopeFor(auditPolicy, actor, 'audit.read', { path }),
    under: unitPath,
    entityType: query.entityType,
    entityId: query.entityId,
    before,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ id: String(r.seq), at: r.at.toISOString(), actorName: r.actorName, action: r.action, entityType: r.entityType, entityId: r.entityId, before: r.before ?? null, after: r.after ?? null })),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}
