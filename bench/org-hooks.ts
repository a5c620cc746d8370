// What org's change hook costs a change of the tree: 0043's lookup of the `%_on_org_units_changed` functions in
// pg_proc on every statement (and a call through EXECUTE), against the registry of 0046–0047 (one function rebuilt at
// registration that calls the hooks by name), and against no hook at all (the trigger disabled: the floor). Same run,
// same database, the variants taking turns in blocks so that the machine's load falls on all three alike.
//
//   npx tsx bench/org-hooks.ts                       # a fresh embedded PostgreSQL with the demo province (~1 min + the runs)
//   BENCH_RENAMES=1000 BENCH_ROUNDS=3 npx tsx bench/org-hooks.ts
//
// Two shapes of "rename one unit":
// - statement: `UPDATE org_unit_versions SET name = … WHERE id = $1` alone, each its own transaction: the trigger's
//   share is the largest here;
// - service: org's renameUnit (its checks, the new name, the audit event), what a user's rename costs.
// The hooks themselves do little here (meetings' finds no meetings: the demo seed holds none), so the figures are the
// lookup's and the call's, not the hooks' work.
import fs from 'node:fs';
import path from 'node:path';
import { todayIso } from '../src/domain/dates.js';
import { systemActor } from '../src/server/platform/access.js';
import { renameUnit } from '../src/server/modules/org/service.js';
import { benchDatabase, fmt, logger, repoRoot, round, uptime } from './common.js';

const log = logger('org-hooks');
const RENAMES = Number(process.env.BENCH_RENAMES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BLOCK = 100;

// The trigger function as 0043 wrote it (the baseline) and as 0047 leaves it, read from the migrations themselves.
const migrations = path.join(repoRoot, 'src/server/platform/db/migrations');
const triggerFunction = (file: string) => {
  const statement = fs.readFileSync(path.join(migrations, file), 'utf8').split('--> statement-breakpoint').find((x) => /FUNCTION org_units_changed\(\) RETURNS trigger/.test(x));
  if (!statement) throw new Error(`no org_units_changed() in ${file}`);
  return statement.replace(/CREATE (OR REPLACE )?FUNCTION/, 'CREATE OR REPLACE FUNCTION');
};
const LOOKUP = triggerFunction('0043_org_change_hooks.sql');
const REGISTRY = triggerFunction(fs.readdirSync(migrations).find((f) => f.endsWith('_org_change_hooks_registry.sql'))!);

type Variant = 'none' | 'lookup' | 'registry';
const variants: Variant[] = ['none', 'lookup', 'registry'];

const { database, cleanup } = await benchDatabase(log);
const db = database.db;
const pool = database.pool;
try {
  log(uptime());
  const hooks = (await pool.query<{ hook: string }>('SELECT hook FROM org_change_hooks ORDER BY hook')).rows.map((r) => r.hook);
  log(`registered hooks: ${hooks.join(', ') || 'none'}`);
  // the units renamed: current cells of the demo province, each renamed in turn
  const cells = (
    await pool.query<{ id: string; version: string; name: string }>(
      `SELECT v.unit_id AS id, v.id AS version, v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
       WHERE u.kind = 'cell' AND v.valid_to IS NULL ORDER BY v.unit_id LIMIT $1`,
      [RENAMES],
    )
  ).rows;
  log(`${fmt(cells.length)} cells to rename, ${ROUNDS} round(s) of ${fmt(RENAMES)} renames per variant and shape, in blocks of ${BLOCK}`);

  const use = async (v: Variant) => {
    await pool.query(v === 'lookup' ? LOOKUP : REGISTRY);
    const turn = v === 'none' ? 'DISABLE' : 'ENABLE';
    await pool.query(`ALTER TABLE org_unit_versions ${['ins', 'upd', 'del'].map((op) => `${turn} TRIGGER org_units_changed_${op}`).join(', ')}`);
  };
  const times: Record<string, Record<Variant, number[]>> = { statement: { none: [], lookup: [], registry: [] }, service: { none: [], lookup: [], registry: [] } };
  let serial = 0;
  const today = todayIso();
  const actor = systemActor('bench');
  // once each, untimed: every cell then has a version from today, so each rename below changes it in place
  for (const c of cells) await renameUnit(db, actor, c.id, { name: `${c.name} ${++serial}`, date: today });
  const client = await pool.connect();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let from = 0; from < RENAMES; from += BLOCK) {
        // the order of the variants turns with each block
        const order = variants.map((_, i) => variants[(i + from / BLOCK + round) % variants.length]!);
        for (const v of order) {
          await use(v);
          for (let i = from; i < Math.min(from + BLOCK, RENAMES); i++) {
            const c = cells[i % cells.length]!;
            serial += 1;
            let t = performance.now();
            await client.query('UPDATE org_unit_versions SET name = $2, name_folded = lower($2) WHERE id = (SELECT id FROM org_unit_versions WHERE unit_id = $1 AND valid_to IS NULL)', [c.id, `${c.name} ${serial}`]);
            times.statement[v].push(performance.now() - t);
            serial += 1;
            t = performance.now();
            await renameUnit(db, actor, c.id, { name: `${c.name} ${serial}`, date: today });
            times.service[v].push(performance.now() - t);
          }
        }
      }
      log(`round ${round + 1}: done`);
    }
  } finally {
    client.release();
    await use('registry');
  }
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const out: Record<string, unknown> = {};
  for (const shape of ['statement', 'service'] as const) {
    log(`${shape}: ms per rename (n = ${fmt(times[shape].none.length)} each)`);
    for (const v of variants) {
      const xs = times[shape][v];
      const row = { mean: round(mean(xs), 3), p50: round(q(xs, 0.5), 3), p95: round(q(xs, 0.95), 3) };
      out[`${shape}.${v}`] = row;
      log(`  ${v.padEnd(9)} mean ${fmt(row.mean, 3)}  p50 ${fmt(row.p50, 3)}  p95 ${fmt(row.p95, 3)}`);
    }
    const hook = (v: Variant) => mean(times[shape][v]) - mean(times[shape].none);
    log(`  the hook's share (mean − none): lookup ${fmt(hook('lookup'), 3)} ms, registry ${fmt(hook('registry'), 3)} ms`);
  }
  log(uptime());
  console.log(JSON.stringify(out));
} finally {
  await cleanup();
}
