// The same write sent many times at once, as an attacker or a double click sends it: each request gets the answer
// it would get alone (or the one a later request gets once the first has won), never a 500, never a lost lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access.js';
import { createUser } from '../modules/users/service.js';
import type { LightMyRequestResponse } from 'fastify';
import { createUnit } from '../modules/org/service.js';
import { addPerson, makeWorld, personFields, type World } from './factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let calls = 0;
// Each sign-in from its own address: the per-address throttle is not what these tests are about.
const nextAddress = () => {
  calls += 1;
  return `10.9.${Math.floor(calls / 250)}.${(calls % 250) + 1}`;
};
const login = (username: string, password: string, remoteAddress = nextAddress()) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

beforeAll(async () => {
  ctx = await setupTestApp({ login: { maxFailures: 5, lockMinutes: 15 } });
  world = await makeWorld(ctx);
});

describe('sign-in under concurrency', () => {
  it('40 simultaneous wrong passwords lock the account; the right password is then refused', async () => {
    await createUser(ctx.database.db, systemActor('test'), { username: 'race.lock', displayName: 'Race', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('race.lock', `wrong-${i}`)));
    for (const a of answers) expect([401, 429], a.body).toContain(a.statusCode);
    const right = await login('race.lock', TEST_PASSWORD);
    expect(right.statusCode, right.body).toBe(429);
    expect(right.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
  });

  it('an unknown username answers exactly like a known one: 401 for the first failures, then 429', async () => {
    await createUser(ctx.database.db, systemActor('test'), { username: 'race.known', displayName: 'Known', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 8; i++) {
      const k = await login('race.known', `wrong-${i}`);
      const u = await login('race.nobody', `wrong-${i}`);
      known.push(`${k.statusCode} ${k.json().error.code} ${k.json().error.message}`);
      unknown.push(`${u.statusCode} ${u.json().error.code} ${u.json().error.message}`);
    }
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5).every((a) => a.startsWith('401'))).toBe(true);
    expect(known.slice(5).every((a) => a.startsWith('429'))).toBe(true);
  });
});

/** The status codes of simultaneous answers, counted; a 5xx fails the test with its body. */
function statuses(answers: LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) {
    expect(a.statusCode, a.body).toBeLessThan(500);
    if (a.statusCode >= 400) expect(a.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    counts[a.statusCode] = (counts[a.statusCode] ?? 0) + 1;
  }
  return counts;
}

