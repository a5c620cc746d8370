// Early warnings over HTTP, as the officers and the province board use them: a pile-up found and read as sentence
// parameters with the cases' own numbers, a warning worked (acknowledged, noted, followed up, closed once, back on new
// evidence), the settings refused whole when one value is wrong, the list of a past day, a moved cell's warning in its
// new commune, and nobody seeing a warning about themselves or their own cell.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { createUnit } from '../org/service.js';
import { addPosition } from '../people/service.js';
import { createUser } from '../users/service.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { reportAbout } from '../../test/reports.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
const today = todayIso();
const system = systemActor('test');

type Item = {
  key: string;
  kind: string;
  cell: { id: string; name: string };
  commune: { id: string; name: string };
  person: { id: string } | null;
  since: string;
  status: string;
  reopened: boolean;
  change: string;
  followUp: { userId: string; name: string; by: string } | null;
  notes: { body: string }[];
  actions: string[];
  signals: { key: string; count: number; evidence: { id: string; ref: string; on: string }[]; params: Record<string, unknown> }[];
};

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1']) c[u] = await signIn(ctx.app, u);
});

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows as T[]);

const report = (cellId: string, overrides: Record<string, unknown> = {}) => reportAbout(ctx, cellId, overrides);

async function list(client: Client, date?: string) {
  const res = await client.get(`/api/warnings${date ? `?date=${date}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; cleared: { key: string }[]; communes: { id: string; flaggedCells: number; cells: number; flagged: boolean }[] };
}

const about = (items: Item[], cellId: string) => items.find((w) => w.kind === 'cell' && w.cell.id === cellId);
let serial = 100;
/** A healthy cell (3 full members, a secretary): only what the test adds raises a warning about it. */
async function newCell(parentId: string, name: string, opts: { empty?: boolean } = {}) {
  const cell = await createUnit(ctx.database.db, system, { parentId, kind: 'cell', cellKind: 'village', name, code: `90001-${++serial}`, validFrom: '2020-01-01' });
  if (opts.empty) return cell;
  const members = [await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Văn Một' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Thị Hai', sex: 'female' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Văn Ba' })];
  await addPosition(ctx.database.db, system, members[0].id, { position: 'secretary', from: '2020-08-15' });
  return cell;
}

async function conclude(officer: Client, id: string, conclusion: 'unfounded' | 'founded') {
  for (const body of [{ to: 'accepted' }, { to: 'verifying' }, { to: 'concluded', conclusion, measure: 'none', publicReply: 'Đã xác minh và trả lời bà con.' }, { to: 'closed' }]) {
    const res = await officer.post(`/api/supervision/cases/${id}/status`, body);
    expect(res.statusCode, res.body).toBe(200);
  }
}

describe('a pile-up of reports about a cell', () => {
  it('is found, read through sentence parameters, its evidence numbered by the cases’ own numbers, only inside the branch', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Làng Ải');
    const cases = [await report(cell.id), await report(cell.id), await report(cell.id, { anonymous: false, reporterName: 'Triệu Văn Tố', reporterContact: '0987 654 321' })];
    const w = about((await list(c['officer.a'])).items, cell.id)!;
    expect(w).toBeDefined();
    expect(w.commune).toEqual({ id: world.communeA.id, name: 'Đảng ủy xã Minh Quang' });
    expect(w.since).toBe(today);
    expect(w.change).toBe('new');
    const inWindow = w.signals.find((s) => s.key === 'supervision.reports_in_window')!;
    expect(inWindow.params).toMatchObject({ count: 3, threshold: 3, windowDays: 180, escalated: false });
    expect(inWindow.evidence.map((e) => e.ref)).toEqual(cases.map((x) => `#${x.number}`));
    const same = w.signals.find((s) => s.key === 'supervision.same_matter')!;
    expect(same.params).toMatchObject({ reporters: 3, category: 'complaint', subject: 'village', threshold: 2 });
    // One number names one case in every row it appears in.
    for (const s of w.signals) for (const e of s.evidence) expect(e.ref).toBe(`#${cases.find((x) => x.id === e.id)!.number}`);
    // No reporter's identity, no moment finer than a day.
    const body = JSON.stringify(w);
    expect(body).not.toContain('Triệu');
    expect(body).not.toContain('0987');
    expect(body).not.toMatch(/\d{2}:\d{2}/);
    // The other commune sees nothing of it; a member has no list.
    expect(about((await list(c['officer.b'])).items, cell.id)).toBeUndefined();
    expect((await c['member.a1'].get('/api/warnings')).statusCode).toBe(404);
    // The province sees its communes ranked, commune A first.
    const communes = (await list(c['admin'])).communes;
    expect(communes[0].id).toBe(world.communeA.id);
  });

  it('stands as it was known on a past day: yesterday the reports had not arrived', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Bản Lìn');
    for (let i = 0; i < 3; i++) await report(cell.id);
    expect(about((await list(c['officer.a'])).items, cell.id)).toBeDefined();
    expect(about((await list(c['officer.a'], addDays(today, -1))).items, cell.id)).toBeUndefined();
    expect((await c['officer.a'].get(`/api/warnings?date=${addDays(today, 1)}`)).statusCode).toBe(400);
    expect((await c['officer.a'].get('/api/warnings?date=2025-02-30')).statusCode).toBe(400);
  });

  it('stops counting a case concluded unfounded (and a declined one)', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Khuổi Bốc');
    const cases = [await report(cell.id), await report(cell.id), await report(cell.id)];
    expect(about((await list(c['officer.a'])).items, cell.id)!.signals.map((s) => s.key)).toContain('supervision.reports_in_window');
    await conclude(c['officer.a'], cases[0].id, 'unfounded');
    const w = about((await list(c['officer.a'])).items, cell.id)!;
    expect(w.signals.map((s) => s.key)).not.toContain('supervision.reports_in_window');
    expect(w.signals.find((s) => s.key === 'supervision.same_matter')!.evidence.map((e) => e.id).sort()).toEqual([cases[1].id, cases[2].id].sort());
    expect((await c['officer.a'].post(`/api/supervision/cases/${cases[1].id}/status`, { to: 'declined', note: 'Không thuộc thẩm quyền' })).statusCode).toBe(200);
    expect(about((await list(c['officer.a'])).items, cell.id)).toBeUndefined();
  });

  it('groups reports about the secretary under the person too', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Nà Tông', { empty: true });
    const secretary = await addPerson(ctx.database.db, cell.id, { fullName: 'Nông Văn Hải' });
    await addPosition(ctx.database.db, system, secretary.id, { position: 'secretary', from: '2021-01-01' });
    for (let i = 0; i < 3; i++) await report(cell.id, { subject: 'secretary', category: 'denunciation' });
    const items = (await list(c['officer.a'])).items;
    const person = items.find((w) => w.kind === 'person' && w.person?.id === secretary.id)!;
    expect(person.cell.id).toBe(cell.id);
    expect(person.signals.map((s) => s.key)).toContain('supervision.reports_in_window');
  });
});

