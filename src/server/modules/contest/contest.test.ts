// The contest end to end on the test world: the province opens a year's contest with a commune round (a test) and a
// province round (judges); the bank is filled by hand and from Excel; commune A registers its secretary, who takes
// the test once (twenty starts at once make one attempt), answers are saved one by one and refused after the time;
// judges score alone, once, never their own commune's candidate; the ranking drops the highest and lowest; results
// are published, publicly readable, with a certificate; the dashboard's figures equal their raw count.
import { sql } from 'drizzle-orm';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { newWorkbook } from '../../platform/excel.js';
import { extractText } from '../documents/file-text.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { contestFigures } from './figures.js';

let ctx: TestContext;
let world: World;
let admin: Client, officerA: Client, officerB: Client, inspector: Client, secretary: Client, member: Client;
let contestId: string, communeRound: string, provinceRound: string;
let candidateA1: string;
let attemptId: string;

const db = () => ctx.database.db;
const q = async <T extends Record<string, unknown>>(s: ReturnType<typeof sql>) => (await db().execute<T>(s)).rows;
const count = async (table: string) => (await q<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
const year = Number(todayIso().slice(0, 4));
const hour = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

const commune = {
  level: 'commune',
  title: 'Vòng sơ khảo cấp xã',
  opensAt: iso(-hour),
  closesAt: iso(48 * hour),
  rules: { quotas: [{ category: 'resolutions', difficulty: 'easy', count: 2 }, { category: 'charter', difficulty: 'medium', count: 1 }], testMinutes: 20, criteria: [], dropHighLowFrom: 0, testWeight: 1, presentationWeight: 0, tieBreaks: ['finished_first'], advancePerCommune: 1 },
};
const province = {
  level: 'province',
  title: 'Vòng chung khảo cấp tỉnh',
  opensAt: iso(-hour),
  closesAt: iso(48 * hour),
  rules: {
    quotas: [],
    testMinutes: 30,
    criteria: [{ code: 'content', label: 'Nội dung', max: 60 }, { code: 'delivery', label: 'Trình bày', max: 40 }],
    dropHighLowFrom: 3,
    testWeight: 0,
    presentationWeight: 1,
    tieBreaks: ['presentation'],
    advancePerCommune: 0,
  },
};
const question = (category: string, difficulty: string, n: number) => ({ category, difficulty, text: `Câu hỏi ${category} ${n}: theo Điều lệ Đảng, chi bộ có ít nhất bao nhiêu đảng viên chính thức?`, options: ['3', '5', '7'], correct: [0] });

async function workbook(rows: (string | null)[][]): Promise<string> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Câu hỏi');
  ws.addRow(['Lĩnh vực', 'Mức độ', 'Câu hỏi', 'A', 'B', 'C', 'D', 'E', 'F', 'Đáp án đúng']);
  for (const r of rows) ws.addRow(r);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'contest-'));
  const file = path.join(dir, 'ngan-hang.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

async function upload(client: Client, file: string) {
  const boundary = '----contest' + Math.random().toString(16).slice(2);
  const content = await fs.readFile(file);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ngan-hang.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', '/api/contest-questions/import', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, inspector, secretary, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

describe('the contest and its rounds', () => {
  it('opens one contest a year with rounds whose rules are data', async () => {
    const c = await admin.post('/api/contests', { year, title: `Hội thi Bí thư chi bộ giỏi năm ${year}`, awards: [{ code: 'first', places: 1 }, { code: 'second', places: 1 }], organizerUnitId: world.province.id });
    expect(c.statusCode, c.body).toBe(201);
    contestId = c.json().id;
    const again = await admin.post('/api/contests', { year, title: 'Lần hai', awards: [], organizerUnitId: world.province.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].code).toBe('contest_year_taken');
    expect((await officerA.post('/api/contests', { year: year + 1, title: 'x', awards: [], organizerUnitId: world.province.id })).statusCode).toBe(403); // reads the contest, may not organize

    const r1 = await admin.post(`/api/contests/${contestId}/rounds`, commune);
    expect(r1.statusCode, r1.body).toBe(201);
    communeRound = r1.json().id;
    provinceRound = (await admin.post(`/api/contests/${contestId}/rounds`, province)).json().id;
    const bad = await admin.post(`/api/contests/${contestId}/rounds`, { ...commune, closesAt: iso(-2 * hour) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].code).toBe('closes_before_opens');

    // Everyone under the province reads it; only the board organizes.
    const seen = await secretary.get(`/api/contests/${contestId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().rounds.map((r: { title: string }) => r.title)).toEqual([commune.title, province.title]);
    expect(seen.json().actions).toEqual([]);
    expect((await admin.get(`/api/contests/${contestId}`)).json().actions).toContain('contest.organize');
  });
});

describe('the question bank', () => {
  it('adds questions and refuses one whose correct answer is not among its options', async () => {
    for (let i = 0; i < 4; i++) expect((await admin.post('/api/contest-questions', question('resolutions', 'easy', i))).statusCode).toBe(201);
    const nul = await admin.post('/api/contest-questions', { ...question('charter', 'easy', 8), text: 'Câu\u0000hỏi' });
    expect(nul.statusCode).toBe(400);
    const out = await admin.post('/api/contest-questions', { ...question('charter', 'medium', 9), correct: [4] });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.fields[0].code).toBe('question_correct_out_of_range');
    expect((await officerA.post('/api/contest-questions', question('charter', 'medium', 1))).statusCode).toBe(403);
  });

  it('imports a workbook all or nothing: a row with no correct answer refuses the file, naming the row', async () => {
    const before = await count('contest_questions');
    const bad = await workbook([
      ['Điều lệ', 'Trung bình', 'Chi bộ họp thường kỳ mấy lần một tháng?', 'Một lần', 'Hai lần', null, null, null, null, 'A'],
      ['Điều lệ', 'Trung bình', 'Đảng viên dự bị có quyền biểu quyết không?', 'Có', 'Không', null, null, null, null, ''],
    ]);
    const res = await upload(admin, bad);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.fields).toEqual([{ path: 'rows.3.correct', code: 'question_no_correct', message: expect.any(String) }]);
    expect(await count('contest_questions')).toBe(before);

    const good = await workbook([
      ['Điều lệ', 'Trung bình', 'Chi bộ họp thường kỳ mấy lần một tháng?', 'Một lần', 'Hai lần', null, null, null, null, 'A'],
      ['charter', 'medium', 'Chi bộ có từ bao nhiêu đảng viên chính thức thì bầu chi ủy?', '5', '9', '12', null, null, null, 'B'],
      ['Xử lý tình huống', 'Khó', 'Người dân phản ánh trưởng thôn thu tiền trái quy định: bí thư làm gì trước?', 'Bỏ qua', 'Nắm tình hình, báo cáo đảng ủy', null, null, null, null, 'B'],
    ]);
    const ok = await upload(admin, good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().imported).toBe(3);
    const bank = await admin.get('/api/contest-questions?category=charter');
    expect(bank.json().total).toBe(2);
    expect(bank.json().pools).toContainEqual({ category: 'resolutions', difficulty: 'easy', count: 4 });

    const notExcel = path.join(path.dirname(good), 'gia.xlsx');
    await fs.writeFile(notExcel, 'not a zip');
    const refused = await upload(admin, notExcel);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields[0].code).toBe('not_xlsx');
  });
});

describe('registration', () => {
  it('a commune registers its cell secretaries, no one else', async () => {
    const eligible = await officerA.get(`/api/contest-units/${world.communeA.id}/secretaries`);
    expect(eligible.statusCode).toBe(200);
    expect(eligible.json().items.map((x: { name: string }) => x.name).sort()).toEqual(['Hoàng Văn Bình', 'Ma Văn Đức']);
    expect((await officerB.get(`/api/contest-units/${world.communeA.id}/secretaries`)).statusCode).toBe(404);

    const notSecretary = await officerA.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.memberA1.id });
    expect(notSecretary.statusCode).toBe(400);
    expect(notSecretary.json().error.fields[0].code).toBe('not_a_secretary');
    expect((await officerB.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.secretaryA1.id })).statusCode).toBe(404);

    const ok = await officerA.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.secretaryA1.id });
    expect(ok.statusCode, ok.body).toBe(201);
    candidateA1 = ok.json().id;
    const twice = await officerA.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.secretaryA1.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0].code).toBe('already_registered');

    // The same registration twenty times at once: one candidate, the rest told so.
    const burst = await Promise.all(Array.from({ length: 20 }, () => officerA.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.secretaryA2.id })));
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.statusCode === 409).every((r) => r.json().error.fields[0].code === 'already_registered')).toBe(true);
    await db().execute(sql`DELETE FROM contest_candidates WHERE person_id = ${world.people.secretaryA2.id}`);

    // Commune B registers its own secretary; its officer sees none of commune A's candidates.
    expect((await officerB.post(`/api/contest-rounds/${communeRound}/candidates`, { personId: world.people.secretaryB1.id })).statusCode).toBe(201);
    expect((await officerB.get(`/api/contest-rounds/${communeRound}/candidates`)).json().candidates.map((c: { personId: string }) => c.personId)).toEqual([world.people.secretaryB1.id]);

    // The province round takes only the commune round's winners, known once that round has closed.
    const early = await admin.post(`/api/contest-rounds/${provinceRound}/candidates`, { personId: world.people.secretaryA1.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'personId', code: 'commune_round_open' });
    expect(await q(sql`SELECT 1 FROM contest_candidates WHERE round_id = ${provinceRound}`)).toEqual([]);
    expect((await officerA.get(`/api/contest-rounds/${communeRound}/candidates`)).json().candidates).toHaveLength(1);
    expect((await secretary.get(`/api/contests/${contestId}`)).json().rounds[0].myCandidateId).toBe(candidateA1);
  });
});

describe('the knowledge test', () => {
  it('twenty starts at once make one attempt; the draw is stored and replays', async () => {
    const starts = await Promise.all(Array.from({ length: 20 }, () => secretary.post(`/api/contest-candidates/${candidateA1}/attempt`, {})));
    expect(starts.filter((s) => s.statusCode === 201)).toHaveLength(1);
    expect(starts.filter((s) => s.statusCode === 409).every((s) => s.json().error.fields[0].code === 'attempt_taken')).toBe(true);
    expect(starts.filter((s) => s.statusCode === 409)).toHaveLength(19);
    expect(await count('contest_attempts')).toBe(1);
    const attempt = starts.find((s) => s.statusCode === 201)!.json();
    attemptId = attempt.id;
    expect(attempt.questions).toHaveLength(3);
    expect(attempt.questions.map((x: { category: string }) => x.category)).toEqual(['resolutions', 'resolutions', 'charter']);
    expect(JSON.stringify(attempt)).not.toContain('"correct"');

    const draw = await admin.get(`/api/contest-attempts/${attemptId}/draw`);
    expect(draw.statusCode).toBe(200);
    expect(draw.json().same).toBe(true);
    expect(draw.json().drawn).toEqual(attempt.questions.map((x: { id: string }) => x.id));
    expect((await officerA.get(`/api/contest-attempts/${attemptId}/draw`)).statusCode).toBe(404);
  });

  it('saves every answer on its own, idempotently; another person cannot answer', async () => {
    const attempt = (await secretary.get(`/api/contest-candidates/${candidateA1}/attempt`)).json();
    const [q1, q2] = attempt.questions;
    const put = (c: Client, qid: string, chosen: number[]) => c.request('PUT', `/api/contest-attempts/${attemptId}/answers/${qid}`, { chosen });
    const audits = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contest.test.answer'`))[0]!.n;
    expect((await put(secretary, q1.id, [0])).statusCode).toBe(200);
    expect((await put(secretary, q1.id, [0])).statusCode).toBe(200);
    expect(await audits()).toBe(1);
    expect((await put(secretary, q2.id, [1])).statusCode).toBe(200);
    expect((await put(secretary, q2.id, [7 - 7 + 2])).statusCode).toBe(200);
    expect(await audits()).toBe(3);
    expect((await put(member, q1.id, [1])).statusCode).toBe(404);
    const outOfRange = await put(secretary, q1.id, [5]);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.fields[0].code).toBe('option_out_of_range');
    const reloaded = (await secretary.get(`/api/contest-candidates/${candidateA1}/attempt`)).json();
    expect(reloaded.answers).toHaveLength(2);
    expect(reloaded.answers.find((a: { questionId: string }) => a.questionId === q2.id).chosen).toEqual([2]);

    // The review waits for the round's close.
    const early = await secretary.get(`/api/contest-attempts/${attemptId}/review`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0].code).toBe('round_not_closed');
  });

  it('refuses an answer after the time limit and keeps what was saved', async () => {
    await db().execute(sql`UPDATE contest_attempts SET deadline = now() - interval '1 second' WHERE id = ${attemptId}`);
    const attempt = (await secretary.get(`/api/contest-candidates/${candidateA1}/attempt`)).json();
    expect(attempt.finished).toBe(true);
    const late = await secretary.request('PUT', `/api/contest-attempts/${attemptId}/answers/${attempt.questions[2].id}`, { chosen: [0] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.fields[0].code).toBe('attempt_time_over');
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM contest_answers WHERE attempt_id = ${attemptId}`))[0]!.n).toBe(2);
    // A second start is still refused.
    expect((await secretary.post(`/api/contest-candidates/${candidateA1}/attempt`, {})).statusCode).toBe(409);
  });

  it('after the round closes, the candidate reviews the test scored automatically', async () => {
    await db().execute(sql`UPDATE contest_rounds SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 days' WHERE id = ${communeRound}`);
    const review = await secretary.get(`/api/contest-attempts/${attemptId}/review`);
    expect(review.statusCode, review.body).toBe(200);
    const body = review.json();
    const right = body.questions.filter((x: { right: boolean }) => x.right).length;
    expect(body.score).toBe(Math.round((10000 * right) / 3) / 100);
    expect(body.questions[0].chosen).toEqual([0]);
    expect(body.questions[0].correct).toEqual([0]);
  });
});

