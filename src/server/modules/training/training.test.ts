// Training end to end on the test world: an officer of commune A creates a course, enrols the suggested
// secretaries (and the waiting list takes the overflow), records attendance, completes it; the passed elementary
// theory course raises the trainee's theory level with the certificate as evidence; the certificate verifies on
// the public route (signature checked), and says so when revoked. Bad input is refused with its field and code,
// and nothing is saved; twenty enrolments racing for the last seat take it once.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/supervision.js';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { addPosition } from '../people/service.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let member: Client;
const today = todayIso();
const count = async (q: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(q))).rows[0]!.n;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

const course = (over: Record<string, unknown> = {}) => ({
  title: 'Sơ cấp lý luận chính trị cho bí thư chi bộ',
  kindCode: 'theory_elementary',
  organizerUnitId: world.communeA.id,
  targetGroup: 'secretaries',
  startsOn: addDays(today, -2),
  endsOn: today,
  place: 'Hội trường Đảng ủy xã',
  capacity: 2,
  waitlistCapacity: 1,
  sessions: [
    { heldOn: addDays(today, -2), hours: 4, topic: 'Điều lệ Đảng' },
    { heldOn: addDays(today, -1), hours: 4, topic: 'Công tác xây dựng Đảng' },
  ],
  ...over,
});

