// The review results of the years before the 2025 reform (issue 16): the demo's 2020–2024 cycles of the old
// provinces, taken on the tree as it stood each year; the article's 96.3 % of the old Tuyên Quang province's
// secretaries "good or better" in 2024; and who reads an old unit's figures (the lineage's officers, nobody across).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import type { Db } from '../../platform/db/index.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { congressSignals } from '../people/congress-signals.js';
import { seedCongressDemo } from '../people/demo.js';
import { seedReviewDemo } from './demo.js';

let ctx: TestContext;
let db: Db;
let oldTq: string;
let oldHg: string;
let made: Record<string, number>;
let provinceId: string;
let congresses: Record<string, number>;

const oldProvince = async (name: string) =>
  (await db.execute<{ unit_id: string }>(sql`SELECT v.unit_id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE u.kind = 'province' AND u.valid_to = '2025-07-01' AND v.name = ${name}`)).rows[0]?.unit_id;

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  const seeded = await seedDemo(db, { seed: 16, communeLimit: 124, cellsPerCommune: 20, membersPerCell: 2 });
  provinceId = seeded.provinceId;
  congresses = seeded.history;
  // The seed applied people's history itself (before building the figures): the module's hook finds it done.
  expect(await seedCongressDemo(db, { provinceId, communeIds: [] })).toEqual({});
  made = await seedReviewDemo(db, { provinceId, communeIds: [] });
  oldTq = (await oldProvince('Tỉnh Tuyên Quang'))!;
  oldHg = (await oldProvince('Tỉnh Hà Giang'))!;
}, 180_000);