describe('the appeal page for a judge', () => {
  it("a judge of the attempt's round opens it once the round has closed; a judge of another round or of the candidate's own commune gets 404", async () => {
    const review = (c: Client) => c.get(`/api/contest-attempts/${attemptId}/review`);
    const draw = (c: Client) => c.get(`/api/contest-attempts/${attemptId}/draw`);
    const judges = async (round: string, usernames: string[]) => expect((await admin.request('PUT', `/api/contest-rounds/${round}/judges`, { usernames })).statusCode).toBe(200);
    // Nobody judges the commune round yet; officer.b sits on the province round's panel only: another round.
    await judges(provinceRound, ['officer.b']);
    expect((await review(officerB)).statusCode).toBe(404);
    expect((await draw(officerB)).statusCode).toBe(404);
    // On the commune round's panel: officer.b (commune B) opens commune A's attempt; officer.a (its own commune) does not.
    await judges(communeRound, ['officer.a', 'officer.b']);
    const r = await review(officerB);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().questions.map((x: { id: string }) => x.id)).toEqual((await review(admin)).json().questions.map((x: { id: string }) => x.id));
    const d = await draw(officerB);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().same).toBe(true);
    // The judge's sheet links the attempt; officer.a's (own commune) does not.
    const linkOf = async (c: Client) => (await c.get(`/api/contest-rounds/${communeRound}/sheet`)).json().candidates.find((x: { id: string }) => x.id === candidateA1).appealAttemptId;
    expect(await linkOf(officerB)).toBe(attemptId);
    expect(await linkOf(officerA)).toBeNull();
    expect((await review(officerA)).statusCode).toBe(404);
    expect((await draw(officerA)).statusCode).toBe(404);
    // The candidate reviews their test but the appeal's replay is the judges' and organizers'.
    expect((await review(secretary)).statusCode).toBe(200);
    expect((await draw(secretary)).statusCode).toBe(404);
    // While the round is open a judge waits, like the candidate (the organizers do not).
    await db().execute(sql`UPDATE contest_rounds SET closes_at = now() + interval '1 day' WHERE id = ${communeRound}`);
    expect((await review(officerB)).json().error.fields[0].code).toBe('round_not_closed');
    expect((await draw(officerB)).json().error.fields[0].code).toBe('round_not_closed');
    expect((await draw(admin)).statusCode).toBe(200);
    await db().execute(sql`UPDATE contest_rounds SET closes_at = now() - interval '1 second' WHERE id = ${communeRound}`);
    await judges(communeRound, []);
    expect((await review(officerB)).statusCode).toBe(404);
  });
});