describe('privacy', () => {
  it('hides a warning about the reader’s own cell and about themselves', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Phiêng Luông', { empty: true });
    const local = await addPerson(ctx.database.db, cell.id, { fullName: 'Đinh Văn Lâm' });
    await createUser(ctx.database.db, system, { username: 'officer.local', displayName: 'Đinh Văn Lâm', password: TEST_PASSWORD, role: 'commune_officer', unitId: world.communeA.id, personId: local.id });
    await addPosition(ctx.database.db, system, local.id, { position: 'secretary', from: '2021-01-01' });
    for (let i = 0; i < 3; i++) await report(cell.id, { subject: 'secretary', category: 'criticism' });
    const local_ = await signIn(ctx.app, 'officer.local');
    const seen = (await list(local_)).items;
    expect(seen.find((w) => w.cell.id === cell.id)).toBeUndefined();
    expect(seen.find((w) => w.person?.id === local.id)).toBeUndefined();
    // Their colleague sees both.
    const other = (await list(c['officer.a'])).items;
    expect(about(other, cell.id)).toBeDefined();
    expect(other.find((w) => w.person?.id === local.id)).toBeDefined();
    // Acting on it is as if it did not exist.
    expect((await local_.post(`/api/warnings/cell/${cell.id}/acknowledge`)).statusCode).toBe(404);
  });
});