describe('the review results of 2020–2024 on the old tree', () => {
  it('gives one closed cycle a year for each old province, its participants the cells and secretaries of that year', async () => {
    expect(oldTq).toBeTruthy();
    expect(oldHg).toBeTruthy();
    expect(made.cycles).toBe(10);
    // The secretaries taking part in 2024 are exactly those in office on 31/12/2024 in a cell of the old province then.
    const { rows } = await db.execute<{ taking: number; holding: number; undecided: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id
          WHERE c.year = 2024 AND c.unit_id = ${oldTq} AND p."group" = 'secretary') AS taking,
        (SELECT count(DISTINCT t.person_id)::int FROM position_terms t JOIN org_unit_versions v ON v.unit_id = t.unit_id
          JOIN org_unit_versions pv ON pv.unit_id = ${oldTq}
          WHERE t.position = 'secretary' AND t.valid_from <= '2024-12-31' AND (t.valid_to IS NULL OR t.valid_to > '2024-12-31')
            AND v.valid_from <= '2024-12-31' AND v.valid_to > '2024-12-31' AND v.path LIKE pv.path || '%') AS holding,
        (SELECT count(*)::int FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id
          WHERE c.source = 'import' AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.participant_id = p.id)) AS undecided`);
    expect(rows[0].taking).toBeGreaterThan(500);
    expect(rows[0].taking).toBe(rows[0].holding);
    expect(rows[0].undecided).toBe(0);
  });

  it("shows the province administrator 96.3 % of the old Tuyên Quang province's secretaries good or better in 2024", async () => {
    const admin = await signIn(ctx.app, 'admin', DEMO_PASSWORD);
    const res = await admin.get(`/api/review/figures?unitId=${oldTq}&year=2024`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.unit).toMatchObject({ id: oldTq, name: 'Tỉnh Tuyên Quang', kind: 'province' });
    expect(f.secretaries.decided).toBe(f.secretaries.total);
    expect(f.secretaries.goodOrBetterPct).toBe(96.3);
    // Every old commune's excellent within its cap.
    expect(f.caps.length).toBeGreaterThan(0);
    expect(f.caps.every((c: { ok: boolean }) => c.ok)).toBe(true);
    // Five years of trend, each year's share given, rising to 2024's.
    expect(f.trend.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(f.trend.every((y: { secretariesGoodOrBetterPct: number | null }) => y.secretariesGoodOrBetterPct !== null)).toBe(true);
    expect(f.trend[4].secretariesGoodOrBetterPct).toBe(96.3);
    // Old Hà Giang has its own results, not summed into old Tuyên Quang's.
    const hg = (await admin.get(`/api/review/figures?unitId=${oldHg}&year=2024`)).json();
    expect(hg.secretaries.total).toBeGreaterThan(0);
    expect(hg.secretaries.goodOrBetterPct).not.toBe(96.3);
    // The new province's 2024 results are those of the old provinces that became it: both summed.
    const now = (await admin.get(`/api/review/figures?unitId=${provinceId}&year=2024`)).json();
    expect(now.secretaries.total).toBe(f.secretaries.total + hg.secretaries.total);
    expect(now.cells.total).toBe(f.cells.total + hg.cells.total);
    // The cycles are listed to the administrator with the others (read-only history).
    const cycles = (await admin.get('/api/review/cycles')).json().items as { unitId: string; year: number; status: string }[];
    expect(cycles.filter((c) => c.unitId === oldTq).map((c) => c.year).sort()).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it("lets a commune officer read their own commune's old communes, and nothing across", async () => {
    const officer = await signIn(ctx.app, 'canbo.xa', DEMO_PASSWORD);
    const other = await signIn(ctx.app, 'canbo.xa2', DEMO_PASSWORD);
    // The old communes that became canbo.xa's commune, from the officer's own session.
    const me = (await officer.get('/api/auth/me')).json() as { user: { roles: { role: string; unitId: string }[] } };
    const communeId = me.user.roles.find((r) => r.role === 'commune_officer')!.unitId;
    const { rows } = await db.execute<{ id: string }>(sql`SELECT u.id FROM org_units u WHERE u.successor_ids @> ARRAY[${communeId}::uuid] AND u.kind IN ('commune', 'ward')`);
    expect(rows.length).toBeGreaterThan(0);
    const own = await officer.get(`/api/review/figures?unitId=${rows[0].id}&year=2024`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().secretaries.total).toBeGreaterThan(0);
    // The officer of another commune sees neither that old commune nor the old province.
    expect((await other.get(`/api/review/figures?unitId=${rows[0].id}&year=2024`)).statusCode).toBe(404);
    expect((await officer.get(`/api/review/figures?unitId=${oldTq}&year=2024`)).statusCode).toBe(404);
  });

  it("gives the demo's cells their congresses: most on 15/08/2020, a few late, some secretaries replaced mid-term, nearly all in 2025", async () => {
    const { rows } = await db.execute<{ cells: number; c2020: number; on_day: number; late: number; c2025: number; handovers: number }>(sql`
      SELECT (SELECT count(*)::int FROM org_units WHERE kind = 'cell' AND valid_from <= '2020-08-15') AS cells,
        count(*) FILTER (WHERE term_from = 2020)::int AS c2020,
        count(*) FILTER (WHERE held_on = '2020-08-15')::int AS on_day,
        count(*) FILTER (WHERE term_from = 2020 AND held_on > '2020-08-15')::int AS late,
        count(*) FILTER (WHERE term_from = 2025)::int AS c2025,
        (SELECT count(*)::int FROM position_terms WHERE position = 'secretary' AND valid_from BETWEEN '2022-03-01' AND '2023-07-15') AS handovers
      FROM cell_congresses`);
    const r = rows[0];
    expect(congresses.congresses).toBe(r.c2020 + r.c2025);
    expect(r.on_day / r.c2020).toBeGreaterThan(0.9);
    expect(r.late).toBeGreaterThan(0);
    expect(r.handovers).toBe(congresses.replacedMidTerm);
    expect(r.handovers).toBeGreaterThan(0);
    expect(r.c2025 / r.cells).toBeGreaterThan(0.7);
    // Those elected were members of their cell on the day (the rule the API enforces holds for the demo too).
    const { rows: bad } = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM cell_congresses k WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = k.secretary_id
        AND m.unit_id = k.cell_id AND m.valid_from <= k.held_on AND (m.valid_to IS NULL OR m.valid_to > k.held_on))`);
    expect(bad[0].n).toBe(0);
    // The cells that held their 2020 congress and not the 2025 one stand past their congress date today.
    const signal = congressSignals[0]!;
    const { rows: p } = await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${provinceId}`);
    const today = todayIso();
    const flagged = await signal.evaluate(db, { path: p[0].path, date: today, config: signal.defaults });
    const { rows: overdue } = await db.execute<{ n: number }>(sql`
      SELECT count(DISTINCT k.cell_id)::int AS n FROM cell_congresses k JOIN org_units u ON u.id = k.cell_id AND u.valid_to IS NULL
      WHERE k.term_from = 2020 AND NOT EXISTS (SELECT 1 FROM cell_congresses n WHERE n.cell_id = k.cell_id AND n.term_from = 2025)`);
    expect(flagged.length).toBe(overdue[0].n);
    expect(flagged.length).toBeGreaterThan(0);
  });

  it("gives the members five years of history: a few leaving and moving each year, and the commune's trend unbroken by the reform", async () => {
    const { rows: years } = await db.execute<{ y: number; died: number; left: number }>(sql`
      SELECT extract(year FROM status_date)::int AS y, count(*) FILTER (WHERE status = 'deceased')::int AS died, count(*) FILTER (WHERE status = 'left')::int AS left
      FROM people WHERE status_date BETWEEN '2020-01-01' AND '2024-12-31' GROUP BY 1 ORDER BY 1`);
    expect(years.map((y) => y.y)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(years.every((y) => y.died > 0 && y.left > 0)).toBe(true);
    // (with those the generator already had leave in those years)
    expect(congresses.leftOrDied).toBeGreaterThan(0);
    expect(years.reduce((n, y) => n + y.died + y.left, 0)).toBeGreaterThanOrEqual(congresses.leftOrDied);
    expect(congresses.moved).toBeGreaterThan(0);
    // Every leaver's membership ends on the day they left; nobody is in two cells at once after the moves.
    const { rows: check } = await db.execute<{ open: number; overlaps: number }>(sql`
      SELECT (SELECT count(*)::int FROM people p JOIN memberships m ON m.person_id = p.id AND (m.valid_to IS NULL OR m.valid_to > p.status_date)
               WHERE p.status <> 'active' AND p.status_date < '2025-01-01') AS open,
        (SELECT count(*)::int FROM memberships a JOIN memberships b ON a.person_id = b.person_id AND a.id < b.id
               AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)) AS overlaps`);
    expect(check[0]).toEqual({ open: 0, overlaps: 0 });
    // A new commune's members, year by year from 2020 to today: the fast figures equal the raw count, with change,
    // and the reform day (its predecessors' on 30/06/2025, its own on 01/07/2025) is no break.
    const { rows: communes } = await db.execute<{ id: string; path: string }>(sql`
      SELECT v.unit_id AS id, v.path FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
      WHERE u.kind IN ('commune', 'ward') AND u.valid_from = '2025-07-01' AND v.valid_to IS NULL ORDER BY u.code LIMIT 1`);
    const admin = await signIn(ctx.app, 'admin', DEMO_PASSWORD);
    const counts: number[] = [];
    for (const date of ['2020-06-30', '2021-06-30', '2022-06-30', '2023-06-30', '2024-06-30', '2025-06-30', '2025-07-01']) {
      const fast = (await admin.get(`/api/units/${communes[0].id}?date=${date}`)).json().figures.members as number;
      expect(fast, date).toBe(await rawMembersOf(communes[0].path, date));
      counts.push(fast);
    }
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect(counts[6]).toBe(counts[5]);
  });
});

/** Members on `date` in the cells that are under the commune today (they were its predecessors' then): raw SQL. */
async function rawMembersOf(path: string, date: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(DISTINCT m.person_id)::int AS n FROM memberships m JOIN org_unit_versions v ON v.unit_id = m.unit_id AND v.valid_to IS NULL AND v.path LIKE ${path + '%'}
    JOIN org_units u ON u.id = m.unit_id AND u.kind = 'cell'
    WHERE m.valid_from <= ${date} AND (m.valid_to IS NULL OR m.valid_to > ${date})`);
  return rows[0].n;
}
