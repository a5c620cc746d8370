// The home page of those who work warnings: a flagged cell of their commune is a task ("not yet acknowledged", naming
// the first cell with its commune, one tap to the list), acknowledged it leaves that line, and a follow-up assigned to
// them is a task of its own, due on its day. A reader who only reads warnings (the province board) and a member get
// no such task.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { createUnit } from '../org/service.js';
import { addPosition } from '../people/service.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { reportAbout } from '../../test/reports.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
const today = todayIso();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b', 'member.a1']) c[u] = await signIn(ctx.app, u);
});

type Task = { key: string; label: string; params: Record<string, string | number>; count: number; link: string; due: string | null; overdue: boolean };
const tasksOf = async (client: Client) => {
  const res = await client.get('/api/home');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().tasks as Task[]).filter((t) => t.key.startsWith('warnings.'));
};

describe('early warning on the home page', () => {
  it('is a task for the commune officer until acknowledged, and a follow-up is one for its assignee', async () => {
    const system = systemActor('test');
    const cell = await createUnit(ctx.database.db, system, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Khuổi Phầy', code: '90001-077', validFrom: '2020-01-01' });
    const people = [await addPerson(ctx.database.db, cell.id, { fullName: 'Nông Văn Một' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Nông Thị Hai', sex: 'female' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Nông Văn Ba' })];
    await addPosition(ctx.database.db, system, people[0].id, { position: 'secretary', from: '2020-08-15' });
    // The world's own cells already raise some (cell A2 has two members): the count before.
    const before = (await tasksOf(c['officer.a'])).find((t) => t.key === 'warnings.open')?.count ?? 0;

    for (let i = 0; i < 3; i++) await reportAbout(ctx, cell.id);
    const [open] = await tasksOf(c['officer.a']);
    // Ranked first (most signals: reports in the window, the same matter), named with its commune.
    expect(open).toMatchObject({ key: 'warnings.open', label: 'warnings.tasks.open', count: before + 1, link: '/warnings?status=open', params: { first: 'Chi bộ thôn Khuổi Phầy', commune: 'Đảng ủy xã Minh Quang' } });
    // The province board (reads warnings, does not work them) and a member: nothing; another commune's officer: not this one.
    for (const u of ['admin', 'member.a1']) expect(await tasksOf(c[u]), u).toEqual([]);
    expect((await tasksOf(c['officer.b'])).find((t) => t.key === 'warnings.open')?.params.first).not.toBe('Chi bộ thôn Khuổi Phầy');

    const url = `/api/warnings/cell/${cell.id}`;
    expect((await c['officer.a'].post(`${url}/acknowledge`)).statusCode).toBe(200);
    expect((await tasksOf(c['officer.a'])).find((t) => t.key === 'warnings.open')?.count ?? 0).toBe(before);
    const { rows } = await ctx.database.pool.query("SELECT id FROM users WHERE username = 'officer.a'");
    const by = addDays(today, 14);
    expect((await c['officer.a'].post(`${url}/follow-up`, { assigneeUserId: rows[0].id, by })).statusCode).toBe(200);
    expect((await tasksOf(c['officer.a'])).find((t) => t.key === 'warnings.followUp')).toEqual({ key: 'warnings.followUp', label: 'warnings.tasks.followUp', params: {}, count: 1, link: '/warnings?status=acknowledged', due: by, overdue: false });
  });
});
