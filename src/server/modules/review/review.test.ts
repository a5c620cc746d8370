// The yearly review end to end on the test world: the admin opens a cycle, people and secretaries fill their
// forms, the cell appraises, the commune decides — with every bad input refused by the rule it breaks, nothing saved.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplateSet, type Template } from '../../../domain/review.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let inspector: Client;
let secretary: Client;
let member: Client;
let cycleId: string;
const YEAR = 2025;

type Row = { id: string; kind: 'person' | 'cell'; fullName: string | null; unitId: string; group: string; actions: string[]; status: string; finalLevel: string | null };

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, inspector, secretary, member] = await Promise.all(
    ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)),
  );
});

const count = async (table: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0].n;
const counts = async () =>
  Object.fromEntries(await Promise.all(['review_cycles', 'review_participants', 'review_self_assessments', 'review_appraisals', 'review_decisions', 'review_template_sets', 'audit_events'].map(async (t) => [t, await count(t)])));

const template = (group: string) => defaultTemplateSet.templates.find((t) => t.group === group) as Template;

/** Scores for every criterion of the group's template adding up to `total`. */
function scoresFor(group: string, total: number) {
  const criteria = template(group).criteria;
  let left = total;
  return criteria.map((c, i) => {
    const share = i === criteria.length - 1 ? left : Math.min(c.maxPoints, Math.round((c.maxPoints * total) / 100));
    left -= share;
    return { code: c.code, points: share, note: 'Đạt yêu cầu' };
  });
}
const selfBody = (group: string, total: number, over: Record<string, unknown> = {}) => ({
  scores: scoresFor(group, total),
  tasksTotal: 10,
  tasksLate: 0,
  tasksExceeding: 4,
  disciplined: false,
  shortcomingsFixed: true,
  ...over,
});
const appraisal = (proposedLevel: string) => ({ meetingDate: '2025-12-10', present: 4, votesFor: 4, votesAgainst: 0, proposedLevel });

