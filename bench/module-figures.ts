// The meetings and documents dashboard figures (issue 11) of a commune and a province: each provider's `compute`
// (one indexed sum over the per-cell counts by day the triggers keep: meeting_cell_days, document_cell_days)
// against the same figure from the raw rows (the provider's `raw`, the reference) and against the statements the
// figures ran before the counts existed (scans of cell_meetings / meeting_attendance / meeting_action_items /
// document_dissemination_cells under the node), in the same run, on the same (node, date) pairs; every pair is
// also checked for equal answers (compute = raw).
//
// The dashboard's monthly trend (GET /api/dashboard/trend's moduleTrend: one statement per figure over the 12 days,
// the providers' trendMany) is timed against the per-day version (each figure's compute on each of the 12 days, what
// the route ran before) in the same run, on the same (node, date) pairs, and checked for equal answers.
//
//   npx tsx bench/module-figures.ts                         # the demo province with its year of meetings
//   BENCH_ONLY=trend npx tsx bench/module-figures.ts        # the trend only
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/module-figures.ts   # an existing database (seeded if empty)
//   BENCH_SCALE=national BENCH_DATABASE_URL=postgres://…/chibo_national npx tsx bench/module-figures.ts
//                                                           # the national dataset: a year of meetings and the documents
//                                                           # for every province first (bench/national-meetings.ts,
//                                                           # skipped where seeded); the write side's rebuild is then
//                                                           # one province's cells (BENCH_REBUILD=all: every cell)
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Executor } from '../src/server/platform/db/index.js';
import type { FigureAt } from '../src/server/platform/figures.js';
import { documentFigures } from '../src/server/modules/documents/figures.js';
import { seedDocumentsDemo } from '../src/server/modules/documents/demo.js';
import { meetingFigures } from '../src/server/modules/meetings/figures.js';
import { seedMeetingsDemo } from '../src/server/modules/meetings/demo.js';
import { unitIdsUnderOn } from '../src/server/modules/org/branch.js';
import { monthlyPoints, moduleTrend } from '../src/server/modules/dashboard/service.js';
import { benchDatabase, benchDir, SCALE, uptime } from './common.js';
import { seedNationalMeetings } from './national-meetings.js';

const FAST_N = Number(process.env.BENCH_FAST_N ?? 300);
const TREND_N = Number(process.env.BENCH_TREND_N ?? 60);
const ONLY = process.env.BENCH_ONLY;
/** Pairs on which `raw` is timed and compared with compute (default 3; at national scale a cell's raw took up to a minute: 0 leaves it out). */
const RAW_PAIRS = Number(process.env.BENCH_RAW_PAIRS ?? 3);
const log = (m: string) => console.log(`[module-figures ${new Date().toISOString().slice(11, 19)}] ${m}`);
const stat = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 100) / 100;
  return { n: s.length, p50: q(0.5), p95: q(0.95) };
};
const yearBefore = (date: string) => sql`(${date}::date - interval '1 year')::date`;

/** The statements the figures ran before the counts (commit before issue 11's figures pattern): the baseline. */
const before: Record<string, (exec: Executor, at: FigureAt) => Promise<unknown>> = {
  'meetings.heldOnSchedule': (exec, at) => exec.execute(sql`
    SELECT count(*)::int AS due, count(*) FILTER (WHERE m.status = 'held' AND m.held_on <= ${at.date}::date AND date_trunc('month', m.held_on) = date_trunc('month', m.planned_on))::int AS held
    FROM cell_meetings m WHERE m.kind = 'regular' AND m.status <> 'cancelled' AND m.planned_on >= ${yearBefore(at.date)} AND m.planned_on < date_trunc('month', ${at.date}::date)
      AND m.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.attendanceRate': (exec, at) => exec.execute(sql`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE a.status = 'present')::int AS present
    FROM cell_meetings m JOIN meeting_attendance a ON a.meeting_id = m.id
    WHERE m.status = 'held' AND m.held_on <= ${at.date}::date AND m.held_on > ${yearBefore(at.date)} AND m.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.goodOrBetter': (exec, at) => exec.execute(sql`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE coalesce(m.review_total, m.self_total) >= (SELECT min_score FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.code = 'good'))::int AS good
    FROM cell_meetings m WHERE m.status = 'held' AND coalesce(m.review_total, m.self_total) IS NOT NULL AND m.held_on <= ${at.date}::date AND m.held_on > ${yearBefore(at.date)}
      AND m.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.overdueActionItems': (exec, at) => exec.execute(sql`
    SELECT count(*)::int AS n FROM meeting_action_items i
    WHERE i.due_on < ${at.date}::date AND (i.status = 'open' OR (i.status = 'done' AND i.done_on > ${at.date}::date)) AND i.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'documents.studiedOnTime': (exec, at) => exec.execute(sql`
    SELECT count(*)::int AS due, count(*) FILTER (WHERE dc.studied_on <= d.deadline)::int AS on_time
    FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id
    WHERE d.deadline < ${at.date}::date AND EXISTS (SELECT 1 FROM org_unit_versions v WHERE v.unit_id = dc.cell_id AND v.valid_from <= ${at.date}::date AND (v.valid_to IS NULL OR v.valid_to > ${at.date}::date) AND v.path LIKE ${at.path + '%'})`),
};
before['documents.lateCells'] = before['documents.studiedOnTime']!;

