// Deadline reminders: the daily sweep notifies each item once per threshold (3 days before, on the day), the
// people who must act and nobody else; run twice, it adds nothing.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { sweepReminders, thresholdOf } from '../../platform/reminders.js';
import type { RouteDeps } from '../../platform/module.js';
import { caseReminders } from '../supervision/reminders.js';
import { documentReminders } from '../documents/reminders.js';
import { meetingReminders } from '../meetings/reminders.js';
import { reviewReminders } from '../review/reminders.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let secretary: Client;
let member: Client;
const today = todayIso();
const sweeps: RouteDeps['reminderSweeps'] = [
  { module: 'review', sweep: reviewReminders },
  { module: 'supervision', sweep: caseReminders },
  { module: 'meetings', sweep: meetingReminders },
  { module: 'documents', sweep: documentReminders },
];
const sweep = (day = today) => sweepReminders(ctx.database.db, sweeps, day);

type Item = { topic: string; params: Record<string, unknown>; link: string; count: number };
const reminders = async (c: Client) => ((await c.get('/api/inbox?limit=100')).json().items as Item[]).filter((i) => i.topic === 'deadline.reminder');
const what = async (c: Client) => (await reminders(c)).map((i) => `${i.params.what}:${i.params.daysLeft}`).sort();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, secretary, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)));
  // A meeting of cell A1 planned in two days.
  const year = Number(today.slice(0, 4));
  expect((await officerA.post('/api/meetings/plan', { unitId: world.communeA.id, year })).statusCode).toBe(200);
  await ctx.database.db.execute(sql`UPDATE cell_meetings SET planned_on = ${addDays(today, 2)}::date
    WHERE id = (SELECT id FROM cell_meetings WHERE cell_id = ${world.cellA1.id} AND status = 'planned' ORDER BY planned_on LIMIT 1)`);
  await ctx.database.db.execute(sql`UPDATE cell_meetings SET planned_on = ${addDays(today, 40)}::date WHERE planned_on BETWEEN ${today}::date AND ${addDays(today, 3)}::date AND cell_id <> ${world.cellA1.id}`);
  // A directive to study with its deadline on the day.
  const doc = await admin.post('/api/documents', { unitId: world.province.id, typeCode: 'CT', issuerCode: 'TU', issuedOn: '2024-06-03', title: 'Về nâng cao chất lượng sinh hoạt chi bộ', signer: 'Bí thư' });
  expect((await admin.post(`/api/documents/${doc.json().id}/disseminations`, { unitIds: [world.communeA.id], deadline: addDays(today, 30) })).statusCode).toBe(201);
  await ctx.database.db.execute(sql`UPDATE document_disseminations SET deadline = ${today}::date`);
  // A report received in commune A, to acknowledge within three days.
  const report = await ctx.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload: { cellId: world.cellA2.id, category: 'complaint', subject: 'village', content: 'Đường làng hư hỏng chưa sửa.', anonymous: true },
    remoteAddress: '10.9.9.2',
  });
  expect(report.statusCode, report.body).toBe(201);
  await ctx.database.db.execute(sql`UPDATE supervision_cases SET acknowledge_by = ${addDays(today, 3)}::date`);
});

describe('the threshold of a due date', () => {
  it('is 3 from three days before, 0 on the day, nothing before or after', () => {
    expect(thresholdOf(addDays(today, 4), today)).toBeNull();
    expect([3, 2, 1].map((d) => thresholdOf(addDays(today, d), today))).toEqual([3, 3, 3]);
    expect(thresholdOf(today, today)).toBe(0);
    expect(thresholdOf(addDays(today, -1), today)).toBeNull();
  });
});

describe('the daily sweep', () => {
  it('reminds each who must act of what falls due, and nobody else', async () => {
    await sweep();
    expect(await what(secretary)).toEqual(['document.study:0', 'meeting.prepare:3']);
    expect(await what(officerA)).toEqual(['case.acknowledge:3']);
    expect(await what(officerB)).toEqual([]);
    expect(await what(member)).toEqual([]);
    const [doc] = (await reminders(secretary)).filter((i) => i.params.what === 'document.study');
    expect(doc.params).toMatchObject({ title: 'Về nâng cao chất lượng sinh hoạt chi bộ', due: today });
  });

  it('run twice, or twice at once, adds nothing', async () => {
    const count = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n, sum(count)::int AS c FROM notifications WHERE topic = 'deadline.reminder'`)).rows[0];
    const before = await count();
    const again = await sweep();
    expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(0);
    await Promise.all([sweep(), sweep()]);
    expect(await count()).toEqual(before);
    expect((await reminders(secretary)).every((i) => i.count === 1)).toBe(true);
  });

  it('reminds again on the day, once, and not for a meeting held or a study recorded', async () => {
    const meetingDay = addDays(today, 2);
    await sweep(meetingDay);
    const lines = await reminders(secretary);
    const meeting = lines.find((i) => String(i.params.what).startsWith('meeting.'))!;
    // The same line, now saying "record it today", counted twice (3 days before, and the day).
    expect(meeting).toMatchObject({ count: 2, params: { what: 'meeting.record', daysLeft: 0 } });
    await sweep(meetingDay);
    expect((await reminders(secretary)).find((i) => String(i.params.what).startsWith('meeting.'))!.count).toBe(2);
    await ctx.database.db.execute(sql`UPDATE cell_meetings SET status = 'cancelled', cancel_reason = 'thử' WHERE planned_on = ${meetingDay}::date`);
    const after = await sweep(meetingDay);
    expect(after.meetings).toBe(0);
  });

  it("reminds the members of an open review cycle who have not assessed themselves, and the cell's appraisers", async () => {
    const open = await admin.post('/api/review/cycles', {
      unitId: world.province.id, year: Number(today.slice(0, 4)), kind: 'yearly', title: 'Đánh giá, xếp loại thử', branchIds: [world.communeA.id],
      referenceDate: today, selfDue: addDays(today, 1), cellDue: addDays(today, 3), decisionDue: addDays(today, 10),
    });
    expect(open.statusCode, open.body).toBe(201);
    await sweep();
    expect(await what(member)).toEqual(['review.self:3']);
    expect(await what(secretary)).toContain('review.appraise:3');
    expect(await what(officerB)).toEqual([]);
  });
});
