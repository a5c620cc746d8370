// The inbox and its emitters, over HTTP: each notification appears exactly once (however often its writer repeats
// itself), folds while unread, respects the reader's choices, and never reaches — nor names — an anonymous reporter.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let secretary: Client;
let member: Client;

const inboxOf = async (c: Client, query = '') => {
  const r = await c.get(`/api/inbox${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: { id: string; topic: string; kind: string; count: number; read: boolean; mustAcknowledge: boolean; link: string; params: Record<string, unknown> }[]; counts: { official: number; activity: number; toAcknowledge: number } };
};
const ofTopic = async (c: Client, topic: string) => (await inboxOf(c)).items.filter((i) => i.topic === topic);

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, secretary, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

describe("a meeting's invitation", () => {
  let meetingId: string;
  const send = async (c: Client, command: Record<string, unknown>) => {
    const version = (await secretary.get(`/api/meetings/${meetingId}`)).json().meeting.version;
    return c.post(`/api/meetings/${meetingId}/commands`, { commandId: crypto.randomUUID(), clientId: crypto.randomUUID(), baseVersion: version, command });
  };

  it('reaches each invited member once as an official message, even when sent again', async () => {
    const year = Number(todayIso().slice(0, 4));
    await officerA.post('/api/meetings/plan', { unitId: world.communeA.id, year });
    const cal = (await secretary.get(`/api/meetings/cells/${world.cellA1.id}/calendar?year=${year}`)).json();
    meetingId = cal.months.flatMap((m: { meetings: { id: string; kind: string }[] }) => m.meetings).find((m: { kind: string }) => m.kind === 'regular').id;
    for (let i = 0; i < 2; i++) expect((await send(secretary, { type: 'sendInvitations', message: 'Kính mời', guests: [] })).statusCode).toBe(200);
    const mine = await ofTopic(member, 'meeting.invitation');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'official', count: 1, mustAcknowledge: true, link: `/meetings/${meetingId}` });
    expect((await inboxOf(member)).counts.toAcknowledge).toBe(1);
    // Not to anyone outside the cell.
    expect(await ofTopic(officerB, 'meeting.invitation')).toHaveLength(0);
  });

  it('is acknowledged from the inbox on the meeting itself, and from the meeting in the inbox', async () => {
    const [item] = await ofTopic(member, 'meeting.invitation');
    const ack = await member.post(`/api/inbox/${item.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledged: true, mustAcknowledge: false });
    const detail = (await secretary.get(`/api/meetings/${meetingId}`)).json();
    const row = detail.members.find((m: { personId: string }) => m.personId === world.people.memberA1.id);
    expect(row.invitation.acknowledgedAt).not.toBeNull();
    // The secretary acknowledges on the meeting's page: their inbox follows.
    expect((await send(secretary, { type: 'acknowledge' })).statusCode).toBe(200);
    const [own] = await ofTopic(secretary, 'meeting.invitation');
    expect(own).toMatchObject({ acknowledged: true, read: true });
  });

  it("is nobody else's to acknowledge: another account's notification is not found", async () => {
    const [item] = await ofTopic(member, 'meeting.invitation');
    expect((await officerB.post(`/api/inbox/${item.id}/acknowledge`)).statusCode).toBe(404);
  });
});

describe('a document to study', () => {
  it("reaches the cells' secretaries once as an official message; members of the cells are not flooded", async () => {
    const doc = await admin.post('/api/documents', { unitId: world.province.id, typeCode: 'CT', issuerCode: 'TU', issuedOn: '2024-06-03', title: 'Về nâng cao chất lượng sinh hoạt chi bộ', signer: 'Bí thư' });
    expect(doc.statusCode, doc.body).toBe(201);
    const sent = await admin.post(`/api/documents/${doc.json().id}/disseminations`, { unitIds: [world.communeA.id], deadline: addDays(todayIso(), 30) });
    expect(sent.statusCode, sent.body).toBe(201);
    const mine = await ofTopic(secretary, 'document.study');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'official', mustAcknowledge: true });
    expect(await ofTopic(member, 'document.study')).toHaveLength(0);
    expect(await ofTopic(officerB, 'document.study')).toHaveLength(0);
  });
});

