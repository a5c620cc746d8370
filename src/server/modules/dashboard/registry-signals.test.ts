// The registry's health signals read from the figures' per-cell segments (dashboard/signals.ts) equal the raw reading
// from memberships and positions (people/signals.ts), for several days, branches and thresholds, in a world where a
// secretary leaves, a cell begins with nobody, a member moves between cells, a cell moves to the other commune.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { createUnit, moveUnit } from '../org/service.js';
import { endPosition, transferPerson } from '../people/service.js';
import { rawRegistrySignals } from '../people/signals.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { registrySignals } from './signals.js';

let ctx: TestContext;
let world: World;
const system = systemActor('registry-signals');
const today = todayIso();
const D = (n: number) => addDays(today, -n);

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const db = ctx.database.db;
  await createUnit(db, system, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Trống', code: 'rs-1', validFrom: '2020-01-01' });
  await createUnit(db, system, { parentId: world.communeB.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Mới', code: 'rs-2', validFrom: D(30) });
  const { rows } = await ctx.database.pool.query(`SELECT id FROM position_terms WHERE person_id = $1 AND position = 'secretary'`, [world.people.secretaryA2.id]);
  await endPosition(db, system, rows[0].id, { to: D(100) });
  await transferPerson(db, system, world.people.memberB1.id, { toUnitId: world.cellA2.id, date: D(50) });
  await moveUnit(db, system, world.cellA2.id, { parentId: world.communeB.id, date: D(20) });
});

describe('registry signals: the segments equal the raw rows', () => {
  const days = [0, 10, 25, 60, 120, 400];
  for (const key of ['dashboard.no_secretary', 'dashboard.under_full_members'])
    for (const n of days)
      it(`${key}, ${n} days ago, every branch and several thresholds`, async () => {
        const fast = registrySignals.find((p) => p.key === key)!;
        const raw = rawRegistrySignals.find((p) => p.key === key)!;
        const thresholds = key === 'dashboard.no_secretary' ? [1, 30, 90, 365, 3000] : [1, 2, 3, 5];
        let found = 0;
        for (const path of [world.province.path, world.communeA.path, world.communeB.path])
          for (const threshold of thresholds) {
            const at = { path, date: D(n), config: { ...raw.defaults, threshold } };
            const sorted = (fs: Awaited<ReturnType<typeof raw.evaluate>>) => fs.map((f) => JSON.stringify(f)).sort();
            const want = sorted(await raw.evaluate(ctx.database.db, at));
            expect(sorted(await fast.evaluate(ctx.database.db, at))).toEqual(want);
            found += want.length;
          }
        expect(found).toBeGreaterThan(0);
      });
});
