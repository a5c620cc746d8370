// A case as a PDF (GET /api/supervision/cases/:id/case.pdf): under the case's own access rule (another commune's
// officer, the cell's own people: 404), in vi and en, and never the reporter's identity — neither a named
// reporter's name and contact, even for the inspection role that may see them on screen, nor an anonymous
// reporter's receipt code.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../documents/file-text.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { lookupOf } from './receipt.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
let addr = 0;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1']) c[u] = await signIn(ctx.app, u);
});

const text = async (payload: Buffer) => (await extractText(payload)).replace(/\s+/g, ' ');

async function newCase(body: Record<string, unknown>) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/public/reports', payload: body, remoteAddress: `198.51.100.${++addr}` });
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().receiptCode as string;
  const { rows } = await ctx.database.pool.query<{ id: string; number: number }>('SELECT id, number FROM supervision_cases WHERE receipt_lookup = $1', [lookupOf(code)!.lookup]);
  return { code, ...rows[0]! };
}

const CONTENT = 'Đường nội thôn làm xong chưa được nghiệm thu, tiền đóng góp không công khai.';

describe('a case as a PDF', () => {
  it('prints the case in Vietnamese: its number, the cell with its commune, the text, the handling and the conversation; an anonymous reporter stays anonymous', async () => {
    const k = await newCase({ cellId: world.cellA1.id, category: 'complaint', subject: 'village', content: CONTENT, anonymous: true });
    const officer = c['officer.a'];
    expect((await officer.post(`/api/supervision/cases/${k.id}/status`, { to: 'accepted', note: 'Giao tổ kiểm tra xác minh' })).statusCode).toBe(200);
    expect((await officer.post(`/api/supervision/cases/${k.id}/messages`, { kind: 'question', body: 'Xin cho biết thôn nào' })).statusCode).toBe(200);
    const answered = await ctx.app.inject({ method: 'POST', url: '/api/public/reports/answer', payload: { code: k.code, body: 'Thôn Nà Làng, xóm dưới' }, remoteAddress: `198.51.100.${++addr}` });
    expect(answered.statusCode, answered.body).toBeLessThan(300);

    const res = await officer.get(`/api/supervision/cases/${k.id}/case.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const t = await text(res.rawPayload);
    expect(t).toContain('HỒ SƠ VỤ VIỆC GÓP Ý, PHẢN ÁNH');
    expect(t).toContain(`#${k.number}`);
    expect(t).toContain(world.cellA1.name);
    expect(t).toContain(world.communeA.name);
    expect(t).toContain(CONTENT);
    expect(t).toContain('Khiếu nại, phản ánh');
    expect(t).toContain('Đã thụ lý');
    expect(t).toContain('Giao tổ kiểm tra xác minh');
    expect(t).toContain('Xin cho biết thôn nào');
    expect(t).toContain('Thôn Nà Làng, xóm dưới');
    expect(t).toContain('Ẩn danh');
    // The receipt code is the anonymous reporter's only key: it never leaves their hands.
    expect(t).not.toContain(k.code);
    expect(t.replace(/[\s-]/g, '')).not.toContain(k.code.replace(/-/g, ''));

    const { rows } = await ctx.database.pool.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'supervision.case.print' AND entity_id = $1", [k.id]);
    expect(rows[0].n).toBe(1);
  });

  it('prints in English when asked', async () => {
    const k = await newCase({ cellId: world.cellA2.id, category: 'suggestion', subject: 'cell', content: 'Chi bộ nên họp đúng ngày mùng năm hằng tháng.', anonymous: true });
    const res = await c['officer.a'].get(`/api/supervision/cases/${k.id}/case.pdf?lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    const t = await text(res.rawPayload);
    expect(t).toContain('FEEDBACK AND REPORTS: CASE FILE');
    expect(t).toContain('Suggestion');
    expect(t).toContain('Anonymous');
    expect(t).toContain(world.cellA2.name);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`Case #${k.number}`);
  });

  it("never prints a named reporter's name or contact, even for the inspection role that sees them on screen", async () => {
    const k = await newCase({ cellId: world.cellA1.id, category: 'denunciation', subject: 'secretary', content: 'Bí thư chi bộ thu tiền đảng phí không có biên lai.', anonymous: false, reporterName: 'Lò Văn Sáng', reporterContact: '0912 345 678' });
    const screen = (await c.inspector.get(`/api/supervision/cases/${k.id}`)).json();
    expect(screen.case.reporter).toMatchObject({ state: 'shown', name: 'Lò Văn Sáng' });
    for (const who of ['inspector', 'admin']) {
      const res = await c[who]!.get(`/api/supervision/cases/${k.id}/case.pdf`);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      const t = await text(res.rawPayload);
      expect(t).toContain('Tố cáo');
      expect(t).not.toContain('Lò Văn Sáng');
      expect(t).not.toContain('0912');
      expect(t).not.toContain(k.code);
      expect(t).toContain('không in, được bảo vệ');
    }
  });

  it("is the case's own access rule: another commune's officer and the cell's own people get 404, a stranger 401", async () => {
    const k = await newCase({ cellId: world.cellA1.id, category: 'complaint', subject: 'village', content: CONTENT, anonymous: true });
    const url = `/api/supervision/cases/${k.id}/case.pdf`;
    expect((await c['officer.a'].get(url)).statusCode).toBe(200);
    for (const who of ['officer.b', 'secretary.a1', 'member.a1']) {
      const res = await c[who]!.get(url);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // A case routed to inspection is not the commune officer's to read, nor to print.
    const inspection = await newCase({ cellId: world.cellA1.id, category: 'denunciation', subject: 'secretary', content: 'Bí thư chi bộ thu tiền đảng phí không có biên lai.', anonymous: true });
    expect((await c['officer.a'].get(`/api/supervision/cases/${inspection.id}/case.pdf`)).statusCode).toBe(404);
    expect((await c.inspector.get(`/api/supervision/cases/${inspection.id}/case.pdf`)).statusCode).toBe(200);
  });

  it('refuses a bad id or language by field, and an unknown case with 404', async () => {
    const bad = await c['officer.a'].get('/api/supervision/cases/not-a-uuid/case.pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('id');
    const lang = await c['officer.a'].get('/api/supervision/cases/00000000-0000-4000-8000-000000000000/case.pdf?lang=fr');
    expect(lang.statusCode).toBe(400);
    expect(lang.json().error.fields[0].path).toBe('lang');
    expect((await c['officer.a'].get('/api/supervision/cases/00000000-0000-4000-8000-000000000000/case.pdf')).statusCode).toBe(404);
  });
});
