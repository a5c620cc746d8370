// Village consultations end to end on the test world: the secretary of A1 puts a question to the village, members
// answer online (once, even 20 at once), the people with ballot codes from the printed sheet (once per code, no
// link to a person), the room's tally is entered with its sums checked and its changes logged, and the result shows
// participation, shares and the consensus level; bad input is refused by the rule it breaks and nothing is saved.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { issueCodes } from './answers.js';
import { systemActor } from '../../platform/access.js';
import { openConsultationsFor } from './queries.js';
import { consultationFigures } from './figures.js';

let ctx: TestContext;
let world: World;
let secretary: Client;
let officerA: Client;
let officerB: Client;
let member: Client;
const today = todayIso();
let id = '';
let options: { id: string; label: string }[] = [];
let codes: string[] = [];

const count = async (table: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]!.n;
const anon = (method: 'GET' | 'POST', url: string, payload?: unknown, ip = '10.0.0.1') => ctx.app.inject({ method, url, payload: payload as never, remoteAddress: ip });

const body = (over: Record<string, unknown> = {}) => ({
  unitId: world.cellA1.id,
  title: 'Đóng góp làm đường bê tông',
  question: 'Mỗi hộ đóng góp 500.000 đồng để làm đường trục thôn?',
  options: ['Đồng ý', 'Không đồng ý'],
  membersEligible: true,
  households: 6,
  opensOn: addDays(today, -1),
  closesOn: addDays(today, 5),
  ...over,
});

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [secretary, officerA, officerB, member] = await Promise.all(['secretary.a1', 'officer.a', 'officer.b', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

describe('opening a consultation', () => {
  it('the secretary opens one for their village; the members on the opening day are eligible', async () => {
    const res = await secretary.post('/api/consultations', body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const c = (await secretary.get(`/api/consultations/${id}`)).json();
    expect(c.eligibleMembers).toBe(4); // the four members of A1
    expect(c.households).toBe(6);
    expect(c.result.eligible).toBe(10);
    expect(c.state).toBe('open');
    expect(c.actions).toContain('consultation.tally');
    options = c.options;
    expect(options.map((o: { label: string }) => o.label)).toEqual(['Đồng ý', 'Không đồng ý']);
    // The commune officer of A sees it; B does not (404, and not in the list).
    expect((await officerA.get('/api/consultations')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await officerB.get(`/api/consultations/${id}`)).statusCode).toBe(404);
    expect((await officerB.get('/api/consultations')).json().items).toEqual([]);
  });

  it('the same question sent 20 times at once opens one consultation', async () => {
    const before = await count('consultations');
    const same = body({ title: 'Quy ước giữ vệ sinh chung' });
    const sent = await Promise.all(Array.from({ length: 20 }, () => secretary.post('/api/consultations', same)));
    expect(sent.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(sent.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect(sent.find((r) => r.statusCode === 409)!.json().error.fields[0]).toMatchObject({ path: 'title', code: 'consultation_exists' });
    expect(await count('consultations')).toBe(before + 1);
    expect(await count('consultation_options')).toBe(2 * (before + 1));
  });

  it('refuses bad input by the rule it breaks, and saves nothing', async () => {
    const before = await count('consultations');
    const dates = await secretary.post('/api/consultations', body({ opensOn: '2026-05-10', closesOn: '2026-05-01' }));
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.fields).toContainEqual(expect.objectContaining({ path: 'closesOn', code: 'closes_before_opens' }));
    const dup = await secretary.post('/api/consultations', body({ options: ['Có', 'có'] }));
    expect(dup.json().error.fields).toContainEqual(expect.objectContaining({ path: 'options.1', code: 'duplicate_option' }));
    const impossible = await secretary.post('/api/consultations', body({ opensOn: '2026-02-30' }));
    expect(impossible.statusCode).toBe(400);
    const nul = await secretary.post('/api/consultations', body({ title: 'a\u0000b' }));
    expect(nul.statusCode).toBe(400);
    // A secretary may not open one for the neighbouring village; officer B not in commune A (404).
    expect((await secretary.post('/api/consultations', body({ unitId: world.cellA2.id }))).statusCode).toBe(404);
    expect((await officerB.post('/api/consultations', body())).statusCode).toBe(404);
    expect(await count('consultations')).toBe(before);
  });
});

describe('answers', () => {
  it('a member answers online once, even when the same answer is sent 20 times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => member.post(`/api/consultations/${id}/answer`, { optionId: options[0]!.id })));
    const codesSeen = answers.map((a) => a.statusCode).sort();
    expect(codesSeen.filter((s) => s === 200)).toHaveLength(1);
    expect(codesSeen.filter((s) => s === 409)).toHaveLength(19);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.fields[0].code).toBe('already_answered');
    expect(codesSeen.every((s) => s < 500)).toBe(true);
    const c = (await member.get(`/api/consultations/${id}`)).json();
    expect(c.me).toEqual({ eligible: true, answered: true });
    expect(c.result.options[0].online).toBe(1);
  });

  it('prints a sheet of ballot codes (PDF); the database keeps only hashes, linked to no person', async () => {
    const sheet = await secretary.post(`/api/consultations/${id}/codes`, { count: 3 });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.headers['content-type']).toContain('application/pdf');
    expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // More codes than households: refused.
    const tooMany = await secretary.post(`/api/consultations/${id}/codes`, { count: 4 });
    expect(tooMany.json().error.fields[0].code).toBe('too_many_codes');
    // Codes for the test, made through the service (the sheet's codes are only in the PDF).
    codes = (await issueCodes(ctx.database.db, systemActor('test'), id, { count: 3 })).codes;
    const stored = await ctx.database.db.execute<{ code_hash: string }>(sql`SELECT code_hash FROM consultation_ballots WHERE consultation_id = ${id}`);
    expect(stored.rows).toHaveLength(6);
    for (const code of codes) expect(JSON.stringify(stored.rows)).not.toContain(code);
    // No table of the ballots or answers has a column that could name a person or point at a code.
    const cols = await ctx.database.db.execute<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('consultation_ballots', 'consultation_answers')`);
    const ballotCols = cols.rows.filter((c) => c.table_name === 'consultation_ballots').map((c) => c.column_name).sort();
    expect(ballotCols).toEqual(['code_hash', 'consultation_id', 'used_on']);
    expect(cols.rows.filter((c) => c.table_name === 'consultation_answers').map((c) => c.column_name)).not.toContain('code_hash');
    const fks = await ctx.database.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage u ON u.constraint_name = tc.constraint_name
      WHERE tc.constraint_type = 'FOREIGN KEY' AND (u.table_name = 'consultation_ballots' OR (tc.table_name = 'consultation_ballots' AND u.table_name NOT IN ('consultations')))`);
    expect(fks.rows[0]!.n).toBe(0);
  });

  it('anyone answers with a code on the public page, once per code; unknown and reused codes are refused', async () => {
    const page = await anon('GET', `/api/public/consultations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Đóng góp làm đường bê tông', state: 'open', result: null });
    const ok = await anon('POST', `/api/public/consultations/${id}/answer`, { code: codes[0]!.toLowerCase().replace(/(.{4})/g, '$1 '), optionId: options[0]!.id });
    expect(ok.statusCode, ok.body).toBe(200);
    const answersBefore = await count('consultation_answers');
    const again = await anon('POST', `/api/public/consultations/${id}/answer`, { code: codes[0], optionId: options[1]!.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0]).toMatchObject({ path: 'code', code: 'used_code' });
    const unknown = await anon('POST', `/api/public/consultations/${id}/answer`, { code: 'ZZZZ-ZZZZ-ZZZZ', optionId: options[0]!.id });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ path: 'code', code: 'unknown_code' });
    const wrongOption = await anon('POST', `/api/public/consultations/${id}/answer`, { code: codes[1], optionId: world.cellA1.id });
    expect(wrongOption.json().error.fields[0].code).toBe('unknown_option');
    expect(await count('consultation_answers')).toBe(answersBefore);
    // The same code sent 20 times at once: one answer.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => anon('POST', `/api/public/consultations/${id}/answer`, { code: codes[2], optionId: options[1]!.id }, `10.0.1.${i}`)));
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(burst.every((r) => r.statusCode < 500)).toBe(true);
    expect(await count('consultation_answers')).toBe(answersBefore + 1);
  });

  it('the room tally: sums checked against those present and those not answered yet; every change logged with who and why', async () => {
    const c = (await secretary.get(`/api/consultations/${id}`)).json();
    expect(c.answeredBeforeRoom).toBe(3); // one member online, two codes
    const tally = (over: Record<string, unknown> = {}) => ({
      commandId: crypto.randomUUID(),
      baseVersion: 0,
      method: 'hands',
      heldOn: today,
      present: 5,
      counts: [
        { optionId: options[0]!.id, count: 4 },
        { optionId: options[1]!.id, count: 1 },
      ],
      reason: 'Biểu quyết giơ tay tại hội nghị thôn',
      ...over,
    });
    const overPresent = await secretary.request('PUT', `/api/consultations/${id}/tally`, tally({ present: 4 }));
    expect(overPresent.statusCode).toBe(400);
    expect(overPresent.json().error.fields).toContainEqual(expect.objectContaining({ code: 'tally_over_present' }));
    // 10 eligible, 3 answered already: at most 7 in the room.
    const overEligible = await secretary.request('PUT', `/api/consultations/${id}/tally`, tally({ present: 8 }));
    expect(overEligible.json().error.fields).toContainEqual(expect.objectContaining({ path: 'present', code: 'tally_over_eligible' }));
    expect(await count('consultation_tallies')).toBe(0);
    const entry = tally();
    const first = await secretary.request('PUT', `/api/consultations/${id}/tally`, entry);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(1);
    // The phone's outbox sends the same entry again: applied once.
    const replay = await secretary.request('PUT', `/api/consultations/${id}/tally`, entry);
    expect(replay.json().version).toBe(1);
    // A stale phone's change is refused; a change on the current version is logged with its reason.
    expect((await secretary.request('PUT', `/api/consultations/${id}/tally`, tally({ present: 6 }))).json().error.fields[0].code).toBe('stale_tally');
    const fix = await secretary.request('PUT', `/api/consultations/${id}/tally`, tally({ baseVersion: 1, present: 6, counts: [{ optionId: options[0]!.id, count: 5 }, { optionId: options[1]!.id, count: 1 }], reason: 'Đếm lại: sót một phiếu' }));
    expect(fix.statusCode, fix.body).toBe(200);
    const after = (await officerA.get(`/api/consultations/${id}`)).json();
    expect(after.tallyLog.map((l: { version: number; reason: string; changedBy: string }) => [l.version, l.reason, l.changedBy])).toEqual([
      [2, 'Đếm lại: sót một phiếu', 'secretary.a1'],
      [1, 'Biểu quyết giơ tay tại hội nghị thôn', 'secretary.a1'],
    ]);
    // 1 online + 1 code + 5 room for the first option, 1 code + 1 room for the second: 9 of 10.
    expect(after.result).toMatchObject({ eligible: 10, participants: 9, participation: 90, level: 'consensus', leading: options[0]!.id });
    expect(after.result.options[0]).toMatchObject({ total: 7, online: 1, code: 1, room: 5, share: 77.8 });
    // 9 of 10 have answered: the secretary's own answer online makes 10; no one more is counted (not twice in the room).
    expect((await secretary.post(`/api/consultations/${id}/answer`, { optionId: options[0]!.id })).statusCode).toBe(200);
    const beyond = await anon('POST', `/api/public/consultations/${id}/answer`, { code: codes[1], optionId: options[0]!.id }, '10.0.2.1');
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().error.fields[0].code).toBe('all_answered');
    const used = await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM consultation_ballots WHERE consultation_id = ${id} AND used_on IS NOT NULL`);
    expect(used.rows[0]!.n).toBe(2); // the refused code is not spent
    expect((await officerA.get(`/api/consultations/${id}`)).json().result.participants).toBe(10);
    // The member may not enter a tally (403); officer B cannot see it (404).
    expect((await member.request('PUT', `/api/consultations/${id}/tally`, tally({ baseVersion: 2 }))).statusCode).toBe(403);
    expect((await officerB.request('PUT', `/api/consultations/${id}/tally`, tally({ baseVersion: 2 }))).statusCode).toBe(404);
  });
});

