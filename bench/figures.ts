// The registry figures ("KPI card set") of a cell, a commune, a province and the nation: the pre-aggregated fast
// path (computeFigures / computeBranchFigures) against the raw set-based SQL (rawFigures / rawBranchFigures), in the
// same run, on the same random (node, date) pairs — every pair is also checked for equal answers.
//
//   npx tsx bench/figures.ts                          # the demo province (seeded into a fresh embedded PostgreSQL)
//   BENCH_SCALE=national npx tsx bench/figures.ts     # the national dataset (bench/national.ts, COPY)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/figures.ts   # an existing database (seeded if empty)
//   BENCH_HISTORY=1 npx tsx bench/figures.ts          # dates since 2020-01-01 over the demo's old tree (issue 16):
//                                                     # old provinces, districts and old communes too
//   BENCH_SCALE=national BENCH_HISTORY=1 BENCH_DATABASE_URL=… npx tsx bench/figures.ts
//                                                     # the same over the national dataset: first loads the old tree of
//                                                     # every province (bench/national-history.ts, the CLI's loader;
//                                                     # skipped where already loaded), then measures
//   BENCH_NATION_RAW=1                                # at national scale, also time the nation's raw SQL (off by
//                                                     # default there: it ran past 10 minutes on 30 Nov)
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/server/platform/db/index.js';
import { systemActor } from '../src/server/platform/access.js';
import { transferPerson } from '../src/server/modules/people/service.js';
import { computeBranchFigures, computeFigures, rawBranchFigures, rawFigures } from '../src/server/modules/dashboard/figures.js';
import { benchDatabase, SCALE } from './common.js';
import { loadNationalHistory } from './national-history.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const FAST_N = Number(process.env.BENCH_FAST_N ?? 400);
/** Raw SQL calls per level (default 20–200 by level): at national scale a province's raw call takes seconds. */
const RAW_N = process.env.BENCH_RAW_N ? Number(process.env.BENCH_RAW_N) : null;
const log = (m: string) => console.log(`[figures ${new Date().toISOString().slice(11, 19)}] ${m}`);

type Node = { id: string; path: string; kind: string };
interface Stat {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function stat(ms: number[]): Stat {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]) };
}

/**
 * Random dates from 2025-07-01 (the demo tree's units open on that day, after the 2025 reorganization; memberships
 * and terms go back decades) to today: a fixed sequence, so fast and raw get the same pairs.
 */
const HISTORY = process.env.BENCH_HISTORY === '1';

function dates(n: number): string[] {
  let s = 20251125;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const from = HISTORY ? Date.UTC(2020, 0, 1) : Date.UTC(2025, 6, 1);
  const to = Date.UTC(2026, 10, 25);
  return Array.from({ length: n }, () => new Date(from + Math.floor((rand() * (to - from)) / 86_400_000) * 86_400_000).toISOString().slice(0, 10));
}

async function nodesOf(database: Database, kind: string, limit: number, on = 'current_date'): Promise<Node[]> {
  // Units in force on the day (today) of that kind, a deterministic sample spread over the registry.
  const { rows } = await database.pool.query<Node>(
    `SELECT v.unit_id AS id, v.path, u.kind FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
     WHERE u.kind = $1 AND v.valid_from <= ${on} AND (v.valid_to IS NULL OR v.valid_to > ${on})
     ORDER BY md5(v.unit_id::text) LIMIT $2`,
    [kind, limit],
  );
  return rows;
}

/** With BENCH_HISTORY: today's units and those of the old tree (in force on 30/06/2025), half and half. */
async function nodesOfBoth(database: Database, kind: string, limit: number): Promise<Node[]> {
  if (!HISTORY) return nodesOf(database, kind, limit);
  const [now, old] = [await nodesOf(database, kind, limit), await nodesOf(database, kind, limit, "'2025-06-30'::date")];
  const seen = new Set<string>();
  const out: Node[] = [];
  for (let i = 0; out.length < limit && (i < now.length || i < old.length); i++) {
    for (const n of [now[i], old[i]]) if (n && !seen.has(n.id) && out.length < limit) (seen.add(n.id), out.push(n));
  }
  return out;
}

