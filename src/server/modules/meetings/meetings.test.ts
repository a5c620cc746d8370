// Cell meetings end to end on the test world: the commune plans the year for its cells; the secretary of A1 runs
// last month's meeting (agenda, invitations, apologies, attendance, minutes, resolution, action items) and this
// month's (materials, the open items carried into its agenda, their follow-up); the commune scores and closes its
// review; bad input is refused by the rule it breaks and nothing is saved; a phone's commands replayed or stale.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { extractText } from '../documents/file-text.js';
import { meetingFigures } from './figures.js';
import { lastDayOf } from './service.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
let secretary: Client;
let member: Client;

const today = todayIso();
const thisMonth = today.slice(0, 7);
const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
const clientId = crypto.randomUUID();
let lastId: string;
let nextId: string;

const count = async (q: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(q))).rows[0]!.n;
const detail = async (c: Client, id: string) => {
  const r = await c.get(`/api/meetings/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
/** Sends a command as a phone would: its own id, the version last seen (read now unless given). */
async function send(c: Client, id: string, command: Record<string, unknown>, opts: { baseVersion?: number; clientId?: string; commandId?: string } = {}) {
  const baseVersion = opts.baseVersion ?? (await detail(secretary, id)).meeting.version;
  return c.post(`/api/meetings/${id}/commands`, { commandId: opts.commandId ?? crypto.randomUUID(), clientId: opts.clientId ?? clientId, baseVersion, command });
}
const fields = (r: { json: () => { error: { fields?: { path: string; code: string }[] } } }) => r.json().error.fields ?? [];

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB, secretary, member] = await Promise.all(['admin', 'officer.a', 'officer.b', 'secretary.a1', 'member.a1'].map((u) => signIn(ctx.app, u)));
});

describe('the plan and the calendar', () => {
  it("generates the year's 12 regular and 4 thematic meetings for every cell of the commune, once", async () => {
    const years = [...new Set([lastMonth.slice(0, 4), thisMonth.slice(0, 4)])].map(Number);
    for (const year of years) {
      const first = await officerA.post('/api/meetings/plan', { unitId: world.communeA.id, year });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ cells: 2, created: 32 });
      const again = await officerA.post('/api/meetings/plan', { unitId: world.communeA.id, year });
      expect(again.json()).toEqual({ cells: 2, created: 0 });
    }
    expect(await count(`SELECT count(*)::int AS n FROM cell_meetings WHERE cell_id = '${world.cellB1.id}'`)).toBe(0);
  });

  it('refuses a plan outside the branch (404) or to a member (403)', async () => {
    expect((await officerB.post('/api/meetings/plan', { unitId: world.communeA.id, year: 2026 })).statusCode).toBe(404);
    expect((await secretary.post('/api/meetings/plan', { unitId: world.communeA.id, year: 2026 })).statusCode).toBe(404);
    expect((await member.post('/api/meetings/plan', { unitId: world.cellA1.id, year: 2026 })).statusCode).toBe(403);
    expect((await secretary.post('/api/meetings/plan', { unitId: world.cellA1.id, year: 2026 })).json()).toEqual({ cells: 1, created: 0 });
    expect((await officerA.post('/api/meetings/plan', { unitId: world.communeA.id, year: 1990 })).json().error.fields[0].code).toBe('meeting_year_out_of_range');
  });

  it("shows the cell's calendar month by month", async () => {
    const cal = await member.get(`/api/meetings/cells/${world.cellA1.id}/calendar?year=${lastMonth.slice(0, 4)}`);
    expect(cal.statusCode, cal.body).toBe(200);
    const month = cal.json().months.find((m: { month: string }) => m.month === lastMonth);
    lastId = month.meetings.find((m: { kind: string }) => m.kind === 'regular').id;
    const cal2 = await secretary.get(`/api/meetings/cells/${world.cellA1.id}/calendar?year=${thisMonth.slice(0, 4)}`);
    nextId = cal2.json().months.find((m: { month: string }) => m.month === thisMonth).meetings.find((m: { kind: string }) => m.kind === 'regular').id;
    expect(cal2.json().actions).toContain('meeting.run');
    expect((await officerB.get(`/api/meetings/cells/${world.cellA1.id}/calendar?year=2026`)).statusCode).toBe(404);
  });
});

describe("last month's meeting", () => {
  it('takes an agenda and sends invitations each member acknowledges; a member sends apologies in advance', async () => {
    expect((await send(secretary, lastId, { type: 'schedule', plannedOn: `${lastMonth}-05`, startsAt: '19:30', location: 'Nhà văn hóa thôn' })).statusCode).toBe(200);
    expect((await send(secretary, lastId, { type: 'setAgenda', items: [{ title: 'Kết quả tháng, nhiệm vụ tháng tới' }] })).statusCode).toBe(200);
    const inv = await send(secretary, lastId, { type: 'sendInvitations', message: 'Kính mời đồng chí dự sinh hoạt chi bộ', guests: ['Đồng chí Đảng ủy viên phụ trách'] });
    expect(inv.statusCode, inv.body).toBe(200);
    expect((await send(member, lastId, { type: 'acknowledge' })).statusCode).toBe(200);
    const sorry = await send(member, lastId, { type: 'apologize', reason: 'Đi công tác huyện' });
    expect(sorry.statusCode, sorry.body).toBe(200);
    const d = await detail(member, lastId);
    const me = d.members.find((m: { personId: string }) => m.personId === world.people.memberA1.id);
    expect(me.invitation.acknowledgedAt).not.toBeNull();
    expect(me.invitation.apologyReason).toBe('Đi công tác huyện');
    expect(me.attendance).toEqual({ status: 'excused', reason: 'Đi công tác huyện' });
    expect(d.members).toHaveLength(4);
    // A member runs nothing; no one answers another's invitation.
    expect((await send(member, lastId, { type: 'setAgenda', items: [] })).statusCode).toBe(403);
  });

  it('refuses a meeting recorded as held in the future, and a resolution before the meeting is held; nothing saved', async () => {
    const before = (await detail(secretary, lastId)).meeting.version;
    const future = await send(secretary, lastId, { type: 'recordHeld', heldOn: addDays(today, 1), durationMinutes: 120 });
    expect(future.statusCode).toBe(400);
    expect(fields(future)[0]).toMatchObject({ path: 'heldOn', code: 'meeting_held_in_future' });
    const noMeeting = await send(secretary, lastId, { type: 'resolution', text: 'Nghị quyết', publishedOn: today });
    expect(noMeeting.statusCode).toBe(400);
    expect(fields(noMeeting)[0].code).toBe('meeting_not_held');
    expect((await detail(secretary, lastId)).meeting.version).toBe(before);
  });

  it('records it held (warned when too short) and takes attendance of the members only', async () => {
    const held = await send(secretary, lastId, { type: 'recordHeld', heldOn: `${lastMonth}-05`, durationMinutes: 60 });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().warnings.map((w: { code: string }) => w.code)).toEqual(['meeting_too_short']);
    const outsider = await send(secretary, lastId, {
      type: 'attendance',
      entries: [
        { personId: world.people.secretaryA1.id, status: 'present' },
        { personId: world.people.memberB1.id, status: 'present' },
        { personId: world.people.secretaryA2.id, status: 'absent' },
      ],
    });
    expect(outsider.statusCode).toBe(400);
    expect(fields(outsider).map((f) => [f.path, f.code])).toEqual([
      ['entries.1.personId', 'attendance_not_member'],
      ['entries.2.personId', 'attendance_not_member'],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_attendance WHERE meeting_id = '${lastId}' AND status = 'present'`)).toBe(0);
    const ok = await send(secretary, lastId, { type: 'attendance', entries: [{ personId: world.people.secretaryA1.id, status: 'present' }] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('"the rest are present" fills in only the unrecorded: a tap that reached the server just before is kept', async () => {
    const { version } = (await detail(secretary, lastId)).meeting;
    // The phone built "the rest" while its tap (this member absent) was on its way: the list names that member too.
    const tap = await send(secretary, lastId, { type: 'attendance', entries: [{ personId: world.people.memberA1.id, status: 'absent', reason: 'Ốm' }] });
    expect(tap.statusCode, tap.body).toBe(200);
    const members = ((await detail(secretary, lastId)).members as { personId: string }[]).map((m) => m.personId);
    expect(members).toContain(world.people.memberA1.id);
    const rest = await send(secretary, lastId, { type: 'attendance', onlyUnrecorded: true, entries: members.map((personId) => ({ personId, status: 'present' })) }, { baseVersion: version });
    expect(rest.statusCode, rest.body).toBe(200);
    const rows = (await ctx.database.db.execute<{ person_id: string; status: string }>(sql`SELECT person_id, status FROM meeting_attendance WHERE meeting_id = ${lastId}`)).rows;
    const status = new Map(rows.map((r) => [r.person_id, r.status]));
    expect(status.get(world.people.memberA1.id)).toBe('absent');
    for (const id of members.filter((m) => m !== world.people.memberA1.id)) expect(status.get(id)).toBe('present');
    expect(rows).toHaveLength(members.length);
  });

  it('keeps minutes on the 42-HD structure, a resolution (warned when late) and action items with owner and due date', async () => {
    const minutes = await send(secretary, lastId, { type: 'minutes', minutes: { chair: 'Hoàng Văn Bình', secretary: 'Lê Văn Dũng', sections: { opening: 'Có mặt 3/4 đảng viên', conclusions: 'Đồng ý' } } });
    expect(minutes.statusCode, minutes.body).toBe(200);
    const late = await send(secretary, lastId, { type: 'resolution', text: 'Chi bộ quyết nghị: tu sửa đường liên thôn', publishedOn: addDays(`${lastMonth}-05`, 5) });
    expect(late.json().warnings.map((w: { code: string }) => w.code)).toEqual(['resolution_late']);
    const items = [
      { title: 'Vận động hộ gia đình hiến đất làm đường', dueOn: addDays(`${lastMonth}-05`, 10) },
      { title: 'Báo cáo kết quả thu quỹ', dueOn: addDays(today, 60) },
    ];
    for (const i of items) {
      const r = await send(secretary, lastId, { type: 'addActionItem', itemId: crypto.randomUUID(), ownerPersonId: world.people.memberA1.id, ...i });
      expect(r.statusCode, r.body).toBe(200);
    }
    const notMember = await send(secretary, lastId, { type: 'addActionItem', itemId: crypto.randomUUID(), title: 'x', ownerPersonId: world.people.memberB1.id, dueOn: today });
    expect(fields(notMember)[0].code).toBe('action_owner_not_member');
    const d = await detail(secretary, lastId);
    expect(d.actionItems).toHaveLength(2);
    expect(d.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['meeting_too_short', 'resolution_late']);
  });

  it('refuses NUL characters and lone surrogates', async () => {
    const nul = await send(secretary, lastId, { type: 'setAgenda', items: [{ title: 'a\u0000b' }] });
    expect(nul.statusCode).toBe(400);
    expect(fields(nul)[0].code).toBe('bad_character');
    const sur = await send(secretary, lastId, { type: 'setAgenda', items: [{ title: 'a\uD800b' }] });
    expect(sur.statusCode).toBe(400);
  });
});

