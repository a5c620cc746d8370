import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { systemActor } from '../../platform/access.js';
import { createUser } from '../users/service.js';
import { createUnit } from '../org/service.js';
import { lookupOf } from './receipt.js';
import { sweepEscalations } from './escalation.js';
import { defaultRules } from '../../../domain/supervision-rules.js';
import { addDays } from '../../../domain/supervision.js';
import { todayIso } from '../../../domain/dates.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
let addr = 0;
/** Each public call comes from its own address unless told otherwise: submissions are limited per address. */
const nextAddr = () => `198.51.100.${++addr}`;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  // A commune officer who is also a member of cell A1: cases about A1 must not exist for them.
  const local = await addPerson(ctx.database.db, world.cellA1.id, { fullName: 'Đinh Văn Lâm' });
  await createUser(ctx.database.db, systemActor('test'), { username: 'officer.a.local', displayName: 'Đinh Văn Lâm', password: TEST_PASSWORD, role: 'commune_officer', unitId: world.communeA.id, personId: local.id });
  for (const u of ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1', 'officer.a.local']) c[u] = await signIn(ctx.app, u);
});

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows as T[]);

function report(overrides: Record<string, unknown> = {}) {
  return { cellId: world.cellA1.id, category: 'complaint', subject: 'village', content: 'Đường nội thôn làm xong chưa được nghiệm thu, tiền đóng góp không công khai.', anonymous: true, ...overrides };
}

function submit(body: unknown, remoteAddress = nextAddr(), headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'POST', url: '/api/public/reports', payload: body as object, remoteAddress, headers });
}

