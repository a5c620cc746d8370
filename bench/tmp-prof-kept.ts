import type { Actor } from '../src/server/platform/access.js';
import { modules } from '../src/server/modules/index.js';
import { listWarnings } from '../src/server/modules/warnings/list.js';
import { benchDatabase, logger } from './common.js';
const log = logger('prof');
const providers = modules.flatMap((m) => m.signals ?? []);
const { database, cleanup } = await benchDatabase(log);
try {
  const { rows: [u] } = await database.pool.query(`SELECT v.unit_id AS id, v.path, v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'province' AND v.valid_to IS NULL AND v.name LIKE '%' || $1 || '%' LIMIT 1`, [process.env.P ?? 'Cao Bằng']);
  const actor: Actor = { userId: null, name: 'bench', personId: null, ownCellId: null, grants: [{ role: 'province_admin', unitId: u.id, unitPath: u.path, unitName: u.name, unitKind: 'x' }] };
  const today = new Date().toISOString().slice(0, 10);
  await listWarnings(database.db, actor, providers, { date: today });
  const ms: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await listWarnings(database.db, actor, providers, { date: today }); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  log(`kept: p50 ${ms[15].toFixed(1)} p95 ${ms[28].toFixed(1)} min ${ms[0].toFixed(1)}`);
} finally { await cleanup(); }