async function create(over: Record<string, unknown> = {}, by = officerA) {
  const r = await by.post('/api/training/courses', course(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

describe("a course from creation to certificate", () => {
  let id = '';
  it('creates a course of the commune with its sessions; officer B cannot see it', async () => {
    id = await create();
    const got = await officerA.get(`/api/training/courses/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().course).toMatchObject({ capacity: 2, minAttendancePct: 80, minScore: 5, hours: 8, sessions: 2, organizer: 'Đảng ủy xã Minh Quang' });
    expect(got.json().actions).toEqual(['course.manage', 'course.enrol']);
    expect((await officerB.get(`/api/training/courses/${id}`)).statusCode).toBe(404);
    expect((await officerB.get('/api/training/courses')).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    // A member of a cell of the commune reads it, but may not manage it.
    expect((await member.get(`/api/training/courses/${id}`)).json().actions).toEqual([]);
  });

  it('suggests the secretaries without elementary theory and those newly elected, only of the branch', async () => {
    const r = await officerA.get(`/api/training/courses/${id}/suggestions`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { personId: string; rules: string[] }[];
    // A1's and A2's secretaries have theory (elementary, intermediate) and were elected in 2020; both untrained for 3 years.
    expect(items.map((i) => i.personId).sort()).toEqual([world.people.secretaryA1.id, world.people.secretaryA2.id].sort());
    expect(items.every((i) => i.rules.includes('s_untrained_3y'))).toBe(true);
    expect(items.some((i) => i.personId === world.people.secretaryB1.id)).toBe(false);
  });

  it('enrols a whole list: seats first, then the waiting list; beyond it nothing is saved', async () => {
    const extra = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Lường Văn Tám', theoryLevel: 'none' });
    const more = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Hà Thị Chín' });
    const list = [world.people.secretaryA1.id, world.people.memberA1.id, extra.id, more.id];
    const tooMany = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: list });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.fields[0]).toMatchObject({ path: 'personIds', code: 'course_full' });
    expect(await count(`SELECT count(*)::int AS n FROM training_enrolments WHERE course_id = '${id}'`)).toBe(0);

    const r = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: list.slice(0, 3) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ enrolled: 2, waiting: 1 });
    const again = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA1.id] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ path: 'personIds.0', code: 'already_enrolled' });
    // Someone of commune B cannot be enrolled by A's officer: not found in the branch.
    const foreign = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.memberB1.id] });
    expect(foreign.json().error.fields[0]).toMatchObject({ path: 'personIds.0', code: 'trainee_not_found' });
  });

  it('a withdrawal hands the seat to the first on the waiting list', async () => {
    const detail = (await officerA.get(`/api/training/courses/${id}`)).json();
    const waiting = detail.enrolments.find((e: { status: string }) => e.status === 'waiting');
    const member = detail.enrolments.find((e: { personId: string }) => e.personId === world.people.memberA1.id);
    const w = await officerA.post(`/api/training/enrolments/${member.id}/withdraw`, {});
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().promoted).toBe(waiting.personId);
    const after = (await officerA.get(`/api/training/courses/${id}`)).json();
    expect(after.course).toMatchObject({ enrolled: 2, waiting: 0 });
  });

  it('records attendance; someone not enrolled is refused with the row named, nothing saved', async () => {
    const detail = (await officerA.get(`/api/training/courses/${id}`)).json();
    const [s1, s2] = detail.sessions;
    const seated = detail.enrolments.filter((e: { status: string }) => e.status === 'enrolled').map((e: { personId: string }) => e.personId) as string[];
    const bad = await officerA.request('PUT', `/api/training/sessions/${s1.id}/attendance`, { entries: [{ personId: seated[0], present: true }, { personId: world.people.memberA1.id, present: true }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'entries.1.personId', code: 'not_enrolled' })]);
    expect(await count(`SELECT count(*)::int AS n FROM training_attendance`)).toBe(0);

    for (const s of [s1, s2]) {
      const ok = await officerA.request('PUT', `/api/training/sessions/${s.id}/attendance`, { entries: seated.map((p) => ({ personId: p, present: p === world.people.secretaryA1.id || s === s1 })) });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    // The final test: A1's secretary 8, the other 9 (but at 50% attendance).
    for (const e of detail.enrolments.filter((x: { status: string }) => x.status === 'enrolled')) {
      const r = await officerA.request('PUT', `/api/training/enrolments/${e.id}/score`, { score: e.personId === world.people.secretaryA1.id ? 8 : 9 });
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it('completes: a pass by the rules gets a certificate; the theory level is raised with it as evidence', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM training_cell_year WHERE trainees > 0`);
    const extraId = (await officerA.get(`/api/training/courses/${id}`)).json().enrolments.find((e: { name: string }) => e.name === 'Lường Văn Tám').personId;
    const r = await officerA.post(`/api/training/courses/${id}/complete`, {});
    expect(r.statusCode, r.body).toBe(200);
    // A1's secretary: 100% and 8 → passed (already elementary: no change); the other: 50% < 80% → failed.
    expect(r.json()).toEqual({ trainees: 2, passed: 1, theoryRaised: 0 });
    expect(before).toBe(0);
    expect(await count(`SELECT sum(trainees)::int AS n FROM training_cell_year`)).toBe(1);
    const detail = (await officerA.get(`/api/training/courses/${id}`)).json();
    const passed = detail.enrolments.find((e: { result: string }) => e.result === 'passed');
    expect(passed.personId).toBe(world.people.secretaryA1.id);
    expect(passed.certificate).toMatch(/^BD\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(detail.enrolments.find((e: { personId: string }) => e.personId === extraId).result).toBe('failed');
    // Closed: no more enrolment.
    const late = await officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA2.id] });
    expect(late.json().error.fields[0].code).toBe('course_closed');

    const pdf = await officerA.get(`/api/training/enrolments/${passed.id}/certificate`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The public page: no account.
    const [cert] = (await ctx.database.db.execute<{ code: string; signature: string }>(sql`SELECT code, signature FROM training_certificates`)).rows;
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/public/training/certificates/${cert!.code}?s=${cert!.signature}` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'valid', signature: 'valid', personName: 'Hoàng Văn Bình', hours: 8, attendancePct: 100, score: 8, result: 'passed' });
    // A forged signature (an edited QR) does not pass; a code that does not exist is not found.
    const forged = await ctx.app.inject({ method: 'GET', url: `/api/public/training/certificates/${cert!.code}?s=${cert!.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}` });
    expect(forged.json().signature).toBe('invalid');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/training/certificates/BD2025-AAAAA-AAAAA' })).statusCode).toBe(404);
    // A record edited in the database behind the signature's back is reported invalid too.
    await ctx.database.db.execute(sql`UPDATE training_certificates SET hours = 80`);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/training/certificates/${cert!.code}?s=${cert!.signature}` })).json().signature).toBe('invalid');
    await ctx.database.db.execute(sql`UPDATE training_certificates SET hours = 8`);

    const rv = await officerA.post(`/api/training/enrolments/${passed.id}/certificate/revoke`, { reason: 'Cấp nhầm người' });
    expect(rv.statusCode, rv.body).toBe(200);
    const revoked = await ctx.app.inject({ method: 'GET', url: `/api/public/training/certificates/${cert!.code}` });
    expect(revoked.json()).toMatchObject({ code: cert!.code, status: 'revoked', revokedReason: 'Cấp nhầm người', signature: 'absent' });
  });

  it('a passed elementary theory course raises "none" to "elementary", audited with the certificate', async () => {
    const id2 = await create({ capacity: 5, sessions: [{ heldOn: today, hours: 4, topic: 'Lý luận' }] });
    const p = await addPerson(ctx.database.db, world.cellA1.id, { fullName: 'Nông Văn Mười', theoryLevel: 'none' });
    expect((await officerA.post(`/api/training/courses/${id2}/enrolments`, { personIds: [p.id] })).statusCode).toBe(200);
    const d = (await officerA.get(`/api/training/courses/${id2}`)).json();
    await officerA.request('PUT', `/api/training/sessions/${d.sessions[0].id}/attendance`, { entries: [{ personId: p.id, present: true }] });
    await officerA.request('PUT', `/api/training/enrolments/${d.enrolments[0].id}/score`, { score: 6.5 });
    const r = await officerA.post(`/api/training/courses/${id2}/complete`, {});
    expect(r.json()).toEqual({ trainees: 1, passed: 1, theoryRaised: 1 });
    const level = await ctx.database.db.execute<{ theory_level: string }>(sql`SELECT theory_level FROM people WHERE id = ${p.id}`);
    expect(level.rows[0]!.theory_level).toBe('elementary');
    const audit = await ctx.database.db.execute<{ after: { theoryLevel: string; evidence: { certificate: string } } }>(sql`SELECT after FROM audit_events WHERE action = 'person.theory_level' AND entity_id = ${p.id}`);
    expect(audit.rows[0]!.after.theoryLevel).toBe('elementary');
    expect(audit.rows[0]!.after.evidence.certificate).toMatch(/^BD/);
  });
});

