// The province export ("Province export (136,000 rows): ≤ 10 s with flat memory", issue 5): the roster of a whole
// province as .xlsx, each path in a process of its own, RSS read from /proc every 50 ms, against baselines of the
// same run on the same rows:
//   1. raw SQL alone — the statement chibo's export sends (COPY (rosterQuery) TO STDOUT) through plain pg, every
//      row read, nothing else; run twice: the first warms PostgreSQL's cache for everyone after it;
//   2. the bare floor — the same COPY, each row through ExcelJS's streaming writer (addRow(values).commit()), same
//      16 columns and labels, no styles;
//   3. chibo's exportRosterToFile (what `chibo export people` runs) in a child process;
//   4. chibo's route GET /api/people/export.xlsx, signed in as a province admin, against chibo's server in a child
//      process (serve.ts); the server's RSS is measured, idle before the request and while it streams.
// "Flat memory": the RSS when 10%, 50% and 100% of the rows (or of the bytes, where rows are not visible) were out.
// Each file's rows are counted back from its sheet XML (unzip) to check nothing was lost.
//
//   npm run bench:export                                   # the demo province, seeded into a fresh embedded PostgreSQL
//   BENCH_SCALE=national npm run bench:export              # the national dataset (national.ts; ~15 min, ~10 GB);
//                                                          # exports the province nearest 136,000 members
//   BENCH_DATABASE_URL=postgres://… npm run bench:export   # an existing database (seeded or loaded if it has no province)
//   BENCH_EXPORT_UNIT=<unit code>                          # export that unit instead
// Writes bench/out/export-<time>.json.
import { execSync, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { todayIso } from '../src/domain/dates.js';
import { benchDir, BENCH_PASSWORD, benchDatabase, ensureAccount, fmt, logger, machine, procMemory, round, rssAtFractions, sampleRss, SCALE, signIn, startChibo, tempDir, uptime, writeReport } from './common.js';
import type { ExportStepInput, ExportStepMessage } from './export-step.js';

const log = logger('export');
const TARGET_ROWS = 136_000;
const UNIT_CODE = process.env.BENCH_EXPORT_UNIT;

interface StepResult {
  name: string;
  ms: number;
  rows: number;
  bytes: number;
  /** RSS when the work began (modules loaded; for the route: the server idle, signed in). */
  startMb: number;
  peakMb: number;
  maxRssMb: number | null;
  rssAt: Record<string, number | null>;
  rowsInFile?: number;
  error?: string;
  samples: number;
}

const fileSize = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** Rows of the first sheet, counted in its XML without loading it (the header row excluded). */
function rowsInXlsx(file: string): number {
  const out = execSync(`unzip -p '${file}' xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l`, { encoding: 'utf8', timeout: 120_000 });
  return Number(out.trim()) - 1;
}

function runStep(name: string, input: ExportStepInput): Promise<StepResult> {
  const file = 'file' in input ? input.file : undefined;
  return new Promise((resolve, reject) => {
    const child = fork(path.join(benchDir, 'export-step.ts'), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let rows = 0;
    let startMb: number | null = null;
    // sql and floor report rows; chibo's rows are not visible from outside, its file's growth is.
    const sampler = sampleRss(child.pid!, 50, () => (input.kind === 'chibo' && file ? fileSize(file) : rows));
    let done: Extract<ExportStepMessage, { done: true }> | undefined;
    child.on('message', (m: ExportStepMessage) => {
      if ('progress' in m) {
        rows = m.progress;
        if (startMb === null) startMb = procMemory(child.pid!)?.rssMb ?? null;
      } else done = m;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const s = sampler.stop();
      if (!done) return reject(new Error(`${name}: step exited with ${code} and no result`));
      const bytes = file ? fileSize(file) : 0;
      const total = input.kind === 'chibo' ? bytes : done.rows;
      const r: StepResult = {
        name,
        ms: round(done.ms, 0),
        rows: done.rows,
        bytes,
        startMb: startMb ?? s.startMb,
        peakMb: s.peakMb,
        maxRssMb: done.maxRssMb,
        rssAt: rssAtFractions(s.samples, total),
        samples: s.samples.length,
        ...(done.error ? { error: done.error } : {}),
      };
      resolve(r);
    });
  });
}

function describe(r: StepResult) {
  const at = Object.entries(r.rssAt).map(([k, v]) => `${k} ${v ?? '—'}`).join(', ');
  log(`${r.name}: ${r.error ? `FAILED (${r.error}) after ` : ''}${fmt(r.ms / 1000, 2)} s, ${fmt(r.rows)} rows${r.bytes ? `, ${fmt(r.bytes / 2 ** 20, 1)} MiB` : ''}; RSS MiB at start ${r.startMb}, peak ${r.peakMb}; at ${at}`);
}

async function main() {
  const startedAt = new Date();
  const uptimeBefore = uptime();
  log(`scale ${SCALE}; uptime before: ${uptimeBefore}`);
  const db = await benchDatabase(log);
  const tmp = tempDir('chibo-bench-export-');
  let stopServer: (() => Promise<number>) | undefined;
  try {
    const date = todayIso();
    // Members per province on `date`, by the first segment of their cell's path (the province's id).
    const { rows: provinces } = await db.database.pool.query<{ id: string; code: string; name: string; path: string; members: number }>(
      `WITH per_root AS (
         SELECT split_part(v.path, '/', 2) AS root, count(*)::int AS members
         FROM memberships m JOIN org_unit_versions v ON v.unit_id = m.unit_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1)
         WHERE m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1)
         GROUP BY 1)
       SELECT u.id, u.code, pv.name, pv.path, r.members
       FROM per_root r JOIN org_units u ON u.id::text = r.root
       JOIN org_unit_versions pv ON pv.unit_id = u.id AND pv.valid_from <= $1 AND (pv.valid_to IS NULL OR pv.valid_to > $1)
       ORDER BY abs(r.members - $2), u.code`,
      [date, TARGET_ROWS],
    );
    let unit = provinces[0];
    if (UNIT_CODE) {
      const { rows } = await db.database.pool.query<{ id: string; code: string; name: string; path: string }>(
        `SELECT u.id, u.code, v.name, v.path FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) WHERE u.code = $2`,
        [date, UNIT_CODE],
      );
      if (!rows[0]) throw new Error(`no unit with code ${UNIT_CODE} on ${date}`);
      unit = { ...rows[0], members: NaN };
    }
    if (!unit) throw new Error('no province with members');
    log(`exporting ${unit.name} (${unit.code})${Number.isNaN(unit.members) ? '' : `: ${fmt(unit.members)} members on ${date}`}`);
    const base = { databaseUrl: db.url, date };
    const steps: StepResult[] = [];
    const sqlCold = await runStep('raw SQL (first run: cold cache)', { kind: 'sql', ...base, path: unit.path });
    describe(sqlCold);
    const sql = await runStep('raw SQL alone', { kind: 'sql', ...base, path: unit.path });
    describe(sql);
    const floorFile = path.join(tmp, 'floor.xlsx');
    const floor = await runStep('floor: raw SQL + bare ExcelJS streaming writer', { kind: 'floor', ...base, path: unit.path, file: floorFile });
    floor.rowsInFile = rowsInXlsx(floorFile);
    describe(floor);
    fs.rmSync(floorFile, { force: true });
    const chiboFile = path.join(tmp, 'chibo.xlsx');
    const fn = await runStep('chibo exportRosterToFile', { kind: 'chibo', ...base, unitCode: unit.code, file: chiboFile });
    fn.rowsInFile = rowsInXlsx(chiboFile);
    describe(fn);
    fs.rmSync(chiboFile, { force: true });
    steps.push(sqlCold, sql, floor, fn);

    // The route, against chibo's server in its own process (serve.ts: `chibo start` without a possible web build).
    const server = await startChibo({ DATABASE_URL: db.url, CHIBO_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'info' }, path.join(tmp, 'chibo.log'), { command: 'serve' });
    stopServer = server.stop;
    await ensureAccount(db.database, 'bench.export', 'province_admin', unit.id);
    const session = await signIn(server.port, 'bench.export', BENCH_PASSWORD);
    const idleMb = procMemory(server.pid)?.rssMb ?? NaN;
    const routeFile = path.join(tmp, 'route.xlsx');
    let bytes = 0;
    const sampler = sampleRss(server.pid, 50, () => bytes);
    const t = performance.now();
    const { status, encoding } = await new Promise<{ status: number; encoding: string }>((resolve, reject) => {
      const req = http.get(
        `${server.base}/api/people/export.xlsx?unitId=${unit.id}&date=${date}`,
        // what a browser sends: the server decides whether the workbook is worth compressing
        { headers: { cookie: session.cookie, 'accept-encoding': 'gzip, deflate, br' } },
        (res) => {
          const out = fs.createWriteStream(routeFile);
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.pipe(out);
          out.on('finish', () => resolve({ status: res.statusCode ?? 0, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
    const routeMs = performance.now() - t;
    const s = sampler.stop();
    const route: StepResult = {
      name: 'chibo GET /api/people/export.xlsx (server process)',
      ms: round(routeMs, 0),
      rows: 0,
      bytes,
      startMb: idleMb,
      peakMb: s.peakMb,
      maxRssMb: procMemory(server.pid)?.hwmMb ?? null,
      rssAt: rssAtFractions(s.samples, bytes),
      samples: s.samples.length,
      ...(status !== 200 ? { error: `HTTP ${status}: ${fs.readFileSync(routeFile, 'utf8').slice(0, 300)}` } : {}),
    };
    if (status === 200 && encoding === 'identity') route.rows = route.rowsInFile = rowsInXlsx(routeFile);
    describe(route);
    log(`route response: content-encoding ${encoding}`);
    steps.push(route);
    await server.stop();
    stopServer = undefined;

    const expected = sql.rows;
    const mismatches = steps.filter((st) => (st.rowsInFile !== undefined && st.rowsInFile !== expected) || (st.rows && st.rows !== expected) || st.error);
    const uptimeAfter = uptime();
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      scale: SCALE,
      machine: { ...machine(), uptimeBefore, uptimeAfter },
      database: db.setup,
      unit: { code: unit.code, name: unit.name, members: unit.members, date },
      routeContentEncoding: encoding,
      steps,
      problems: mismatches.map((m) => m.name),
    };
    const ratio = (a: number) => `${fmt(a / floor.ms, 2)}×`;
    const lines = [
      '',
      `Export of ${unit.name} (${fmt(expected)} rows on ${date}) — each path in its own process; RSS from /proc every 50 ms`,
      '',
      '| path | time s | rows/s | time ÷ floor | RSS MiB at start | at 10% | at 50% | at 100% | peak | rows in file |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...steps.map(
        (st) =>
          `| ${st.name} | ${fmt(st.ms / 1000, 2)} | ${fmt(expected / (st.ms / 1000))} | ${ratio(st.ms)} | ${st.startMb} | ${st.rssAt['10%'] ?? '—'} | ${st.rssAt['50%'] ?? '—'} | ${st.rssAt['100%'] ?? '—'} | ${st.peakMb} | ${st.rowsInFile === undefined ? '—' : fmt(st.rowsInFile)}${st.error ? ` FAILED: ${st.error}` : ''} |`,
      ),
      '',
      `Goal: ≤ 10 s with flat memory. Progress for the percentages: rows for the raw SQL and the floor, file bytes for exportRosterToFile, bytes received for the route (${encoding}).`,
      mismatches.length ? `!! row counts differ from the raw SQL's (${expected}) or a step failed: ${mismatches.map((m) => m.name).join('; ')}` : `Every file holds the ${fmt(expected)} rows of the raw SQL.`,
      `uptime before: ${uptimeBefore}`,
      `uptime after:  ${uptimeAfter}`,
    ];
    console.log(lines.join('\n'));
    writeReport('export', startedAt, report, log);
    if (mismatches.length) process.exitCode = 1;
  } finally {
    if (stopServer) await stopServer().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    await db.cleanup();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
