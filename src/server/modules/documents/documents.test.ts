// The register and dissemination end to end on the test world: the province registers 21-NQ/TW and 01-CT/TU as
// implementing it, sends 01-CT/TU to the communes; a commune officer sees which of its cells have not studied it;
// a secretary records the study; bad input is refused by the rule it breaks and nothing is saved.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { extractText } from './file-text.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let secretary: Client;
let member: Client;
let nq21: string;
let ct01: string;

const count = async (table: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]!.n;
const today = todayIso();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, secretary, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

const base = (over: Record<string, unknown> = {}) => ({
  unitId: world.province.id,
  typeCode: 'CT',
  issuerCode: 'TU',
  issuedOn: '2021-09-10',
  title: 'Về nâng cao chất lượng sinh hoạt chi bộ',
  signer: 'Chu Văn Minh',
  summary: 'Tăng cường sinh hoạt chuyên đề; phát huy vai trò bí thư chi bộ thôn, bản',
  ...over,
});

describe('the register', () => {
  it('proposes the next number of a type in the issuer term and registers it', async () => {
    const proposed = await admin.get('/api/documents/next-number?issuerCode=TU&typeCode=CT&issuedOn=2021-09-10');
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toEqual({ term: '2020–2025', number: 1, formatted: '01-CT/TU' });

    const nq = await admin.post('/api/documents', base({ typeCode: 'NQ', issuerCode: 'TW', number: 21, issuedOn: '2022-06-16', title: 'Về tăng cường củng cố, xây dựng tổ chức cơ sở đảng', signer: 'Nguyễn Phú Trọng' }));
    expect(nq.statusCode, nq.body).toBe(201);
    expect(nq.json().number).toBe('21-NQ/TW');
    nq21 = nq.json().id;

    const ct = await admin.post('/api/documents', base());
    expect(ct.statusCode, ct.body).toBe(201);
    expect(ct.json().number).toBe('01-CT/TU');
    ct01 = ct.json().id;
    // The next one in the same term is 02; in the next term numbering starts again from 01.
    expect((await admin.get('/api/documents/next-number?issuerCode=TU&typeCode=CT&issuedOn=2022-01-01')).json().number).toBe(2);
    expect((await admin.get('/api/documents/next-number?issuerCode=TU&typeCode=CT&issuedOn=2025-11-01')).json()).toMatchObject({ term: '2025–2030', number: 1 });
  });

  it('refuses a duplicate number in the term, naming the field, and saves nothing', async () => {
    const before = await count('party_documents');
    const dup = await admin.post('/api/documents', base({ number: 1, issuedOn: '2024-01-05' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'number', code: 'document_number_taken' });
    expect(await count('party_documents')).toBe(before);
  });

  it('gives consecutive numbers to twenty registrations sent at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.post('/api/documents', base({ typeCode: 'TB', issuedOn: '2023-03-01', title: `Thông báo ${i}` }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.json().number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, '0')}-TB/TU`));
  });

  it('refuses bad input with every field named', async () => {
    const future = await admin.post('/api/documents', base({ issuedOn: addDays(today, 3) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('issuedOn');
    const noTerm = await admin.post('/api/documents', base({ issuedOn: '2010-01-01' }));
    expect(noTerm.json().error.fields[0]).toMatchObject({ path: 'issuedOn', code: 'document_no_term' });
    const badType = await admin.post('/api/documents', base({ typeCode: 'XX' }));
    expect(badType.json().error.fields[0]).toMatchObject({ path: 'typeCode', code: 'document_type_unknown' });
    const impossible = await admin.post('/api/documents', base({ issuedOn: '2021-02-31' }));
    expect(impossible.statusCode).toBe(400);
    const nul = await admin.post('/api/documents', base({ title: 'a\u0000b' }));
    expect(nul.statusCode).toBeLessThan(500);
  });

  it('links 01-CT/TU as implementing 21-NQ/TW and shows the tree both ways; a circle is refused', async () => {
    const link = await admin.post(`/api/documents/${ct01}/links`, { toId: nq21, kind: 'implements' });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().links).toEqual([expect.objectContaining({ direction: 'up', kind: 'implements', other: expect.objectContaining({ number: '21-NQ/TW' }) })]);
    const up = await admin.get(`/api/documents/${nq21}`);
    expect(up.json().links).toEqual([expect.objectContaining({ direction: 'down', other: expect.objectContaining({ number: '01-CT/TU' }) })]);
    const circle = await admin.post(`/api/documents/${nq21}/links`, { toId: ct01, kind: 'guides' });
    expect(circle.statusCode).toBe(400);
    expect(circle.json().error.fields[0].code).toBe('document_link_cycle');
  });

  it('searches number, title and summary without diacritics, within what the reader may read', async () => {
    const byWords = await member.get('/api/documents?q=sinh hoat chuyen de');
    expect(byWords.statusCode).toBe(200);
    expect(byWords.json().items.map((d: { number: string }) => d.number)).toContain('01-CT/TU');
    const byNumber = await officerA.get('/api/documents?q=' + encodeURIComponent('21-NQ/TW'));
    expect(byNumber.json().items.map((d: { number: string }) => d.number)).toEqual(['21-NQ/TW']);
    const filtered = await admin.get('/api/documents?type=TB&limit=5');
    expect(filtered.json()).toMatchObject({ total: 20 });
    expect(filtered.json().items).toHaveLength(5);
  });

  it('lets only the province board register and edit', async () => {
    const byOfficer = await officerA.post('/api/documents', base({ unitId: world.province.id, issuedOn: '2022-02-02' }));
    expect(byOfficer.statusCode).toBe(403);
    const edit = await officerA.patch(`/api/documents/${ct01}`, { title: 'x', version: 1 });
    expect(edit.statusCode).toBe(403);
    const stale = await admin.patch(`/api/documents/${ct01}`, { title: 'Về nâng cao chất lượng sinh hoạt chi bộ (sửa)', version: 99 });
    expect(stale.statusCode).toBe(409);
  });

  it('keeps a PDF file, reads its text for search, and gives it back with its name', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 10 50 Td (quantriet khuyenkhich) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
    );
    expect(await extractText(pdf)).toContain('quantriet');
    const boundary = 'xyzBOUNDARY';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="01-CT-TU.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await admin.request('POST', `/api/documents/${ct01}/file`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ mime: 'application/pdf', fileName: '01-CT-TU.pdf' });
    const found = await admin.get('/api/documents?q=quantriet');
    expect(found.json().items.map((d: { number: string }) => d.number)).toEqual(['01-CT/TU']);
    const down = await member.get(`/api/documents/${ct01}/file`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toContain('application/pdf');
    const notPdf = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n`), Buffer.from('hello'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const refused = await admin.request('POST', `/api/documents/${ct01}/file`, notPdf, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(refused.statusCode).toBe(400);
  });
});

describe('dissemination', () => {
  let dissId: string;

  it('sends 01-CT/TU to both communes: every cell under them must study it', async () => {
    const preview = await admin.post(`/api/documents/${ct01}/disseminations/preview`, { unitIds: [world.communeA.id, world.communeB.id] });
    expect(preview.json()).toEqual({ cells: 3 });
    expect(await count('document_disseminations')).toBe(0);
    const sent = await admin.post(`/api/documents/${ct01}/disseminations`, { unitIds: [world.communeA.id, world.communeB.id], deadline: addDays(today, 14) });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().cells).toBe(3);
    dissId = sent.json().id;
  });

  it('refuses a past deadline and a unit outside the sender branch', async () => {
    const past = await admin.post(`/api/documents/${ct01}/disseminations`, { unitIds: [world.communeA.id], deadline: addDays(today, -1) });
    expect(past.json().error.fields[0].path).toBe('deadline');
    const outside = await officerA.post(`/api/documents/${ct01}/disseminations`, { unitIds: [world.communeB.id], deadline: addDays(today, 5) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toMatchObject({ path: 'unitIds.0', code: 'unit_unknown' });
  });

  it('shows a commune officer only the cells of their commune that have not studied it', async () => {
    const a = await officerA.get(`/api/disseminations/${dissId}`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().totals).toMatchObject({ cells: 2, studied: 0, pending: 2 });
    expect(a.json().missing.map((m: { cell: string; commune: string }) => `${m.cell} — ${m.commune}`).sort()).toEqual([
      'Chi bộ thôn Bản Khuổi — Đảng ủy xã Minh Quang',
      'Chi bộ thôn Nà Hang — Đảng ủy xã Minh Quang',
    ]);
    const all = await admin.get(`/api/disseminations/${dissId}`);
    expect(all.json().totals.cells).toBe(3);
    expect(all.json().communes).toHaveLength(2);
    expect((await member.get(`/api/disseminations/${dissId}`)).statusCode).toBe(404);
  });

  it('lets the secretary record the study of their cell, not of another cell, and not in the future', async () => {
    const list = await secretary.get('/api/documents/to-study');
    expect(list.json()).toEqual([expect.objectContaining({ number: '01-CT/TU', cell: 'Chi bộ thôn Nà Hang', state: 'pending', canRecord: true })]);
    const future = await secretary.request('PUT', `/api/disseminations/${dissId}/cells/${world.cellA1.id}`, { studiedOn: addDays(today, 1) });
    expect(future.json().error.fields[0].path).toBe('studiedOn');
    const other = await secretary.request('PUT', `/api/disseminations/${dissId}/cells/${world.cellA2.id}`, { studiedOn: today });
    expect(other.statusCode).toBe(404);
    const ok = await secretary.request('PUT', `/api/disseminations/${dissId}/cells/${world.cellA1.id}`, { studiedOn: today, report: 'Đã quán triệt tại buổi sinh hoạt tháng; giao 2 việc' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('studied');
    const a = await officerA.get(`/api/disseminations/${dissId}`);
    expect(a.json().totals).toMatchObject({ cells: 2, studied: 1, pending: 1 });
    expect(a.json().missing.map((m: { cell: string }) => m.cell)).toEqual(['Chi bộ thôn Bản Khuổi']);
  });

  it('reminds only the cells of the reminder branch that have not studied, and says so to the cell', async () => {
    const r = await officerA.post(`/api/disseminations/${dissId}/remind`, {});
    expect(r.json()).toEqual({ reminded: 1 });
    const b = await officerB.post(`/api/disseminations/${dissId}/remind`, {});
    expect(b.json()).toEqual({ reminded: 1 });
    const status = await admin.get(`/api/disseminations/${dissId}`);
    expect(status.json().missing.every((m: { reminders: number }) => m.reminders === 1)).toBe(true);
    expect((await secretary.post(`/api/disseminations/${dissId}/remind`, {})).statusCode).toBe(403);
  });

  it('writes an audit event for every change', async () => {
    const r = await ctx.database.db.execute<{ action: string; n: number }>(sql`SELECT action, count(*)::int AS n FROM audit_events WHERE action LIKE 'document.%' GROUP BY action`);
    const by = Object.fromEntries(r.rows.map((x) => [x.action, x.n]));
    expect(by).toMatchObject({ 'document.register': 22, 'document.link': 1, 'document.send': 1, 'document.study': 1, 'document.remind': 2, 'document.file': 1 });
  });
});