describe("a province course read from a commune", () => {
  it("shows a commune officer only their own branch's trainees, and lets them withdraw only those", async () => {
    const id = await create({ organizerUnitId: world.province.id, kindCode: 'party_work', capacity: 10, sessions: [] }, admin);
    const r = await admin.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA2.id, world.people.secretaryB1.id] });
    expect(r.statusCode, r.body).toBe(200);
    const seenByB = (await officerB.get(`/api/training/courses/${id}`)).json();
    expect(seenByB.enrolments.map((e: { personId: string }) => e.personId)).toEqual([world.people.secretaryB1.id]);
    expect(seenByB.actions).toEqual(['course.enrol']);
    const all = (await admin.get(`/api/training/courses/${id}`)).json().enrolments as { id: string; personId: string }[];
    expect(all).toHaveLength(2);
    const ofA = all.find((e) => e.personId === world.people.secretaryA2.id)!;
    expect((await officerB.post(`/api/training/enrolments/${ofA.id}/withdraw`, {})).statusCode).toBe(404);
    // Officer B enrols their own member into the province's course.
    const own = await officerB.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.memberB1.id] });
    expect(own.statusCode, own.body).toBe(200);
  });
});

describe('bad input and races', () => {
  it('refuses impossible dates, NUL bytes, unknown kinds, sessions outside the course: each field named', async () => {
    const before = await count('SELECT count(*)::int AS n FROM training_courses');
    const r1 = await officerA.post('/api/training/courses', course({ startsOn: '2025-02-30' }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields[0].path).toBe('startsOn');
    const r2 = await officerA.post('/api/training/courses', course({ title: 'Lớp\u0000học' }));
    expect(r2.json().error.fields[0]).toMatchObject({ path: 'title' });
    const r3 = await officerA.post('/api/training/courses', course({ kindCode: 'cooking', endsOn: addDays(today, -3) }));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.fields.map((f: { code: string }) => f.code)).toContain('end_before_start');
    const r4 = await officerA.post('/api/training/courses', course({ kindCode: 'cooking' }));
    expect(r4.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual(['kindCode:training_kind_unknown']);
    const r5 = await officerA.post('/api/training/courses', course({ sessions: [{ heldOn: addDays(today, 9), hours: 2, topic: 'x' }] }));
    expect(r5.json().error.fields[0]).toMatchObject({ path: 'sessions.0.heldOn', code: 'session_outside_course' });
    const r6 = await officerA.post('/api/training/courses', course({ organizerUnitId: world.communeB.id }));
    expect(r6.statusCode).toBe(404);
    expect(await count('SELECT count(*)::int AS n FROM training_courses')).toBe(before);
  });

  it('twenty enrolments at once into the last seat: one seat taken, the waiting list holds what it may, the rest refused', async () => {
    const id = await create({ capacity: 1, waitlistCapacity: 5, kindCode: 'party_work', sessions: [] });
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => addPerson(ctx.database.db, world.cellA2.id, { fullName: `Người Học Số ${'ABCDEFGHIJKLMNOPQRST'[i]}` })));
    const answers = await Promise.all(people.map((p) => officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [p.id] })));
    expect(answers.every((a) => a.statusCode < 500)).toBe(true);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(6);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().error.fields[0].code === 'course_full')).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM training_enrolments WHERE course_id = '${id}' AND status = 'enrolled'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM training_enrolments WHERE course_id = '${id}' AND status = 'waiting'`)).toBe(5);
  });

  it('the same list sent twenty times at once is enrolled once', async () => {
    const id = await create({ capacity: 10, kindCode: 'party_work', sessions: [] });
    const answers = await Promise.all(Array.from({ length: 20 }, () => officerA.post(`/api/training/courses/${id}/enrolments`, { personIds: [world.people.secretaryA2.id] })));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 400 || a.statusCode === 409)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM training_enrolments WHERE course_id = '${id}'`)).toBe(1);
  });
});

