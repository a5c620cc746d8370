// The audit trail read by a person: each event names its actor with their account and the thing it was about by
// its name (resolved now through the owner modules), its before/after never shows a citizen id, and the trail
// filters by a thing's name rather than its id.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { personFields, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
type Ev = { action: string; entityType: string; entityId: string; actorLabel: string | null; subject: { name: string; context: string | null } | null; before: unknown; after: unknown };
const trail = async (query = '') => {
  const r = await admin.get(`/api/audit?limit=200${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as Ev[];
};
let personId: string;
const cccd = '001090012345';

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
  const made = await admin.post('/api/people', { ...personFields({ fullName: 'Vàng Thị Sào', cccd }), unitId: world.cellA1.id, memberSince: '2020-01-01' });
  expect(made.statusCode, made.body).toBe(201);
  personId = (await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM people WHERE full_name = 'Vàng Thị Sào'`)).rows[0].id;
  const renamed = await admin.post(`/api/units/${world.cellA1.id}/rename`, { name: 'Chi bộ thôn Nà Hang Mới', date: todayIso() });
  expect(renamed.statusCode, renamed.body).toBeLessThan(300);
});

describe('an audit event', () => {
  it('names its actor with their account and its record by name and place', async () => {
    const ev = (await trail()).find((e) => e.action === 'person.create' && e.entityId === personId)!;
    expect(ev.actorLabel).toMatch(/\(admin\)$/);
    expect(ev.subject).toEqual({ name: 'Vàng Thị Sào', context: 'Chi bộ thôn Nà Hang Mới' });
    const unit = (await trail()).find((e) => e.action === 'unit.rename' && e.entityId === world.cellA1.id)!;
    expect(unit.subject).toEqual({ name: 'Chi bộ thôn Nà Hang Mới', context: 'Đảng ủy xã Minh Quang' });
  });

  it('never shows the citizen id in its before/after', async () => {
    const all = JSON.stringify(await trail());
    expect(all).not.toContain(cccd);
    expect(all).not.toMatch(/"cccd"/i);
  });

  it('is found by the name of its record, diacritics or not, and not by others', async () => {
    for (const q of ['Vàng Thị Sào', 'vang thi sao']) {
      const found = await trail(`&q=${encodeURIComponent(q)}`);
      expect(found.length, q).toBeGreaterThan(0);
      expect(found.filter((e) => e.entityId !== personId).map((e) => `${e.action} ${e.entityType} ${e.subject?.name}`), q).toEqual([]);
    }
    const units = await trail(`&q=${encodeURIComponent('Nà Hang Mới')}`);
    expect(units.map((e) => e.action)).toContain('unit.rename');
    expect(await trail(`&q=${encodeURIComponent('không có tên này')}`)).toEqual([]);
    // An account by its display name without diacritics.
    const made = await admin.post('/api/users', { username: 'nhat.ky', displayName: 'Đặng Thị Nhật Ký', password: 'mat-khau-dai-du-12', role: 'member', unitId: world.cellA1.id });
    expect(made.statusCode, made.body).toBe(201);
    const accounts = await trail(`&q=${encodeURIComponent('dang thi nhat ky')}`);
    expect(accounts.map((e) => `${e.action} ${e.subject?.name}`)).toEqual(['user.create Đặng Thị Nhật Ký (nhat.ky)']);
  });

  it('refuses a name filter with a NUL byte with a 400 naming the field', async () => {
    const r = await admin.get(`/api/audit?q=${encodeURIComponent('Mai\u0000')}`);
    expect(r.statusCode).toBe(400);
  });
});