function multipart(reportBody: unknown, files: { name: string; type: string; content: Buffer }[], remoteAddress = nextAddr()) {
  const boundary = '----chibo-supervision';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(reportBody)}\r\n`)];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return ctx.app.inject({ method: 'POST', url: '/api/public/reports', payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, remoteAddress });
}

const follow = (code: string, remoteAddress = nextAddr()) => ctx.app.inject({ method: 'POST', url: '/api/public/reports/follow', payload: { code }, remoteAddress });
const answer = (code: string, body: string, remoteAddress = nextAddr()) => ctx.app.inject({ method: 'POST', url: '/api/public/reports/answer', payload: { code, body }, remoteAddress });

/**
 * The supervision signals of the early-warning list (the warnings module), read as these tests read them: each
 * signal's kind, its count and the cases behind it; a warning about a person as 'secretary'.
 */
async function warningsOf(client: Client) {
  const res = await client.get('/api/warnings');
  type W = { kind: string; cell: { id: string }; person: { id: string; name: string } | null; signals: { key: string; count: number; evidence: { id: string }[] }[] };
  const items = res.statusCode === 200 ? (res.json().items as W[]) : [];
  return {
    statusCode: res.statusCode,
    items: items.map((w) => ({
      kind: w.kind === 'person' ? 'secretary' : 'cell',
      cell: w.cell,
      person: w.person,
      signals: w.signals.filter((x) => x.key.startsWith('supervision.')).map((x) => ({ kind: x.key.slice('supervision.'.length), count: x.count, caseIds: x.evidence.map((e) => e.id) })),
    })),
  };
}

async function newCase(overrides: Record<string, unknown> = {}) {
  const res = await submit(report(overrides));
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().receiptCode as string;
  return { code, id: await caseIdOf(code) };
}

/** The case of a receipt code, found the way the server finds it. */
async function caseIdOf(code: string) {
  const [row] = await q<{ id: string }>('SELECT id FROM supervision_cases WHERE receipt_lookup = $1', [lookupOf(code)!.lookup]);
  return row.id;
}

/** A JPEG with an EXIF segment (GPS and a name in it), a JFIF header, one scan. */
function jpegWithExif() {
  const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), Buffer.from([(payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, jfif),
    seg(0xe1, Buffer.from('Exif\0\0GPS 22.1234N 105.5678E Owner Nguyen Van Bao')),
    seg(0xfe, Buffer.from('comment by Nguyen Van Bao')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9]),
  ]);
}

function pngWithText() {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.alloc(13, 1)),
    chunk('tEXt', Buffer.from('Author\0Nguyen Van Bao')),
    chunk('IDAT', Buffer.alloc(10, 2)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('choosing a place (public)', () => {
  it('lists provinces, then communes, then cells, by name only', async () => {
    const roots = (await ctx.app.inject({ url: '/api/public/places' })).json().items as { id: string }[];
    expect(roots.map((u) => u.id)).toContain(world.province.id);
    const communes = await ctx.app.inject({ url: `/api/public/places?parentId=${world.province.id}` });
    expect(communes.statusCode).toBe(200);
    expect(communes.json().items.map((u: { id: string }) => u.id).sort()).toEqual([world.communeA.id, world.communeB.id].sort());
    const cells = (await ctx.app.inject({ url: `/api/public/places?parentId=${world.communeA.id}` })).json().items;
    expect(cells).toEqual(expect.arrayContaining([{ id: world.cellA1.id, name: 'Chi bộ thôn Nà Hang', kind: 'cell' }]));
    expect(JSON.stringify(cells)).not.toContain('Hoàng Văn Bình');
  });
});

describe('an anonymous report', () => {
  it('is received, gives a receipt code once, and stores nothing that identifies the reporter', async () => {
    const res = await submit(report(), '203.0.113.77', { 'user-agent': 'Mozilla/5.0 ReporterPhone/1.2' });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().receiptCode as string;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/); // 20 × 5 bits = 100 bits
    const [row] = await q<Record<string, unknown>>('SELECT * FROM supervision_cases WHERE id = $1', [await caseIdOf(code)]);
    expect(row).toMatchObject({ anonymous: true, reporter_name: null, reporter_contact: null, reporter_user_id: null, status: 'received', route: 'commune' });
    expect(row.received_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const everything = JSON.stringify([
      row,
      await q('SELECT * FROM supervision_transitions WHERE case_id = $1', [row.id]),
      await q('SELECT * FROM supervision_messages WHERE case_id = $1', [row.id]),
      await q("SELECT * FROM audit_events WHERE entity_type LIKE 'supervision%'"),
    ]);
    for (const marker of ['203.0.113.77', 'ReporterPhone', code, code.replace(/-/g, '')]) expect(everything).not.toContain(marker);
    // No column of the module can hold a time of day.
    const timeCols = await q(`SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'supervision_%' AND data_type LIKE 'timestamp%'`);
    expect(timeCols).toEqual([]);
    // The receipt is kept only as a lookup key and a slow hash.
    expect(row.receipt_hash).toMatch(/^\$argon2id\$/);
    // The audit trail gets nothing until the day is over (then a count per commune: anonymity.test.ts), and never the case.
    expect(await q("SELECT 1 FROM audit_events WHERE action = 'supervision.report.receive'")).toEqual([]);
    expect(await q('SELECT 1 FROM audit_events WHERE entity_id = $1', [row.id])).toEqual([]);
  });

  it('is followed with the receipt code alone, typed loosely', async () => {
    const { code } = await newCase();
    const res = await follow(code.toLowerCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'received', category: 'complaint', cellName: 'Chi bộ thôn Nà Hang', communeName: 'Đảng ủy xã Minh Quang', messages: [], canAnswer: true });
  });

  it('answers a wrong code the same way whatever it is, slowly, and pauses the caller after repeated failures', async () => {
    const { code } = await newCase();
    const from = '192.0.2.10';
    const wrongs = ['0000-0000-0000-0000-0000', 'nonsense', code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'), ''];
    const answers = [];
    for (const w of wrongs) {
      const start = Date.now();
      const res = await follow(w, from);
      expect(Date.now() - start).toBeGreaterThanOrEqual(350);
      answers.push([res.statusCode, res.json().error.code, res.json().error.message]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([404, 'not_found', 'No report matches this code']);
    await follow('still wrong', from); // the fifth failure
    const paused = await follow(code, from);
    expect(paused.statusCode).toBe(429);
    expect((await follow(code, '192.0.2.11')).statusCode).toBe(200);
  });

  it('logs neither the address nor the code', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = await buildApp({ config: { ...ctx.config, logLevel: 'trace' }, database: ctx.database, logStream: stream });
    const res = await app.inject({ method: 'POST', url: '/api/public/reports', payload: report(), remoteAddress: '203.0.113.99', headers: { 'user-agent': 'SecretBrowser/9' } });
    const code = res.json().receiptCode as string;
    await app.inject({ method: 'POST', url: '/api/public/reports/follow', payload: { code }, remoteAddress: '203.0.113.99' });
    await app.inject({ method: 'POST', url: '/api/public/reports/answer', payload: { code, body: 'Tôi bổ sung thêm thông tin ở đây.' }, remoteAddress: '203.0.113.99' });
    await app.close();
    const log = lines.join('');
    // The reporter's requests are not logged at all: a line's time would date the case finer than its day.
    expect(log).not.toContain('/api/public/reports');
    for (const marker of ['203.0.113.99', 'SecretBrowser', code, code.replace(/-/g, ''), 'Đường nội thôn', 'bổ sung']) expect(log).not.toContain(marker);
  });
});

describe('attachments', () => {
  it('are stored without EXIF, comments or PNG text, under no file name', async () => {
    const res = await multipart(report(), [
      { name: 'IMG_20250101_0712_NguyenVanBao.jpg', type: 'image/jpeg', content: jpegWithExif() },
      { name: 'scan.png', type: 'image/png', content: pngWithText() },
      { name: 'note.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n1 0 obj << /Author (Nguyen Van Bao) /Title (To cao) >> endobj\n%%EOF') },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const row = { id: await caseIdOf(res.json().receiptCode) };
    const files = await q<{ mime: string; content: Buffer }>('SELECT mime, content FROM supervision_attachments WHERE case_id = $1 ORDER BY seq', [row.id]);
    expect(files.map((f) => f.mime)).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
    for (const f of files) {
      expect(f.content.toString('latin1')).not.toContain('Nguyen Van Bao');
      expect(f.content.toString('latin1')).not.toContain('GPS');
    }
    expect(files[0].content.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(files[0].content.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(JSON.stringify(await q('SELECT * FROM supervision_cases WHERE id = $1', [row.id]))).not.toContain('IMG_2025');
  });

  it('refuses a file whose bytes are not an accepted type, whatever its name, and keeps nothing', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM supervision_cases');
    const res = await multipart(report(), [{ name: 'anh.jpg', type: 'image/jpeg', content: Buffer.from('MZ\x90\x00 not an image at all') }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ code: 'file_type', path: 'files.0' })]);
    const gif = await multipart(report(), [{ name: 'a.gif', type: 'image/gif', content: Buffer.from('GIF89a......') }]);
    expect(gif.statusCode).toBe(400);
    expect(await q('SELECT count(*)::int AS n FROM supervision_cases')).toEqual(before);
  });

  it('refuses an oversized file (413) and too many files (400), keeping nothing', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM supervision_cases');
    const big = Buffer.concat([jpegWithExif(), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const res = await multipart(report(), [{ name: 'big.jpg', type: 'image/jpeg', content: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
    const many = await multipart(report(), Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', content: pngWithText() })));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.fields.map((f: { code: string }) => f.code)).toContain('too_many_files');
    expect(await q('SELECT count(*)::int AS n FROM supervision_cases')).toEqual(before);
  });
});

describe('bad input', () => {
  it('reports every problem of a report at once, with codes', async () => {
    const empty = await submit(report({ content: '   ', anonymous: false }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.map((f: { code: string }) => f.code).sort()).toEqual(['contact_required', 'name_required', 'text_too_short']);
    const long = await submit(report({ content: 'x'.repeat(5001) }));
    expect(long.json().error.fields.map((f: { code: string }) => f.code)).toEqual(['text_too_long']);
    const notCell = await submit(report({ cellId: world.communeA.id }));
    expect(notCell.statusCode).toBe(400);
    expect(notCell.json().error.fields[0].code).toBe('place_not_cell');
    const garbage = await submit({ cellId: 'x', category: 'rumour' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.fields.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses flooding from one address politely (429) and keeps nothing of the refused report', async () => {
    const from = '192.0.2.200';
    for (let i = 0; i < 5; i++) expect((await submit(report(), from)).statusCode).toBe(201);
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM supervision_cases');
    const sixth = await submit(report(), from);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect(await q('SELECT count(*)::int AS n FROM supervision_cases')).toEqual(before);
  });
});

describe('routing and who sees a case', () => {
  it('sends a complaint about a village to its commune: officer A sees it, officer B and the cell do not', async () => {
    const { id } = await newCase();
    expect((await c['officer.a'].get('/api/supervision/cases')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    for (const u of ['officer.b', 'secretary.a1', 'member.a1', 'officer.a.local']) {
      const res = await c[u].get(`/api/supervision/cases/${id}`);
      expect(res.statusCode, u).toBe(404);
      expect((await c[u].get('/api/supervision/cases')).json().items.map((i: { id: string }) => i.id), u).not.toContain(id);
    }
  });

  it('sends a denunciation about a secretary to the inspection role; the commune officer, the secretary and the cell never see it', async () => {
    const { id } = await newCase({ category: 'denunciation', subject: 'secretary', anonymous: false, reporterName: 'Lý Thị Hiền', reporterContact: '0988000111' });
    const [row] = await q<{ route: string; subject_person_id: string }>('SELECT route, subject_person_id FROM supervision_cases WHERE id = $1', [id]);
    expect(row).toEqual({ route: 'inspection', subject_person_id: world.people.secretaryA1.id });
    for (const u of ['officer.a', 'officer.b', 'secretary.a1', 'member.a1', 'officer.a.local']) {
      expect((await c[u].get(`/api/supervision/cases/${id}`)).statusCode, u).toBe(404);
      expect(JSON.stringify((await c[u].get('/api/supervision/cases')).json()), u).not.toContain(id);
    }
    const inspector = await c.inspector.get(`/api/supervision/cases/${id}`);
    expect(inspector.statusCode).toBe(200);
    expect(inspector.json().case.reporter).toEqual({ state: 'shown', name: 'Lý Thị Hiền', contact: '0988000111', member: false, personId: null });
    expect(inspector.json().actions).toEqual(expect.arrayContaining(['accept', 'decline', 'ask']));
    const admin = await c.admin.get(`/api/supervision/cases/${id}`);
    expect(admin.json().case.reporter).toEqual({ state: 'protected' });
    expect(admin.body).not.toContain('Lý Thị Hiền');
    expect(admin.json().actions).toEqual([]);
  });

  it('protects a named reporter of a commune case from the commune officer', async () => {
    const { id } = await newCase({ anonymous: false, reporterName: 'Lý Thị Hiền', reporterContact: '0988000111' });
    const res = await c['officer.a'].get(`/api/supervision/cases/${id}`);
    expect(res.json().case.reporter).toEqual({ state: 'protected' });
    expect(res.body).not.toContain('0988000111');
  });

  it('audits every view of a case and of its files, saying whether the identity was shown', async () => {
    const res = await multipart(report({ anonymous: false, reporterName: 'Lý Thị Hiền', reporterContact: '0988' }), [{ name: 'a.png', type: 'image/png', content: pngWithText() }]);
    expect(res.statusCode).toBe(201);
    const id = await caseIdOf(res.json().receiptCode);
    await c['officer.a'].get(`/api/supervision/cases/${id}`);
    const detail = (await c.inspector.get(`/api/supervision/cases/${id}`)).json();
    const file = await c.inspector.get(`/api/supervision/cases/${id}/attachments/${detail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const views = await q<{ action: string; actor_name: string; after: unknown }>("SELECT action, actor_name, after FROM audit_events WHERE entity_id = $1 ORDER BY seq", [id]);
    expect(views).toEqual([
      { action: 'supervision.case.view', actor_name: 'officer.a', after: { identityShown: false } },
      { action: 'supervision.case.view', actor_name: 'inspector', after: { identityShown: true } },
      { action: 'supervision.attachment.view', actor_name: 'inspector', after: { attachment: 1 } },
    ]);
    // A refused view leaves no trace and no count of it.
    expect((await c['officer.b'].get(`/api/supervision/cases/${id}`)).statusCode).toBe(404);
    expect(await q('SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1', [id])).toEqual([{ n: 3 }]);
  });
});