describe('who has not been trained', () => {
  it('lists the secretaries of the branch with no course passed in N years, and exports them', async () => {
    // A newly elected secretary of A2's cell (a new person), untrained.
    const fresh = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Bàn Văn Mới', theoryLevel: 'none' });
    await addPosition(ctx.database.db, systemActor('t'), fresh.id, { position: 'deputy_secretary', from: addDays(today, -30) });
    const r = await officerA.get(`/api/training/untrained?group=secretaries_deputies&unitId=${world.communeA.id}&years=5`);
    expect(r.statusCode, r.body).toBe(200);
    const ids = r.json().items.map((i: { personId: string }) => i.personId);
    // A1's secretary passed a course today: trained. A2's secretary and the new deputy are not.
    expect(ids).not.toContain(world.people.secretaryA1.id);
    expect(ids).toEqual(expect.arrayContaining([world.people.secretaryA2.id, fresh.id]));
    expect(ids).not.toContain(world.people.secretaryB1.id);
    // Officer B asking for commune A's list: not found.
    expect((await officerB.get(`/api/training/untrained?unitId=${world.communeA.id}`)).statusCode).toBe(404);
    expect((await officerB.get('/api/training/untrained')).json().items.map((i: { personId: string }) => i.personId)).toEqual([world.people.secretaryB1.id]);
    const x = await officerA.get(`/api/training/untrained.xlsx?group=secretaries_deputies&unitId=${world.communeA.id}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('figures', () => {
  it('courses and trainees of a node equal the raw count, at several nodes and dates', async () => {
    const { trainingFigures } = await import('./figures.js');
    const { findUnit } = await import('../org/tree.js');
    for (const unit of [world.province, world.communeA, world.communeB, world.cellA1]) {
      for (const date of [today, '2025-12-31', '2019-06-01']) {
        const u = await findUnit(ctx.database.db, unit.id, date);
        if (!u) continue;
        for (const f of trainingFigures) {
          const at = { unitId: unit.id, path: u.path, date };
          expect(await f.compute(ctx.database.db, at), `${f.key} ${u.name} ${date}`).toBe(await f.raw(ctx.database.db, at));
        }
      }
    }
    const a = (await findUnit(ctx.database.db, world.communeA.id, today))!;
    const courses = await trainingFigures[0]!.compute(ctx.database.db, { unitId: a.id, path: a.path, date: today });
    expect(courses).toBeGreaterThanOrEqual(4);
    const dash = await admin.get(`/api/dashboard?unitId=${world.communeA.id}`);
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().moduleFigures.find((f: { key: string }) => f.key === 'training.trainees').value).toBe(2);
  });
});