describe('writes sent twice or more at once', () => {
  let officerA: Client;
  beforeAll(async () => {
    officerA = await signIn(ctx.app, 'officer.a', TEST_PASSWORD);
  });

  it('the same CCCD in ten new records at once: one is created, nine are told it is taken', async () => {
    const fields = personFields({ fullName: 'Hà Văn Song', cccd: '008777000111' });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => officerA.post('/api/people', { ...fields, partyCardNo: `RC${i}00${Date.now() % 1000}`, unitId: world.cellA1.id })));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 9 });
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.fields).toEqual([expect.objectContaining({ path: 'cccd' })]);
  });

  it('the same merge twice at once: one merges, the other is refused', async () => {
    const from = '2020-01-01';
    const system = systemActor('test');
    const c1 = await createUnit(ctx.database.db, system, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Một', code: '90001-081', validFrom: from });
    const c2 = await createUnit(ctx.database.db, system, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Hai', code: '90001-082', validFrom: from });
    await addPerson(ctx.database.db, c1.id, { fullName: 'Lục Văn Hợp' });
    const body = { sourceIds: [c1.id, c2.id], name: 'Chi bộ thôn Một Hai', date: '2025-06-01' };
    const answers = await Promise.all([officerA.post('/api/units/merge', body), officerA.post('/api/units/merge', body), officerA.post('/api/units/merge', body)]);
    const counts = statuses(answers);
    expect(counts[201]).toBe(1);
  });

  it('overlapping renames of one unit: each is applied or refused, never a 500', async () => {
    const c = await createUnit(ctx.database.db, systemActor('test'), { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Ba', code: '90001-083', validFrom: '2020-01-01' });
    const answers = await Promise.all(
      ['2025-02-01', '2025-02-01', '2025-03-01', '2025-01-15'].map((date, i) => officerA.post(`/api/units/${c.id}/rename`, { name: `Chi bộ thôn Ba ${i}`, date })),
    );
    const counts = statuses(answers);
    expect(counts[200]).toBeGreaterThanOrEqual(1);
  });

  it('the same transfer, and transfers to two cells, at once: one wins', async () => {
    const p = await addPerson(ctx.database.db, world.cellA1.id, { fullName: 'Nông Văn Chuyển' });
    const answers = await Promise.all([
      officerA.post(`/api/people/${p.id}/transfer`, { toUnitId: world.cellA2.id, date: '2025-05-01' }),
      officerA.post(`/api/people/${p.id}/transfer`, { toUnitId: world.cellA2.id, date: '2025-05-01' }),
      officerA.post(`/api/people/${p.id}/transfer`, { toUnitId: world.cellA2.id, date: '2025-05-02' }),
    ]);
    const counts = statuses(answers);
    expect(counts[200]).toBeGreaterThanOrEqual(1);
    const { rows } = await ctx.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE person_id = $1 AND valid_to IS NULL', [p.id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('review decisions sent at once', () => {
  type Row = { id: string; kind: 'person' | 'cell'; fullName: string | null; unitId: string; group: string; status: string; finalLevel: string | null };
  let officerA: Client;
  let officerA2: Client;
  let secretary: Client;
  let rows: Row[];

  const scoresFor = (criteria: { code: string; maxPoints: number }[], total: number) => {
    let left = total;
    return criteria.map((c, i) => {
      const share = i === criteria.length - 1 ? left : Math.min(c.maxPoints, Math.round((c.maxPoints * total) / 100));
      left -= share;
      return { code: c.code, points: share, note: 'Đạt yêu cầu' };
    });
  };
  const fieldCodes = (res: LightMyRequestResponse) => ((res.json().error.fields ?? []) as { code: string }[]).map((f) => f.code);
  const decisions = async (participantId: string) =>
    (await ctx.database.pool.query<{ level: string; superseded_by: string | null }>('SELECT level, superseded_by FROM review_decisions WHERE participant_id = $1', [participantId])).rows;

  beforeAll(async () => {
    const { defaultTemplateSet } = await import('../../domain/review.js');
    await createUser(ctx.database.db, systemActor('test'), { username: 'officer.a2', displayName: 'Officer A2', password: TEST_PASSWORD, role: 'commune_officer', unitId: world.communeA.id });
    const admin = await signIn(ctx.app, 'admin');
    officerA = await signIn(ctx.app, 'officer.a');
    officerA2 = await signIn(ctx.app, 'officer.a2');
    secretary = await signIn(ctx.app, 'secretary.a1');
    const opened = await admin.post('/api/review/cycles', {
      unitId: world.province.id,
      year: 2025,
      kind: 'yearly',
      title: 'Đánh giá năm 2025 (đua)',
      branchIds: [world.communeA.id],
      referenceDate: '2025-12-01',
      selfDue: '2025-12-05',
      cellDue: '2025-12-15',
      decisionDue: '2025-12-31',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const cycleId = opened.json().cycle.id;
    const board = await secretary.get(`/api/review/cycles/${cycleId}/units/${world.cellA1.id}`);
    expect(board.statusCode, board.body).toBe(200);
    rows = board.json().items;
    // The cell's form and every member without an account (the secretary fills for them), then the cell's appraisal.
    for (const row of rows) {
      if (row.fullName === 'Nguyễn Thị Xiến') continue; // has an account: fills her own
      const group = row.kind === 'cell' ? 'cell' : row.group;
      const criteria = defaultTemplateSet.templates.find((t) => t.group === group)!.criteria;
      const self = await secretary.post(`/api/review/participants/${row.id}/self-assessment`, {
        scores: scoresFor(criteria, 85),
        tasksTotal: 10,
        tasksLate: 0,
        tasksExceeding: 2,
        disciplined: false,
        shortcomingsFixed: true,
      });
      expect(self.statusCode, `${row.fullName}: ${self.body}`).toBe(201);
      const appraised = await secretary.post(`/api/review/participants/${row.id}/appraisal`, { meetingDate: '2025-12-10', present: 4, votesFor: 4, votesAgainst: 0, proposedLevel: 'good' });
      expect(appraised.statusCode, `${row.fullName}: ${appraised.body}`).toBe(201);
    }
  });

  it('the same decision twenty times at once: one is taken, nineteen are told it is final; one decision stored', async () => {
    const cell = rows.find((r) => r.kind === 'cell')!;
    const answers = await Promise.all(Array.from({ length: 20 }, () => officerA.post(`/api/review/participants/${cell.id}/decision`, { level: 'good' })));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 19 });
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(fieldCodes(a), a.body).toEqual(['decision_final']);
    expect(await decisions(cell.id)).toEqual([{ level: 'good', superseded_by: null }]);
  });

  it('two officers of the commune deciding the same member differently at once: one wins, the other is refused; the stored level is the winner\'s', async () => {
    const dung = rows.find((r) => r.fullName === 'Lê Văn Dũng')!;
    const [a, b] = await Promise.all([
      officerA.post(`/api/review/participants/${dung.id}/decision`, { level: 'good' }),
      officerA2.post(`/api/review/participants/${dung.id}/decision`, { level: 'completed', reason: 'Còn hạn chế trong công tác' }),
    ]);
    expect(statuses([a, b])).toEqual({ 201: 1, 409: 1 });
    const winner = a.statusCode === 201 ? 'good' : 'completed';
    expect(fieldCodes(a.statusCode === 201 ? b : a)).toEqual(['decision_final']);
    expect(await decisions(dung.id)).toEqual([{ level: winner, superseded_by: null }]);
  });

  it('both officers, ten times each, on every remaining member at once: exactly one decision per member, never a 500', async () => {
    const members = rows.filter((r) => r.kind === 'person' && r.fullName !== 'Nguyễn Thị Xiến' && r.fullName !== 'Lê Văn Dũng');
    expect(members.length).toBeGreaterThanOrEqual(2);
    const answers = await Promise.all(
      members.flatMap((m) => Array.from({ length: 20 }, (_, i) => (i % 2 ? officerA : officerA2).post(`/api/review/participants/${m.id}/decision`, { level: 'good' }))),
    );
    expect(statuses(answers)).toEqual({ 201: members.length, 409: 19 * members.length });
    for (const m of members) expect(await decisions(m.id)).toHaveLength(1);
  });
});
