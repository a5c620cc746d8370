// The roster workbook end to end: template, import of a LibreOffice-made file, re-import, a bad file reported
// row by row with nothing changed, access rules, export and its re-import, the errors workbook.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../../domain/dates.js';
import { systemActor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import { makeWorld, type World } from '../../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../../test/harness.js';
import { rosterColumns } from './columns.js';
import { importRosterFile, NOT_XLSX, RosterImportRefused, type ImportJob } from './import.js';
import { rosterProblemText } from '../../../../domain/roster-problems.js';
import { readRoster } from './import-read.js';
import { uploadDir } from '../../../platform/uploads.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = rosterColumns.map((c) => c.header);

function multipart(parts: ({ name: string; value: string } | { name: string; filename: string; type: string; content: Buffer })[]) {
  const boundary = `----chibo${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const file = 'filename' in p;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file ? `; filename="${p.filename}"` : ''}\r\n` +
          (file ? `Content-Type: ${p.type}\r\n` : '') +
          '\r\n',
      ),
    );
    chunks.push(file ? p.content : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, unitId: string, content: Buffer, filename = 'danh-sach.xlsx', type = XLSX) {
  const { body, contentType } = multipart([
    { name: 'unitId', value: unitId },
    { name: 'file', filename, type, content },
  ]);
  return client.request('POST', '/api/imports/people', body, { 'content-type': contentType });
}

