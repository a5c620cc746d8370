// The two locks every registry write takes at commit — the audit chain's and the figures refresh's — are taken in
// one order by everyone, so two writers never wait on each other in a circle. The roster import takes the chain's
// lock early (it hashes its events itself, recordAuditByCopy) and the refresh's at its commit; a single write that
// committed meanwhile took the refresh's lock first (its figures were marked before its audit event was staged) and
// then waited for the chain: PostgreSQL broke the circle by killing one of them, and when it picked the import, a
// 3,000-row import ended "failed/internal" (seen in the crash suite under concurrent writes).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../platform/audit/audit.js';
import { setupTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx?.app.close());

const AUDIT_LOCK = 7_202_511; // platform/audit/audit.ts
const actor = { userId: null, personId: null, grants: [], name: 'lock-order test', requestId: 'r-lock' };

/** Waits until some session waits for an advisory lock (the second writer, at its commit). */
async function someoneWaitsOnAdvisoryLock() {
  for (let i = 0; i < 500; i++) {
    const { rows } = await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the second writer never waited for a lock');
}

describe('lock order at commit', () => {
  it('an import holding the audit chain and a write committing meanwhile both commit (no deadlock)', async () => {
    const db = ctx.database.db;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    // The import: the chain's lock taken during the transaction, figures marked, committed later.
    const bulk = db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
      await tx.execute(sql`INSERT INTO figures_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING`);
      holding();
      await released;
    });
    await held;
    // A single write: figures marked first, then its audit event staged; it commits while the import runs.
    const single = db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO figures_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING`);
      await recordAudit(tx, actor, { action: 'test.lockOrder', entityType: 'test', entityId: 'single' });
    });
    await someoneWaitsOnAdvisoryLock();
    release();
    const outcome = await Promise.allSettled([bulk, single]);
    const failures = outcome.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as { cause?: { code?: string } }).cause?.code ?? o.reason)] : []));
    expect(failures).toEqual([]);
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.lockOrder'`);
    expect(rows[0]!.n).toBe(1);
  });
});
