// Reading the trail (the audit module browses it; writing and verifying is audit.ts): the events recorded in some
// branches, newest first, a page at a time. The platform owns audit_events; modules read it through this.
import { and, desc, eq, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditEvents } from './schema.js';

export interface AuditEventRow {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitPath: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Events the reader's `scope` admits (a predicate over the event's recorded branch, from the reader's policy),
 * optionally only those recorded under `under`, newest first, `limit` of them.
 */
export async function readAuditEvents(
  exec: Executor,
  query: { scope: (unitPath: SQLWrapper) => SQL; under?: string | null; entityType?: string; entityId?: string; entityIds?: readonly string[]; before?: number; limit: number },
): Promise<AuditEventRow[]> {
  return exec
    .select()
    .from(auditEvents)
    .where(
      and(
        query.scope(auditEvents.unitPath),
        query.under ? sql`${auditEvents.unitPath} LIKE ${query.under.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}` : undefined,
        query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        query.entityIds ? sql`${auditEvents.entityId} = ANY(${sql.param([...query.entityIds])}::text[])` : undefined,
        query.before !== undefined ? lt(auditEvents.seq, query.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit);
}

/**
 * The mark of `path`'s province with the mark of the writes across provinces (audit_roots): it grows with every write
 * that reached the branch's province, and with nothing else. Anything computed over the branch after reading it stays
 * true while it stays the same.
 */
export async function markOf(exec: Executor, path: string): Promise<number> {
  const { rows } = await exec.execute<{ mark: string | null }>(
    sql`SELECT sum(mark)::text AS mark FROM audit_roots WHERE root IN (${path.split('/')[1] ?? ''}, '*')`,
  );
  return Number(rows[0]?.mark ?? 0);
}