/** The path of `node` on `date` (a unit's path changes when it moves); null when it was not in force. */
async function pathOn(database: Database, id: string, date: string): Promise<string | null> {
  const { rows } = await database.pool.query<{ path: string }>(
    `SELECT path FROM org_unit_versions WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [id, date],
  );
  return rows[0]?.path ?? null;
}

async function measure(label: string, pairs: { node: Node; date: string }[], n: number, fn: (p: { node: Node; date: string }) => Promise<unknown>) {
  for (const p of pairs.slice(0, Math.min(5, pairs.length))) await fn(p); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pairs[i % pairs.length];
    const t = performance.now();
    await fn(p);
    ms.push(performance.now() - t);
  }
  const s = stat(ms);
  log(`${label}: p50 ${s.p50} ms, p95 ${s.p95} ms (n=${s.n})`);
  return s;
}

async function main() {
  const started = new Date();
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`scale ${SCALE}; ${uptimeBefore}`);
  const { database, setup, cleanup } = await benchDatabase(log);
  try {
    const history = HISTORY && SCALE === 'national' ? await loadNationalHistory(database, log) : null;
    const size = (await database.pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s,
        (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM memberships)::int AS memberships,
        (SELECT count(*) FROM org_units WHERE kind = 'cell')::int AS cells,
        (SELECT count(*) FROM cell_figure_segments)::int AS segments, (SELECT count(*) FROM node_figures)::int AS node_rows,
        pg_size_pretty(pg_total_relation_size('cell_figure_segments') + pg_total_relation_size('node_figures')) AS figures_size`)).rows[0];
    log(`database ${size.s}: ${JSON.stringify(size)}`);

    const ds = dates(200);
    const levels: { level: string; nodes: Node[]; rawN: number }[] = [
      { level: 'cell', nodes: await nodesOfBoth(database, 'cell', 100), rawN: 200 },
      { level: 'commune', nodes: [...(await nodesOfBoth(database, 'commune', 60)), ...(await nodesOfBoth(database, 'ward', 20))], rawN: 100 },
      ...(HISTORY ? [{ level: 'district', nodes: await nodesOf(database, 'district', 40, "'2025-06-30'::date"), rawN: 30 }] : []),
      { level: 'province', nodes: await nodesOfBoth(database, 'province', 34), rawN: SCALE === 'national' ? 20 : 30 },
    ];
    const results: Record<string, unknown>[] = [];
    let mismatches = 0;
    for (const { level, nodes, rawN } of levels) {
      // (node, date) pairs with the node's path on that date
      const pairs: { node: Node; date: string }[] = [];
      for (let i = 0; pairs.length < 100 && i < 400; i++) {
        const node = nodes[i % nodes.length];
        const date = ds[i % ds.length];
        const p = await pathOn(database, node.id, date);
        if (p) pairs.push({ node: { ...node, path: p }, date });
      }
      for (const p of pairs.slice(0, Math.min(20, RAW_N ?? 20))) {
        const [a, b] = [await computeFigures(database.db, { path: p.node.path, date: p.date }), await rawFigures(database.db, { path: p.node.path, date: p.date })];
        if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
      }
      const fast = await measure(`${level} figures, fast`, pairs, FAST_N, (p) => computeFigures(database.db, { path: p.node.path, date: p.date }));
      const raw = await measure(`${level} figures, raw SQL`, pairs, RAW_N ?? rawN, (p) => rawFigures(database.db, { path: p.node.path, date: p.date }));
      const branchFast = await measure(`${level} + children, fast`, pairs, FAST_N, (p) => computeBranchFigures(database.db, { unit: p.node, date: p.date }));
      const branchRaw = await measure(`${level} + children, raw SQL`, pairs, RAW_N ?? rawN, (p) => rawBranchFigures(database.db, { unit: p.node, date: p.date }));
      results.push({ level, fast, raw, speedupP95: Math.round((raw.p95 / fast.p95) * 10) / 10, branchFast, branchRaw, branchSpeedupP95: Math.round((branchRaw.p95 / branchFast.p95) * 10) / 10 });
    }
    // the nation: every root (province) — the fast path sums the roots' rows; raw scans everything
    const nationPairs = ds.slice(0, 20).map((date) => ({ node: { id: '', path: '/', kind: 'nation' }, date }));
    const nationRaw = SCALE !== 'national' || process.env.BENCH_NATION_RAW === '1';
    for (const p of nationRaw ? nationPairs.slice(0, 5) : []) {
      const [a, b] = [await computeFigures(database.db, { path: '/', date: p.date }), await rawFigures(database.db, { path: '/', date: p.date })];
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
    }
    const nFast = await measure('nation figures, fast', nationPairs, FAST_N, (p) => computeFigures(database.db, { path: '/', date: p.date }));
    const nRaw = nationRaw ? await measure('nation figures, raw SQL', nationPairs, SCALE === 'national' ? 10 : 30, (p) => rawFigures(database.db, { path: '/', date: p.date })) : null;
    results.push({ level: 'nation', fast: nFast, raw: nRaw, speedupP95: nRaw ? Math.round((nRaw.p95 / nFast.p95) * 10) / 10 : null });

    // the cost of keeping the figures current: a transfer through the service, refreshed at its commit
    const { rows: movers } = await database.pool.query<{ person_id: string; unit_id: string }>(
      `SELECT m.person_id, m.unit_id FROM memberships m JOIN people p ON p.id = m.person_id
       WHERE m.valid_to IS NULL AND m.valid_from < '2026-01-01' AND p.status = 'active' ORDER BY md5(m.id::text) LIMIT 40`);
    const { rows: targets } = await database.pool.query<{ id: string }>(
      `SELECT v.unit_id AS id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
       WHERE u.kind = 'cell' AND v.valid_to IS NULL ORDER BY md5(v.unit_id::text) LIMIT 40`);
    const writeMs: number[] = [];
    for (const [i, m] of movers.entries()) {
      const to = targets[i % targets.length].id === m.unit_id ? targets[(i + 1) % targets.length].id : targets[i % targets.length].id;
      const t = performance.now();
      await transferPerson(database.db, systemActor('bench'), m.person_id, { toUnitId: to, date: '2026-02-01' });
      writeMs.push(performance.now() - t);
    }
    const write = stat(writeMs);
    log(`transferPerson (with the figures refresh at commit): p50 ${write.p50} ms, p95 ${write.p95} ms`);
    if (mismatches) log(`!! ${mismatches} (node, date) pairs where fast ≠ raw`);

    const uptimeAfter = execSync('uptime').toString().trim();
    log(uptimeAfter);
    console.log('\n| level | fast p50 / p95 ms | raw SQL p50 / p95 ms | raw ÷ fast (p95) | + children fast p50 / p95 | + children raw p50 / p95 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of results as { level: string; fast: Stat; raw: Stat | null; speedupP95: number | null; branchFast?: Stat; branchRaw?: Stat }[]) {
      console.log(`| ${r.level} | ${r.fast.p50} / ${r.fast.p95} | ${r.raw ? `${r.raw.p50} / ${r.raw.p95}` : 'not run'} | ${r.speedupP95 ?? '—'}× | ${r.branchFast ? `${r.branchFast.p50} / ${r.branchFast.p95}` : '—'} | ${r.branchRaw ? `${r.branchRaw.p50} / ${r.branchRaw.p95}` : '—'} |`);
    }
    const out = path.join(benchDir, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `figures-${SCALE}${HISTORY ? '-history' : ''}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ scale: SCALE, history: HISTORY, historyLoad: history, started, uptimeBefore, uptimeAfter, setup, size, results, write, mismatches }, null, 2));
    log(`results: ${path.relative(process.cwd(), file)}`);
    if (mismatches) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
