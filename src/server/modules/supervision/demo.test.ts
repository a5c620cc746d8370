// The demo shows the signal the article is about (issue 17): after the demo province and the supervision and review
// demos, the province's warnings list has findings of the three supervision signals and of review complaints, the
// demo commune officer `canbo.xa` sees one on their list, and the planted noise (unfounded and closed cases, a
// declined one, reports older than the window, a cell just under every threshold) raises nothing.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { modules } from '../index.js';
import { childIds } from '../org/tree.js';
import { todayIso } from '../../../domain/dates.js';
import { listWarnings } from '../warnings/list.js';

let ctx: TestContext;
let db: Db;
let provinceId: string;
const providers = modules.flatMap((m) => m.signals ?? []);
const SIGNALS = ['supervision.reports_in_window', 'supervision.same_matter', 'supervision.overdue', 'review.complaints'] as const;
type Listed = { cell: { id: string }; signals: { key: string; count: number; evidence: { id: string }[] }[] };

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  const seeded = await seedDemo(db, { seed: 7, communeLimit: 8, cellsPerCommune: 5, membersPerCell: 6 });
  provinceId = seeded.provinceId;
  const demoCtx = { provinceId, communeIds: await childIds(db, provinceId, todayIso()) };
  for (const name of ['supervision', 'review']) await modules.find((m) => m.name === name)!.demo!(db, demoCtx);
}, 120_000);

async function provinceList(): Promise<Listed[]> {
  const { rows } = await db.execute<{ path: string; name: string }>(sql`SELECT path, name FROM org_unit_versions WHERE unit_id = ${provinceId} AND valid_to IS NULL`);
  const actor: Actor = { userId: null, name: 'test', personId: null, ownCellId: null, grants: [{ role: 'province_admin', unitId: provinceId, unitPath: rows[0].path, unitName: rows[0].name, unitKind: 'province' }] };
  return (await listWarnings(db, actor, providers, { date: todayIso() })).items as Listed[];
}

const cellsWith = (items: Listed[], key: string) => new Set(items.filter((w) => w.signals.some((s) => s.key === key)).map((w) => w.cell.id));

describe('the demo plants pile-ups the early warning shows', () => {
  it('the province reader sees each supervision signal and review complaints; the noise raises nothing', async () => {
    const items = await provinceList();
    for (const key of SIGNALS) expect(cellsWith(items, key).size, key).toBeGreaterThanOrEqual(1);

    // The planted cells, by what was planted in them (the demo's case texts).
    const { rows } = await db.execute<{ cell_id: string; letter: string }>(sql`
      SELECT DISTINCT cell_id, CASE WHEN content LIKE 'Việc xét giao đất%' THEN 'A' WHEN content LIKE '%đóng góp xây%' THEN 'B'
        WHEN content LIKE '%sạt lở%' THEN 'C' WHEN content LIKE '%mương thủy lợi%' THEN 'D' END AS letter
      FROM supervision_cases WHERE content LIKE 'Việc xét giao đất%' OR content LIKE '%đóng góp xây%' OR content LIKE '%sạt lở%' OR content LIKE '%mương thủy lợi%'`);
    const cell = Object.fromEntries(rows.map((r) => [r.letter, r.cell_id]));
    expect(Object.keys(cell).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(Object.values(cell)).size).toBe(4);

    const reports = cellsWith(items, 'supervision.reports_in_window');
    const same = cellsWith(items, 'supervision.same_matter');
    const overdue = cellsWith(items, 'supervision.overdue');
    expect([...reports].sort()).toEqual([cell.A, cell.B].sort());
    expect([...same].sort()).toEqual([cell.A, cell.B].sort());
    expect([...overdue]).toEqual([cell.C]);
    // A: four reports in the window count (the founded one, two pending, the denunciation; not the one of 230 days
    // ago); the land matter by two people (the reporter who wrote their name and phone two ways is one).
    const a = items.filter((w) => w.cell.id === cell.A).flatMap((w) => w.signals);
    expect(Math.max(...a.filter((s) => s.key === 'supervision.reports_in_window').map((s) => s.count))).toBe(4);
    expect(a.filter((s) => s.key === 'supervision.same_matter').map((s) => s.count)).toContain(2);
    expect(a.some((s) => s.key === 'supervision.same_matter' && s.count > 2)).toBe(false);
    // B: three reports, the same matter by three (two anonymous, one named); the declined suggestion is not evidence.
    const b = items.filter((w) => w.cell.id === cell.B).flatMap((w) => w.signals);
    expect(b.find((s) => s.key === 'supervision.reports_in_window')?.count).toBe(3);
    expect(b.find((s) => s.key === 'supervision.same_matter')?.count).toBe(3);
    // C (two unfounded closed cases beside the overdue one) and D (just under every threshold): nothing else.
    expect(items.filter((w) => w.cell.id === cell.C).flatMap((w) => w.signals.filter((s) => s.key.startsWith('supervision.')).map((s) => s.key))).toEqual(['supervision.overdue']);
    expect(items.filter((w) => w.cell.id === cell.D).flatMap((w) => w.signals.filter((s) => s.key.startsWith('supervision.')))).toEqual([]);

    // Review complaints: three in the window raise a finding each; the one filed 420 days ago does not.
    const { rows: complaints } = await db.execute<{ cell_id: string; old: boolean }>(sql`
      SELECT p.unit_id AS cell_id, k.filed_at < now() - interval '365 days' AS old
      FROM review_complaints k JOIN review_participants p ON p.id = k.participant_id`);
    expect(complaints).toHaveLength(4);
    const complained = cellsWith(items, 'review.complaints');
    expect(complaints.filter((c) => !c.old).every((c) => complained.has(c.cell_id))).toBe(true);
    expect(complaints.filter((c) => c.old).map((c) => complained.has(c.cell_id))).toEqual([false]);
  });

  it('the demo commune officer canbo.xa sees the pile-up in their commune', async () => {
    const officer = await signIn(ctx.app, 'canbo.xa', DEMO_PASSWORD);
    const res = await officer.request('GET', '/api/warnings');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Listed[];
    expect(cellsWith(items, 'supervision.reports_in_window').size).toBe(1);
    expect(cellsWith(items, 'supervision.same_matter').size).toBe(1);
  });
});
