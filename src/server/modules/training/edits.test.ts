// Editing and cancelling a course: a raised capacity seats the first waiting in order (audited, told in their inbox);
// a capacity below the seats taken, a completed course, session dates left outside are refused and nothing changes;
// a cancelled course tells its trainees and takes no more enrolments; twenty capacity edits and withdrawals at once
// never seat more than the capacity, and never leave a free seat while someone waits.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let officerA: Client;
let officerB: Client;
let member: Client;
const today = todayIso();
const rows = async <T extends Record<string, unknown>>(q: string) => (await ctx.database.db.execute<T>(sql.raw(q))).rows;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [officerA, officerB, member] = await Promise.all(['officer.a', 'officer.b', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

async function create(over: Record<string, unknown> = {}) {
  const r = await officerA.post('/api/training/courses', {
    title: 'Bồi dưỡng nghiệp vụ công tác đảng',
    kindCode: 'party_work',
    organizerUnitId: world.communeA.id,
    targetGroup: 'secretaries',
    startsOn: addDays(today, 5),
    endsOn: addDays(today, 7),
    place: 'Hội trường Đảng ủy xã',
    capacity: 1,
    waitlistCapacity: 5,
    sessions: [{ heldOn: addDays(today, 6), hours: 4, topic: 'Điều lệ Đảng' }],
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const detail = async (id: string) => (await officerA.get(`/api/training/courses/${id}`)).json();
const inboxTopics = async (c: Client) => (await c.get('/api/inbox')).json().items.map((i: { topic: string; params: Record<string, unknown> }) => `${i.topic}:${i.params.course}`);

describe('editing a course', () => {
  it('a raised capacity seats the first waiting in their order, audited, and tells them', async () => {
    const id = await create({ title: 'Lớp nâng sức chứa' });
    const x = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Người Chờ Sau' });
    const r = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA1.id, world.people.memberA1.id, x.id] });
    expect(r.json()).toEqual({ enrolled: 1, waiting: 2 });
    // Lowering below the seats taken: refused, nothing changed.
    const low = await officerA.patch(`/api/training/courses/${id}`, { capacity: 1, waitlistCapacity: 1 });
    expect(low.statusCode).toBe(409);
    expect(low.json().error.fields[0]).toMatchObject({ path: 'waitlistCapacity', code: 'waitlist_below_waiting' });
    const up = await officerA.patch(`/api/training/courses/${id}`, { capacity: 2, place: 'Nhà văn hóa thôn' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toEqual({ seated: 1 });
    const d = await detail(id);
    expect(d.course).toMatchObject({ capacity: 2, enrolled: 2, waiting: 1, place: 'Nhà văn hóa thôn' });
    // The first waiting (member A1, listed before X) is seated; X still waits.
    const status = Object.fromEntries(d.enrolments.map((e: { personId: string; status: string }) => [e.personId, e.status]));
    expect(status).toEqual({ [world.people.secretaryA1.id]: 'enrolled', [world.people.memberA1.id]: 'enrolled', [x.id]: 'waiting' });
    expect(await inboxTopics(member)).toContain('training.seated:Lớp nâng sức chứa');
    const [audit] = await rows<{ after: { seated: string[]; capacity: number } }>(`SELECT after FROM audit_events WHERE action = 'course.edit' AND entity_id = '${id}'`);
    expect(audit!.after).toMatchObject({ capacity: 2, seated: [world.people.memberA1.id] });
    // Now below the seats taken: refused with the number, nothing changed.
    const below = await officerA.patch(`/api/training/courses/${id}`, { capacity: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.fields[0]).toMatchObject({ path: 'capacity', code: 'capacity_below_seated' });
    expect((await detail(id)).course).toMatchObject({ capacity: 2, enrolled: 2 });
  });

  it('refuses dates that leave a session outside, bad input, an empty change, and another branch', async () => {
    const id = await create();
    const r1 = await officerA.patch(`/api/training/courses/${id}`, { endsOn: addDays(today, 5) });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields[0]).toMatchObject({ path: 'endsOn', code: 'sessions_outside_dates' });
    const r2 = await officerA.patch(`/api/training/courses/${id}`, { startsOn: '2026-02-30', capacity: 0 });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['capacity', 'startsOn']);
    const r3 = await officerA.patch(`/api/training/courses/${id}`, { title: 'Lớp\u0000' });
    expect(r3.json().error.fields[0].path).toBe('title');
    expect((await officerA.patch(`/api/training/courses/${id}`, {})).statusCode).toBe(400);
    expect((await officerB.patch(`/api/training/courses/${id}`, { capacity: 9 })).statusCode).toBe(404);
    expect((await member.patch(`/api/training/courses/${id}`, { capacity: 9 })).statusCode).toBe(403);
    expect((await detail(id)).course).toMatchObject({ capacity: 1, endsOn: addDays(today, 7) });
  });

  it('a completed course cannot be edited or cancelled', async () => {
    const id = await create({ startsOn: addDays(today, -1), endsOn: today, sessions: [] });
    expect((await officerA.post(`/api/training/courses/${id}/complete`, {})).statusCode).toBe(200);
    const r = await officerA.patch(`/api/training/courses/${id}`, { title: 'Đổi tên' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields[0].code).toBe('course_closed');
    expect((await officerA.post(`/api/training/courses/${id}/cancel`, { reason: 'Hoãn lớp' })).statusCode).toBe(409);
  });
});

describe('cancelling a course', () => {
  it('cancels, tells the seated and the waiting, leaves the figures, and takes no more changes', async () => {
    const id = await create({ title: 'Lớp bị hủy', startsOn: addDays(today, 400), endsOn: addDays(today, 401), sessions: [] });
    await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA1.id, world.people.memberA1.id] });
    const year = Number(addDays(today, 400).slice(0, 4));
    const courses = async () => (await rows<{ n: number }>(`SELECT coalesce(sum(courses), 0)::int AS n FROM training_unit_year WHERE unit_id = '${world.communeA.id}' AND year = ${year}`))[0]!.n;
    const before = await courses();
    expect((await officerB.post(`/api/training/courses/${id}/cancel`, { reason: 'Hoãn lớp' })).statusCode).toBe(404);
    expect((await officerA.post(`/api/training/courses/${id}/cancel`, { reason: 'x' })).statusCode).toBe(400);
    const r = await officerA.post(`/api/training/courses/${id}/cancel`, { reason: 'Trùng lịch đại hội' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await detail(id)).course.status).toBe('cancelled');
    expect(await courses()).toBe(before - 1);
    // Member A1 waited (one seat): told all the same.
    expect(await inboxTopics(member)).toContain('training.cancelled:Lớp bị hủy');
    const [audit] = await rows<{ after: { reason: string } }>(`SELECT after FROM audit_events WHERE action = 'course.cancel' AND entity_id = '${id}'`);
    expect(audit!.after.reason).toBe('Trùng lịch đại hội');
    const again = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA2.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].code).toBe('course_closed');
    expect((await officerA.patch(`/api/training/courses/${id}`, { capacity: 5 })).statusCode).toBe(409);
  });
});

