// How many warnings each signal raises on the demo province today (the first screen a province officer sees), with the
// province's settings as stored (none: each signal's default). Seeds the demo into BENCH_DATABASE_URL when it holds no
// province (or a fresh embedded server) and, with DEMO_MODULES=1 (once, on a database just seeded), every module's own
// demo as `chibo start` runs them; reads through listWarnings as the province board.
//
//   DEMO_MODULES=1 BENCH_DATABASE_URL=postgres://… npx tsx bench/warnings-demo-counts.ts   # then again without it
import type { Actor } from '../src/server/platform/access.js';
import { modules } from '../src/server/modules/index.js';
import { listWarnings } from '../src/server/modules/warnings/list.js';
import { childIds } from '../src/server/modules/org/tree.js';
import { benchDatabase, logger } from './common.js';

const log = logger('warnings-demo-counts');
const providers = modules.flatMap((m) => m.signals ?? []);
const { database, cleanup } = await benchDatabase(log);
try {
  const { rows } = await database.pool.query<{ id: string; path: string; name: string }>(
    `SELECT v.unit_id AS id, v.path, v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'province' AND v.valid_to IS NULL AND v.name LIKE '%Tuyên Quang%' LIMIT 1`);
  const p = rows[0];
  if (process.env.DEMO_MODULES === '1') {
    const ctx = { provinceId: p.id, communeIds: await childIds(database.db, p.id, new Date().toISOString().slice(0, 10)) };
    for (const m of modules.filter((x) => x.demo)) log(`demo ${m.name}: ${JSON.stringify(await m.demo!(database.db, ctx))}`);
  }
  const actor: Actor = { userId: null, name: 'counts', personId: null, ownCellId: null, grants: [{ role: 'province_admin', unitId: p.id, unitPath: p.path, unitName: p.name, unitKind: 'province' }] };
  const today = new Date().toISOString().slice(0, 10);
  const list = await listWarnings(database.db, actor, providers, { date: today });
  const per = new Map<string, number>();
  for (const w of list.items) for (const s of w.signals) per.set(s.key, (per.get(s.key) ?? 0) + 1);
  log(`${p.name} on ${today}: ${list.items.length} warnings, ${list.communes.filter((c) => c.flagged).length} communes flagged of ${list.communes.length} listed`);
  for (const pr of providers) log(`  ${pr.key.padEnd(34)} ${String(per.get(pr.key) ?? 0).padStart(5)}   (threshold ${pr.defaults.threshold}${pr.bounds.windowDays.length ? `, window ${pr.defaults.windowDays}` : ''})`);
} finally {
  await cleanup();
}