describe("this month's meeting", () => {
  it('warns when materials arrive less than a day before; a non-PDF is refused', async () => {
    const upload = async (content: Buffer, name = 'tai-lieu.pdf') => {
      const { version } = (await detail(secretary, nextId)).meeting;
      const b = 'mtgBOUNDARY';
      const field = (n: string, v: string) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`;
      const body = Buffer.concat([
        Buffer.from(field('commandId', crypto.randomUUID()) + field('clientId', clientId) + field('baseVersion', String(version))),
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return secretary.request('POST', `/api/meetings/${nextId}/materials`, body, { 'content-type': `multipart/form-data; boundary=${b}` });
    };
    await send(secretary, nextId, { type: 'schedule', plannedOn: addDays(today, 5) });
    const early = await upload(Buffer.from('%PDF-1.4\n%%EOF'));
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json().warnings).toEqual([]);
    await send(secretary, nextId, { type: 'schedule', plannedOn: today });
    const late = await upload(Buffer.from('%PDF-1.4\n%%EOF'));
    expect(late.json().warnings.map((w: { code: string }) => w.code)).toEqual(['materials_late']);
    const bad = await upload(Buffer.from('hello'), 'x.txt');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)[0].code).toBe('meeting_file_type');
    const d = await detail(member, nextId);
    expect(d.materials.map((m: { late: boolean }) => m.late)).toEqual([true, true]);
    const file = await member.get(`/api/meetings/${nextId}/materials/${d.materials[0].id}`);
    expect(file.headers['content-type']).toContain('application/pdf');
  });

  it('carries the open action items of earlier meetings into its agenda, and follows them up', async () => {
    const d = await detail(secretary, nextId);
    expect(d.carriedItems.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ['Vận động hộ gia đình hiến đất làm đường', true],
      ['Báo cáo kết quả thu quỹ', false],
    ]);
    const r = await send(secretary, nextId, { type: 'followUp', itemId: d.carriedItems[0].id, status: 'done', note: 'Đã hoàn thành' });
    expect(r.statusCode, r.body).toBe(200);
    const after = await detail(secretary, nextId);
    expect(after.carriedItems[0]).toMatchObject({ status: 'done', followUpNote: 'Đã hoàn thành' });
  });
});

describe('documents studied in a meeting', () => {
  it("ticks the document off the cell's study list when the meeting that studied it is recorded", async () => {
    const doc = await admin.post('/api/documents', {
      unitId: world.province.id, typeCode: 'CT', issuerCode: 'TU', issuedOn: '2021-09-10', title: 'Về nâng cao chất lượng sinh hoạt chi bộ', signer: 'T/M Ban Thường vụ',
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const sent = await admin.post(`/api/documents/${doc.json().id}/disseminations`, { unitIds: [world.communeA.id], deadline: addDays(today, 30) });
    expect(sent.statusCode, sent.body).toBe(201);
    const before = await detail(secretary, nextId);
    expect(before.studies.map((x: { number: string; state: string }) => [x.number, x.state])).toEqual([['01-CT/TU', 'pending']]);
    // The secretary attaches the registered document as a material, by reference (no file), from what was sent to the cell.
    const disseminationId = before.studies[0].disseminationId;
    const attach = await send(secretary, nextId, { type: 'attachDocument', disseminationId });
    expect(attach.statusCode, attach.body).toBe(200);
    const attachedAgain = await send(secretary, nextId, { type: 'attachDocument', disseminationId });
    expect(attachedAgain.statusCode).toBe(409);
    expect(fields(attachedAgain)[0]).toMatchObject({ path: 'disseminationId', code: 'document_already_attached' });
    const notSent = await send(secretary, nextId, { type: 'attachDocument', disseminationId: crypto.randomUUID() });
    expect(notSent.statusCode).toBe(400);
    expect(fields(notSent)[0].code).toBe('study_not_sent_to_cell');
    expect((await send(officerB, nextId, { type: 'attachDocument', disseminationId })).statusCode).toBe(404);
    expect((await detail(secretary, nextId)).documentMaterials).toEqual([
      expect.objectContaining({ disseminationId, number: '01-CT/TU', sentOn: today, studiedOn: null, studiedHere: false }),
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_document_materials WHERE dissemination_id = '${disseminationId}'`)).toBe(1);
    const notHeld = await send(secretary, nextId, { type: 'studyDocument', disseminationId: before.studies[0].disseminationId });
    expect(fields(notHeld)[0].code).toBe('meeting_not_held');
    expect((await send(secretary, nextId, { type: 'recordHeld', heldOn: today, durationMinutes: 95 })).json().warnings).toEqual([]);
    const other = await send(secretary, nextId, { type: 'studyDocument', disseminationId: crypto.randomUUID() });
    expect(fields(other)[0].code).toBe('study_not_sent_to_cell');
    const ok = await send(secretary, nextId, { type: 'studyDocument', disseminationId: before.studies[0].disseminationId, report: 'Đã quán triệt' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await detail(secretary, nextId)).studies[0]).toMatchObject({ studiedOn: today, state: 'studied' });
    // Studied in the meeting: the attached material says so, and the cell is off the dissemination's list.
    expect((await detail(secretary, nextId)).documentMaterials[0]).toMatchObject({ studiedOn: today, studiedHere: true });
    const list = await officerA.get(`/api/disseminations/${sent.json().id}`);
    expect(list.json().missing.map((m: { cellId: string }) => m.cellId)).toEqual([world.cellA2.id]);
  });
});