describe('after close', () => {
  let closed = '';
  it('answers after close are refused; the decision is recorded; the public page shows the result', async () => {
    const res = await secretary.post('/api/consultations', body({ title: 'Hương ước thôn', opensOn: '2025-01-01', closesOn: '2025-01-31' }));
    closed = res.json().id;
    const c = (await secretary.get(`/api/consultations/${closed}`)).json();
    expect(c.state).toBe('closed');
    const late = await member.post(`/api/consultations/${closed}/answer`, { optionId: c.options[0].id });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.fields[0].code).toBe('closed');
    const lateCode = await anon('POST', `/api/public/consultations/${closed}/answer`, { code: 'ABCD-EFGH-JKMN', optionId: c.options[0].id });
    expect(lateCode.statusCode).toBe(409);
    expect(lateCode.json().error.fields[0].code).toBe('closed');
    const tally = await secretary.request('PUT', `/api/consultations/${closed}/tally`, {
      commandId: crypto.randomUUID(),
      baseVersion: 0,
      method: 'paper',
      heldOn: '2025-01-20',
      present: 6,
      counts: [
        { optionId: c.options[0].id, count: 3 },
        { optionId: c.options[1].id, count: 2 },
      ],
      reason: 'Kiểm phiếu',
    });
    expect(tally.statusCode, tally.body).toBe(200);
    const decided = await secretary.post(`/api/consultations/${closed}/decision`, { decision: 'Thông qua hương ước', followUp: 'Phổ biến đến các hộ', decidedOn: '2025-02-05' });
    expect(decided.statusCode, decided.body).toBe(200);
    // The decision fixes the tally.
    const late2 = await secretary.request('PUT', `/api/consultations/${closed}/tally`, { commandId: crypto.randomUUID(), baseVersion: 1, method: 'paper', heldOn: '2025-01-20', present: 6, counts: c.options.map((o: { id: string }) => ({ optionId: o.id, count: 1 })), reason: 'Sửa' });
    expect(late2.statusCode).toBe(409);
    expect(late2.json().error.fields[0].code).toBe('tally_final');
    const pub = (await anon('GET', `/api/public/consultations/${closed}`)).json();
    expect(pub).toMatchObject({ state: 'closed', decision: 'Thông qua hương ước', result: { participants: 5, level: 'majority' } });
    expect(JSON.stringify(pub)).not.toMatch(/Nguyễn|Hoàng|person/);
  });

  it('the portal read lists open consultations of a commune; the figures equal the raw count at several nodes and dates', async () => {
    const open = await openConsultationsFor(ctx.database.db, { communeId: world.communeA.id, date: today });
    expect(open.map((o) => o.id)).toContain(id);
    expect(open.map((o) => o.title).sort()).toEqual(['Quy ước giữ vệ sinh chung', 'Đóng góp làm đường bê tông']);
    expect(await openConsultationsFor(ctx.database.db, { communeId: world.communeB.id, date: today })).toEqual([]);
    expect((await openConsultationsFor(ctx.database.db, { path: '/', date: '2025-01-15' })).map((o) => o.id)).toEqual([closed]);
    const province = (await ctx.database.db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.province.id}`)).rows[0]!.path;
    const communeA = (await ctx.database.db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.communeA.id}`)).rows[0]!.path;
    const communeB = (await ctx.database.db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.communeB.id}`)).rows[0]!.path;
    const seen: (number | null)[] = [];
    for (const path of [province, communeA, communeB])
      for (const date of ['2025-01-15', '2025-03-01', addDays(today, 30)])
        for (const f of consultationFigures) {
          const v = await f.compute(ctx.database.db, { path, date, unitId: '' } as never);
          expect(v, `${f.key} at ${path} on ${date}`).toEqual(await f.raw(ctx.database.db, { path, date, unitId: '' } as never));
          seen.push(v);
        }
    // Something was counted: in commune A after all three closed, three held, one with consensus (the road).
    const at = { path: communeA, date: addDays(today, 30), unitId: '' } as never;
    expect(await consultationFigures[0]!.compute(ctx.database.db, at)).toBe(3);
    expect(await consultationFigures[2]!.compute(ctx.database.db, at)).toBe(1);
  });
});

describe('thresholds as data: consensus, majority and a minimum turnout', () => {
  const T = '/api/consultations/thresholds';
  const audits = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'consultation.thresholds.update'`)).rows[0]!.n;
  const hamlet = async () => (await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM consultations WHERE title = 'Hương ước thôn'`)).rows[0]!.id;
  const pathOf = async (unitId: string) => (await ctx.database.db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${unitId}`)).rows[0]!.path;

  it('are read by officers, changed only by a province admin', async () => {
    const admin = await signIn(ctx.app, 'admin');
    expect((await admin.get(T)).json()).toEqual({ thresholds: { consensus: 75, majority: 50, minTurnout: 0 }, editable: true });
    expect((await officerA.get(T)).json()).toMatchObject({ editable: false });
    expect((await member.get(T)).statusCode).toBe(404);
    expect((await officerA.request('PUT', T, { consensus: 60, majority: 40, minTurnout: 10 })).statusCode).toBe(404);
    expect((await admin.get(T)).json().thresholds).toEqual({ consensus: 75, majority: 50, minTurnout: 0 });
  });

  it('refuses a set that is not whole or not ordered, naming the field, and changes nothing', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const before = await audits();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ consensus: 50, majority: 60, minTurnout: 0 }, 'majority', 'thresholds_order'],
      [{ consensus: 60, majority: 60, minTurnout: 0 }, 'majority', 'thresholds_order'],
      [{ consensus: 101, majority: 50, minTurnout: 0 }, 'consensus', ''],
      [{ consensus: 75, majority: -1, minTurnout: 0 }, 'majority', ''],
      [{ consensus: 75, majority: 50, minTurnout: 100.5 }, 'minTurnout', ''],
      [{ consensus: 75, majority: 50 }, 'minTurnout', ''],
      [{ consensus: '75', majority: 50, minTurnout: 0 }, 'consensus', ''],
    ];
    for (const [payload, field, code] of cases) {
      const r = await admin.request('PUT', T, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      const f = r.json().error.fields.find((x: { path: string }) => x.path === field);
      expect(f, JSON.stringify(r.json())).toBeTruthy();
      if (code) expect(f.code).toBe(code);
    }
    expect((await admin.get(T)).json().thresholds).toEqual({ consensus: 75, majority: 50, minTurnout: 0 });
    expect(await audits()).toBe(before);
  });

  it('below the minimum turnout a result reads "not enough participation", never a level; the figures follow at once', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const closed = await hamlet(); // 5 answered of 10 eligible (50 %); 3 of 5 for the first option (60 %)
    const level = async () => (await anon('GET', `/api/public/consultations/${closed}`, undefined, '10.0.7.1')).json().result.level;
    const communeA = await pathOf(world.communeA.id);
    const at = { path: communeA, date: addDays(today, 30), unitId: '' } as never;
    const consensusFigure = consultationFigures.find((f) => f.key === 'consultations.consensus')!;
    const figure = async () => {
      const v = await consensusFigure.compute(ctx.database.db, at);
      expect(v).toEqual(await consensusFigure.raw(ctx.database.db, at));
      return v as number;
    };
    expect(await level()).toBe('majority');
    const base = await figure();
    const before = await audits();

    let r = await admin.request('PUT', T, { consensus: 55, majority: 40, minTurnout: 60 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().thresholds).toEqual({ consensus: 55, majority: 40, minTurnout: 60 });
    expect(await level()).toBe('low_turnout');
    expect((await secretary.get(`/api/consultations/${closed}`)).json().result.level).toBe('low_turnout');
    expect(await figure()).toBeLessThanOrEqual(base);

    r = await admin.request('PUT', T, { consensus: 55, majority: 40, minTurnout: 50 });
    expect(r.statusCode).toBe(200);
    expect(await level()).toBe('consensus'); // exactly at the minimum counts; 60 % ≥ 55 %
    const atMinimum = await figure();
    await admin.request('PUT', T, { consensus: 55, majority: 40, minTurnout: 50.1 });
    expect(await level()).toBe('low_turnout');
    expect(await figure()).toBe(atMinimum - 1);
    expect(await audits()).toBe(before + 3);
    const event = (await ctx.database.db.execute<{ before: unknown; after: unknown }>(sql`SELECT before, after FROM audit_events WHERE action = 'consultation.thresholds.update' ORDER BY seq DESC LIMIT 1`)).rows[0]!;
    expect(event).toEqual({ before: { consensus: 55, majority: 40, minTurnout: 50 }, after: { consensus: 55, majority: 40, minTurnout: 50.1 } });
  });

  it('twenty changes at once are applied one after another, each whole', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.request('PUT', T, { consensus: 60 + i, majority: 30 + i, minTurnout: i })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const t = (await admin.get(T)).json().thresholds;
    expect(t.consensus - t.majority).toBe(30);
    expect(t.minTurnout).toBe(t.consensus - 60);
    // Back to the defaults for the tests after these.
    expect((await admin.request('PUT', T, { consensus: 75, majority: 50, minTurnout: 0 })).statusCode).toBe(200);
  });
});

describe('the public answer route is rate-limited', () => {
  it('wrong codes pause the caller (429), not another caller; nothing is saved', async () => {
    const answers = await count('consultation_answers');
    const wrong = () => anon('POST', `/api/public/consultations/${id}/answer`, { code: 'ZZZZ-ZZZZ-ZZZZ', optionId: options[0]!.id }, '10.9.9.9');
    for (let i = 0; i < 10; i++) expect((await wrong()).statusCode).toBe(400);
    const paused = await wrong();
    expect(paused.statusCode).toBe(429);
    expect(paused.json().error.code).toBe('rate_limited');
    // Another address is not paused.
    expect((await anon('POST', `/api/public/consultations/${id}/answer`, { code: 'ZZZZ-ZZZZ-ZZZZ', optionId: options[0]!.id }, '10.9.9.10')).statusCode).toBe(400);
    expect(await count('consultation_answers')).toBe(answers);
  });

  it('a flood from one address is refused politely after the hourly limit', async () => {
    const flood = [];
    for (let i = 0; i < 61; i++) flood.push((await anon('POST', `/api/public/consultations/${id}/answer`, { code: 'x' }, '10.8.8.8')).statusCode);
    expect(flood.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(flood[60]).toBe(429);
  });
});