async function boardOf(client: Client, unitId: string): Promise<Row[]> {
  const res = await client.get(`/api/review/cycles/${cycleId}/units/${unitId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const byName = (rows: Row[], name: string) => rows.find((r) => r.fullName === name)!;
const cellRow = (rows: Row[], unitId: string) => rows.find((r) => r.kind === 'cell' && r.unitId === unitId)!;
const codes = (res: { json: () => { error: { fields?: { code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => f.code);

/** Runs a write that must be refused, and checks that no row of any review table (nor the audit trail) changed. */
async function refused(run: () => Promise<import('fastify').LightMyRequestResponse>, status: number, ...expected: string[]) {
  const before = await counts();
  const res = await run();
  expect(res.statusCode, res.body).toBe(status);
  for (const code of expected) expect(codes(res)).toContain(code);
  expect(await counts()).toEqual(before);
  return res;
}

const openBody = () => ({
  unitId: world.province.id,
  year: YEAR,
  kind: 'yearly',
  title: 'Đánh giá, xếp loại năm 2025',
  branchIds: [world.communeA.id, world.communeB.id],
  referenceDate: '2025-12-01',
  selfDue: '2025-12-05',
  cellDue: '2025-12-15',
  decisionDue: '2025-12-31',
});

describe('templates', () => {
  it('a year without a set shows the default, 100 points per group', async () => {
    const res = await admin.get(`/api/review/templates?unitId=${world.province.id}&year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    const set = res.json().templateSet;
    expect(set).toMatchObject({ saved: false, cap: { enabled: true, percent: 20 } });
    for (const t of set.templates as Template[]) expect(t.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
  });

  it('refuses a set whose criteria do not add up to 100, naming the rule; nothing saved', async () => {
    const [first, ...rest] = defaultTemplateSet.templates;
    const broken = { unitId: world.province.id, cap: defaultTemplateSet.cap, templates: [{ ...first, criteria: first.criteria.slice(1) }, ...rest] };
    await refused(() => admin.request('PUT', `/api/review/templates/${YEAR}`, broken), 400, 'template_sum_100');
  });

  it('the province admin saves an edited set (a 30% cap); an officer may not', async () => {
    const body = { unitId: world.province.id, cap: { enabled: true, percent: 30 }, templates: defaultTemplateSet.templates };
    // The province lies outside the officer's branch: not found, as everywhere.
    await refused(() => officerA.request('PUT', `/api/review/templates/${YEAR}`, body), 404);
    const res = await admin.request('PUT', `/api/review/templates/${YEAR}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().templateSet).toMatchObject({ saved: true, cap: { percent: 30 } });
  });
});

describe('opening a cycle', () => {
  it('refuses deadlines out of order and branches outside; nothing saved', async () => {
    await refused(() => admin.post('/api/review/cycles', { ...openBody(), cellDue: '2026-02-01' }), 400, 'cycle_deadlines_order');
    await refused(() => admin.post('/api/review/cycles', { ...openBody(), unitId: world.communeA.id, branchIds: [world.communeB.id] }), 400, 'cycle_branch_outside');
    await refused(() => officerA.post('/api/review/cycles', { ...openBody(), unitId: world.communeA.id, branchIds: [world.communeA.id] }), 403);
  });

  it('takes the members and cells of the branches on the reference date as participants', async () => {
    const res = await admin.post('/api/review/cycles', openBody());
    expect(res.statusCode, res.body).toBe(201);
    cycleId = res.json().cycle.id;
    expect(res.json().cycle.cap).toEqual({ enabled: true, percent: 30 });
    const rows = await boardOf(admin, world.province.id);
    expect(rows.filter((r) => r.kind === 'cell')).toHaveLength(3);
    expect(rows.filter((r) => r.kind === 'person')).toHaveLength(9);
    expect(byName(rows, 'Hoàng Văn Bình').group).toBe('secretary');
    expect(byName(rows, 'Nguyễn Thị Xiến').group).toBe('member_2c');
    const progress = (await admin.get(`/api/review/cycles/${cycleId}`)).json();
    expect(progress.communes.map((c: { participants: number }) => c.participants).sort()).toEqual([3, 6]);
  });
});

describe('self-assessment', () => {
  it('a member sees only their own row, with the action to fill it', async () => {
    const rows = await boardOf(member, world.cellA1.id);
    expect(rows.map((r) => r.fullName)).toEqual(['Nguyễn Thị Xiến']);
    expect(rows[0].actions).toEqual(['self']);
  });

  it('the secretary may not fill for a member who has an account', async () => {
    const rows = await boardOf(secretary, world.cellA1.id);
    const xien = byName(rows, 'Nguyễn Thị Xiến');
    expect(xien.actions).toEqual([]);
    await refused(() => secretary.post(`/api/review/participants/${xien.id}/self-assessment`, selfBody('member_2c', 80)), 403, 'self_on_behalf_has_account');
  });

  it('refuses scores outside a criterion\'s range, missing criteria and impossible task counts — all at once, nothing saved', async () => {
    const xien = byName(await boardOf(member, world.cellA1.id), 'Nguyễn Thị Xiến');
    const scores = scoresFor('member_2c', 80);
    scores[0].points = 25; // max 20
    const res = await refused(
      () => member.post(`/api/review/participants/${xien.id}/self-assessment`, { ...selfBody('member_2c', 80), scores: scores.slice(0, 3), tasksLate: 11 }),
      400,
      'score_out_of_range',
      'score_missing_criterion',
      'tasks_more_than_total',
    );
    expect(res.json().error.fields.find((f: { code: string }) => f.code === 'score_out_of_range').path).toBe('scores.0.points');
  });

  it('the member fills their own once; a second one is refused by name', async () => {
    const xien = byName(await boardOf(member, world.cellA1.id), 'Nguyễn Thị Xiến');
    const res = await member.post(`/api/review/participants/${xien.id}/self-assessment`, selfBody('member_2c', 82, { tasksExceeding: 1 }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participant.self).toMatchObject({ total: 82, allowedLevel: 'good', onBehalf: false });
    await refused(() => member.post(`/api/review/participants/${xien.id}/self-assessment`, selfBody('member_2c', 82)), 409, 'self_assessment_exists');
  });

  it('the secretary fills their own, for members without an account, and the cell\'s form 01', async () => {
    const rows = await boardOf(secretary, world.cellA1.id);
    const post = (row: Row, body: unknown) => secretary.post(`/api/review/participants/${row.id}/self-assessment`, body);
    expect((await post(byName(rows, 'Hoàng Văn Bình'), selfBody('secretary', 95))).statusCode).toBe(201);
    const dung = await post(byName(rows, 'Lê Văn Dũng'), selfBody('member_2c', 92));
    expect(dung.statusCode, dung.body).toBe(201);
    expect(dung.json().participant.self.onBehalf).toBe(true);
    expect((await post(byName(rows, 'Trần Thị Ánh'), selfBody('member_2c', 75))).statusCode).toBe(201);
    expect((await post(cellRow(rows, world.cellA1.id), selfBody('cell', 88))).statusCode).toBe(201);
  });
});

describe('the cell\'s appraisal', () => {
  it('refuses a proposed level that contradicts the score and conditions, naming the rule; nothing saved', async () => {
    const xien = byName(await boardOf(secretary, world.cellA1.id), 'Nguyễn Thị Xiến');
    const res = await refused(() => secretary.post(`/api/review/participants/${xien.id}/appraisal`, appraisal('excellent')), 400, 'level_excellent_needs_90', 'level_excellent_needs_30pct_exceeding');
    expect(res.json().error.fields[0].path).toBe('proposedLevel');
    await refused(() => secretary.post(`/api/review/participants/${xien.id}/appraisal`, { ...appraisal('good'), votesFor: 4, votesAgainst: 1 }), 400, 'votes_exceed_present');
  });

  it('records the meeting, the votes and the proposals; a lower level than the score allows is accepted', async () => {
    const rows = await boardOf(secretary, world.cellA1.id);
    const proposals: [Row, string][] = [
      [cellRow(rows, world.cellA1.id), 'good'],
      [byName(rows, 'Hoàng Văn Bình'), 'excellent'],
      [byName(rows, 'Lê Văn Dũng'), 'excellent'],
      [byName(rows, 'Nguyễn Thị Xiến'), 'good'],
      [byName(rows, 'Trần Thị Ánh'), 'completed'],
    ];
    for (const [row, level] of proposals) {
      const res = await secretary.post(`/api/review/participants/${row.id}/appraisal`, appraisal(level));
      expect(res.statusCode, `${row.fullName ?? 'cell'}: ${res.body}`).toBe(201);
    }
    await refused(() => secretary.post(`/api/review/participants/${byName(rows, 'Trần Thị Ánh').id}/appraisal`, appraisal('completed')), 409, 'appraisal_exists');
  });
});

describe('the commune\'s decision', () => {
  it('the inspector and the secretary may not decide', async () => {
    const cell = cellRow(await boardOf(officerA, world.cellA1.id), world.cellA1.id);
    await refused(() => inspector.post(`/api/review/participants/${cell.id}/decision`, { level: 'good' }), 403);
    await refused(() => secretary.post(`/api/review/participants/${cell.id}/decision`, { level: 'good' }), 403);
  });

  it('refuses a member before their cell (collectives first) and a step skipped', async () => {
    const rows = await boardOf(officerA, world.communeA.id);
    await refused(() => officerA.post(`/api/review/participants/${byName(rows, 'Nguyễn Thị Xiến').id}/decision`, { level: 'good' }), 400, 'decision_collective_first');
    await refused(() => officerA.post(`/api/review/participants/${byName(rows, 'Đỗ Thị Hoa').id}/decision`, { level: 'good' }), 400, 'decision_needs_appraisal');
  });

  it('decides the cell, then its members; a level unlike the proposal needs a reason', async () => {
    const rows = await boardOf(officerA, world.communeA.id);
    const decide = (row: Row, body: unknown) => officerA.post(`/api/review/participants/${row.id}/decision`, body);
    expect((await decide(cellRow(rows, world.cellA1.id), { level: 'good' })).statusCode).toBe(201);
    await refused(() => decide(byName(rows, 'Nguyễn Thị Xiến'), { level: 'completed' }), 400, 'decision_reason_required');
    await refused(() => decide(byName(rows, 'Nguyễn Thị Xiến'), { level: 'excellent', reason: 'Thử' }), 400, 'level_excellent_needs_90');
    expect((await decide(byName(rows, 'Nguyễn Thị Xiến'), { level: 'good' })).statusCode).toBe(201);
    expect((await decide(byName(rows, 'Trần Thị Ánh'), { level: 'completed' })).statusCode).toBe(201);
  });

  it('enforces the cap on excellent within the commune, explaining the count', async () => {
    const rows = await boardOf(officerA, world.communeA.id);
    const decide = (name: string, body: unknown) => officerA.post(`/api/review/participants/${byName(rows, name).id}/decision`, body);
    // Good or better in commune A: Bình, Dũng (proposed excellent) and Xiến (good) → 30% of 3 allows none.
    let res = await refused(() => decide('Hoàng Văn Bình', { level: 'excellent' }), 400, 'cap_exceeded');
    expect(res.json().error.fields[0].message).toMatch(/1 of the 3 members rated good or better would be excellent; the cap of 30% allows 0/);
    // A2 is appraised good or better as well: now 5 rated good or better, 30% allows one.
    const created = await admin.post('/api/users', { username: 'secretary.a2', displayName: 'Ma Văn Đức', password: TEST_PASSWORD, role: 'cell_secretary', unitId: world.cellA2.id, personId: world.people.secretaryA2.id });
    expect(created.statusCode, created.body).toBe(201);
    const secretaryA2 = await signIn(ctx.app, 'secretary.a2');
    for (const row of await boardOf(secretaryA2, world.cellA2.id)) {
      const group = row.kind === 'cell' ? 'cell' : row.group;
      expect((await secretaryA2.post(`/api/review/participants/${row.id}/self-assessment`, selfBody(group, 80))).statusCode).toBe(201);
      expect((await secretaryA2.post(`/api/review/participants/${row.id}/appraisal`, { ...appraisal('good'), present: 2, votesFor: 2 })).statusCode).toBe(201);
    }
    expect((await decide('Hoàng Văn Bình', { level: 'excellent' })).statusCode).toBe(201);
    res = await refused(() => decide('Lê Văn Dũng', { level: 'excellent' }), 400, 'cap_exceeded');
    expect(res.json().error.fields[0].message).toMatch(/2 of the 5 members rated good or better would be excellent; the cap of 30% allows 1/);
    expect((await decide('Lê Văn Dũng', { level: 'good', reason: 'Vượt tỉ lệ xuất sắc của đảng bộ' })).statusCode).toBe(201);
  });

  it('a final decision cannot be edited; a re-check supersedes it and keeps it on record', async () => {
    const xien = byName(await boardOf(officerA, world.cellA1.id), 'Nguyễn Thị Xiến');
    await refused(() => officerA.post(`/api/review/participants/${xien.id}/decision`, { level: 'completed', reason: 'Sửa' }), 409, 'decision_final');
    await refused(() => officerA.post(`/api/review/participants/${xien.id}/recheck`, { level: 'completed' }), 400, 'decision_reason_required');
    const res = await officerA.post(`/api/review/participants/${xien.id}/recheck`, { level: 'completed', reason: 'Phúc tra theo đơn: còn nhiệm vụ chưa đạt' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participant.decision).toMatchObject({ level: 'completed', kind: 'recheck' });
    const rows = await ctx.database.db.execute<{ n: number; current: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE superseded_by IS NULL)::int AS current FROM review_decisions WHERE participant_id = ${xien.id}`,
    );
    expect(rows.rows[0]).toEqual({ n: 2, current: 1 });
  });

  it('the member sees their own result', async () => {
    const [own] = await boardOf(member, world.cellA1.id);
    expect(own).toMatchObject({ fullName: 'Nguyễn Thị Xiến', finalLevel: 'completed', status: 'decided', actions: [] });
  });
});