async function waitForJob(client: Client, id: string): Promise<ImportJob> {
  for (let i = 0; i < 300; i++) {
    const res = await client.get(`/api/imports/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json().job as ImportJob;
    if (job.status !== 'validating' && job.status !== 'applying') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function importFile(client: Client, unitId: string, content: Buffer, filename?: string) {
  const res = await upload(client, unitId, content, filename);
  expect(res.statusCode, res.body).toBe(202);
  return waitForJob(client, res.json().job.id);
}

/** A roster workbook made with ExcelJS: the header row and the given rows (by header). */
async function workbook(rows: Record<string, unknown>[], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function loadXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('roster import and export', () => {
  let ctx: TestContext;
  let world: World;
  let officerA: Client;
  const count = async (table: 'people' | 'memberships' | 'position_terms' | 'audit_events') =>
    Number((await ctx.database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0].n);
  const personByCard = async (card: string) =>
    (
      await ctx.database.db.execute<{ id: string; full_name: string; cccd: string | null; phone: string | null; unit_code: string; birth_date: string }>(sql`
        SELECT p.id, p.full_name, p.cccd, p.phone, p.birth_date, u.code AS unit_code FROM people p
        JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL JOIN org_units u ON u.id = m.unit_id
        WHERE p.party_card_no = ${card}`)
    ).rows;

  beforeAll(async () => {
    ctx = await setupTestApp();
    world = await makeWorld(ctx);
    officerA = await signIn(ctx.app, 'officer.a');
  });

  it('asks for a session', async () => {
    for (const url of ['/api/imports/template.xlsx', '/api/people/export.xlsx']) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const { body, contentType } = multipart([{ name: 'unitId', value: world.communeA.id }]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/people', payload: body, headers: { 'content-type': contentType } });
    expect(res.statusCode).toBe(401);
  });

  it('offers a template with the headers, drop-down lists and a guide', async () => {
    const res = await officerA.get('/api/imports/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toMatch(/filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    const wb = await loadXlsx(res.rawPayload);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const col = (header: string) => String.fromCharCode(65 + HEADERS.indexOf(header));
    const sex = ws.getCell(`${col('Giới tính')}2`).dataValidation;
    expect(sex.type).toBe('list');
    expect(sex.formulae[0]).toBe('"Nam,Nữ"');
    for (const h of ['Trình độ chuyên môn', 'Lý luận chính trị', 'Chức vụ trong chi bộ', 'Kiêm nhiệm']) {
      expect(ws.getCell(`${col(h)}50`).dataValidation?.type, h).toBe('list');
    }
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('Hướng dẫn')?.rowCount).toBeGreaterThan(HEADERS.length);
  });

  it('imports a roster made by LibreOffice, and people appear in their cells', async () => {
    const before = await count('people');
    const job = await importFile(officerA, world.communeA.id, fixture('roster-good.xlsx'));
    expect(job).toMatchObject({ status: 'done', total: 6, processed: 6, created: 6, updated: 0, errorCount: 0, errors: [] });
    expect(await count('people')).toBe(before + 6);

    const [thang] = await personByCard('TQ900001');
    expect(thang).toMatchObject({ full_name: 'Nông Văn Thắng', unit_code: '90001-001', cccd: '008080000101', phone: '0912000101', birth_date: '1980-03-15' });
    // A CCCD stored as a number by LibreOffice gets its leading zeros back.
    expect((await personByCard('TQ900004'))[0]).toMatchObject({ cccd: '001185000104', unit_code: '90001-002' });
    const res = await officerA.get(`/api/people/${thang.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.person.positions).toEqual(['deputy_secretary']);
    expect(detail.person.posts).toEqual(['village_head']);
    expect(detail.equipment).toMatchObject([{ kind: 'laptop', issuedOn: '2024-06-01' }]);
    const cell = await officerA.get(`/api/people?unitId=${world.cellA1.id}&limit=200`);
    expect(cell.json().items.map((p: { fullName: string }) => p.fullName)).toContain('Triệu Thị Mẩy');
     // The one who started it is told it finished, once (issue 14), and nobody else.
    const told = (await officerA.get('/api/inbox')).json().items.filter((i: { topic: string }) => i.topic === 'import.finished');
    expect(told).toEqual([expect.objectContaining({ count: 1, link: '/import', params: expect.objectContaining({ status: 'done', created: 6, updated: 0 }) })]);
    expect((await (await signIn(ctx.app, 'officer.b')).get('/api/inbox')).json().items.filter((i: { topic: string }) => i.topic === 'import.finished')).toEqual([]);
  });

  it('imports the same file again without duplicating anyone', async () => {
    const before = await count('people');
    const job = await importFile(officerA, world.communeA.id, fixture('roster-good.xlsx'));
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0 });
    expect(await count('people')).toBe(before);
  });

  it('updates changed fields and moves a member to the cell of the row', async () => {
    const before = await count('people');
    const xien = world.people.memberA1;
    const rows = [
      { 'Họ và tên': 'Triệu Thị Mẩy', 'Ngày sinh': '03/04/1992', 'Giới tính': 'Nữ', 'Dân tộc': 'Dao', 'Số thẻ đảng': 'TQ900002', 'Ngày vào Đảng': '02/09/2015', 'Mã chi bộ': '90001-002', 'Số điện thoại': '0988777666' },
      // Recognised by CCCD alone (no card number): the birth date is corrected.
      { 'Họ và tên': 'Ma Thị Lan', 'Ngày sinh': new Date(Date.UTC(1996, 2, 1)), 'Giới tính': 'Nữ', 'Dân tộc': 'Tày', 'Số CCCD': '008196000106', 'Ngày vào Đảng': '01/06/2020', 'Mã chi bộ': '90001-002' },
      // A member since 2020 moves: the old membership closes today.
      { 'Họ và tên': xien.fullName, 'Ngày sinh': xien.birthDate, 'Giới tính': 'nữ', 'Dân tộc': xien.ethnicity, 'Số thẻ đảng': xien.partyCardNo, 'Ngày vào Đảng': xien.joinedOn, 'Mã chi bộ': '90001-002' },
    ];
    const job = await importFile(officerA, world.communeA.id, await workbook(rows));
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 3 });
    expect(await count('people')).toBe(before);
    expect((await personByCard('TQ900002'))[0]).toMatchObject({ unit_code: '90001-002', phone: '0988777666' });
    const lan = await ctx.database.db.execute<{ birth_date: string }>(sql`SELECT birth_date FROM people WHERE cccd = '008196000106'`);
    expect(lan.rows[0].birth_date).toBe('1996-03-01');
    const history = async (card: string) =>
      (await ctx.database.db.execute<{ code: string; valid_to: string | null }>(sql`
        SELECT u.code, m.valid_to FROM memberships m JOIN people p ON p.id = m.person_id JOIN org_units u ON u.id = m.unit_id
        WHERE p.party_card_no = ${card} ORDER BY m.valid_from`)).rows;
    // Put in the wrong cell by this morning's import: corrected, not transferred.
    expect(await history('TQ900002')).toEqual([{ code: '90001-002', valid_to: null }]);
    expect(await history(xien.partyCardNo!)).toEqual([{ code: '90001-001', valid_to: todayIso() }, { code: '90001-002', valid_to: null }]);
  });

  let badJobId = '';
  it('reports every bad row of a bad file and changes nothing', async () => {
    const before = await Promise.all([count('people'), count('memberships'), count('position_terms'), count('audit_events')]);
    const res = await upload(officerA, world.communeA.id, fixture('roster-bad.xlsx'));
    expect(res.statusCode).toBe(202);
    badJobId = res.json().job.id;
    const job = await waitForJob(officerA, badJobId);
    expect(job.status).toBe('invalid');
    const told = (await officerA.get('/api/inbox')).json().items.filter((i: { topic: string; params: { status: string } }) => i.topic === 'import.finished' && i.params.status === 'invalid');
    expect(told).toHaveLength(1);
    const found = job.errors.map((e) => `${e.row} ${e.column} ${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '3 Ngày sinh invalid_date',
        '4 Số CCCD cccd_format',
        '5 Số thẻ đảng duplicate_in_file',
        '6 Mã chi bộ unknown_cell',
        '7 Ngày chính thức official_before_joining',
        '8 Chức vụ trong chi bộ secretary_exists',
        '9 Giới tính unknown_choice',
        '10 Họ và tên required',
        '11 Lý luận chính trị unknown_choice',
      ]),
    );
    // Every problem has a sentence of its own in both languages (its code and parameters are in the catalog), and
    // a sentence about a cell names its column.
    for (const e of job.errors) {
      for (const lang of ['vi', 'en'] as const) {
        const text = rosterProblemText(e, lang);
        expect(text, `${e.code} ${lang}`).not.toBe(e.message);
        expect(text, `${e.code} ${lang}`).not.toMatch(/\{\{/);
      }
    }
    const vi = (row: number) => rosterProblemText(job.errors.find((e) => e.row === row)!, 'vi');
    expect(vi(3)).toMatch(/cột «Ngày sinh».*dd\/mm\/yyyy/);
    expect(vi(4)).toContain('12 chữ số');
    expect(vi(9)).toMatch(/cột «Giới tính».*Nam, Nữ/);
    expect(job.errors.some((e) => e.row === 2)).toBe(false); // the good row is not blamed
    expect(job.errorCount).toBe(job.errors.length);
    for (const e of job.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(await Promise.all([count('people'), count('memberships'), count('position_terms'), count('audit_events')])).toEqual(before);
  });

  it('downloads the errors as a workbook', async () => {
    const res = await officerA.get(`/api/imports/${badJobId}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Dòng', 'Cột', 'Lỗi', 'Mã lỗi']);
    expect(ws.getRow(2).getCell(1).value).toBe(3);
    expect(ws.actualRowCount).toBeGreaterThanOrEqual(10);
    // The reason is the Vietnamese sentence for the officer (vi account), naming the column and what to do.
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/^«.*» ở cột «Ngày sinh» không phải là một ngày có thật\. Hãy viết theo dạng dd\/mm\/yyyy/);
    expect(ws.getRow(2).getCell(4).value).toBe('invalid_date');
    // In English when the page asks for it, or when the account's language is English.
    const sheetOf = async (url: string) => (await loadXlsx((await officerA.get(url)).rawPayload)).worksheets[0];
    const en = await sheetOf(`/api/imports/${badJobId}/errors.xlsx?lang=en`);
    expect((en.getRow(1).values as unknown[]).slice(1)).toEqual(['Row', 'Column', 'Problem', 'Code']);
    expect(String(en.getRow(2).getCell(3).value)).toMatch(/in the column «Ngày sinh» is not a real date\. Write it as dd\/mm\/yyyy/);
    expect((await officerA.patch('/api/auth/me', { locale: 'en' })).statusCode).toBe(200);
    try {
      expect(String((await sheetOf(`/api/imports/${badJobId}/errors.xlsx`)).getRow(2).getCell(3).value)).toContain('is not a real date');
    } finally {
      await officerA.patch('/api/auth/me', { locale: 'vi' });
    }
    expect((await officerA.get(`/api/imports/${badJobId}/errors.xlsx?lang=fr`)).statusCode).toBe(400);
    // Someone of another commune cannot learn the job exists.
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerB.get(`/api/imports/${badJobId}`)).statusCode).toBe(404);
    expect((await officerB.get(`/api/imports/${badJobId}/errors.xlsx`)).statusCode).toBe(404);
  });

  it('refuses identifiers of people outside the branch and a second secretary', async () => {
    const memberB1 = world.people.memberB1;
    const base = { 'Ngày sinh': '01/01/1980', 'Giới tính': 'Nam', 'Dân tộc': 'Kinh', 'Ngày vào Đảng': '01/01/2005', 'Mã chi bộ': '90001-001' };
    const rows = [
      { ...base, 'Họ và tên': 'Người Thứ Nhất', 'Số thẻ đảng': memberB1.partyCardNo },
      { ...base, 'Họ và tên': 'Người Thứ Hai', 'Số CCCD': memberB1.cccd },
      { ...base, 'Họ và tên': 'Người Thứ Ba', 'Số thẻ đảng': 'TQ700003', 'Chức vụ trong chi bộ': 'Bí thư' },
      { ...base, 'Họ và tên': 'Người Thứ Tư', 'Số thẻ đảng': 'TQ700004', 'Chức vụ trong chi bộ': 'bi thu' },
    ];
    const job = await importFile(officerA, world.communeA.id, await workbook(rows));
    expect(job.status).toBe('invalid');
    const found = job.errors.map((e) => `${e.row} ${e.column} ${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '2 Số thẻ đảng duplicate_elsewhere',
        '3 Số CCCD duplicate_elsewhere',
        '4 Chức vụ trong chi bộ secretary_exists',
        '5 Chức vụ trong chi bộ two_secretaries',
      ]),
    );
  });

  it('explains a file that is not a workbook, and one with the wrong headers', async () => {
    const csv = fixture('roster-good.csv');
    const refused = await upload(officerA, world.communeA.id, csv, 'danh-sach.csv', 'text/csv');
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('unsupported_media_type');

    const renamed = await importFile(officerA, world.communeA.id, csv, 'danh-sach.xlsx');
    expect(renamed).toMatchObject({ status: 'invalid', errorCount: 1, errors: [{ code: 'not_xlsx', message: NOT_XLSX }] });

    const wrong = await importFile(officerA, world.communeA.id, await workbook([{ 'Họ và tên': 'Nguyễn Văn A' }], ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Năm sinh', 'Quê quán']));
    expect(wrong.status).toBe('invalid');
    expect(wrong.errors.map((e) => `${e.column} ${e.code}`)).toEqual(
      expect.arrayContaining(['Dân tộc missing_column', 'Ngày vào Đảng missing_column', 'Năm sinh unknown_column', 'Quê quán unknown_column']),
    );
  });

  it('lets only officers of the branch import', async () => {
    const officerB = await signIn(ctx.app, 'officer.b');
    const outside = await upload(officerB, world.communeA.id, fixture('roster-good.xlsx'));
    expect(outside.statusCode).toBe(404);
    const secretary = await signIn(ctx.app, 'secretary.a1');
    const denied = await upload(secretary, world.cellA1.id, fixture('roster-good.xlsx'));
    expect(denied.statusCode).toBe(403);
  });

  it('exports a branch that imports back without creating anyone', async () => {
    const res = await officerA.get(`/api/people/export.xlsx?unitId=${world.communeA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const members = await officerA.get(`/api/people?unitId=${world.communeA.id}&limit=200`);
    const names = members.json().items.map((p: { fullName: string }) => p.fullName);
    const exported: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) exported.push(String(row.getCell(2).value));
    });
    expect(exported).toEqual(names); // same people, same Vietnamese name order
    expect(exported).not.toContain('Phạm Văn Khánh'); // commune B

    const before = await count('people');
    const job = await importFile(officerA, world.communeA.id, res.rawPayload);
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, total: exported.length });
    expect(await count('people')).toBe(before);
  });

  it('exports to a cell secretary without citizen IDs', async () => {
    const secretary = await signIn(ctx.app, 'secretary.a1');
    const res = await secretary.get(`/api/people/export.xlsx?unitId=${world.cellA1.id}`);
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0];
    const cccdCol = HEADERS.indexOf('Số CCCD') + 1;
    const values: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) values.push(row.getCell(cccdCol).value);
    });
    expect(values.length).toBeGreaterThan(3);
    // Only their own CCCD.
    expect(values.filter((v) => v !== null && v !== undefined && v !== '')).toEqual([world.people.secretaryA1.cccd]);
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerB.get(`/api/people/export.xlsx?unitId=${world.communeA.id}`)).statusCode).toBe(404);
  });

  it('imports from the command line and lists every problem', async () => {
    const actor = systemActor('cli');
    const err = await importRosterFile(ctx.database.db, actor, { unitCode: '90001', filePath: path.join(fixtures, 'roster-bad.xlsx') }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('import_invalid');
    expect(err.fields.map((f: { path: string }) => f.path)).toContain('row 3 / Ngày sinh');
    // What `chibo import people` prints: Vietnamese by default, English with --lang en / CHIBO_LANG=en.
    expect(err).toBeInstanceOf(RosterImportRefused);
    const vi = (err as RosterImportRefused).lines('vi');
    expect(vi).toContainEqual(expect.stringMatching(/^Dòng 3, cột «Ngày sinh»: «.*» ở cột «Ngày sinh» không phải là một ngày có thật/));
    expect(vi).toContainEqual(expect.stringMatching(/^Dòng 4, cột «Số CCCD»: Số CCCD ở cột «Số CCCD» phải có đúng 12 chữ số/));
    expect((err as RosterImportRefused).lines('en')).toContainEqual(expect.stringMatching(/^Row 3, column «Ngày sinh»: .* is not a real date/));
    expect((err as RosterImportRefused).lines('vi', 2)).toEqual([vi[0], vi[1], expect.stringMatching(/^… và \d+ lỗi khác/)]);
    const filePath = path.join(ctx.config.dataDir, `cli-${randomBytes(4).toString('hex')}.xlsx`);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    const row = { 'Họ và tên': 'Bế Văn Nhất', 'Ngày sinh': '02/02/1988', 'Giới tính': 'Nam', 'Dân tộc': 'Tày', 'Số thẻ đảng': 'TQ600001', 'Ngày vào Đảng': '02/02/2012' };
    fs.writeFileSync(filePath, await workbook([row]));
    try {
      // Into a cell: the cell code may be left empty.
      expect(await importRosterFile(ctx.database.db, actor, { unitCode: '90001-002', filePath })).toEqual({ created: 1, updated: 0 });
      expect((await personByCard('TQ600001'))[0]).toMatchObject({ unit_code: '90001-002' });
    } finally {
      fs.rmSync(filePath, { force: true });
    }
  });
});

