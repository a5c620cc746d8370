// The boundary day (issue 15): a membership, a record or a secretary's term ending on day D counts on D − 1 and
// not on D (valid_to is exclusive), in the pre-aggregated figures and the raw computation alike — written out by
// hand, so an off-by-one made in both paths fails here even though they would agree with each other.
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { personFields } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { createUnit } from '../org/service.js';
import { addPosition, closePerson, createPerson, endPosition, transferPerson } from '../people/service.js';
import { createUser } from '../users/service.js';
import { computeFigures, rawFigures } from './figures.js';

const system = systemActor('boundary-day-test');
const D = '2024-06-15';
const BEFORE = '2024-06-14';
const AFTER = '2024-06-16';
let ctx: TestContext;
let db: Db;
let paths: { commune: string; x: string; y: string };
let ids: { commune: string; x: string; y: string };

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  const from = '2020-01-01';
  const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh ủy Biên', code: '77', validFrom: from });
  const commune = await createUnit(db, system, { parentId: province.id, kind: 'commune', name: 'Đảng ủy xã Biên Giới', code: '77001', validFrom: from });
  const x = await createUnit(db, system, { parentId: commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Trước', code: '77001-001', validFrom: from });
  const y = await createUnit(db, system, { parentId: commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Sau', code: '77001-002', validFrom: from });
  paths = { commune: commune.path, x: x.path, y: y.path };
  ids = { commune: commune.id, x: x.id, y: y.id };
  const person = (name: string, unitId: string) => createPerson(db, system, { ...personFields({ fullName: name }), unitId, memberSince: from });
  const stays = await person('Lý Văn Ở', x.id);
  const moves = await person('Hà Văn Đi', x.id);
  const leaves = await person('Sầm Thị Về', x.id);
  await person('Vi Văn Sau', y.id);
  const term = await addPosition(db, system, stays.id, { position: 'secretary', from: '2020-08-15' });
  // Everything ends on D: a transfer out of X, a closed record, the secretary's term.
  await transferPerson(db, system, moves.id, { toUnitId: y.id, date: D });
  await closePerson(db, system, leaves.id, { reason: 'left', date: D });
  await endPosition(db, system, (term as { id: string }).id, { to: D });
  await createUser(db, system, { username: 'boundary.admin', displayName: 'Boundary', password: 'correct-horse-battery', role: 'province_admin', unitId: province.id });
});

// Written out by hand: [members of X, of Y, of the commune, secretaries of X] on each day.
const expected: Record<string, { x: number; y: number; commune: number; secretariesX: number }> = {
  [BEFORE]: { x: 3, y: 1, commune: 4, secretariesX: 1 },
  [D]: { x: 1, y: 2, commune: 3, secretariesX: 0 },
  [AFTER]: { x: 1, y: 2, commune: 3, secretariesX: 0 },
};

describe('a membership ending on day D', () => {
  for (const [date, want] of Object.entries(expected)) {
    it(`on ${date}: the fast and the raw figures both count what was valid that day`, async () => {
      for (const compute of [computeFigures, rawFigures]) {
        const x = await compute(db, { path: paths.x, date });
        const y = await compute(db, { path: paths.y, date });
        const commune = await compute(db, { path: paths.commune, date });
        const label = `${compute.name} on ${date}`;
        expect(x.members, `${label}: X`).toBe(want.x);
        expect(y.members, `${label}: Y`).toBe(want.y);
        expect(commune.members, `${label}: commune`).toBe(want.commune);
        expect(x.secretaries, `${label}: X's secretaries`).toBe(want.secretariesX);
        expect(x.cellsWithoutSecretary, `${label}: X without a secretary`).toBe(1 - want.secretariesX);
      }
    });
  }

  it('the dashboard over HTTP says the same on D − 1 and on D', async () => {
    const admin = await signIn(ctx.app, 'boundary.admin');
    for (const date of [BEFORE, D]) {
      const res = await admin.get(`/api/dashboard?unitId=${ids.commune}&date=${date}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(JSON.stringify(res.json())).toContain(`"members":${expected[date].commune}`);
    }
  });
});
