// The review results of the years before the 2025 reform (issue 16): the demo's 2020–2024 cycles of the old
// provinces, taken on the tree as it stood each year; the article's 96.3 % of the old Tuyên Quang province's
// secretaries "good or better" in 2024; and who reads an old unit's figures (the lineage's officers, nobody across).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { seedReviewDemo } from './demo.js';

let ctx: TestContext;
let db: Db;
let oldTq: string;
let oldHg: string;
let made: Record<string, number>;
let provinceId: string;

const oldProvince = async (name: string) =>
  (await db.execute<{ unit_id: string }>(sql`SELECT v.unit_id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE u.kind = 'province' AND u.valid_to = '2025-07-01' AND v.name = ${name}`)).rows[0]?.unit_id;

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  const seeded = await seedDemo(db, { seed: 16, communeLimit: 124, cellsPerCommune: 20, membersPerCell: 2 });
  provinceId = seeded.provinceId;
  made = await seedReviewDemo(db, { provinceId, communeIds: [] });
  oldTq = (await oldProvince('Tỉnh Tuyên Quang'))!;
  oldHg = (await oldProvince('Tỉnh Hà Giang'))!;
}, 180_000);

describe('the review results of 2020–2024 on the old tree', () => {
  it('gives one closed cycle a year for each old province, its participants the cells and members of that year', async () => {
    expect(oldTq).toBeTruthy();
    expect(oldHg).toBeTruthy();
    expect(made.cycles).toBe(10);
    // The secretaries taking part in 2024 are exactly those in office on 31/12/2024 in a cell of the old province then.
    const { rows } = await db.execute<{ taking: number; holding: number; undecided: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id
          WHERE c.year = 2024 AND c.unit_id = ${oldTq} AND p."group" = 'secretary') AS taking,
        (SELECT count(DISTINCT t.person_id)::int FROM position_terms t JOIN org_unit_versions v ON v.unit_id = t.unit_id
          JOIN memberships m ON m.person_id = t.person_id AND m.unit_id = t.unit_id AND m.valid_from <= '2024-12-31' AND (m.valid_to IS NULL OR m.valid_to > '2024-12-31')
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
    expect(now.members.total).toBe(f.members.total + hg.members.total);
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
    expect(own.json().members.total).toBeGreaterThan(0);
    // The officer of another commune sees neither that old commune nor the old province.
    expect((await other.get(`/api/review/figures?unitId=${rows[0].id}&year=2024`)).statusCode).toBe(404);
    expect((await officer.get(`/api/review/figures?unitId=${oldTq}&year=2024`)).statusCode).toBe(404);
  });
});