/**
 * The meetings figures' compute of stop 12: one indexed sum over the per-cell day counts of every cell under the node
 * (meeting_cell_days), which grows with the branch; since then compute reads the node's own totals (meeting_node_days).
 * Timed in the same run on the same pairs: the "before" of the node totals.
 */
const cellSums: Record<string, (exec: Executor, at: FigureAt) => Promise<unknown>> = {
  'meetings.heldOnSchedule': (exec, at) => exec.execute(sql`
    SELECT coalesce(sum(c.due), 0)::int AS due, coalesce(sum(c.on_schedule), 0)::int AS held FROM meeting_cell_days c
    WHERE c.day >= ${yearBefore(at.date)} AND c.day < date_trunc('month', ${at.date}::date) AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.attendanceRate': (exec, at) => exec.execute(sql`
    SELECT coalesce(sum(c.attended), 0)::int AS n, coalesce(sum(c.present), 0)::int AS present FROM meeting_cell_days c
    WHERE c.day <= ${at.date}::date AND c.day > ${yearBefore(at.date)} AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.goodOrBetter': (exec, at) => exec.execute(sql`
    SELECT coalesce(sum(c.scored), 0)::int AS n, coalesce(sum(c.good), 0)::int AS good FROM meeting_cell_days c
    WHERE c.day <= ${at.date}::date AND c.day > ${yearBefore(at.date)} AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
  'meetings.overdueActionItems': (exec, at) => exec.execute(sql`
    SELECT coalesce(sum(c.overdue), 0)::int AS n FROM meeting_cell_days c WHERE c.day <= ${at.date}::date AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`),
};

async function time(n: number, pairs: FigureAt[], fn: (at: FigureAt) => Promise<unknown>) {
  for (const p of pairs.slice(0, 3)) await fn(p);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(pairs[i % pairs.length]!);
    ms.push(performance.now() - t);
  }
  return stat(ms);
}

async function timeTrend<T>(n: number, pairs: T[], fn: (p: T) => Promise<unknown>) {
  for (const p of pairs.slice(0, 3)) await fn(p);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(pairs[i % pairs.length]!);
    ms.push(performance.now() - t);
  }
  return stat(ms);
}

