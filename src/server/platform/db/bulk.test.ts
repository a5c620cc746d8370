// The demo loaders' bulk-load switch (bulk.ts): on for the callback where the user may (the test server's user is a
// superuser, as the embedded server's is), off again after it, and told to the caller.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { withBulkWrites } from './bulk.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx?.app.close());

const role = async (tx: Parameters<Parameters<TestContext['database']['db']['transaction']>[0]>[0]) =>
  (await tx.execute<{ r: string }>(sql`SELECT current_setting('session_replication_role') AS r`)).rows[0].r;

describe('withBulkWrites', () => {
  it('turns triggers and foreign-key checks off for the callback only, and says so', async () => {
    const seen = await ctx.database.db.transaction(async (tx) => {
      const before = await role(tx);
      const { bulk, result } = await withBulkWrites(tx, async (on) => ({ on, inside: await role(tx) }));
      return { before, bulk, result, after: await role(tx) };
    });
    expect(seen).toEqual({ before: 'origin', bulk: true, result: { on: true, inside: 'replica' }, after: 'origin' });
    // Transaction-local: the pool's next user finds it off.
    expect(await ctx.database.db.transaction((tx) => role(tx))).toBe('origin');
  });
});