describe('commands from a phone', () => {
  it('applies twenty identical commands sent at once exactly once', async () => {
    const { version } = (await detail(secretary, lastId)).meeting;
    const commandId = crypto.randomUUID();
    const itemId = crypto.randomUUID();
    const body = { commandId, clientId, baseVersion: version, command: { type: 'addActionItem', itemId, title: 'Thăm hỏi gia đình chính sách', ownerPersonId: world.people.secretaryA1.id, dueOn: addDays(today, 30) } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => secretary.post(`/api/meetings/${lastId}/commands`, body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.json().version))).toEqual(new Set([version + 1]));
    expect(answers.filter((a) => !a.json().replayed)).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_action_items WHERE id = '${itemId}'`)).toBe(1);
    expect((await detail(secretary, lastId)).meeting.version).toBe(version + 1);
  });

  it("answers a stale version with 409 when someone else changed the same part; the phone's own queue and other parts go through", async () => {
    const { version } = (await detail(secretary, lastId)).meeting;
    const otherPhone = crypto.randomUUID();
    const minutes = (text: string) => ({ type: 'minutes', minutes: { sections: { discussion: text } } });
    expect((await send(secretary, lastId, minutes('Phiên bản A'), { baseVersion: version, clientId: otherPhone })).statusCode).toBe(200);
    // The same phone's next queued command carries the version it saw before its first: no conflict with itself.
    expect((await send(secretary, lastId, { type: 'setAgenda', items: [{ title: 'Kết quả tháng' }] }, { baseVersion: version, clientId: otherPhone })).statusCode).toBe(200);
    // Another phone, same part, older version: refused, naming the current version and what changed.
    const stale = await send(secretary, lastId, minutes('Phiên bản B'), { baseVersion: version });
    expect(stale.statusCode).toBe(409);
    expect(fields(stale)[0]).toMatchObject({ path: 'baseVersion', code: 'stale_version' });
    expect(stale.json().error.message).toContain(`version ${version + 2}`);
    expect(fields(stale)[1]).toMatchObject({ path: 'changed.minutes', code: 'meeting_changed' });
    expect((await detail(secretary, lastId)).meeting.minutes.sections.discussion).toBe('Phiên bản A');
    // Another part (one member's attendance) from the same old version: applied.
    const other = await send(secretary, lastId, { type: 'attendance', entries: [{ personId: world.people.memberA1.id, status: 'excused', reason: 'Đi công tác' }] }, { baseVersion: version });
    expect(other.statusCode, other.body).toBe(200);
  });

  it('answers a command for a cancelled or unknown meeting clearly, saving nothing', async () => {
    const cal = await secretary.get(`/api/meetings/cells/${world.cellA1.id}/calendar?year=${thisMonth.slice(0, 4)}`);
    const later = cal.json().months.flatMap((m: { meetings: { id: string; plannedOn: string; state: string }[] }) => m.meetings).find((m: { state: string; id: string }) => m.state !== 'held' && m.id !== nextId && m.id !== lastId);
    {
      const { version } = (await detail(secretary, later.id)).meeting;
      expect((await send(secretary, later.id, { type: 'cancel', reason: 'Trùng lịch bầu cử' })).statusCode).toBe(200);
      const offline = await send(secretary, later.id, { type: 'setAgenda', items: [{ title: 'x' }] }, { baseVersion: version });
      expect(offline.statusCode).toBe(409);
      expect(fields(offline)[0].code).toBe('meeting_cancelled');
    }
    const gone = await send(secretary, crypto.randomUUID(), { type: 'setAgenda', items: [] }, { baseVersion: 1 });
    expect(gone.statusCode).toBe(404);
  });
});

describe('the quality score and the review', () => {
  const full = { time: 5, attendance: 5, preparation: 10, conduct: 28, chairing: 10, principles: 5, previousResults: 25, closing: 5 };
  it('is scored by the cell on the 42-HD template and reviewed by the commune', async () => {
    const bad = await send(secretary, lastId, { type: 'score', scores: { ...full, time: 7, extra: 1 } });
    expect(fields(bad).map((f) => f.code).sort()).toEqual(['score_criterion_unknown', 'score_out_of_range']);
    expect((await send(secretary, lastId, { type: 'score', scores: full })).statusCode).toBe(200);
    expect((await send(secretary, lastId, { type: 'review', scores: full })).statusCode).toBe(403);
    expect((await send(officerB, lastId, { type: 'review', scores: full })).statusCode).toBe(404);
    const review = await send(officerA, lastId, { type: 'review', scores: { ...full, conduct: 30, previousResults: 30 }, note: 'Tốt', close: true });
    expect(review.statusCode, review.body).toBe(200);
    const d = await detail(officerA, lastId);
    expect(d.score.self).toMatchObject({ total: 93, band: 'good' });
    expect(d.score.review).toMatchObject({ total: 100, band: 'good', note: 'Tốt', closedOn: today });
  });

  it('refuses minutes edits after the commune closed its review', async () => {
    const edit = await send(secretary, lastId, { type: 'minutes', minutes: { sections: { discussion: 'sửa' } } });
    expect(edit.statusCode).toBe(409);
    expect(fields(edit)[0]).toMatchObject({ path: 'minutes', code: 'review_closed' });
  });

  it('prints the minutes as a PDF, in Vietnamese or in English', async () => {
    const pdf = await member.get(`/api/meetings/${lastId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const vi = (await extractText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(vi).toContain('BIÊN BẢN');
    expect(vi).toMatch(/Tổng số đảng viên: \d+; có mặt: \d+/);
    expect(vi).toContain('CHỦ TRÌ');
    const en = await member.get(`/api/meetings/${lastId}/minutes.pdf?lang=en`);
    expect(en.statusCode).toBe(200);
    const text = (await extractText(en.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('MINUTES');
    expect(text).toMatch(/Members: \d+; present: \d+/);
    expect(text).not.toContain('Tổng số đảng viên');
    // the Party's header stays Vietnamese
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });
});

describe('oversight and figures', () => {
  it('lists the cells that missed a regular meeting, per month', async () => {
    const r = await officerA.get(`/api/meetings/missed?unitId=${world.communeA.id}&year=${lastMonth.slice(0, 4)}`);
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json().months.find((x: { month: string }) => x.month === lastMonth);
    expect(m).toMatchObject({ cells: 2, missed: [{ cellId: world.cellA2.id, cell: 'Chi bộ thôn Bản Khuổi' }] });
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect((await officerB.get(`/api/meetings/missed?unitId=${world.communeA.id}&year=2026`)).statusCode).toBe(404);
    expect((await member.get(`/api/meetings/missed?unitId=${world.cellA1.id}&year=2026`)).statusCode).toBe(403);
  });

  it('reminds the secretary of a meeting not recorded after 3 days, and the commune after 7', async () => {
    const mine = await secretary.get('/api/meetings/reminders');
    expect(mine.statusCode, mine.body).toBe(200);
    const rows = mine.json() as { id: string; cellId: string; plannedOn: string; level: string; yours: boolean }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.cellId === world.cellA1.id && r.yours && r.plannedOn <= addDays(today, -3))).toBe(true);
    expect(rows.some((r) => r.id === lastId)).toBe(false);
    const commune = (await officerA.get('/api/meetings/reminders')).json() as { cellId: string; plannedOn: string; level: string; yours: boolean }[];
    expect(commune.every((r) => r.level === 'commune' && !r.yours && r.plannedOn <= addDays(today, -7))).toBe(true);
    expect(new Set(commune.map((r) => r.cellId))).toEqual(new Set([world.cellA1.id, world.cellA2.id]));
    expect((await officerB.get('/api/meetings/reminders')).json()).toEqual([]);
    expect((await member.get('/api/meetings/reminders')).json()).toEqual([]);
  });

  it('computes each figure as its raw version does, for every node and a few dates', async () => {
    const db = ctx.database.db;
    const nodes = await db.execute<{ unit_id: string; path: string }>(sql`SELECT unit_id, path FROM org_unit_versions WHERE valid_to IS NULL`);
    for (const date of [today, addDays(today, -20), addDays(today, 45), '2020-06-01'])
      for (const n of nodes.rows)
        for (const f of meetingFigures) {
          const at = { unitId: n.unit_id, path: n.path, date };
          expect(await f.compute(db, at), `${f.key} ${n.path} ${date}`).toEqual(await f.raw(db, at));
        }
    const a1 = nodes.rows.find((n) => n.unit_id === world.cellA1.id)!;
    const overdue = meetingFigures.find((f) => f.key === 'meetings.overdueActionItems')!;
    expect(await overdue.compute(db, { unitId: a1.unit_id, path: a1.path, date: addDays(today, 61) })).toBe(2);
  });

  it('tells the change feed which cells changed, so cached dashboards drop (notifiesFigures)', async () => {
    const listener = new pg.Client({ connectionString: ctx.url });
    await listener.connect();
    const got: string[] = [];
    listener.on('notification', (n) => got.push(n.payload ?? ''));
    await listener.query('LISTEN chibo_changes');
    const path = (await ctx.database.db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.cellA1.id} AND valid_to IS NULL`)).rows[0]!.path;
    expect((await send(secretary, nextId, { type: 'setAgenda', items: [{ title: 'Kết quả tháng' }] })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await listener.end();
    expect(got.some((p) => p.startsWith('figures:') && p.includes(path))).toBe(true);
  });

  it('lets the province read a meeting and nothing outside reach it', async () => {
    expect((await admin.get(`/api/meetings/${lastId}`)).statusCode).toBe(200);
    expect((await officerB.get(`/api/meetings/${lastId}`)).statusCode).toBe(404);
  });
});
