// A cell's congresses and its secretaries with dates (issue 16): recording the 2020 and a mid-term replacement, the
// history read back with dates; bad congresses (before the cell, in the future, a secretary who was not a member of
// the cell that day, the same day twice, 20 at once) refused with a named field and nothing saved; access by branch.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { addPerson, makeWorld, personFields, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { createUnit } from '../org/service.js';
import { congressSignals } from './congress-signals.js';
import { recordCongress } from './congresses.js';
import { createPerson, transferPerson } from './service.js';

let ctx: TestContext;
let db: Db;
let w: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  w = await makeWorld(ctx);
});

async function saved() {
  const { rows } = await db.execute<{ congresses: number; terms: number; audit: number }>(sql`
    SELECT (SELECT count(*) FROM cell_congresses)::int AS congresses, (SELECT count(*) FROM position_terms)::int AS terms,
      (SELECT count(*) FROM audit_staged)::int + (SELECT count(*) FROM audit_events)::int AS audit`);
  return rows[0];
}

const fieldsOf = (body: string) => (JSON.parse(body).error.fields as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);

describe('congresses of a cell', () => {
  it('records a congress that re-elects, then a later one that puts a new secretary and deputy into office from its day', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const first = await officer.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2020-08-15', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().congress).toMatchObject({ heldOn: '2020-08-15', termFrom: 2020, termTo: 2025, secretary: { id: w.people.secretaryA1.id, fullName: 'Hoàng Văn Bình' }, deputy: null });

    // A secretary replaced mid-term: an extraordinary congress on 2023-03-10 elects the member and a new deputy.
    const deputy = await addPerson(db, w.cellA1.id, { fullName: 'Triệu Văn Phúc' });
    const second = await officer.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2023-03-10', termFrom: 2020, termTo: 2025, secretaryId: w.people.memberA1.id, deputyId: deputy.id });
    expect(second.statusCode, second.body).toBe(201);

    const history = (await officer.get(`/api/cells/${w.cellA1.id}/congresses`)).json();
    expect(history.congresses.map((c: { heldOn: string }) => c.heldOn)).toEqual(['2023-03-10', '2020-08-15']);
    const terms = history.terms.map((t: { position: string; person: { fullName: string }; validFrom: string; validTo: string | null; elected: boolean }) =>
      [t.position, t.person.fullName, t.validFrom, t.validTo, t.elected]);
    expect(terms).toEqual([
      ['secretary', 'Nguyễn Thị Xiến', '2023-03-10', null, true],
      ['deputy_secretary', 'Triệu Văn Phúc', '2023-03-10', null, true],
      ['secretary', 'Hoàng Văn Bình', '2020-08-15', '2023-03-10', true],
    ]);
    // The cell's secretary today is the one elected last; on a day before, the one before.
    const { rows } = await db.execute<{ d: string; person_id: string }>(sql`
      SELECT d::text, t.person_id FROM unnest(ARRAY['2022-12-31', '2024-01-01']::date[]) d
      JOIN position_terms t ON t.unit_id = ${w.cellA1.id} AND t.position = 'secretary' AND t.valid_from <= d AND (t.valid_to IS NULL OR t.valid_to > d) ORDER BY d`);
    expect(rows.map((r) => r.person_id)).toEqual([w.people.secretaryA1.id, w.people.memberA1.id]);
  });

  it('keeps the later terms when a congress is recorded back-dated before them (history, not a rewrite)', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const before = await saved();
    const res = await officer.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2021-05-05', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id });
    expect(res.statusCode, res.body).toBe(201);
    const after = await saved();
    expect(after.congresses).toBe(before.congresses + 1);
    expect(after.terms).toBe(before.terms);
  });

  it('refuses a congress before the cell existed, in the future, or electing someone not a member of the cell that day — nothing saved', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const young = await createUnit(db, systemActor('t'), { parentId: w.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Mới Lập', code: '90001-077', validFrom: '2024-01-01' });
    const m = await createPerson(db, systemActor('t'), { ...personFields({ fullName: 'Sùng Mí Sính' }), unitId: young.id, memberSince: '2024-01-01' });
    const next = Number(todayIso().slice(0, 4)) + 1;
    const before = await saved();
    const cases: [string, Record<string, unknown>, string[]][] = [
      [young.id, { heldOn: '2020-08-15', termFrom: 2020, termTo: 2025, secretaryId: m.id }, ['heldOn:congress_before_unit', 'secretaryId:congress_not_member']],
      [w.cellA1.id, { heldOn: `${next}-01-15`, termFrom: next, termTo: next + 5, secretaryId: w.people.secretaryA1.id }, ['heldOn:congress_in_future']],
      // A member of another cell (A2's secretary), and someone who joined the cell only later.
      [w.cellA1.id, { heldOn: '2020-09-01', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA2.id }, ['secretaryId:congress_not_member']],
      [w.cellA1.id, { heldOn: '2020-09-01', termFrom: 2025, termTo: 2020, secretaryId: w.people.secretaryA1.id, deputyId: w.people.secretaryA1.id }, ['termTo:congress_term_order', 'deputyId:congress_same_person']],
    ];
    for (const [cell, body, expected] of cases) {
      const res = await officer.post(`/api/cells/${cell}/congresses`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res.body).sort()).toEqual(expected.sort());
    }
    // Moved to cell A1 in 2024: not its member at a 2020 congress.
    const mover = await addPerson(db, w.cellA2.id, { fullName: 'Bàn Văn Tài' });
    await transferPerson(db, systemActor('t'), mover.id, { toUnitId: w.cellA1.id, date: '2024-02-01' });
    const moved = await officer.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2020-10-01', termFrom: 2020, termTo: 2025, secretaryId: mover.id });
    expect(fieldsOf(moved.body)).toEqual(['secretaryId:congress_not_member']);
    // Malformed input: NUL bytes, impossible dates.
    for (const body of [{ heldOn: '2021-02-30', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id }, { heldOn: '2021\u00000-01', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id }]) {
      const res = await officer.post(`/api/cells/${w.cellA1.id}/congresses`, body);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.body)[0]).toMatch(/^heldOn:/);
    }
    const after = await saved();
    expect(after.congresses).toBe(before.congresses);
    expect(after.terms).toBe(before.terms);
  });

  it('answers the same congress sent 20 times at once with one 201 and 409s naming the day', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const body = { heldOn: '2020-08-20', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA2.id };
    const answers = await Promise.all(Array.from({ length: 20 }, () => officer.post(`/api/cells/${w.cellA2.id}/congresses`, body)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect(fieldsOf(answers.find((a) => a.statusCode === 409)!.body)).toEqual(['heldOn:congress_exists']);
  });

  it('is read in the branch and its lineage only, and recorded by the officers', async () => {
    const other = await signIn(ctx.app, 'officer.b');
    expect((await other.get(`/api/cells/${w.cellA1.id}/congresses`)).statusCode).toBe(404);
    expect((await other.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2020-08-25', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id })).statusCode).toBe(404);
    const member = await signIn(ctx.app, 'member.a1');
    expect((await member.get(`/api/cells/${w.cellA1.id}/congresses`)).statusCode).toBe(200);
    expect((await member.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2020-08-25', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id })).statusCode).toBe(403);
    const secretary = await signIn(ctx.app, 'secretary.a1');
    expect((await secretary.post(`/api/cells/${w.cellA1.id}/congresses`, { heldOn: '2020-08-25', termFrom: 2020, termTo: 2025, secretaryId: w.people.secretaryA1.id })).statusCode).toBe(403);
    // A commune is not a cell: no congresses here.
    const admin = await signIn(ctx.app, 'admin');
    expect((await admin.get(`/api/cells/${w.communeA.id}/congresses`)).statusCode).toBe(404);
  });

  it('flags a cell whose term ended with no new congress ("term past its congress date"), as it stood on the day', async () => {
    const system = systemActor('t');
    const cell = await createUnit(db, system, { parentId: w.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Quá Hạn', code: '90001-088', validFrom: '2020-01-01' });
    const s = await addPerson(db, cell.id, { fullName: 'Hà Văn Quý' });
    const d = await addPerson(db, cell.id, { fullName: 'Hà Thị Mến', sex: 'female' });
    await recordCongress(db, system, cell.id, { heldOn: '2020-07-01', termFrom: 2020, termTo: 2025, secretaryId: s.id });
    // An extraordinary congress in 2023 elects a deputy: the term still ends on 2025-07-01.
    await recordCongress(db, system, cell.id, { heldOn: '2023-04-04', termFrom: 2020, termTo: 2025, secretaryId: s.id, deputyId: d.id });
    const signal = congressSignals[0]!;
    const on = async (date: string) =>
      (await signal.evaluate(db, { path: w.communeA.path, date, config: signal.defaults })).filter((f) => f.cellId === cell.id);
    expect(await on('2025-06-30')).toEqual([]);
    expect(await on('2025-07-01')).toEqual([]); // the term ends that day: one day past is the threshold
    const late = await on('2025-09-01');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ count: 62, params: { heldOn: '2023-04-04', termEnd: '2025-07-01', days: 62 }, evidence: [{ on: '2023-04-04' }] });
    // Not in another branch.
    expect((await signal.evaluate(db, { path: w.communeB.path, date: '2025-09-01', config: signal.defaults })).some((f) => f.cellId === cell.id)).toBe(false);
    // The 2025 congress held: no longer flagged from its day, still flagged for the days before it.
    await recordCongress(db, system, cell.id, { heldOn: '2025-09-15', termFrom: 2025, termTo: 2030, secretaryId: s.id });
    expect(await on('2025-10-01')).toEqual([]);
    expect(await on('2025-09-14')).toHaveLength(1);
  });
});