async function main() {
  const started = new Date();
  const uptimeBefore = uptime();
  log(`scale ${SCALE}; ${uptimeBefore}`);
  const { database, setup, cleanup } = await benchDatabase(log);
  try {
    const db = database.db;
    // the province in force today with the most cells (the demo also holds the closed provinces of before 2025)
    const province = (await database.pool.query<{ id: string }>(`SELECT v.unit_id AS id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
      WHERE u.kind = 'province' AND v.valid_to IS NULL
      ORDER BY (SELECT count(*) FROM org_unit_versions c JOIN org_units cu ON cu.id = c.unit_id WHERE cu.kind = 'cell' AND c.valid_to IS NULL AND c.path LIKE v.path || '%') DESC, v.unit_id LIMIT 1`)).rows[0]!.id;
    const nationalSeed = SCALE === 'national' ? (process.env.BENCH_SEED === '0' ? { skipped: true } : await seedNationalMeetings(database, log)) : null;
    if (!nationalSeed && (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cell_meetings`)).rows[0]!.n === 0) {
      const communeIds = (await database.pool.query<{ unit_id: string }>(`SELECT unit_id FROM org_unit_versions WHERE parent_id = $1 AND valid_to IS NULL`, [province])).rows.map((r) => r.unit_id);
      const t = performance.now();
      log(`meetings demo: ${JSON.stringify(await seedMeetingsDemo(db, { provinceId: province, communeIds }))}`);
      log(`documents demo: ${JSON.stringify(await seedDocumentsDemo(db, { provinceId: province, communeIds }))}`);
      log(`module demos ${Math.round(performance.now() - t)} ms`);
      await database.pool.query('VACUUM ANALYZE');
    }
    const size = (await database.pool.query(`SELECT (SELECT count(*) FROM org_units WHERE kind = 'cell')::int AS cells, (SELECT count(*) FROM cell_meetings)::int AS meetings,
      (SELECT count(*) FROM meeting_attendance)::int AS attendance, (SELECT count(*) FROM meeting_action_items)::int AS action_items,
      (SELECT count(*) FROM document_dissemination_cells)::int AS study_rows, (SELECT count(*) FROM meeting_cell_days)::int AS meeting_cell_days, (SELECT count(*) FROM meeting_node_days)::int AS meeting_node_days,
      (SELECT count(*) FROM document_cell_days)::int AS document_cell_days`)).rows[0];
    log(`data: ${JSON.stringify(size)}`);
    const today = new Date().toISOString().slice(0, 10);
    const dates = Array.from({ length: 40 }, (_, i) => new Date(Date.parse(today) - ((i * 97) % 330) * 86_400_000).toISOString().slice(0, 10));
    const levels: Record<string, string> = { cell: `kind = 'cell'`, commune: `kind IN ('commune', 'ward')`, province: `kind = 'province'` };
    const results: Record<string, unknown>[] = [];
    const trends: { level: string; oneStatement: { p50: number; p95: number }; perDay: { p50: number; p95: number } }[] = [];
    let mismatches = 0;
    // At national scale while provinces are still being seeded: only nodes that have meetings under them
    const seeded = SCALE === 'national'
      ? `AND (CASE WHEN u.kind = 'cell' THEN EXISTS (SELECT 1 FROM cell_meetings m WHERE m.cell_id = v.unit_id) ELSE EXISTS (SELECT 1 FROM meeting_node_days d WHERE d.node_id = v.unit_id) END)`
      : '';
    for (const [level, where] of Object.entries(levels)) {
      const nodes = (await database.pool.query<{ unit_id: string; path: string }>(`SELECT v.unit_id, v.path FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
        WHERE u.${where} AND v.valid_to IS NULL AND v.valid_from <= $1 ${seeded} ORDER BY md5(v.unit_id::text) LIMIT 40`, [dates.at(-1)])).rows;
      const pairs = dates.map((date, i) => ({ unitId: nodes[i % nodes.length]!.unit_id, path: nodes[i % nodes.length]!.path, date }));
      // the trend: all trending figures of one node over the 12 monthly points, as the route asks them
      const providers = [...meetingFigures, ...documentFigures];
      const trendPairs = pairs.map((p) => ({ unit: { id: p.unitId, path: p.path }, dates: monthlyPoints(p.date) }));
      for (const p of trendPairs.slice(0, 3)) {
        const [a, b] = [await moduleTrend(db, providers, p.unit, p.dates), await moduleTrend(db, providers, p.unit, p.dates, { perDay: true })];
        if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
      }
      const oneStatement = await timeTrend(TREND_N, trendPairs, (p) => moduleTrend(db, providers, p.unit, p.dates));
      const perDay = await timeTrend(Math.ceil(TREND_N / 2), trendPairs, (p) => moduleTrend(db, providers, p.unit, p.dates, { perDay: true }));
      log(`${level} trend (6 figures × 12 points): one statement per figure p50 ${oneStatement.p50} / p95 ${oneStatement.p95} ms; per day p50 ${perDay.p50} / p95 ${perDay.p95} ms`);
      trends.push({ level, oneStatement, perDay });
      if (ONLY === 'trend') continue;
      for (const f of providers) {
        const fast = await time(FAST_N, pairs, (at) => f.compute(db, at));
        const old = before[f.key] ? await time(level === 'province' ? 20 : 40, pairs, (at) => before[f.key]!(db, at)) : null;
        const prev = cellSums[f.key] ? await time(level === 'province' ? 60 : 100, pairs, (at) => cellSums[f.key]!(db, at)) : null;
        // the plain reference (seconds a call): timed on three pairs, each also checked against compute
        const rawMs: number[] = [];
        for (const p of pairs.slice(0, RAW_PAIRS)) {
          const t = performance.now();
          const value = await f.raw(db, p);
          rawMs.push(performance.now() - t);
          if (value !== (await f.compute(db, p))) mismatches++;
        }
        const raw = rawMs.length ? stat(rawMs) : { n: 0, p50: NaN, p95: NaN };
        log(`${level} ${f.key}: compute p50 ${fast.p50} / p95 ${fast.p95} ms; cell sums p95 ${prev?.p95 ?? '–'} ms; before p95 ${old?.p95 ?? '–'} ms; raw p95 ${raw.p95} ms`);
        results.push({ level, key: f.key, fast, cellSums: prev, before: old, raw });
      }
    }
    if (ONLY === 'trend') {
      console.log('\n| level | trend: one statement per figure p50 / p95 ms | per day (12 × compute) p50 / p95 ms |');
      console.log('|---|---:|---:|');
      for (const r of trends) console.log(`| ${r.level} | ${r.oneStatement.p50} / ${r.oneStatement.p95} | ${r.perDay.p50} / ${r.perDay.p95} |`);
      if (mismatches) log(`!! ${mismatches} trends where one statement ≠ per day`);
      if (mismatches) process.exitCode = 1;
      return;
    }
    // the write side: a full rebuild of the counts (what a bulk statement over every cell pays), and one cell's refresh
    // (what a secretary's tap pays on top of its own write)
    // BENCH_WRITES=0 leaves the write side out; at national scale one province's cells (every cell would hold the meetings' refresh lock for minutes)
    const rebuildAll = SCALE !== 'national' || process.env.BENCH_REBUILD === 'all';
    const writes = process.env.BENCH_WRITES !== '0';
    const scope = rebuildAll ? '' : `WHERE cell_id IN (SELECT v.unit_id FROM org_unit_versions v WHERE v.valid_to IS NULL AND v.path LIKE (SELECT path FROM org_unit_versions WHERE unit_id = '${province}' AND valid_to IS NULL) || '%')`;
    const rebuiltCells = !writes ? 0 : (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT cell_id FROM cell_meetings ${scope} UNION SELECT cell_id FROM meeting_action_items ${scope}) x`)).rows[0]!.n;
    let t = performance.now();
    if (writes) await database.pool.query(`SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings ${scope} UNION SELECT cell_id FROM meeting_action_items ${scope}))`);
    const rebuildMeetingsMs = Math.round(performance.now() - t);
    t = performance.now();
    if (writes) await database.pool.query(`SELECT documents_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM document_dissemination_cells ${scope}))`);
    const rebuildDocumentsMs = Math.round(performance.now() - t);
    const someCells = !writes ? [] : (await database.pool.query<{ cell_id: string }>(`SELECT DISTINCT cell_id FROM cell_meetings ORDER BY cell_id LIMIT 50`)).rows.map((r) => r.cell_id);
    const oneCell: number[] = [];
    for (const c of someCells) {
      const t1 = performance.now();
      await database.pool.query(`SELECT meetings_figures_refresh(ARRAY[$1::uuid])`, [c]);
      oneCell.push(performance.now() - t1);
    }
    const write = writes ? { rebuiltCells, rebuildMeetingsMs, rebuildDocumentsMs, oneCellRefresh: stat(oneCell) } : null;
    log(`write side: ${JSON.stringify(write)}`);
    const uptimeAfter = uptime();
    log(uptimeAfter);
    console.log('\n| level | figure | compute p50 / p95 ms | per-cell sums (stop 12) p50 / p95 ms | before (scan) p50 / p95 ms | raw p95 ms |');
    console.log('|---|---|---:|---:|---:|---:|');
    type Row = { level: string; key: string; fast: { p50: number; p95: number }; cellSums: { p50: number; p95: number } | null; before: { p50: number; p95: number } | null; raw: { p95: number } };
    for (const r of results as Row[])
      console.log(`| ${r.level} | ${r.key} | ${r.fast.p50} / ${r.fast.p95} | ${r.cellSums ? `${r.cellSums.p50} / ${r.cellSums.p95}` : '–'} | ${r.before ? `${r.before.p50} / ${r.before.p95}` : '–'} | ${r.raw.p95} |`);
    console.log('\n| level | trend: one statement per figure p50 / p95 ms | per day (12 × compute) p50 / p95 ms |');
    console.log('|---|---:|---:|');
    for (const r of trends) console.log(`| ${r.level} | ${r.oneStatement.p50} / ${r.oneStatement.p95} | ${r.perDay.p50} / ${r.perDay.p95} |`);
    if (mismatches) log(`!! ${mismatches} (node, date) pairs where compute ≠ raw`);
    const out = path.join(benchDir, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `module-figures-${SCALE}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ scale: SCALE, nationalSeed, started, uptimeBefore, uptimeAfter, setup, size, results, trends, write, mismatches }, null, 2));
    log(`results: ${path.relative(process.cwd(), file)}`);
    if (mismatches) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