describe('an anonymous report', () => {
  it("tells the commune's officers once, names nobody, and writes to no reporter", async () => {
    const before = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications`)).rows[0].n;
    const report = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { cellId: world.cellA2.id, category: 'complaint', subject: 'village', content: 'Tiền đóng góp làm đường không công khai.', anonymous: true, reporterName: 'Người Giấu Tên' },
      remoteAddress: '10.9.9.1',
    });
    expect(report.statusCode, report.body).toBe(201);
    const mine = await ofTopic(officerA, 'supervision.assigned');
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0].params)).not.toMatch(/Giấu|Tiền đóng góp/);
    // Only the handling officers of commune A: nobody of commune B, no cell account, no one else.
    expect(await ofTopic(officerB, 'supervision.assigned')).toHaveLength(0);
    expect(await ofTopic(secretary, 'supervision.assigned')).toHaveLength(0);
    const after = (await ctx.database.db.execute<{ n: number; users: string[] }>(sql`SELECT count(*)::int AS n, array_agg(DISTINCT user_id::text) AS users FROM notifications WHERE topic = 'supervision.assigned'`)).rows[0];
    expect(after.n).toBe(1);
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it("folds the reporter's replies to one line per case while unread, each reply counted once", async () => {
    const report = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { cellId: world.cellA2.id, category: 'suggestion', subject: 'village', content: 'Đề nghị sửa nhà văn hóa.', anonymous: true },
      remoteAddress: '10.9.9.2',
    });
    const code = report.json().receiptCode;
    for (const body of ['Bổ sung thêm một ý.', 'Và một ý nữa.']) {
      const a = await ctx.app.inject({ method: 'POST', url: '/api/public/reports/answer', payload: { code, body }, remoteAddress: '10.9.9.3' });
      expect(a.statusCode, a.body).toBe(200);
    }
    const replies = await ofTopic(officerA, 'supervision.reply');
    expect(replies).toHaveLength(1);
    expect(replies[0].count).toBe(2);
  });
});

describe('choices and marks', () => {
  it('turns activity news off, but never an official message', async () => {
    const off = await officerA.request('PUT', '/api/inbox/preferences', { preferences: [{ topic: 'meeting.invitation', delivery: 'off' }] });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.fields[0]).toMatchObject({ path: 'preferences.0.delivery', code: 'official_cannot_be_off' });
    const before = (await ofTopic(officerA, 'supervision.assigned'))[0].count;
    const ok = await officerA.request('PUT', '/api/inbox/preferences', { preferences: [{ topic: 'supervision.assigned', delivery: 'off' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().find((p: { topic: string }) => p.topic === 'supervision.assigned').delivery).toBe('off');
    await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { cellId: world.cellA1.id, category: 'complaint', subject: 'village', content: 'Một việc khác cần xem xét.', anonymous: true },
      remoteAddress: '10.9.9.4',
    });
    expect((await ofTopic(officerA, 'supervision.assigned'))[0].count).toBe(before);
  });

  it('marks all read and counts none unread', async () => {
    const r = await officerA.post('/api/inbox/read', { all: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().counts).toMatchObject({ activity: 0, official: 0 });
    expect((await officerA.post('/api/inbox/read', {})).statusCode).toBe(400);
  });
});

describe('the home page', () => {
  it("gathers each module's tasks, grouped, and the branch's figures", async () => {
    const h = await secretary.get('/api/home');
    expect(h.statusCode, h.body).toBe(200);
    const body = h.json();
    const study = body.tasks.find((t: { key: string }) => t.key === 'documents.study');
    expect(study).toMatchObject({ count: 1, link: '/documents?tab=study' });
    expect(body.figures.unit.id).toBe(world.cellA1.id);
    expect(body.figures.values.members.toString()).toMatch(/\d/);
    const officer = (await officerA.get('/api/home')).json();
    expect(officer.tasks.filter((t: { key: string }) => t.key === 'supervision.received')).toHaveLength(1);
    expect(officer.changes.every((c: { action: string }) => !c.action.startsWith('supervision.'))).toBe(true);
    const m = (await member.get('/api/home')).json();
    expect(m.changes).toEqual([]);
  });

  it('finds units with their parent, people and cases, only within the reader’s branch', async () => {
    const a = (await officerA.get(`/api/search?q=${encodeURIComponent('ban khuoi')}`)).json();
    expect(a.units[0]).toMatchObject({ id: world.cellA2.id, parent: 'Đảng ủy xã Minh Quang' });
    expect((await officerA.get('/api/search?q=xien')).json().people.map((p: { id: string }) => p.id)).toContain(world.people.memberA1.id);
    expect((await officerA.get(`/api/search?q=${encodeURIComponent('nhà văn hóa')}`)).json().cases).toHaveLength(1);
    const b = (await officerB.get(`/api/search?q=${encodeURIComponent('ban khuoi')}`)).json();
    expect(b.units).toEqual([]);
    expect((await officerB.get('/api/search?q=xien')).json().people).toEqual([]);
    expect((await officerB.get(`/api/search?q=${encodeURIComponent('nhà văn hóa')}`)).json().cases).toEqual([]);
  });
});
