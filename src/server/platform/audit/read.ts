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
 * The marks of `path`'s province, per kind of write (the audit action's first word: `meeting`, `person`, `unit`…),
 * each with the same kind's mark of the writes across provinces (audit_roots). A mark grows with every write of its
 * kind that reached the province, and with nothing else: anything computed over the branch after reading the marks
 * of what it reads stays true while they stay the same.
 */
export async function marksOf(exec: Executor, path: string): Promise<ReadonlyMap<string, number>> {
  const { rows } = await exec.execute<{ scope: string; mark: string }>(
    sql`SELECT scope, sum(mark)::text AS mark FROM audit_roots WHERE root IN (${path.split('/')[1] ?? ''}, '*') GROUP BY scope`,
  );
  return new Map(rows.map((r) => [r.scope, Number(r.mark)]));
}

/** Writes that change what every reader of a branch computed: the tree's own (cells moved, merged) and the demo's. */
const EVERYONE_READS = ['unit', 'demo'];

/** The mark of what a reader reads (`scopes`, with the tree's and the demo's; absent: every kind of write). */
export function sumMarks(marks: ReadonlyMap<string, number>, scopes: readonly string[] | undefined): number {
  let n = 0;
  for (const [scope, mark] of marks) if (!scopes || scopes.includes(scope) || EVERYONE_READS.includes(scope)) n += mark;
  return n;
}
