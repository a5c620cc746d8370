// Org's hooks for a change of the tree (migrations org_change_hooks, org_change_hooks_registry): a module registers
// `<module>_on_org_units_changed(uuid[])` from its migration, and org's trigger on org_unit_versions calls it with the
// units each statement changed — through one function rebuilt at registration, never a catalog lookup per statement.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { renameUnit } from './service.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await ctx.database.db.execute<T>(q)).rows;

describe("org's change hooks", () => {
  it('has every hook function the migrations define registered (one defined but not registered would never be called)', async () => {
    const defined = await rows<{ name: string }>(sql`
      SELECT p.proname AS name FROM pg_proc p
      WHERE p.proname LIKE '%\_on\_org\_units\_changed' AND p.pronargs = 1 AND p.proargtypes[0] = 'uuid[]'::regtype AND pg_function_is_visible(p.oid)
      ORDER BY 1`);
    const registered = await rows<{ hook: string }>(sql`SELECT hook FROM org_change_hooks ORDER BY hook`);
    expect(defined.map((d) => d.name)).toContain('meetings_on_org_units_changed');
    expect(registered.map((r) => r.hook)).toEqual(defined.map((d) => d.name));
  });

  it('calls a registered hook with the units a statement changed, in the statement, and stops when it is unregistered', async () => {
    const db = ctx.database.db;
    await db.execute(sql`CREATE TABLE test_hook_calls (n serial PRIMARY KEY, hook text, units uuid[])`);
    for (const name of ['test_a_on_org_units_changed', 'test_b_on_org_units_changed']) {
      await db.execute(sql.raw(`CREATE FUNCTION ${name}(units uuid[]) RETURNS void LANGUAGE sql AS $$ INSERT INTO test_hook_calls (hook, units) VALUES ('${name}', units) $$`));
    }
    // only b is registered: a is defined by the old convention's name alone, and is not called
    await db.execute(sql`SELECT org_register_change_hook('test_b_on_org_units_changed')`);
    await renameUnit(db, systemActor('test'), world.cellA1.id, { name: 'Chi bộ thôn Nà Hang Mới', date: todayIso() });
    const calls = await rows<{ hook: string; units: string[] }>(sql`SELECT hook, units::text[] AS units FROM test_hook_calls ORDER BY n`);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.hook))).toEqual(new Set(['test_b_on_org_units_changed']));
    expect(new Set(calls.flatMap((c) => c.units))).toEqual(new Set([world.cellA1.id]));
    // registering twice calls it once a statement; unregistered, it is called no more
    await db.execute(sql`SELECT org_register_change_hook('test_b_on_org_units_changed')`);
    await db.execute(sql`DELETE FROM test_hook_calls`);
    await db.execute(sql`UPDATE org_unit_versions SET name = name WHERE unit_id = ${world.cellA2.id} AND valid_to IS NULL`);
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM test_hook_calls`))[0]!.n).toBe(1);
    await db.execute(sql`SELECT org_unregister_change_hook('test_b_on_org_units_changed')`);
    await db.execute(sql`UPDATE org_unit_versions SET name = name WHERE unit_id = ${world.cellA2.id} AND valid_to IS NULL`);
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM test_hook_calls`))[0]!.n).toBe(1);
    await db.execute(sql`DROP FUNCTION test_a_on_org_units_changed(uuid[]); DROP FUNCTION test_b_on_org_units_changed(uuid[]); DROP TABLE test_hook_calls`);
  });

  it('refuses to register a hook that does not exist', async () => {
    await expect(ctx.database.db.execute(sql`SELECT org_register_change_hook('nobody_on_org_units_changed')`)).rejects.toSatisfy(
      (e: { cause?: { message?: string } }) => /does not exist/.test(e.cause?.message ?? String(e)),
    );
  });
});
