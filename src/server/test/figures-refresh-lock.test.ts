// A bulk caller of `figures_refresh` (the demo seed, the national loader) and a live write touching the same cells
// never collide. The commit-time flush serializes refreshes with an advisory lock; a direct call did not take it, so
// a transfer committing while a loader's refresh of the same cells was open deleted the old segments behind it and
// inserted its own over the loader's new ones: 23505 on `cell_figure_segments` (seen on the national database), in a
// running chibo a 5xx. `figures_refresh` now takes the flush's locks itself (migration `figures_refresh_lock`), in the
// flush's order (the audit chain's first: lock-order.test.ts), so every caller waits its turn.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access.js';
import { transferPerson } from '../modules/people/service.js';
import { computeFigures, rawFigures } from '../modules/dashboard/figures.js';
import { makeWorld } from './factories.js';
import { setupTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});
afterAll(() => ctx?.app.close());

const system = systemActor('figures-refresh-lock-test');

/** Waits until another session waits for a lock (the transfer, at its commit, behind the bulk refresh). */
async function someoneWaits() {
  for (let i = 0; i < 500; i++) {
    const { rows } = await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the transfer never waited for the bulk refresh');
}

describe('figures_refresh called directly, beside a live write', () => {
  it('a transfer committing while a bulk refresh of the same cells is open: both commit, figures right, every round', async () => {
    const db = ctx.database.db;
    const { cellA1, cellA2 } = world;
    const { memberA1 } = world.people;
    const cells = `{${cellA1.id},${cellA2.id}}`;
    const failures: string[] = [];
    let at = cellA1;
    for (let round = 0; round < 6; round++) {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let refreshed!: () => void;
      const inRefresh = new Promise<void>((r) => (refreshed = r));
      // The bulk caller: refreshes the cells in its own transaction and commits a little later (a loader's next batch).
      const bulk = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT figures_refresh(${cells}::uuid[])`);
        refreshed();
        await released;
      });
      await inRefresh;
      // A live write touching both cells: the member goes from one to the other (and back), on a later day each round.
      const to = at.id === cellA1.id ? cellA2 : cellA1;
      const transfer = transferPerson(db, system, memberA1.id, { toUnitId: to.id, date: `2025-0${round + 1}-15` });
      await someoneWaits();
      release();
      const outcome = await Promise.allSettled([bulk, transfer]);
      if (outcome[1].status === 'fulfilled') at = to;
      for (const o of outcome)
        if (o.status === 'rejected') failures.push(`round ${round}: ${String((o.reason as { cause?: { code?: string } }).cause?.code ?? (o.reason as Error).message)}`);
    }
    expect(failures).toEqual([]);
    // The totals still equal the registry read raw.
    const { rows } = await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.communeA.id} AND valid_to IS NULL`);
    for (const date of ['2025-03-31', '2025-12-31']) expect(await computeFigures(db, { path: rows[0].path, date })).toEqual(await rawFigures(db, { path: rows[0].path, date }));
  });
});
