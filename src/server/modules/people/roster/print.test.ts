// The roster printout (GET /api/people/roster.pdf): the branch's members grouped by cell, in vi and en, for whoever
// may export the roster — another commune's officer gets 404, a member 403 — and never a CCCD or phone number.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../../test/harness.js';
import { extractText } from '../../documents/file-text.js';

describe('roster printout', () => {
  let ctx: TestContext;
  let world: World;
  let officerA: Client;

  beforeAll(async () => {
    ctx = await setupTestApp();
    world = await makeWorld(ctx);
    officerA = await signIn(ctx.app, 'officer.a');
  });

  const text = async (payload: Buffer) => (await extractText(payload)).replace(/\s+/g, ' ');

  it("prints a commune's members by cell, in Vietnamese, without CCCD or phone", async () => {
    const res = await officerA.get(`/api/people/roster.pdf?unitId=${world.communeA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const t = await text(res.rawPayload);
    expect(t).toContain('DANH SÁCH ĐẢNG VIÊN');
    for (const name of ['Hoàng Văn Bình', 'Nguyễn Thị Xiến', 'Ma Văn Đức', 'Đỗ Thị Hoa']) expect(t).toContain(name);
    expect(t).toContain(world.cellA1.name);
    expect(t).toContain(world.cellA2.name);
    expect(t).not.toContain('Phạm Văn Khánh'); // commune B
    expect(t).toContain('Bí thư'); // the secretary's position
    expect(t).toContain('Tổng số: 6 đảng viên');
    for (const p of Object.values(world.people) as { cccd?: string | null; phone?: string | null }[]) {
      if (p.cccd) expect(t).not.toContain(p.cccd);
      if (p.phone) expect(t).not.toContain(p.phone);
    }
  });

  it('prints in English when asked', async () => {
    const res = await officerA.get(`/api/people/roster.pdf?unitId=${world.cellA1.id}&lang=en`);
    expect(res.statusCode).toBe(200);
    const t = await text(res.rawPayload);
    expect(t).toContain('LIST OF PARTY MEMBERS');
    expect(t).toContain('Total: 4 members');
    expect(t).toContain('Secretary');
  });

  it("a cell's secretary prints their cell; another commune's officer cannot; a member may not", async () => {
    const secretary = await signIn(ctx.app, 'secretary.a1');
    expect((await secretary.get(`/api/people/roster.pdf?unitId=${world.cellA1.id}`)).statusCode).toBe(200);
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerB.get(`/api/people/roster.pdf?unitId=${world.communeA.id}`)).statusCode).toBe(404);
    expect((await officerB.get(`/api/people/roster.pdf?unitId=${world.cellA1.id}`)).statusCode).toBe(404);
    const member = await signIn(ctx.app, 'member.a1');
    expect((await member.get(`/api/people/roster.pdf?unitId=${world.cellA1.id}`)).statusCode).toBe(403);
  });

  it('refuses bad input in the one error shape', async () => {
    const bad = await officerA.get('/api/people/roster.pdf?unitId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('unitId');
    const date = await officerA.get(`/api/people/roster.pdf?unitId=${world.communeA.id}&date=2024-02-31`);
    expect(date.statusCode).toBe(400);
    const unknown = await officerA.get('/api/people/roster.pdf?unitId=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });
});