describe('roster upload limits', () => {
  it('refuses a file over the upload limit with 413', async () => {
    // A data folder of its own: no other test's upload can be in its upload folder.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-limit-'));
    const ctx = await setupTestApp({ maxUploadBytes: 4096, dataDir });
    const world = await makeWorld(ctx);
    const officer = await signIn(ctx.app, 'officer.a');
    const res = await upload(officer, world.communeA.id, Buffer.concat([fixture('roster-good.xlsx'), Buffer.alloc(8192)]));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
    expect(fs.readdirSync(uploadDir(dataDir))).toEqual([]); // the part written before the limit was removed
  });
});

describe('reading big workbooks', () => {
  it('keeps Vietnamese letters whole across stream chunks', async () => {
    // Streamed with inline strings, like a big export: chunk boundaries fall inside multi-byte letters.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-')), 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('x');
    ws.addRow(HEADERS).commit();
    const names = ['Nguyễn Thị Xiến', 'Hoàng Văn Đức', 'Triệu Thị Mẩy', 'Đặng Văn Sơn', 'Lý Thị Hương'];
    for (let i = 0; i < 3000; i++) {
      ws.addRow([i + 1, names[i % 5], '01/01/1980', 'Nữ', 'Tày', `TQ${String(i).padStart(6, '0')}`, '01/01/2005', null, null, null, 'Đại học', 'Sơ cấp', '90001-001']).commit();
    }
    await wb.commit();
    const read = await readRoster(file);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(3000);
    expect(read.rows.every((r, i) => r.fullName === names[i % 5] && r.education === 'university' && r.theoryLevel === 'elementary')).toBe(true);
  });
});
