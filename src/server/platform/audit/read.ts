// Reading the trail (the audit module browses it; writing and verifying is audit.ts): the events recorded in some
// branches, newest first, a page at a time. The platform owns audit_events; modules read it through this.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditEvents } from './schema.js';

export interface AuditEventRow {
  seq: number;
  at: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Events whose recorded branch starts with one of `branches` (none: no event), newest first, `limit` of them. */
export async function readAuditEvents(
  exec: Executor,
  query: { branches: string[]; entityType?: string; entityId?: string; before?: number; limit: number },
): Promise<AuditEventRow[]> {
  const inBranches: SQL =
    query.branches.length === 0
      ? sql`false`
      : or(...query.branches.map((p) => sql`${auditEvents.unitPath} LIKE ${p.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`))!;
  return exec
    .select()
    .from(auditEvents)
    .where(
      and(
        inBranches,
        query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        query.before !== undefined ? lt(auditEvents.seq, query.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit);
}