describe('the judges', () => {
  let candidateB1: string;
  it('the organizer assigns judges; a judge may not score a candidate of their own commune', async () => {
    // Commune A's round sends on A1 (the only one tested, rank 1 of 1 place); A2 is a secretary but no winner.
    const loser = await admin.post(`/api/contest-rounds/${provinceRound}/candidates`, { personId: world.people.secretaryA2.id });
    expect(loser.statusCode).toBe(409);
    expect(loser.json().error.fields[0]).toMatchObject({ path: 'personId', code: 'not_advancing' });
    // The winner registered twenty times at once: one candidate, the rest told so.
    const burst = await Promise.all(Array.from({ length: 20 }, () => admin.post(`/api/contest-rounds/${provinceRound}/candidates`, { personId: world.people.secretaryA1.id })));
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.statusCode === 409).map((r) => r.json().error.fields[0].code)).toEqual(Array(19).fill('already_registered'));
    candidateA1 = burst.find((r) => r.statusCode === 201)!.json().id;
    const b1 = await admin.post(`/api/contest-rounds/${provinceRound}/candidates`, { personId: world.people.secretaryB1.id });
    expect(b1.statusCode, b1.body).toBe(201);
    candidateB1 = b1.json().id;
    expect((await q<{ person_id: string }>(sql`SELECT person_id FROM contest_candidates WHERE round_id = ${provinceRound} ORDER BY person_id`)).map((r) => r.person_id)).toEqual(
      [world.people.secretaryA1.id, world.people.secretaryB1.id].sort(),
    );
    const set = await admin.request('PUT', `/api/contest-rounds/${provinceRound}/judges`, { usernames: ['admin', 'inspector', 'officer.a', 'officer.b'] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await officerA.request('PUT', `/api/contest-rounds/${provinceRound}/judges`, { usernames: ['officer.a'] })).statusCode).toBe(403);
    const unknown = await admin.request('PUT', `/api/contest-rounds/${provinceRound}/judges`, { usernames: ['nobody'] });
    expect(unknown.statusCode).toBe(400);

    const sheet = (await officerA.get(`/api/contest-rounds/${provinceRound}/sheet`)).json();
    expect(sheet.candidates.find((c: { id: string }) => c.id === candidateA1)).toMatchObject({ canScore: false, ownCommune: true });
    const own = await officerA.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 50, delivery: 30 } });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.fields[0].code).toBe('own_commune');
    // Not on the panel: no sheet, as if the round had none.
    expect((await secretary.get(`/api/contest-rounds/${provinceRound}/sheet`)).statusCode).toBe(404);
  });

  it('each judge scores alone, once, within the criteria', async () => {
    const over = await admin.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 70, delivery: 30 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields[0]).toMatchObject({ path: 'points.content', code: 'criteria_over_max' });
    const missing = await admin.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 50 } });
    expect(missing.json().error.fields[0].code).toBe('criteria_missing');

    expect((await admin.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 50, delivery: 30 } })).statusCode).toBe(201); // 80
    // The next judge's sheet shows nobody else's score.
    const sheet = await inspector.get(`/api/contest-rounds/${provinceRound}/sheet`);
    expect(sheet.body).not.toContain('"total":80');
    expect(sheet.json().candidates.every((c: { myScore: unknown }) => c.myScore === null)).toBe(true);
    const twice = await Promise.all([1, 2, 3].map(() => inspector.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 40, delivery: 30 } }))); // 70
    expect(twice.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(twice.filter((r) => r.statusCode === 409).every((r) => r.json().error.fields[0].code === 'already_scored')).toBe(true);
    expect((await officerB.post(`/api/contest-candidates/${candidateA1}/scores`, { points: { content: 60, delivery: 30 } })).statusCode).toBe(201); // 90
    for (const [judge, p] of [[admin, { content: 40, delivery: 20 }], [inspector, { content: 45, delivery: 20 }], [officerA, { content: 50, delivery: 25 }]] as const)
      expect((await judge.post(`/api/contest-candidates/${candidateB1}/scores`, { points: p })).statusCode).toBe(201); // 60, 65, 75
    expect(await count('contest_scores')).toBe(6);
  });

  it('the ranking drops the highest and lowest; deviations go to the organizers', async () => {
    const ranking = await admin.get(`/api/contest-rounds/${provinceRound}/ranking`);
    expect(ranking.statusCode, ranking.body).toBe(200);
    const [first, second] = ranking.json().entries;
    expect(first).toMatchObject({ id: candidateA1, presentation: 80, dropped: [70, 90], rank: 1, award: 'first' });
    expect(second).toMatchObject({ id: candidateB1, presentation: 65, dropped: [60, 75], rank: 2, award: 'second' });
    expect((await officerA.get(`/api/contest-rounds/${provinceRound}/ranking`)).statusCode).toBe(403);

    const dev = (await admin.get(`/api/contest-rounds/${provinceRound}/deviations`)).json().judges;
    const byName = Object.fromEntries(dev.map((d: { name: string }) => [d.name, d]));
    expect(byName['officer.b']).toMatchObject({ scored: 1, meanDeviation: 15 }); // 90 against (80+70)/2
    expect(byName['admin']).toMatchObject({ scored: 2 });
    expect((await officerA.get(`/api/contest-rounds/${provinceRound}/deviations`)).statusCode).toBe(403);
  });
});

