// Editing one question of the bank: wording always; once a test drew it, never its correct answers nor its number
// of options (the answers given are scored by them); once a test was drawn from a bank holding it, never its
// category or difficulty (the appeal's replay takes the pool as it stood). Refusals say why and change nothing.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let secretary: Client;
const hour = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const question = (over: Record<string, unknown> = {}) => ({ category: 'charter', difficulty: 'easy', text: 'Chi bộ có ít nhất bao nhiêu đảng viên chính thức?', options: ['3', '5', '7'], correct: [0], ...over });
const stored = async (id: string) => (await ctx.database.db.execute<{ category: string; text: string; correct: number[] }>(sql`SELECT category, text, correct FROM contest_questions WHERE id = ${id}`)).rows[0]!;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, secretary] = await Promise.all(['admin', 'officer.a', 'secretary.a1'].map((u) => signIn(ctx.app, u)));
});

describe('editing a question', () => {
  let drawn = '';
  let pooled = '';
  it('before any test: anything may change; bad input and non-organizers are refused', async () => {
    const ids = await Promise.all([0, 1].map(async () => (await admin.post('/api/contest-questions', question())).json().id as string));
    const r = await admin.request('PUT', `/api/contest-questions/${ids[0]}`, question({ difficulty: 'easy', correct: [1], text: 'Chi bộ có ít nhất mấy đảng viên chính thức?' }));
    expect(r.statusCode, r.body).toBe(200);
    expect(await stored(ids[0]!)).toMatchObject({ correct: [1], text: 'Chi bộ có ít nhất mấy đảng viên chính thức?' });
    expect((await admin.request('PUT', `/api/contest-questions/${ids[0]}`, question({ correct: [5] }))).json().error.fields[0].code).toBe('question_correct_out_of_range');
    expect((await admin.request('PUT', `/api/contest-questions/${ids[0]}`, question({ text: 'x\u0000' }))).statusCode).toBe(400);
    expect((await officerA.request('PUT', `/api/contest-questions/${ids[0]}`, question())).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/contest-questions/00000000-0000-4000-8000-000000000000', question())).statusCode).toBe(404);
    const [{ n }] = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contest.question.edit'`)).rows as [{ n: number }];
    expect(n).toBe(1);

    // A test draws one of the two.
    const contestId = (await admin.post('/api/contests', { year: 2032, title: 'Hội thi 2032', awards: [], organizerUnitId: world.province.id })).json().id;
    const rules = { quotas: [{ category: 'charter', difficulty: 'easy', count: 1 }], testMinutes: 20, criteria: [], dropHighLowFrom: 0, testWeight: 1, presentationWeight: 0, tieBreaks: [], advancePerCommune: 1 };
    const round = (await admin.post(`/api/contests/${contestId}/rounds`, { level: 'commune', title: 'Vòng xã', opensAt: iso(-hour), closesAt: iso(48 * hour), rules })).json().id;
    const candidate = (await officerA.post(`/api/contest-rounds/${round}/candidates`, { personId: world.people.secretaryA1.id })).json().id;
    const attempt = await secretary.post(`/api/contest-candidates/${candidate}/attempt`, {});
    expect(attempt.statusCode, attempt.body).toBe(201);
    drawn = attempt.json().questions[0].id;
    pooled = ids.find((i) => i !== drawn)!;
    // The appeal page's reads: the ranking names the attempt, the review has its times, the draw replays.
    const entry = (await admin.get(`/api/contest-rounds/${round}/ranking`)).json().entries[0];
    expect(entry.attemptId).toBe(attempt.json().id);
    const review = (await admin.get(`/api/contest-attempts/${entry.attemptId}/review`)).json();
    expect(new Date(review.deadline).getTime()).toBeGreaterThan(new Date(review.startedAt).getTime());
    expect(review.questions.map((q: { id: string }) => q.id)).toEqual([drawn]);
    expect((await admin.get(`/api/contest-attempts/${entry.attemptId}/draw`)).json().same).toBe(true);
    expect([403, 404]).toContain((await officerA.get(`/api/contest-attempts/${entry.attemptId}/draw`)).statusCode);
  });

  it('a drawn question keeps its correct answers and options count; its wording may be fixed', async () => {
    const before = await stored(drawn);
    const r = await admin.request('PUT', `/api/contest-questions/${drawn}`, question({ correct: [before.correct[0] === 0 ? 2 : 0] }));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'correct', code: 'question_in_use' });
    expect((await admin.request('PUT', `/api/contest-questions/${drawn}`, question({ options: ['3', '5'], correct: before.correct }))).json().error.fields[0].code).toBe('question_in_use');
    expect(await stored(drawn)).toEqual(before);
    const fix = await admin.request('PUT', `/api/contest-questions/${drawn}`, question({ correct: before.correct, options: ['ba', 'năm', 'bảy'], text: 'Theo Điều lệ, chi bộ có ít nhất bao nhiêu đảng viên chính thức?' }));
    expect(fix.statusCode, fix.body).toBe(200);
    expect((await stored(drawn)).text).toBe('Theo Điều lệ, chi bộ có ít nhất bao nhiêu đảng viên chính thức?');
  });

  it('a question in a drawn bank keeps its category and difficulty; a newer one does not', async () => {
    const r = await admin.request('PUT', `/api/contest-questions/${pooled}`, question({ category: 'resolutions' }));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'category', code: 'question_in_draws' });
    expect((await stored(pooled)).category).toBe('charter');
    // Not drawn: its answer may change.
    expect((await admin.request('PUT', `/api/contest-questions/${pooled}`, question({ correct: [2] }))).statusCode).toBe(200);
    const fresh = (await admin.post('/api/contest-questions', question())).json().id;
    expect((await admin.request('PUT', `/api/contest-questions/${fresh}`, question({ category: 'situations', difficulty: 'hard' }))).statusCode).toBe(200);
  });

  it('twenty edits of one question at once: no 5xx, the last one stands whole', async () => {
    const id = (await admin.post('/api/contest-questions', question({ category: 'situations' }))).json().id;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.request('PUT', `/api/contest-questions/${id}`, question({ category: 'situations', text: `Tình huống số ${i}`, correct: [i % 3] }))));
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);
    const q = await stored(id);
    const i = Number(q.text.replace('Tình huống số ', ''));
    expect(q.correct).toEqual([i % 3]);
  });
});