describe('handling a case to its conclusion, in conversation with an anonymous reporter', () => {
  it('accept, ask, answer, verify, extend once, conclude with a public reply, close', async () => {
    const { id, code } = await newCase({ cellId: world.cellA2.id, category: 'criticism', subject: 'cell' });
    const officer = c['officer.a'];
    let res = await officer.post(`/api/supervision/cases/${id}/status`, { to: 'accepted', note: 'Thuộc thẩm quyền xã' });
    expect(res.statusCode, res.body).toBe(200);
    res = await officer.post(`/api/supervision/cases/${id}/messages`, { kind: 'question', body: 'Việc này xảy ra từ tháng nào?' });
    expect(res.statusCode).toBe(200);
    let seen = (await follow(code)).json();
    expect(seen.status).toBe('accepted');
    expect(seen.messages).toEqual([expect.objectContaining({ author: 'officer', kind: 'question', body: 'Việc này xảy ra từ tháng nào?' })]);
    expect(JSON.stringify(seen)).not.toContain('officer.a');
    const answered = await answer(code, 'Từ tháng 3, khi bắt đầu thu tiền.');
    expect(answered.statusCode, answered.body).toBe(200);
    expect(await q("SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'supervision.report%'", [id])).toEqual([{ n: 0 }]);
    res = await officer.get(`/api/supervision/cases/${id}`);
    expect(res.json().messages.map((m: { author: string }) => m.author)).toEqual(['officer', 'reporter']);
    expect(res.json().actions).toEqual(expect.arrayContaining(['verify', 'extend']));
    // The inspector may read a commune case but not handle it.
    expect((await c.inspector.post(`/api/supervision/cases/${id}/status`, { to: 'verifying' })).statusCode).toBe(403);
    expect((await officer.post(`/api/supervision/cases/${id}/status`, { to: 'concluded', conclusion: 'founded', measure: 'reminder', publicReply: 'x' })).statusCode).toBe(409);
    expect((await officer.post(`/api/supervision/cases/${id}/status`, { to: 'verifying' })).statusCode).toBe(200);
    const ext = await officer.post(`/api/supervision/cases/${id}/extend`, { reason: 'Cần xác minh thêm với ban công tác mặt trận' });
    expect(ext.statusCode).toBe(200);
    expect(ext.json().case.extensionReason).toBe('Cần xác minh thêm với ban công tác mặt trận');
    const again = await officer.post(`/api/supervision/cases/${id}/extend`, { reason: 'Lần nữa' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].code).toBe('already_extended');
    res = await officer.post(`/api/supervision/cases/${id}/status`, { to: 'concluded', conclusion: 'founded', measure: 'reminder', publicReply: 'Phản ánh đúng; chi bộ đã được nhắc nhở và công khai khoản thu.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().case).toMatchObject({ status: 'concluded', conclusion: 'founded', measure: 'reminder' });
    seen = (await follow(code)).json();
    expect(seen).toMatchObject({ status: 'concluded', conclusion: 'founded' });
    expect(seen.messages.at(-1)).toMatchObject({ kind: 'reply', body: 'Phản ánh đúng; chi bộ đã được nhắc nhở và công khai khoản thu.' });
    expect((await officer.post(`/api/supervision/cases/${id}/status`, { to: 'closed' })).statusCode).toBe(200);
    expect((await answer(code, 'Cảm ơn các đồng chí rất nhiều.')).statusCode).toBe(409);
    const history = (await officer.get(`/api/supervision/cases/${id}`)).json().history;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['received', 'accepted', 'verifying', 'concluded', 'closed']);
    expect(history[1]).toMatchObject({ by: 'officer.a', note: 'Thuộc thẩm quyền xã' });
  });

  it('declining needs a reason', async () => {
    const { id } = await newCase();
    const res = await c['officer.a'].post(`/api/supervision/cases/${id}/status`, { to: 'declined' });
    expect(res.statusCode).toBe(400);
    expect((await c['officer.a'].post(`/api/supervision/cases/${id}/status`, { to: 'declined', note: 'Trùng nội dung đã giải quyết' })).statusCode).toBe(200);
  });

  it('escalates an overdue case to the level above once, as a recorded fact the level above sees', async () => {
    const { id } = await newCase({ cellId: world.cellB1.id });
    await q("UPDATE supervision_cases SET received_on = CURRENT_DATE - 20, acknowledge_by = CURRENT_DATE - 10 WHERE id = $1", [id]);
    let own = (await c['officer.b'].get('/api/supervision/cases?overdue=true')).json().items;
    expect(own).toEqual([expect.objectContaining({ id, overdue: true, escalatedTo: null })]);
    expect(await sweepEscalations(ctx.database.db)).toContain(id);
    expect(await sweepEscalations(ctx.database.db)).not.toContain(id); // once
    own = (await c['officer.b'].get('/api/supervision/cases?overdue=true')).json().items;
    expect(own).toEqual([expect.objectContaining({ id, overdue: true, escalatedTo: 'Tỉnh ủy Thử nghiệm', escalatedOn: todayIso() })]);
    const province = (await c.admin.get('/api/supervision/cases?escalated=true')).json().items.map((i: { id: string }) => i.id);
    expect(province).toContain(id);
    expect((await c['officer.a'].get('/api/supervision/cases?overdue=true')).json().items).toEqual([]);
    const history = (await c['officer.b'].get(`/api/supervision/cases/${id}`)).json().history;
    expect(history.at(-1)).toMatchObject({ from: 'received', to: 'received', by: 'supervision.sweep', escalatedTo: 'Tỉnh ủy Thử nghiệm' });
    const events = await q<{ action: string; actor_name: string }>("SELECT action, actor_name FROM audit_events WHERE entity_id = $1 AND action = 'supervision.case.escalate'", [id]);
    expect(events).toEqual([{ action: 'supervision.case.escalate', actor_name: 'supervision.sweep' }]);
  });

  it('sweeps when the server starts', async () => {
    const { id } = await newCase({ cellId: world.cellB1.id, category: 'suggestion' });
    await q("UPDATE supervision_cases SET status = 'accepted', received_on = CURRENT_DATE - 60, acknowledge_by = CURRENT_DATE - 50, conclude_by = CURRENT_DATE - 1 WHERE id = $1", [id]);
    const app = await buildApp({ config: { ...ctx.config, logLevel: 'silent' }, database: ctx.database });
    await app.ready();
    let row: { escalated_on: string | null } | undefined;
    for (let i = 0; i < 50 && !row?.escalated_on; i++) {
      await new Promise((r) => setTimeout(r, 100));
      [row] = await q<{ escalated_on: string | null }>('SELECT escalated_on FROM supervision_cases WHERE id = $1', [id]);
    }
    await app.close();
    expect(row?.escalated_on).toBe(todayIso());
  });
});

describe('reports from inside, by signed-in members', () => {
  it('are named by default: linked to the account and person, identity shown only to the inspection role', async () => {
    const member = c['member.a1'];
    const res = await member.post('/api/supervision/reports', { cellId: world.cellA1.id, category: 'denunciation', subject: 'secretary', content: 'Bí thư chi bộ thu tiền đảng phí không có biên lai.' });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().receiptCode);
    const [row] = await q<Record<string, unknown>>('SELECT anonymous, reporter_user_id, reporter_person_id, reporter_name, route FROM supervision_cases WHERE id = $1', [id]);
    const [account] = await q<{ id: string; person_id: string }>("SELECT id, person_id FROM users WHERE username = 'member.a1'");
    const [person] = await q<{ full_name: string }>('SELECT full_name FROM people WHERE id = $1', [account.person_id]);
    expect(row).toEqual({ anonymous: false, reporter_user_id: account.id, reporter_person_id: account.person_id, reporter_name: person.full_name, route: 'inspection' });
    const inspector = (await c.inspector.get(`/api/supervision/cases/${id}`)).json();
    expect(inspector.case.reporter).toEqual({ state: 'shown', name: person.full_name, contact: null, member: true, personId: account.person_id });
    const admin = await c.admin.get(`/api/supervision/cases/${id}`);
    expect(admin.json().case.reporter).toEqual({ state: 'protected' });
    expect(admin.body).not.toContain(person.full_name);
    // Same routing rules: never the reported secretary, nor anyone of the cell (the reporter included).
    for (const u of ['officer.a', 'secretary.a1', 'member.a1', 'officer.a.local']) expect((await c[u].get(`/api/supervision/cases/${id}`)).statusCode, u).toBe(404);
  });

  it('checks a named report from inside like any other', async () => {
    const res = await c['member.a1'].post('/api/supervision/reports', { cellId: 'x', category: 'rumour', subject: 'village', content: 'ngắn' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['category', 'cellId', 'content']);
    const notCell = await c['member.a1'].post('/api/supervision/reports', { cellId: world.communeA.id, category: 'complaint', subject: 'village', content: 'Đường nội thôn xuống cấp nhiều năm.' });
    expect(notCell.json().error.fields[0].code).toBe('place_not_cell');
    const anon = await c['member.a1'].post('/api/supervision/reports', { ...report(), anonymous: true });
    expect(anon.statusCode).toBe(400);
  });

  it('may be anonymous: then nothing links the report to the account, not even the audit trail', async () => {
    const [account] = await q<{ id: string; person_id: string }>("SELECT id, person_id FROM users WHERE username = 'member.a1'");
    const [{ max }] = await q<{ max: number }>('SELECT COALESCE(MAX(seq), 0)::int AS max FROM audit_events');
    // Even sent with the member's cookie (the web app sends it without), an anonymous report is not linked.
    const res = await c['member.a1'].request('POST', '/api/public/reports', report({ content: 'Ẩn danh từ bên trong: họp chi bộ không đúng kỳ.' }));
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().receiptCode);
    const [row] = await q<Record<string, unknown>>('SELECT * FROM supervision_cases WHERE id = $1', [id]);
    expect(row).toMatchObject({ anonymous: true, reporter_user_id: null, reporter_person_id: null, reporter_name: null, reporter_contact: null });
    const trail = JSON.stringify(await q('SELECT * FROM audit_events WHERE seq > $1', [max]));
    for (const marker of [account.id, account.person_id, 'member.a1', id]) expect(trail).not.toContain(marker);
    const everything = JSON.stringify([row, await q('SELECT * FROM supervision_transitions WHERE case_id = $1', [id]), await q('SELECT * FROM supervision_messages WHERE case_id = $1', [id])]);
    for (const marker of [account.id, account.person_id, 'member.a1']) expect(everything).not.toContain(marker);
  });
});