describe('races', () => {
  it('twenty capacity edits and withdrawals at once: never over-seated, no free seat while someone waits', async () => {
    const id = await create({ capacity: 3, waitlistCapacity: 20, sessions: [], startsOn: addDays(today, 30), endsOn: addDays(today, 31) });
    const people = await Promise.all(Array.from({ length: 14 }, (_, i) => addPerson(ctx.database.db, world.cellA2.id, { fullName: `Học Viên Đua ${'ABCDEFGHIJKLMN'[i]}` })));
    const r = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: people.map((p) => p.id) });
    expect(r.json()).toEqual({ enrolled: 3, waiting: 11 });
    const enrolments = (await detail(id)).enrolments as { id: string }[];
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? officerA.patch(`/api/training/courses/${id}`, { capacity: [2, 6, 4, 8, 3, 5, 7, 9, 1, 6][i / 2]! })
        : officerA.post(`/api/training/enrolments/${enrolments[(i - 1) / 2]!.id}/withdraw`, {}),
    );
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.statusCode).filter((s) => s >= 500)).toEqual([]);
    expect(answers.every((a) => a.statusCode === 200 || a.json().error.fields[0].code === 'capacity_below_seated')).toBe(true);
    const [c] = await rows<{ capacity: number; enrolled: number; waiting: number }>(`SELECT capacity, enrolled, waiting FROM training_courses WHERE id = '${id}'`);
    const [counted] = await rows<{ enrolled: number; waiting: number }>(
      `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled, count(*) FILTER (WHERE status = 'waiting')::int AS waiting FROM training_enrolments WHERE course_id = '${id}'`,
    );
    expect(counted).toEqual({ enrolled: c!.enrolled, waiting: c!.waiting });
    expect(c!.enrolled).toBeLessThanOrEqual(c!.capacity);
    if (c!.waiting > 0) expect(c!.enrolled).toBe(c!.capacity);
    expect(c!.enrolled + c!.waiting).toBe(14 - 10);
  });
});
