// The demo seed loads the demo province's old tree and the 2025 reform (issue 16) in its one transaction: the old
// provinces and districts, the new communes' cells under their old communes until 30/06/2025, figures built over
// that history (the fast ones equal the reference), and the loader's audit events chained with the seed's.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { computeFigures } from '../dashboard/figures.js';
import { rawFigures } from '../dashboard/raw.js';
import { seedDemo } from './seed.js';

let ctx: TestContext;
let db: Db;

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
});

describe('the demo seed with the old tree', () => {
  it('loads the old provinces, districts and communes of the demo communes, with their cells and figures before the reform', async () => {
    const result = await seedDemo(db, { seed: 7, communeLimit: 6, cellsPerCommune: 4, membersPerCell: 6 });
    const { rows: kinds } = await db.execute<{ kind: string; n: number }>(sql`
      SELECT u.kind, count(*)::int AS n FROM org_units u WHERE u.valid_to = '2025-07-01' AND u.closed_reason = 'merged' GROUP BY u.kind ORDER BY u.kind`);
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(byKind.province).toBeGreaterThanOrEqual(1);
    expect(byKind.district).toBeGreaterThanOrEqual(1);
    expect((byKind.commune ?? 0) + (byKind.ward ?? 0)).toBeGreaterThanOrEqual(6);

    // Every demo cell in force on the reform day has its earlier life under an old commune, from 2020.
    const { rows: cells } = await db.execute<{ total: number; earlier: number }>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM org_unit_versions w JOIN org_units p ON p.id = w.parent_id
        WHERE w.unit_id = u.id AND w.valid_from = '2020-01-01' AND w.valid_to = '2025-07-01' AND p.valid_to = '2025-07-01'))::int AS earlier
      FROM org_units u WHERE u.kind = 'cell' AND u.valid_from <= '2025-07-01' AND (u.valid_to IS NULL OR u.valid_to > '2025-07-01')`);
    expect(cells[0].total).toBeGreaterThan(0);
    expect(cells[0].earlier).toBe(cells[0].total);

    // The old provinces on 31/12/2024: members there, the fast figures equal to the reference.
    const { rows: roots } = await db.execute<{ path: string }>(sql`
      SELECT v.path FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id WHERE u.kind = 'province' AND u.valid_to = '2025-07-01'`);
    let members = 0;
    for (const r of roots) {
      const fast = await computeFigures(db, { path: r.path, date: '2024-12-31' });
      expect(fast).toEqual(await rawFigures(db, { path: r.path, date: '2024-12-31' }));
      members += fast.members;
    }
    expect(members).toBeGreaterThan(0);
    const { rows: prov } = await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${result.provinceId}`);
    expect(await computeFigures(db, { path: prov[0].path, date: '2025-12-31' })).toEqual(await rawFigures(db, { path: prov[0].path, date: '2025-12-31' }));

    // The loader's events (one per old unit, one per new commune with cells, one for the province) are in the chain.
    const { rows: audit } = await db.execute<{ creates: number; reforms: number; seeds: number }>(sql`
      SELECT count(*) FILTER (WHERE action = 'unit.create')::int AS creates, count(*) FILTER (WHERE action = 'unit.reform')::int AS reforms,
        count(*) FILTER (WHERE action = 'demo.seed')::int AS seeds FROM audit_events`);
    expect(audit[0].creates).toBe(kinds.reduce((n, k) => n + k.n, 0));
    expect(audit[0].reforms).toBeGreaterThanOrEqual(2);
    expect(audit[0].seeds).toBe(1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
