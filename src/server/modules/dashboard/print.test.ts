// The dashboard as a PDF (GET /api/dashboard/print.pdf): the unit named with its parent, the date, the unit's and
// each child's figures exactly as GET /api/dashboard gives them, written as the language writes numbers; vi and
// en; outside the branch 404, as the dashboard.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDateVi } from '../../../domain/dates.js';
import { extractText } from '../documents/file-text.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { printNumber } from './print.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b', 'member.a1']) c[u] = await signIn(ctx.app, u);
});

const text = async (payload: Buffer) => (await extractText(payload)).replace(/\s+/g, ' ');

describe('numbers as each language writes them', () => {
  it('groups thousands and writes decimals the Vietnamese way, or the English way', () => {
    expect(printNumber(128555, 'int', 'vi')).toBe('128.555');
    expect(printNumber(128555, 'int', 'en')).toBe('128,555');
    expect(printNumber(12.5, 'pct', 'vi')).toBe('12,5 %');
    expect(printNumber(12.5, 'pct', 'en')).toBe('12.5%');
    expect(printNumber(100, 'pct', 'vi')).toBe('100,0 %');
    expect(printNumber(47.25, 'decimal', 'vi')).toBe('47,3');
    expect(printNumber(null, 'pct', 'vi')).toBe('—');
  });
});

describe('the dashboard as a PDF', () => {
  it("prints a commune's figures and each cell's, as the dashboard has them, the commune named with its province", async () => {
    const res = await c['officer.a'].get(`/api/dashboard/print.pdf?unitId=${world.communeA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const t = await text(res.rawPayload);
    const dash = (await c['officer.a'].get(`/api/dashboard?unitId=${world.communeA.id}`)).json();
    expect(t).toContain('SỐ LIỆU CHI BỘ, BÍ THƯ CHI BỘ');
    expect(t).toContain(`${world.communeA.name} · Tỉnh ủy Thử nghiệm`);
    expect(t).toContain(`Tính đến ngày ${formatDateVi(dash.date)}`);
    expect(t).toContain(`Toàn ${world.communeA.name}`);
    expect(dash.children.length).toBeGreaterThan(1);
    // Each row: the name, then its cells, members, full members and secretaries, in that order.
    for (const row of [{ name: `Toàn ${world.communeA.name}`, f: dash.figures }, ...dash.children.map((ch: { unit: { name: string }; figures: unknown }) => ({ name: ch.unit.name, f: ch.figures }))]) {
      const f = row.f as Record<string, number>;
      expect(t, row.name).toContain(`${row.name} ${[f.cells, f.members, f.fullMembers, f.secretaries].map((v) => printNumber(v, 'int', 'vi')).join(' ')}`);
    }
    expect(t).not.toContain(world.communeB.name);
  });

  it('prints in English when asked, and for a past date', async () => {
    const res = await c['officer.a'].get(`/api/dashboard/print.pdf?unitId=${world.communeA.id}&lang=en&date=2025-08-01`);
    expect(res.statusCode, res.body).toBe(200);
    const t = await text(res.rawPayload);
    expect(t).toContain('PARTY CELLS AND SECRETARIES: FIGURES');
    expect(t).toContain('As of 01/08/2025');
    expect(t).toContain(`${world.communeA.name}, whole`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`Figures - ${world.communeA.name}`);
  });

  it('is the dashboard access rule: another commune gets 404, bad input a field error', async () => {
    expect((await c['officer.b'].get(`/api/dashboard/print.pdf?unitId=${world.communeA.id}`)).statusCode).toBe(404);
    expect((await c['officer.b'].get(`/api/dashboard/print.pdf?unitId=${world.cellA1.id}`)).statusCode).toBe(404);
    expect((await c['officer.a'].get(`/api/dashboard/print.pdf?unitId=${world.province.id}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/dashboard/print.pdf?unitId=${world.communeA.id}` })).statusCode).toBe(401);
    const bad = await c['officer.a'].get(`/api/dashboard/print.pdf?unitId=${world.communeA.id}&date=2024-02-31`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('date');
    // Without a unit: the reader's own (the admin's province), with its communes.
    const own = await c.admin.get('/api/dashboard/print.pdf');
    expect(own.statusCode, own.body).toBe(200);
    const t = await text(own.rawPayload);
    expect(t).toContain(world.communeA.name);
    expect(t).toContain(world.communeB.name);
  });
});
