// Issue 14, defect 11: the review page listed communes in byte order ("Bình An" before "Bạch Đích", "Đ…" after
// "Y") while the dashboard sorted right. The progress of a cycle lists its communes in Vietnamese order.
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { createUnit } from '../org/service.js';

let ctx: TestContext;
let w: World;
const NAMES = ['Xã Yên Lập', 'Xã Bình An', 'Xã Đồng Tâm', 'Xã Bạch Đích', 'Xã Dương Quang', 'Xã Ân Thịnh', 'Xã An Khang'];
const ids: string[] = [];
beforeAll(async () => {
  ctx = await setupTestApp();
  w = await makeWorld(ctx);
  const db = ctx.database.db;
  for (const [i, name] of NAMES.entries()) {
    const commune = await createUnit(db, systemActor('test'), { parentId: w.province.id, kind: 'commune', name, code: `9100${i}`, validFrom: '2020-01-01' });
    const cell = await createUnit(db, systemActor('test'), { parentId: commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn 1', code: `9100${i}-001`, validFrom: '2020-01-01' });
    await addPerson(db, cell.id, { fullName: `Nguyễn Văn ${i}` });
    ids.push(commune.id);
  }
});

describe('the progress of a review cycle', () => {
  it('lists its communes in Vietnamese alphabetical order', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const open = await admin.post('/api/review/cycles', {
      unitId: w.province.id, year: 2025, kind: 'yearly', title: 'Đánh giá, xếp loại năm 2025', branchIds: ids,
      referenceDate: '2025-12-01', selfDue: '2025-12-05', cellDue: '2025-12-15', decisionDue: '2025-12-31',
    });
    expect(open.statusCode, open.body).toBe(201);
    const res = await admin.get(`/api/review/cycles/${open.json().cycle.id}`);
    expect(res.json().communes.map((c: { name: string }) => c.name)).toEqual([
      'Xã An Khang', 'Xã Ân Thịnh', 'Xã Bạch Đích', 'Xã Bình An', 'Xã Dương Quang', 'Xã Đồng Tâm', 'Xã Yên Lập',
    ]);
  });
});
