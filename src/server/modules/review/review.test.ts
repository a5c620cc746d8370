// The yearly review end to end on the test world: the admin opens a cycle, people and secretaries fill their
// forms, the cell appraises, the commune decides — with every bad input refused by the rule it breaks, nothing saved.
import { execFileSync } from 'node:child_process';
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
  Object.fromEntries(await Promise.all(['review_cycles', 'review_participants', 'review_self_assessments', 'review_appraisals', 'review_decisions', 'review_template_sets', 'review_complaints', 'audit_events'].map(async (t) => [t, await count(t)])));

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


/** The text of a PDF by poppler's pdftotext, or null where it is not installed (outside CI). */
function pdfText(pdf: Buffer): string | null {
  try {
    return execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || process.env.CI === 'true') throw e;
    console.warn('pdftotext is missing: the text of the review PDFs is not checked');
    return null;
  }
}

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

describe('reminders', () => {
  type Todo = { step: string; unitId: string; count: number; due: string | null; overdue: boolean };
  const todo = async (client: Client) => {
    const res = await client.get('/api/review/todo');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Todo[]; overdue: (Todo & { missing: number })[] };
  };

  it('each user finds the steps they must do, with the deadline; past deadlines are overdue', async () => {
    const m = await todo(member);
    expect(m.items).toEqual([expect.objectContaining({ step: 'self', unitId: world.cellA1.id, count: 1, due: '2025-12-05', overdue: true })]);
    expect(m.overdue).toEqual([]);
    const s = await todo(secretary);
    // Only what can be done now (defect 6, issue 14): nothing to appraise before a self-assessment, nothing to
    // decide before an appraisal — the first day showed "appraise 5" and "decide" for every cell.
    expect(s.items.map((i) => [i.step, i.count]).sort()).toEqual([
      ['self', 1],
      // the cell's form 01 and the two members without an account
      ['selfOnBehalf', 3],
    ]);
    const o = await todo(officerA);
    expect(o.items.filter((i) => i.step === 'decide')).toEqual([]);
    // The level above sees what is late in its branch, cell by cell.
    expect(o.overdue.filter((i) => i.step === 'self' && i.unitId === world.cellA1.id)).toEqual([expect.objectContaining({ missing: 5, due: '2025-12-05' })]);
    const b = await todo(officerB);
    expect(b.items.concat(b.overdue).every((i) => i.unitId !== world.cellA1.id && i.unitId !== world.cellA2.id)).toBe(true);
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
    // Now the commune has something to decide in cell A1, and only there; its home shows one line for the step.
    const o = (await officerA.get('/api/review/todo')).json() as { items: { step: string; unitId: string; count: number }[] };
    expect(o.items.filter((i) => i.step === 'decide').map((i) => [i.unitId, i.count])).toEqual([[world.cellA1.id, 5]]);
    const home = (await officerA.get('/api/home')).json();
    expect(home.tasks.filter((t: { key: string }) => t.key.startsWith('review.decide:'))).toEqual([expect.objectContaining({ count: 5, params: expect.objectContaining({ cells: 1 }) })]);
    // …and one folded notification, whatever the number of appraisals.
    const inbox = (await officerA.get('/api/inbox')).json().items.filter((i: { topic: string }) => i.topic === 'review.step_due');
    expect(inbox.map((i: { count: number; params: { step: string } }) => [i.params.step, i.count])).toEqual([['decide', 5]]);
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

  it('a final decision cannot be edited; a re-check needs a complaint first', async () => {
    const xien = byName(await boardOf(officerA, world.cellA1.id), 'Nguyễn Thị Xiến');
    await refused(() => officerA.post(`/api/review/participants/${xien.id}/decision`, { level: 'completed', reason: 'Sửa' }), 409, 'decision_final');
    await refused(() => admin.post(`/api/review/participants/${xien.id}/recheck`, { level: 'completed', reason: 'Phúc tra' }), 400, 'recheck_needs_complaint');
    // The re-check is one level above the commune that decided: the commune officer may not.
    await refused(() => officerA.post(`/api/review/participants/${xien.id}/recheck`, { level: 'completed', reason: 'Phúc tra' }), 403);
  });

  it('the member contests their level once, within the window; the province re-checks and the new level is in force', async () => {
    const own = (await boardOf(member, world.cellA1.id))[0];
    expect(own).toMatchObject({ fullName: 'Nguyễn Thị Xiến', actions: ['complain'], levelFinal: false });
    expect((own as unknown as { complaintUntil: string }).complaintUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The secretary may not complain for a member who has an account.
    await refused(() => secretary.post(`/api/review/participants/${own.id}/complaint`, { reason: 'Thay mặt' }), 403, 'complaint_on_behalf_has_account');
    await refused(() => member.post(`/api/review/participants/${own.id}/complaint`, { reason: '' }), 400);
    const res = await member.post(`/api/review/participants/${own.id}/complaint`, { reason: 'Tôi đã hoàn thành mọi nhiệm vụ đúng hạn' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participant).toMatchObject({ status: 'contested', levelFinal: false, complaint: { status: 'waiting', onBehalf: false }, actions: [] });
    await refused(() => member.post(`/api/review/participants/${own.id}/complaint`, { reason: 'Lần nữa' }), 409, 'complaint_exists');

    const adminRow = byName(await boardOf(admin, world.cellA1.id), 'Nguyễn Thị Xiến');
    expect(adminRow.actions).toEqual(['recheck']);
    const adminTodo = (await admin.get('/api/review/todo')).json();
    expect(adminTodo.items).toContainEqual(expect.objectContaining({ step: 'recheck', unitId: world.cellA1.id, count: 1 }));
    await refused(() => admin.post(`/api/review/participants/${own.id}/recheck`, { level: 'completed' }), 400, 'decision_reason_required');
    const rechecked = await admin.post(`/api/review/participants/${own.id}/recheck`, { level: 'completed', reason: 'Phúc tra theo đơn: còn nhiệm vụ chưa đạt' });
    expect(rechecked.statusCode, rechecked.body).toBe(201);
    expect(rechecked.json().participant).toMatchObject({
      decision: { level: 'completed', kind: 'recheck' },
      finalLevel: 'completed',
      levelFinal: true,
      status: 'decided',
      complaint: { status: 'rechecked' },
    });
    await refused(() => admin.post(`/api/review/participants/${own.id}/recheck`, { level: 'good', reason: 'Lần hai' }), 400, 'recheck_needs_complaint');
    const rows = await ctx.database.db.execute<{ n: number; current: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE superseded_by IS NULL)::int AS current FROM review_decisions WHERE participant_id = ${own.id}`,
    );
    expect(rows.rows[0]).toEqual({ n: 2, current: 1 });
    const audit = await ctx.database.db.execute<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_id = ${own.id} AND action IN ('review.complain', 'review.recheck') ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(['review.complain', 'review.recheck']);
  });

  it('the secretary contests for a member without an account; a complaint after the window is refused by name', async () => {
    const rows = await boardOf(secretary, world.cellA1.id);
    const dung = byName(rows, 'Lê Văn Dũng');
    const anh = byName(rows, 'Trần Thị Ánh');
    expect(dung.actions).toEqual(['complain']);
    const res = await secretary.post(`/api/review/participants/${dung.id}/complaint`, { reason: 'Đề nghị xem xét lại mức xuất sắc' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participant.complaint).toMatchObject({ onBehalf: true, status: 'waiting' });
    // Ánh's decision is moved 30 days back: the 15 days of the cycle are over.
    await ctx.database.db.execute(sql`UPDATE review_decisions SET decided_at = now() - interval '30 days' WHERE participant_id = ${anh.id}`);
    expect(byName(await boardOf(secretary, world.cellA1.id), 'Trần Thị Ánh')).toMatchObject({ actions: [], levelFinal: true });
    const late = await refused(() => secretary.post(`/api/review/participants/${anh.id}/complaint`, { reason: 'Muộn' }), 400, 'complaint_window_closed');
    expect(late.json().error.fields[0].params).toMatchObject({ days: 15 });
    const kept = await admin.post(`/api/review/participants/${dung.id}/recheck`, { level: 'good', reason: 'Giữ nguyên: vượt tỉ lệ xuất sắc' });
    expect(kept.statusCode, kept.body).toBe(201);
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
      // The text a reader (or a screen reader, or a search) gets out of the file: the Vietnamese must survive
      // the embedded font's subsetting. CI installs poppler-utils; elsewhere the check is skipped, loudly.
      const text = pdfText(pdf.rawPayload);
      if (text === null) continue;
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('ĐẢNG ỦY XÃ MINH QUANG');
      expect(text).toMatch(/Minh Quang, ngày \d{2} tháng \d{2} năm \d{4}/);
      expect(text).toContain(row.kind === 'cell' ? 'BÁO CÁO KIỂM ĐIỂM TẬP THỂ' : 'BẢN KIỂM ĐIỂM CÁ NHÂN');
      expect(text).toContain(row.kind === 'cell' ? 'Tổ chức đảng: Chi bộ thôn Nà Hang' : 'Họ và tên: Hoàng Văn Bình');
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
  it('a complaint waiting for its re-check keeps the cycle open', async () => {
    const binh = byName(await boardOf(secretary, world.cellA1.id), 'Hoàng Văn Bình');
    expect((await secretary.post(`/api/review/participants/${binh.id}/complaint`, { reason: 'Xin phúc tra' })).statusCode).toBe(201);
    await refused(() => admin.post(`/api/review/cycles/${cycleId}/close`), 409, 'cycle_open_complaints');
    expect((await admin.post(`/api/review/participants/${binh.id}/recheck`, { level: 'excellent', reason: 'Giữ nguyên kết quả' })).statusCode).toBe(201);
  });

  it('after the cycle closed, no decision is taken', async () => {
    const res = await admin.post(`/api/review/cycles/${cycleId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await boardOf(officerA, world.communeA.id);
    await refused(() => officerA.post(`/api/review/participants/${cellRow(rows, world.cellA2.id).id}/decision`, { level: 'good' }), 409, 'cycle_closed');
    expect(rows.every((r) => r.actions.length === 0)).toBe(true);
  });
});

describe('forms as Excel', () => {
  it('the individual form and Mẫu 01 come out as .xlsx with the scores and the levels', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const rows = await boardOf(officerA, world.cellA1.id);
    for (const [row, title] of [
      [byName(rows, 'Nguyễn Thị Xiến'), 'BẢN KIỂM ĐIỂM CÁ NHÂN'],
      [cellRow(rows, world.cellA1.id), 'BÁO CÁO KIỂM ĐIỂM TẬP THỂ'],
    ] as const) {
      const res = await officerA.get(`/api/review/participants/${row.id}/form.xlsx`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const text = wb.worksheets[0].getSheetValues().flat().join(' ');
      expect(text).toContain(title);
      expect(text).toContain('Tổng cộng');
    }
    const xien = byName(rows, 'Nguyễn Thị Xiến');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await officerA.get(`/api/review/participants/${xien.id}/form.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets[0].getSheetValues().flat().join(' ');
    expect(text).toContain('Cấp trên phúc tra');
    expect(text).toContain('Hoàn thành nhiệm vụ');
    expect((await officerB.get(`/api/review/participants/${xien.id}/form.xlsx`)).statusCode).toBe(404);
  });
});

describe('import of past years', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  async function workbook(rows: unknown[][]) {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Kết quả');
    sheet.addRow(['STT', 'Số thẻ đảng viên', 'Số CCCD', 'Họ và tên', 'Năm', 'Xếp loại', 'Điểm']);
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  function upload(client: Client, unitId: string, content: Buffer) {
    const boundary = `----review${Date.now()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="unitId"\r\n\r\n${unitId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ket-qua.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request('POST', '/api/review/import', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
  type Problem = { row: number; column: string; code: string; params?: Record<string, unknown> };
  const problems = (res: { json: () => { errors: Problem[] } }) => res.json().errors.map((e) => [e.row, e.column, e.code]);

  it('gives a template to fill', async () => {
    const res = await admin.get('/api/review/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reports every bad row (row, column, code) and applies nothing', async () => {
    const binh = world.people.secretaryA1;
    const before = await counts();
    let res = await upload(admin, world.province.id, await workbook([
      [1, binh.partyCardNo, null, 'Hoàng Văn Bình', 2023, 'Giỏi lắm', 80],
      [2, null, null, 'Không ai', 2023, 'Tốt', null],
      [3, binh.partyCardNo, null, 'Hoàng Văn Bình', 1990, 'Tốt', 120],
    ]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().applied).toBe(false);
    expect(problems(res)).toEqual([
      [2, 'Xếp loại', 'review_import_level'],
      [3, 'Số thẻ đảng viên', 'review_import_no_key'],
      [4, 'Năm', 'review_import_year'],
      [4, 'Điểm', 'review_import_score'],
    ]);
    res = await upload(admin, world.province.id, await workbook([
      [1, 'TC-KHONG-CO', null, 'Không ai', 2023, 'Tốt', null],
      [2, binh.partyCardNo, null, 'Hoàng Văn Bình', 2025, 'Tốt', null],
      [3, binh.partyCardNo, null, 'Hoàng Văn Bình', 2023, 'Tốt', null],
      [4, null, binh.cccd, 'Hoàng Văn Bình', 2023, 'Xuất sắc', null],
      [5, binh.partyCardNo, null, 'Hoàng Văn Bình', 2015, 'Tốt', null],
    ]));
    expect(res.json().applied).toBe(false);
    expect(problems(res)).toEqual([
      [2, 'Số thẻ đảng viên', 'review_import_unknown_person'],
      [3, 'Năm', 'import_year_has_cycle'],
      [5, 'Số CCCD', 'review_import_duplicate'],
      [6, 'Năm', 'review_import_no_cell'],
    ]);
    expect(res.json().errors.find((e: Problem) => e.code === 'review_import_duplicate').params).toEqual({ row: 4 });
    expect(await counts()).toEqual(before);
  });

  it('only the province admin imports; the officer of B finds nothing', async () => {
    const content = await workbook([[1, world.people.secretaryA1.partyCardNo, null, '', 2023, 'Tốt', null]]);
    expect((await upload(officerA, world.communeA.id, content)).statusCode).toBe(403);
    expect((await upload(officerB, world.communeA.id, content)).statusCode).toBe(404);
  });

  it('applies a good file whole: the imported years show in the figures and the trend', async () => {
    const { secretaryA1: binh, memberA1: xien } = world.people;
    const res = await upload(admin, world.province.id, await workbook([
      [1, binh.partyCardNo, null, 'Hoàng Văn Bình', 2023, 'Không hoàn thành nhiệm vụ', 40],
      [2, binh.partyCardNo, null, 'Hoàng Văn Bình', 2024, 'không hoàn thành', 45],
      [3, null, xien.cccd, 'Nguyễn Thị Xiến', 2024, 'Hoàn thành tốt nhiệm vụ', 85],
    ]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, imported: 3 });
    const f = (await officerA.get(`/api/review/figures?unitId=${world.communeA.id}&year=2024`)).json();
    expect(f.secretaries).toMatchObject({ decided: 1, counts: { not_completed: 1 }, goodOrBetterPct: 0 });
    expect(f.members).toMatchObject({ decided: 1, counts: { good: 1 }, goodOrBetterPct: 100 });
    expect(f.secretariesNotCompletedTwice).toEqual([expect.objectContaining({ fullName: 'Hoàng Văn Bình' })]);
    const f2025 = (await officerA.get(`/api/review/figures?unitId=${world.communeA.id}&year=${YEAR}`)).json();
    expect(f2025.trend.slice(-3)).toEqual([
      { year: 2023, secretariesGoodOrBetterPct: 0, membersGoodOrBetterPct: null },
      { year: 2024, secretariesGoodOrBetterPct: 0, membersGoodOrBetterPct: 100 },
      expect.objectContaining({ year: 2025 }),
    ]);
    // The same results again: each row already imported.
    const again = await upload(admin, world.province.id, await workbook([[1, binh.partyCardNo, null, '', 2023, 'Tốt', null]]));
    expect(problems(again)).toEqual([[2, 'Năm', 'review_import_exists']]);
    const audit = await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'review.import'`);
    expect(audit.rows[0].n).toBe(1);
  });
});