describe('rules as data', () => {
  it('are read by officers and changed only by the province admin, every problem at once, audited, and used', async () => {
    const read = await c['officer.a'].get('/api/supervision/rules');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ rules: defaultRules(), editable: false });
    expect((await c['officer.a'].request('PUT', '/api/supervision/rules', defaultRules())).statusCode).toBe(404);
    expect((await c['member.a1'].get('/api/supervision/rules')).statusCode).toBe(404);

    const bad = defaultRules();
    bad.deadlines.complaint.acknowledgeDays = 0;
    bad.deadlines.criticism.acknowledgeDays = 40;
    bad.deadlines.criticism.concludeDays = 20;
    bad.deadlines.suggestion.extensionDays = 1.5;
    const refused = await c.admin.request('PUT', '/api/supervision/rules', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual([
      'deadlines.complaint.acknowledgeDays:rule_range',
      'deadlines.criticism.concludeDays:rule_order',
      'deadlines.suggestion.extensionDays:rule_range',
    ]);

    const next = defaultRules();
    next.deadlines.complaint = { acknowledgeDays: 3, concludeDays: 15, extensionDays: 7 };
    const saved = await c.admin.request('PUT', '/api/supervision/rules', next);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ rules: next, editable: true });
    const [event] = await q<{ actor_name: string; after: Record<string, number> }>("SELECT actor_name, after FROM audit_events WHERE action = 'supervision.rules.update' ORDER BY seq DESC LIMIT 1");
    expect(event.actor_name).toBe('admin');
    expect(event.after['deadline.complaint.acknowledgeDays']).toBe(3);

    // A complaint received now takes the new deadlines; its extension the new length.
    const { id } = await newCase({ cellId: world.cellA2.id });
    const [row] = await q<{ acknowledge_by: string; conclude_by: string }>('SELECT acknowledge_by, conclude_by FROM supervision_cases WHERE id = $1', [id]);
    expect(row).toEqual({ acknowledge_by: addDays(todayIso(), 3), conclude_by: addDays(todayIso(), 15) });
    await c['officer.a'].post(`/api/supervision/cases/${id}/status`, { to: 'accepted' });
    const ext = await c['officer.a'].post(`/api/supervision/cases/${id}/extend`, { reason: 'Chờ kết quả đo đạc' });
    expect(ext.json().case.concludeBy).toBe(addDays(todayIso(), 22));

    expect((await c.admin.request('PUT', '/api/supervision/rules', defaultRules())).statusCode).toBe(200);
  });
});