describe('figures and forms', () => {
  it('gives the shares per level and the good-or-better rate of any node', async () => {
    const res = await officerA.get(`/api/review/figures?unitId=${world.communeA.id}&year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.secretaries).toMatchObject({ total: 2, decided: 1, counts: { excellent: 1 }, goodOrBetterPct: 100 });
    // Dũng good, Xiến completed (after re-check), Ánh completed: 1 of 3 good or better.
    expect(f.members).toMatchObject({ total: 4, decided: 3, counts: { good: 1, completed: 2 }, goodOrBetterPct: 33.3 });
    expect(f.cells).toMatchObject({ total: 2, decided: 1, counts: { good: 1 } });
    expect(f.caps).toEqual([expect.objectContaining({ excellent: 1, goodOrBetter: 2, ok: false, percent: 30 })]);
    expect(f.trend.at(-1)).toEqual({ year: YEAR, secretariesGoodOrBetterPct: 100, membersGoodOrBetterPct: 33.3 });
  });

  it('exports the figures and results as Excel and the forms as PDF', async () => {
    const xlsx = await officerA.get(`/api/review/figures.xlsx?unitId=${world.communeA.id}&year=${YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const rows = await boardOf(officerA, world.cellA1.id);
    for (const row of [byName(rows, 'Hoàng Văn Bình'), cellRow(rows, world.cellA1.id)]) {
      const pdf = await officerA.get(`/api/review/participants/${row.id}/form.pdf`);
      expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (process.env.REVIEW_PDF_OUT) (await import('node:fs')).writeFileSync(`${process.env.REVIEW_PDF_OUT}-${row.kind}.pdf`, pdf.rawPayload);
    }
  });
});

describe('across branches', () => {
  it('the officer of B finds nothing of A: board, record, form, figures → 404 with no name of A', async () => {
    const rows = await boardOf(officerA, world.cellA1.id);
    const xien = byName(rows, 'Nguyễn Thị Xiến');
    for (const url of [
      `/api/review/cycles/${cycleId}/units/${world.cellA1.id}`,
      `/api/review/cycles/${cycleId}/units/${world.communeA.id}`,
      `/api/review/participants/${xien.id}`,
      `/api/review/participants/${xien.id}/form.pdf`,
      `/api/review/figures?unitId=${world.communeA.id}&year=${YEAR}`,
      `/api/review/figures.xlsx?unitId=${world.communeA.id}&year=${YEAR}`,
    ]) {
      const res = await officerB.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toMatch(/Xiến|Nà Hang|Minh Quang|Hoàng Văn Bình/);
    }
    for (const [path, body] of [
      ['decision', { level: 'good' }],
      ['recheck', { level: 'good', reason: 'x' }],
      ['appraisal', appraisal('good')],
      ['self-assessment', selfBody('member_2c', 80)],
    ] as const) {
      const res = await refused(() => officerB.post(`/api/review/participants/${byName(rows, 'Trần Thị Ánh').id}/${path}`, body), 404);
      expect(res.body).not.toMatch(/Ánh|Nà Hang/);
    }
  });

  it('the officer of B sees the cycle but only B\'s progress and board', async () => {
    const progress = (await officerB.get(`/api/review/cycles/${cycleId}`)).json();
    expect(progress.communes.map((c: { unitId: string }) => c.unitId)).toEqual([world.communeB.id]);
    const rows = await boardOf(officerB, world.communeB.id);
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(progress)).not.toMatch(/Minh Quang/);
  });

  it('a member reads another person\'s record of their cell → 403', async () => {
    const rows = await boardOf(officerA, world.cellA1.id);
    const res = await member.get(`/api/review/participants/${byName(rows, 'Hoàng Văn Bình').id}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toMatch(/Hoàng Văn Bình/);
  });
});

describe('closing', () => {
  it('after the cycle closed, no decision is taken', async () => {
    const res = await admin.post(`/api/review/cycles/${cycleId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await boardOf(officerA, world.communeA.id);
    await refused(() => officerA.post(`/api/review/participants/${cellRow(rows, world.cellA2.id).id}/decision`, { level: 'good' }), 409, 'cycle_closed');
    expect(rows.every((r) => r.actions.length === 0)).toBe(true);
  });
});