describe('results', () => {
  it('are published once every round has closed: public page, certificate, export', async () => {
    expect((await admin.post(`/api/contests/${contestId}/publish`, {})).statusCode).toBe(409);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/contests/${year}/results` })).statusCode).toBe(404);
    await db().execute(sql`UPDATE contest_rounds SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 days' WHERE id = ${provinceRound}`);
    const pub = await admin.post(`/api/contests/${contestId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const page = await ctx.app.inject({ method: 'GET', url: `/api/public/contests/${year}/results` });
    expect(page.statusCode).toBe(200);
    const final = page.json().rounds[1];
    expect(final.entries[0]).toMatchObject({ rank: 1, name: 'Hoàng Văn Bình', award: 'first', total: 80 });

    const mine = (await secretary.get(`/api/contests/${contestId}`)).json().rounds;
    expect(mine.map((r: { myAward: string | null }) => r.myAward)).toEqual([null, 'first']);
    const cert = await secretary.get(`/api/contest-candidates/${candidateA1}/certificate.pdf`);
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toContain('application/pdf');
    expect(cert.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await officerB.get(`/api/contest-candidates/${candidateA1}/certificate.pdf`)).statusCode).toBe(404);
    // Its QR's address: checked without an account; a forged signature or a record changed since does not pass.
    const text = (await extractText(cert.rawPayload)).replace(/\s+/g, '');
    const m = /\/xac-minh\/giay-khen\/([0-9a-f-]{36})\?s=([A-Za-z0-9_-]{40,})/.exec(text);
    expect(m, text).not.toBeNull();
    expect(m![1]).toBe(candidateA1);
    const check = (q: string) => ctx.app.inject({ method: 'GET', url: `/api/public/contest-certificates/${m![1]}${q}` });
    const ok = await check(`?s=${m![2]}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ signature: 'valid', personName: 'Hoàng Văn Bình', award: 'first', rank: 1, year });
    // one character in the middle changed (the last ones may carry only padding bits, and may already read "AA")
    const sig = m![2]!;
    const forged = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    expect((await check(`?s=${forged}`)).json().signature).toBe('invalid');
    expect((await check('')).json().signature).toBe('absent');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/contest-certificates/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    await db().execute(sql`UPDATE contest_candidates SET total = total + 1 WHERE id = ${candidateA1}`);
    expect((await check(`?s=${m![2]}`)).json().signature).toBe('invalid');
    await db().execute(sql`UPDATE contest_candidates SET total = total - 1 WHERE id = ${candidateA1}`);

    const xlsx = await admin.get(`/api/contests/${contestId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the dashboard figures equal their raw count at the province, the communes and a cell', async () => {
    const today = todayIso();
    const pathOf = async (id: string) => (await q<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${id} AND valid_to IS NULL`))[0]!.path;
    const expected: Record<string, Record<string, number>> = {
      [world.province.id]: { 'contest.candidates': 2, 'contest.tested': 1, 'contest.awarded': 2 },
      [world.communeA.id]: { 'contest.candidates': 1, 'contest.tested': 1, 'contest.awarded': 1 },
      [world.communeB.id]: { 'contest.candidates': 1, 'contest.tested': 0, 'contest.awarded': 1 },
      [world.cellA2.id]: { 'contest.candidates': 0, 'contest.tested': 0, 'contest.awarded': 0 },
    };
    for (const [unitId, want] of Object.entries(expected)) {
      const at = { unitId, path: await pathOf(unitId), date: today };
      for (const f of contestFigures) {
        const [c, r] = [await f.compute(db(), at), await f.raw(db(), at)];
        expect({ key: f.key, c }).toEqual({ key: f.key, c: r });
        expect({ key: f.key, c }).toEqual({ key: f.key, c: want[f.key] });
      }
    }
    const dash = await admin.get(`/api/dashboard?unitId=${world.province.id}`);
    expect(dash.statusCode).toBe(200);
    expect(dash.json().moduleFigures).toContainEqual(expect.objectContaining({ key: 'contest.awarded', value: 2 }));
  });
});