describe('the same matter', () => {
  it('is linked by officers; the warning counts distinct reporters: a named one once, each anonymous one', async () => {
    const named = { cellId: world.cellA2.id, category: 'suggestion', subject: 'committee_member', anonymous: false, reporterName: 'Hà Thị Mai', reporterContact: '0912 345 678' };
    const a = await newCase(named);
    const b = await newCase({ ...named, reporterName: ' hà thị  mai', reporterContact: '0912345678' });
    const sameMatter = async () => {
      const items = (await warningsOf(c['officer.a'])).items as { kind: string; cell: { id: string }; signals: { kind: string; count: number; caseIds: string[] }[] }[];
      const cell = items.find((w) => w.kind === 'cell' && w.cell.id === world.cellA2.id);
      return (cell?.signals ?? []).filter((s) => s.kind === 'same_matter').map((s) => ({ count: s.count, caseIds: [...s.caseIds].sort() }));
    };
    // One person twice: not "more than one person".
    expect((await sameMatter()).find((s) => s.caseIds.includes(a.id))).toBeUndefined();
    const anon = await newCase({ cellId: world.cellA2.id, category: 'criticism', subject: 'village' });
    const officer = c['officer.a'];
    expect((await officer.post(`/api/supervision/cases/${a.id}/link`, { otherId: a.id })).statusCode).toBe(400);
    expect((await c['officer.b'].post(`/api/supervision/cases/${a.id}/link`, { otherId: anon.id })).statusCode).toBe(404);
    const linked = await officer.post(`/api/supervision/cases/${a.id}/link`, { otherId: anon.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().linked).toEqual([expect.objectContaining({ id: anon.id, category: 'criticism' })]);
    expect(await sameMatter()).toContainEqual({ count: 2, caseIds: [a.id, anon.id].sort() });
    // Linking b into the matter: still two people (Mai once, the anonymous one).
    await officer.post(`/api/supervision/cases/${b.id}/link`, { otherId: a.id });
    expect(await sameMatter()).toContainEqual({ count: 2, caseIds: [a.id, b.id, anon.id].sort() });
    const audit = await q<{ action: string }>("SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'supervision.case.%link'", [b.id]);
    expect(audit).toEqual([{ action: 'supervision.case.link' }]);
    await officer.post(`/api/supervision/cases/${anon.id}/unlink`);
    expect((await officer.get(`/api/supervision/cases/${anon.id}`)).json()).toMatchObject({ linked: [], case: { matterId: null } });
    expect((await sameMatter()).find((s) => s.caseIds.includes(anon.id))).toBeUndefined();
  });
});

describe('a matter found unfounded, or declined, raises no warning', () => {
  it('counts only cases still pending or found founded (issue 17, defect 1)', async () => {
    const cell = await createUnit(ctx.database.db, systemActor('test'), { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Khuôn Khoai', code: '90001-077', validFrom: '2020-01-01' });
    const one = await newCase({ cellId: cell.id, category: 'criticism', subject: 'cell' });
    const two = await newCase({ cellId: cell.id, category: 'criticism', subject: 'cell' });
    const officer = c['officer.a'];
    const signals = async () => {
      const items = (await warningsOf(officer)).items as { kind: string; cell: { id: string }; signals: { kind: string; caseIds: string[] }[] }[];
      return (items.find((w) => w.kind === 'cell' && w.cell.id === cell.id)?.signals ?? []).filter((x) => x.kind === 'same_matter').map((x) => [...x.caseIds].sort());
    };
    expect(await signals()).toEqual([[one.id, two.id].sort()]);
    // One declined: a single reporter is left on the matter — no signal.
    expect((await officer.post(`/api/supervision/cases/${one.id}/status`, { to: 'declined', note: 'Không thuộc thẩm quyền' })).statusCode).toBe(200);
    const three = await newCase({ cellId: cell.id, category: 'criticism', subject: 'cell' });
    expect(await signals()).toEqual([[two.id, three.id].sort()]);
    // Both remaining found unfounded and closed: nothing left to warn about.
    for (const id of [two.id, three.id]) {
      for (const body of [{ to: 'accepted' }, { to: 'verifying' }, { to: 'concluded', conclusion: 'unfounded', measure: 'none', publicReply: 'Đã xác minh: phản ánh không có cơ sở.' }, { to: 'closed' }]) {
        const res = await officer.post(`/api/supervision/cases/${id}/status`, body);
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    expect(await signals()).toEqual([]);
  });
});

describe('the case list', () => {
  it('pages with a cursor and filters by commune or cell', async () => {
    const officer = c['officer.a'];
    const all = (await officer.get('/api/supervision/cases?limit=200')).json();
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await officer.get(`/api/supervision/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    const a2 = (await officer.get(`/api/supervision/cases?limit=200&unitId=${world.cellA2.id}`)).json().items as { cell: { id: string } }[];
    expect(a2.length).toBeGreaterThan(0);
    expect(a2.every((i) => i.cell.id === world.cellA2.id)).toBe(true);
    const commune = (await officer.get(`/api/supervision/cases?limit=200&unitId=${world.communeA.id}`)).json().items;
    expect(commune.length).toBe(all.items.length);
    expect((await officer.get('/api/supervision/cases?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('early warning and figures', () => {
  it('raises signals for a cell and its secretary, each linking its evidence', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await newCase({ cellId: world.cellB1.id, category: 'complaint', subject: 'secretary' })).id);
    const res = await warningsOf(c['officer.b']);
    expect(res.statusCode).toBe(200);
    const cell = res.items.find((w: { kind: string; cell: { id: string } }) => w.kind === 'cell' && w.cell.id === world.cellB1.id)!;
    expect(cell.signals.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['reports_in_window', 'same_matter', 'overdue']));
    const same = cell.signals.find((s: { kind: string }) => s.kind === 'same_matter')!;
    expect(same.caseIds.sort()).toEqual([...ids].sort());
    const secretary = res.items.find((w: { kind: string }) => w.kind === 'secretary')!;
    expect(secretary.person).toEqual({ id: world.people.secretaryB1.id, name: 'Vàng Seo Lử' });
    // Commune A sees nothing of B's signals; a member has no warning list.
    expect(JSON.stringify((await c['officer.a'].get('/api/warnings')).json())).not.toContain(world.cellB1.id);
    expect((await c['member.a1'].get('/api/warnings')).statusCode).toBe(404);
  });

  it('counts by category and branch, the share concluded on time and the median days', async () => {
    const res = await c.admin.get('/api/supervision/figures');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.total).toBeGreaterThan(5);
    expect(f.byCategory.complaint).toBeGreaterThan(0);
    expect(f.byBranch.map((b: { unitId: string }) => b.unitId)).toEqual(expect.arrayContaining([world.communeA.id, world.communeB.id]));
    expect(f.concluded).toBeGreaterThanOrEqual(1);
    expect(f.concludedOnTimeShare).toBe(1);
    expect(f.medianDaysToConclusion).toBe(0);
    expect(f.byMonth).toHaveLength(12);
    expect(f.byMonth.at(-1).month).toBe(todayIso().slice(0, 7));
    expect(Object.values(f.byMonth.at(-1).counts as Record<string, number>).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    const b = (await c['officer.b'].get('/api/supervision/figures')).json();
    expect(b.byBranch.map((x: { unitId: string }) => x.unitId)).toEqual([world.communeB.id]);
  });
});