describe('a warning is work', () => {
  it('is acknowledged once, noted, followed up by a day not past, closed once, and comes back with new evidence; all audited', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Thác Mơ');
    for (let i = 0; i < 3; i++) await report(cell.id);
    const officer = c['officer.a'];
    const url = `/api/warnings/cell/${cell.id}`;
    expect(about((await list(officer)).items, cell.id)!.actions).toEqual(['warning.work']);
    expect(about((await list(c['admin'])).items, cell.id)!.actions).toEqual([]);
    // Outside the branch: not found, nothing saved.
    expect((await c['officer.b'].post(`${url}/acknowledge`)).statusCode).toBe(404);
    expect((await q('SELECT 1 FROM warning_states WHERE subject_key = $1', [`cell:${cell.id}`])).length).toBe(0);

    expect((await officer.post(`${url}/acknowledge`)).statusCode).toBe(200);
    const again = await officer.post(`${url}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].code).toBe('warning_acknowledged');
    expect((await officer.post(`${url}/notes`, { body: 'Đã gọi điện cho bí thư chi bộ.' })).statusCode).toBe(201);

    const [officerB] = await q<{ id: string }>("SELECT id FROM users WHERE username = 'officer.b'");
    const [officerA] = await q<{ id: string }>("SELECT id FROM users WHERE username = 'officer.a'");
    const past = await officer.post(`${url}/follow-up`, { assigneeUserId: officerB.id, by: addDays(today, -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.map((f: { code: string }) => f.code).sort()).toEqual(['assignee_not_in_branch', 'follow_up_past']);
    expect((await officer.post(`${url}/follow-up`, { assigneeUserId: officerA.id, by: addDays(today, 14) })).statusCode).toBe(200);
    let w = about((await list(officer)).items, cell.id)!;
    expect(w.status).toBe('acknowledged');
    expect(w.followUp).toMatchObject({ userId: officerA.id, name: 'officer.a', by: addDays(today, 14) });
    // The assignee is told in their inbox, once.
    expect(await q("SELECT params->>'by' AS by FROM notifications WHERE user_id = $1 AND topic = 'warning.follow_up'", [officerA.id])).toEqual([{ by: addDays(today, 14) }]);
    expect(w.notes.map((n) => n.body)).toEqual(['Đã gọi điện cho bí thư chi bộ.']);

    // Two closes at once: one closes, the other is told it is closed already.
    const [one, two] = await Promise.all([officer.post(`${url}/close`, { reason: 'Đã xác minh, đã chấn chỉnh' }), officer.post(`${url}/close`, { reason: 'Đã xác minh, đã chấn chỉnh' })]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    w = about((await list(officer)).items, cell.id)!;
    expect(w.status).toBe('closed');
    // New evidence after closing: it is back.
    await report(cell.id);
    w = about((await list(officer)).items, cell.id)!;
    expect(w).toMatchObject({ status: 'open', reopened: true });

    const events = await q<{ action: string }>("SELECT action FROM audit_events WHERE entity_type = 'warning' AND entity_id = $1 ORDER BY seq", [`cell:${cell.id}`]);
    expect(events.map((e) => e.action)).toEqual(['warning.acknowledge', 'warning.note', 'warning.follow_up', 'warning.close']);
  });
});

describe('settings per province', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    signals: [{ key: 'supervision.reports_in_window', threshold: 3, windowDays: 180, enabled: true, ...over }],
    communeShare: 30,
  });

  it('refuses a threshold of 0, a negative or huge window, an unknown signal: every issue at once, nothing saved', async () => {
    const admin = c['admin'];
    const res = await admin.request('PUT', '/api/warnings/settings', {
      signals: [
        { key: 'supervision.reports_in_window', threshold: 0, windowDays: -5, enabled: true },
        { key: 'supervision.same_matter', threshold: 2, windowDays: 1_000_000, enabled: true },
        { key: 'nope.signal', threshold: 2, windowDays: 30, enabled: true },
      ],
      communeShare: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual(
      ['communeShare:share_range', 'signals.0.threshold:threshold_range', 'signals.0.windowDays:window_range', 'signals.1.windowDays:window_range', 'signals.2.key:unknown_signal'].sort(),
    );
    expect((await q('SELECT 1 FROM warning_settings')).length).toBe(0);
    // A commune officer reads them but may not set them.
    const read = (await c['officer.a'].get('/api/warnings/settings')).json();
    expect(read.editable).toBe(false);
    // A signal that is a state on the day does not read its window: the screen is told, and hides it.
    const windowUsed = Object.fromEntries((read.signals as { key: string; windowUsed: boolean }[]).map((s) => [s.key, s.windowUsed]));
    expect(windowUsed).toMatchObject({ 'supervision.reports_in_window': true, 'review.complaints': true, 'dashboard.no_secretary': false, 'supervision.overdue': false, 'review.secretary_level_fell': false });
    // Each threshold says what it counts (the screen names the unit).
    const unit = Object.fromEntries((read.signals as { key: string; unit: string }[]).map((s) => [s.key, s.unit]));
    expect(unit).toMatchObject({ 'supervision.reports_in_window': 'reports', 'supervision.same_matter': 'people', 'dashboard.no_secretary': 'days', 'dashboard.under_full_members': 'members', 'review.level_fell': 'steps', 'training.secretary_untrained': 'days' });
    expect((await c['officer.a'].request('PUT', '/api/warnings/settings', body())).statusCode).toBe(404);
    expect((await c['member.a1'].get('/api/warnings/settings')).statusCode).toBe(404);
  });

  it('applies a province’s threshold and switch to the list, audited', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Nà Mỏ');
    for (let i = 0; i < 3; i++) await report(cell.id, { category: 'suggestion', subject: 'cell' });
    const has = async () => about((await list(c['officer.a'])).items, cell.id)?.signals.map((s) => s.key) ?? [];
    expect(await has()).toContain('supervision.reports_in_window');
    const res = await c['admin'].request('PUT', '/api/warnings/settings', {
      signals: [
        { key: 'supervision.reports_in_window', threshold: 4, windowDays: 90, enabled: true },
        { key: 'supervision.same_matter', threshold: 2, windowDays: 90, enabled: false },
      ],
      communeShare: 50,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signals.find((s: { key: string }) => s.key === 'supervision.reports_in_window')).toMatchObject({ threshold: 4, windowDays: 90 });
    const now = await has();
    expect(now).not.toContain('supervision.reports_in_window');
    expect(now).not.toContain('supervision.same_matter');
    expect((await q("SELECT 1 FROM audit_events WHERE action = 'warning.settings.update'")).length).toBe(1);
    await c['admin'].request('PUT', '/api/warnings/settings', { signals: [body().signals[0], { key: 'supervision.same_matter', threshold: 2, windowDays: 180, enabled: true }], communeShare: 30 });
  });
});

describe('a moved cell', () => {
  it('takes its warning to its new commune, from the day it moved', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Đồng Mộc');
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await report(cell.id));
    // One concluded before the move stays with the commune that concluded it.
    await conclude(c['officer.a'], cases[2].id, 'founded');
    expect(about((await list(c['officer.a'])).items, cell.id)).toBeDefined();
    const moved = await c['admin'].post(`/api/units/${cell.id}/move`, { parentId: world.communeB.id, date: today });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(about((await list(c['officer.a'])).items, cell.id)).toBeUndefined();
    const inB = about((await list(c['officer.b'])).items, cell.id)!;
    expect(inB.commune.id).toBe(world.communeB.id);
    expect(inB.signals.find((s) => s.key === 'supervision.reports_in_window')!.count).toBe(3);
    // The open cases moved with it: commune B handles them now, commune A no longer sees them; the closed one stays.
    for (const x of cases.slice(0, 2)) {
      expect((await c['officer.b'].get(`/api/supervision/cases/${x.id}`)).statusCode).toBe(200);
      expect((await c['officer.a'].get(`/api/supervision/cases/${x.id}`)).statusCode).toBe(404);
    }
    expect((await c['officer.a'].get(`/api/supervision/cases/${cases[2].id}`)).statusCode).toBe(200);
    const events = await q<{ entity_id: string; before: unknown; after: unknown }>("SELECT entity_id, before, after FROM audit_events WHERE action = 'supervision.case.rehome' ORDER BY seq");
    expect(events.map((e) => e.entity_id).sort()).toEqual([cases[0].id, cases[1].id].sort());
    expect(events[0].before).toEqual({ handlingUnitId: world.communeA.id });
    expect(events[0].after).toEqual({ handlingUnitId: world.communeB.id, on: today });
    // The reporter stays anonymous.
    const [row] = await q<{ anonymous: boolean; reporter_name: string | null; reporter_user_id: string | null }>('SELECT anonymous, reporter_name, reporter_user_id FROM supervision_cases WHERE id = $1', [cases[0].id]);
    expect(row).toEqual({ anonymous: true, reporter_name: null, reporter_user_id: null });
    // Commune B, now handling it, concludes one unfounded: the pile-up stops counting it.
    await conclude(c['officer.b'], cases[0].id, 'unfounded');
    const after = about((await list(c['officer.b'])).items, cell.id);
    expect(after?.signals.find((s) => s.key === 'supervision.reports_in_window')).toBeUndefined();
  });
});

describe('registry health', () => {
  it('flags a cell under 3 full members and one without a secretary past the threshold', async () => {
    const items = (await list(c['officer.a'])).items;
    // Cell A2 has two members.
    expect(about(items, world.cellA2.id)!.signals.find((s) => s.key === 'dashboard.under_full_members')!.params).toMatchObject({ full: 2, threshold: 3 });
    const empty = await newCell(world.communeA.id, 'Chi bộ thôn Trống', { empty: true });
    const w = about((await list(c['officer.a'])).items, empty.id)!;
    expect(w.signals.map((s) => s.key).sort()).toEqual(['dashboard.no_secretary', 'dashboard.under_full_members']);
  });
});

describe('a merged cell', () => {
  it("hands its open cases and its warning's work to the cell it became, in that cell's commune", async () => {
    const flagged = await newCell(world.communeB.id, 'Chi bộ thôn Nà Lừa');
    const partner = await newCell(world.communeA.id, 'Chi bộ thôn Nà Pục');
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await report(flagged.id));
    expect((await c['officer.b'].post(`/api/warnings/cell/${flagged.id}/acknowledge`, {})).statusCode).toBe(200);
    expect((await c['officer.b'].post(`/api/warnings/cell/${flagged.id}/notes`, { body: 'Đã gọi điện cho bí thư.' })).statusCode).toBe(201);
    const merged = await c['admin'].post('/api/units/merge', { sourceIds: [partner.id, flagged.id], name: 'Chi bộ thôn Nà Lừa Nà Pục', date: today });
    expect(merged.statusCode, merged.body).toBe(201);
    const successor = merged.json().unit.id as string;
    // Commune A holds the successor: it sees the warning with the three cases, and the work done on it.
    const inA = about((await list(c['officer.a'])).items, successor)!;
    expect(inA.commune.id).toBe(world.communeA.id);
    expect(inA.signals.find((s) => s.key === 'supervision.reports_in_window')!.evidence.map((e) => e.id).sort()).toEqual(cases.map((x) => x.id).sort());
    expect(inA.status).toBe('acknowledged');
    expect(inA.notes.map((n) => n.body)).toEqual(['Đã gọi điện cho bí thư.']);
    // Commune B no longer sees the warning, under either cell, nor the cases; A handles them.
    const inB = (await list(c['officer.b'])).items;
    expect(about(inB, flagged.id)).toBeUndefined();
    expect(about(inB, successor)).toBeUndefined();
    for (const x of cases) {
      expect((await c['officer.a'].get(`/api/supervision/cases/${x.id}`)).statusCode).toBe(200);
      expect((await c['officer.b'].get(`/api/supervision/cases/${x.id}`)).statusCode).toBe(404);
    }
    // Audited: each case names its two cells and communes and the day; the warning its two keys and the day.
    const moved = await q<{ before: unknown; after: unknown }>("SELECT before, after FROM audit_events WHERE action = 'supervision.case.rehome' AND entity_id = $1", [cases[0].id]);
    expect(moved).toEqual([{ before: { cellId: flagged.id, handlingUnitId: world.communeB.id }, after: { cellId: successor, handlingUnitId: world.communeA.id, on: today } }]);
    const w = await q<{ entity_id: string; before: unknown; after: unknown }>("SELECT entity_id, before, after FROM audit_events WHERE action = 'warning.rehome'");
    expect(w).toEqual([{ entity_id: `cell:${successor}`, before: { subjectKey: `cell:${flagged.id}`, status: 'acknowledged' }, after: { subjectKey: `cell:${successor}`, on: today } }]);
    // The reporters stay anonymous, and nothing finer than a day is written.
    const rows = await q<{ anonymous: boolean; reporter_name: string | null }>('SELECT anonymous, reporter_name FROM supervision_cases WHERE id = ANY($1::uuid[])', [cases.map((x) => x.id)]);
    expect(rows.every((r) => r.anonymous && r.reporter_name === null)).toBe(true);
    expect(JSON.stringify(w)).not.toMatch(/T\d\d:/);
  });
});

describe('the follow-up picker', () => {
  it('offers the officers of the warning’s branch who may work it, none of its cell, and refuses anyone else', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Khau Vai');
    for (let i = 0; i < 3; i++) await report(cell.id);
    // A commune officer who is a member of the flagged cell: the warning does not exist for them, so not offered.
    const insider = await addPerson(ctx.database.db, cell.id, { fullName: 'Lò Văn Nội' });
    await createUser(ctx.database.db, system, { username: 'officer.inside', displayName: 'officer.inside', password: TEST_PASSWORD, role: 'commune_officer', unitId: world.communeA.id, personId: insider.id });
    const res = await c['officer.a'].get(`/api/warnings/cell/${cell.id}/assignees`);
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as { username: string }[]).map((a) => a.username).sort();
    expect(names, JSON.stringify(names)).toEqual(['inspector', 'officer.a', 'officer.local']);
    // Outside the branch: the warning is not there for officer B.
    expect((await c['officer.b'].get(`/api/warnings/cell/${cell.id}/assignees`)).statusCode).toBe(404);
    // Whoever the picker does not offer is refused, naming the field, nothing saved.
    const ids = Object.fromEntries((await q<{ username: string; id: string }>('SELECT username, id FROM users')).map((u) => [u.username, u.id]));
    for (const who of ['officer.b', 'secretary.a1', 'admin', 'officer.inside']) {
      const r = await c['officer.a'].post(`/api/warnings/cell/${cell.id}/follow-up`, { assigneeUserId: ids[who], by: addDays(today, 7) });
      expect(r.statusCode, who).toBe(400);
      expect(r.json().error.fields.map((i: { path: string; code: string }) => `${i.path}:${i.code}`)).toEqual(['assigneeUserId:assignee_not_in_branch']);
    }
    expect(await q('SELECT 1 FROM warning_states WHERE subject_key = $1 AND follow_up_user_id IS NOT NULL', [`cell:${cell.id}`])).toEqual([]);
    const ok = await c['officer.a'].post(`/api/warnings/cell/${cell.id}/follow-up`, { assigneeUserId: ids['inspector'], by: addDays(today, 7) });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('the work on a past day', () => {
  afterEach(() => vi.useRealTimers());

  it('shows acknowledged, assigned and closed as they stood then, equal to a replay of the audit', async () => {
    const cell = await newCell(world.communeA.id, 'Chi bộ thôn Lũng Cú');
    for (let i = 0; i < 3; i++) await report(cell.id);
    const key = `cell:${cell.id}`;
    const days = [today, addDays(today, 1), addDays(today, 2), addDays(today, 3)];
    // Each step on its own day (noon in Vietnam): the app's clock is moved, the session is today's.
    const officer = c['officer.a'];
    const on = async (day: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(`${day}T12:00:00+07:00`));
      // The test's sessions are kept alive on the moved clock (sign-in is not what is tested here).
      await q("UPDATE sessions SET expires_at = $1::timestamptz + interval '1 day', last_seen_at = $1::timestamptz", [`${day}T12:00:00+07:00`]);
    };
    const [{ id: inspectorId }] = await q<{ id: string }>("SELECT id FROM users WHERE username = 'inspector'");
    await on(days[1]);
    expect((await officer.post(`/api/warnings/cell/${cell.id}/acknowledge`, {})).statusCode).toBe(200);
    await on(days[2]);
    expect((await officer.post(`/api/warnings/cell/${cell.id}/follow-up`, { assigneeUserId: inspectorId, by: addDays(days[2], 7), note: 'Kiểm tra tại chỗ.' })).statusCode).toBe(200);
    await on(days[3]);
    expect((await officer.post(`/api/warnings/cell/${cell.id}/close`, { reason: 'Đã xác minh, đã chấn chỉnh.' })).statusCode).toBe(200);

    const seen = [];
    for (const day of days) {
      const w = about((await list(officer, day)).items, cell.id)!;
      seen.push({ status: w.status, followUp: w.followUp?.userId ?? null, notes: w.notes.length });
      // The reference: the last audited change of the work made on or before the day (none: open).
      const [last] = await q<{ after: { status: string; followUpUserId: string | null } }>(
        "SELECT after FROM audit_events WHERE entity_type = 'warning' AND entity_id = $1 AND action IN ('warning.acknowledge', 'warning.follow_up', 'warning.close', 'warning.rehome') AND (after->>'on')::date <= $2::date ORDER BY seq DESC LIMIT 1",
        [key, day],
      );
      expect({ status: w.status, followUp: w.followUp?.userId ?? null }, day).toEqual({ status: last?.after.status ?? 'open', followUp: last?.after.followUpUserId ?? null });
    }
    expect(seen).toEqual([
      { status: 'open', followUp: null, notes: 0 },
      { status: 'acknowledged', followUp: null, notes: 0 },
      { status: 'acknowledged', followUp: inspectorId, notes: 1 },
      { status: 'closed', followUp: inspectorId, notes: 1 },
    ]);
  });
});
