// chibo's benchmarks: every figure next to a baseline measured in the same run, on the same machine.
//   1. PostgreSQL (embedded in a temp dir, or BENCH_DATABASE_URL), migrations, the demo province.
//   2. HTTP: bare Fastify hello world; Fastify + pg (SELECT 1, primary-key lookup); the statements chibo's
//      endpoints send, replayed raw through pg on bare Fastify; then chibo itself (buildApp) signed in —
//      the cell member list and the dashboard of a commune and of the province. autocannon in a worker thread.
//   3. Import: generated rosters of N rows; ExcelJS's bare streaming read of the file vs chibo's import of it.
// Run: npx tsx bench/run.ts   (options: see bench/README.md)
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/server/platform/db/embedded.js';
import { ensureDatabase, migrateDatabase, openDatabase, type Database } from '../src/server/platform/db/index.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/demo/seed.js';
import { createUser } from '../src/server/modules/users/service.js';
import { systemActor } from '../src/server/platform/access.js';
import { writeRosterFile } from './roster-file.js';
import type { StepInput, StepOutput } from './import-step.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const IMPORT_ROWS = (process.env.BENCH_IMPORT_ROWS ?? '10000,100000')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map(Number);
const EXTERNAL_URL = process.env.BENCH_DATABASE_URL;
// BENCH_ONLY: parts to run, comma-separated — `import`, `http` (every HTTP target) or single HTTP targets.
// Empty runs everything. Hello world runs with any HTTP target: every ratio is to it.
const HTTP_TARGETS = ['select1', 'pk', 'health', 'people', 'people25', 'dashCommune', 'dashProvince'] as const;
type HttpTarget = (typeof HTTP_TARGETS)[number];
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const runs = (key: HttpTarget) => ONLY.length === 0 || ONLY.includes('http') || ONLY.includes(key);
// BENCH_ONLY=import skips the HTTP load runs: the import figures alone, in a minute instead of four.
const IMPORT_ONLY = ONLY.length > 0 && !HTTP_TARGETS.some(runs);
const SKIP_IMPORT = ONLY.length > 0 && !ONLY.includes('import');
const WARMUP_SECONDS = 2;

if (!(SECONDS > 0) || !(CONNECTIONS > 0) || IMPORT_ROWS.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error('BENCH_SECONDS and BENCH_CONNECTIONS must be positive; BENCH_IMPORT_ROWS a comma-separated list of row counts');
  process.exit(2);
}
const unknownTargets = ONLY.filter((k) => !['import', 'http', ...HTTP_TARGETS].includes(k));
if (unknownTargets.length) {
  console.error(`BENCH_ONLY: unknown part ${unknownTargets.join(', ')}; known: import, http, ${HTTP_TARGETS.join(', ')}`);
  process.exit(2);
}

const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const fmt = (n: number | null | undefined, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

// ---------------------------------------------------------------------------------------------------------------
// HTTP load

interface LoadResult {
  name: string;
  url: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** One request at a time (no queueing): median and fastest of `serialN` requests. */
  serialMedianMs?: number;
  serialMinMs?: number;
  serialN?: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  // A short warm-up (JIT, pool connections, PostgreSQL caches), then the measured run. autocannon runs in a
  // worker thread so it does not share the servers' event loop (it still shares the machine's cores).
  await autocannon({ url, connections: CONNECTIONS, duration: Math.min(WARMUP_SECONDS, SECONDS), headers, workers: 1 });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, workers: 1 });
  const out: LoadResult = {
    name,
    url: url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
    // Completed requests over the run's length (autocannon's per-second average rounds slow endpoints to 0).
    reqPerSec: round(r.requests.total / (r.duration || SECONDS), 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  const bad = out.non2xx || out.errors || out.timeouts ? `  !! non-2xx ${out.non2xx}, errors ${out.errors}, timeouts ${out.timeouts}` : '';
  log(`${name}: ${fmt(out.reqPerSec, out.reqPerSec < 100 ? 1 : 0)} req/s, p50 ${out.p50Ms} ms, p99 ${out.p99Ms} ms${bad}`);
  return out;
}

/** Requests one after another (at most 40, or 5 s): what one request costs when nothing waits in line. */
async function serial(result: LoadResult, url: string, headers: Record<string, string> = {}): Promise<void> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 40 && performance.now() - started < 5000) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  result.serialMedianMs = round(times[Math.floor(times.length / 2)], 1);
  result.serialMinMs = round(times[0], 1);
  result.serialN = times.length;
  log(`  ${result.name}, one at a time: median ${result.serialMedianMs} ms, fastest ${result.serialMinMs} ms (${times.length} requests)`);
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Signs in over HTTP; returns the cookie header and the user's role grants. */
async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { user: { roles: { role: string; unitId: string; unitName: string; unitKind: string }[] } };
  return { cookie, roles: body.user.roles };
}

/**
 * The typical case of the national-scale goal: the secretary of a cell of 25 current members lists them.
 * The demo has no such login, so the bench adds one (`bench.bithu25`, kept in a reused database).
 */
async function secretaryOf25MemberCell(database: Database, base: string) {
  const username = 'bench.bithu25';
  const [existing] = (await database.pool.query<{ unit_id: string }>(`SELECT g.unit_id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.username = $1`, [username])).rows;
  let unitId = existing?.unit_id;
  if (!unitId) {
    const [cell] = (
      await database.pool.query<{ unit_id: string }>(
        `SELECT m.unit_id FROM memberships m JOIN org_units u ON u.id = m.unit_id AND u.kind = 'cell' AND u.valid_to IS NULL
          WHERE m.valid_to IS NULL GROUP BY m.unit_id ORDER BY abs(count(*) - 25), m.unit_id LIMIT 1`,
      )
    ).rows;
    if (!cell) throw new Error('no cell with current members');
    unitId = cell.unit_id;
    await createUser(database.db, systemActor('bench'), { username, displayName: 'Bí thư (bench)', password: DEMO_PASSWORD, role: 'cell_secretary', unitId });
  }
  const { cookie } = await signIn(base, username);
  return { unitId, cookie };
}

interface Statement {
  /** Set for a named prepared statement: the replay prepares it too, so it plans as chibo does. */
  name?: string;
  text: string;
  values?: unknown[];
}

/**
 * The SQL statements chibo sends for one request (session lookup included), caught on the app's pool: they are
 * replayed raw as the baseline of that endpoint, so the difference is chibo's layers, not the database's work.
 */
async function captureStatements(pool: pg.Pool, run: () => Promise<void>): Promise<Statement[]> {
  const original = pool.query;
  const caught: Statement[] = [];
  (pool as unknown as { query: unknown }).query = function (this: pg.Pool, config: unknown, values?: unknown, cb?: unknown) {
    const text = typeof config === 'string' ? config : (config as { text: string }).text;
    const name = typeof config === 'string' ? undefined : (config as { name?: string }).name;
    const params = Array.isArray(values) ? values : (config as { values?: unknown[] })?.values;
    caught.push({ name, text, values: params });
    return (original as (...a: unknown[]) => unknown).call(this, config, values, cb);
  };
  try {
    await run();
  } finally {
    pool.query = original;
  }
  return caught;
}

// ---------------------------------------------------------------------------------------------------------------
// Import steps (each in a child process: its own memory)

function runStep(input: StepInput): Promise<StepOutput> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(benchDir, 'import-step.ts'), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: StepOutput | undefined;
    child.on('message', (m) => (result = m as StepOutput));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${input.kind} step exited with ${code} and no result`))));
  });
}

// ---------------------------------------------------------------------------------------------------------------

interface ImportResult {
  rows: number;
  unitCode: string;
  unitName: string;
  cells: number;
  fileMb: number;
  writeMs: number;
  read: StepOutput;
  import: StepOutput;
}

async function main() {
  const startedAt = new Date();
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  log(`uptime before: ${uptimeBefore}`);
  log(`options: BENCH_SECONDS=${SECONDS} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_IMPORT_ROWS=${IMPORT_ROWS.join(',')}${EXTERNAL_URL ? ' BENCH_DATABASE_URL=(set)' : ''}${ONLY.length ? ` BENCH_ONLY=${ONLY.join(',')}` : ''}`);

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('cleanup:', e));
  };
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    log('interrupted: cleaning up');
    void cleanup().then(() => process.exit(130));
  });

  try {
    // 1. Database ------------------------------------------------------------------------------------------------
    let url: string;
    if (EXTERNAL_URL) {
      url = EXTERNAL_URL;
    } else {
      const tmp = fs.mkdtempSync('/tmp/chibo-bench-');
      fs.chmodSync(tmp, 0o755); // as root, PostgreSQL runs as `postgres`, which must enter it
      cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
      const t = performance.now();
      const server: EmbeddedServer = await startEmbeddedPostgres(path.join(tmp, 'data'));
      cleanups.push(() => server.stop());
      url = server.url('chibo_bench');
      log(`embedded PostgreSQL in ${tmp} started in ${fmt(performance.now() - t)} ms`);
    }
    await ensureDatabase(url);
    const database: Database = openDatabase(url);
    cleanups.push(() => database.close());
    await migrateDatabase(database.db);
    const pgVersion = ((await database.pool.query('SELECT version() AS v')).rows[0] as { v: string }).v;
    log(pgVersion);

    let seed: { ms: number; counts: Record<string, number>; skipped?: boolean };
    const existing = await database.pool.query(`SELECT 1 FROM users WHERE username = 'bithu'`);
    if (existing.rowCount) {
      seed = { ms: 0, counts: {}, skipped: true };
      log('demo data already present: seed skipped');
    } else {
      log('seeding the demo province…');
      const r = await seedDemo(database.db, { log: (m) => log(m) });
      seed = { ms: r.ms, counts: r.counts as unknown as Record<string, number> };
      log(`seed: ${fmt(r.ms / 1000, 1)} s — ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    await database.pool.query('VACUUM ANALYZE');

    // 2. HTTP ------------------------------------------------------------------------------------------------------
    const hello = Fastify();
    hello.get('/', async () => ({ hello: 'world' }));
    const helloBase = await listen(hello);
    cleanups.push(() => hello.close());

    const config = loadConfig({ LOG_LEVEL: 'silent', CHIBO_CACHE: process.env.CHIBO_CACHE }, { databaseUrl: url });
    const app = await buildApp({ config, database });
    const appBase = await listen(app);
    cleanups.push(() => app.close());

    const bithu = await signIn(appBase, 'bithu');
    const canbo = await signIn(appBase, 'canbo.xa');
    const admin = await signIn(appBase, 'admin');
    const cellId = bithu.roles.find((r) => r.role === 'cell_secretary')?.unitId;
    const commune = canbo.roles.find((r) => r.role === 'commune_officer');
    const province = admin.roles[0];
    if (!cellId || !commune || !province) throw new Error('demo logins without the expected grants');
    log(`cell: ${bithu.roles[0].unitName}; commune: ${commune.unitName}; province: ${province.unitName}`);

    const cell25 = runs('people25') ? await secretaryOf25MemberCell(database, appBase) : null;
    const endpoints = [
      { key: 'people', name: 'chibo GET /api/people (cell, 50)', path: `/api/people?unitId=${cellId}&limit=50`, cookie: bithu.cookie },
      ...(cell25 ? [{ key: 'people25', name: 'chibo GET /api/people (25-member cell)', path: `/api/people?unitId=${cell25.unitId}&limit=50`, cookie: cell25.cookie }] : []),
      { key: 'dashCommune', name: 'chibo GET /api/dashboard (commune)', path: `/api/dashboard?unitId=${commune.unitId}`, cookie: canbo.cookie },
      { key: 'dashProvince', name: 'chibo GET /api/dashboard (province)', path: '/api/dashboard', cookie: admin.cookie },
    ].filter((e) => runs(e.key as HttpTarget));
    const captured: Record<string, Statement[]> = {};
    const shapes: Record<string, string> = {};
    for (const e of endpoints) {
      captured[e.key] = await captureStatements(database.pool, async () => {
        const res = await app.inject({ method: 'GET', url: e.path, headers: { cookie: e.cookie } });
        if (res.statusCode !== 200) throw new Error(`${e.path}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
        const body = res.json() as { items?: unknown[]; figures?: { members: number; cells: number }; children?: unknown[] };
        shapes[e.key] = body.items
          ? `${body.items.length} people`
          : `${body.figures?.cells} cells, ${body.figures?.members} members, ${body.children?.length} children`;
      });
      log(`${e.name}: ${shapes[e.key]}; ${captured[e.key].length} SQL statements per request`);
    }

    // Bare Fastify + pg: the STACK-NOTES baselines and the raw replays of chibo's statements.
    const rawPool = new pg.Pool({ connectionString: url, max: 10 });
    cleanups.push(() => rawPool.end());
    const ids = (await rawPool.query<{ id: string }>('SELECT id FROM people ORDER BY random() LIMIT 1000')).rows.map((r) => r.id);
    const raw = Fastify();
    raw.get('/select1', async () => (await rawPool.query('SELECT 1 AS one')).rows[0]);
    raw.get('/pk', async () => (await rawPool.query('SELECT * FROM people WHERE id = $1', [ids[Math.floor(Math.random() * ids.length)]])).rows[0]);
    raw.get<{ Params: { key: string } }>('/replay/:key', async (request) => {
      const out: unknown[] = [];
      for (const s of captured[request.params.key]) out.push((await rawPool.query({ name: s.name, text: s.text, values: s.values })).rows);
      return out;
    });
    const rawBase = await listen(raw);
    cleanups.push(() => raw.close());

    const http: Record<string, LoadResult> = {};
    if (!IMPORT_ONLY) {
      http.hello = await load('Fastify hello world', `${helloBase}/`);
      if (runs('select1')) http.select1 = await load('Fastify + pg SELECT 1', `${rawBase}/select1`);
      if (runs('pk')) http.pk = await load('Fastify + pg primary-key lookup', `${rawBase}/pk`);
      if (runs('health')) http.health = await load('chibo GET /api/health (SELECT 1)', `${appBase}/api/health`);
      for (const e of endpoints) {
        http[`raw_${e.key}`] = await load(`raw replay of ${e.name.replace('chibo ', '')}`, `${rawBase}/replay/${e.key}`);
        await serial(http[`raw_${e.key}`], `${rawBase}/replay/${e.key}`);
        http[e.key] = await load(e.name, `${appBase}${e.path}`, { cookie: e.cookie });
        await serial(http[e.key], `${appBase}${e.path}`, { cookie: e.cookie });
      }
    }
    await Promise.all([hello.close(), app.close(), raw.close()]);

    // 3. Import ----------------------------------------------------------------------------------------------------
    const imports: ImportResult[] = [];
    if (IMPORT_ROWS.length && !SKIP_IMPORT) {
      // Communes other than the signed-in officer's, with their current cells; each import gets its own commune.
      const communes = (
        await database.pool.query<{ id: string; code: string; name: string; cells: string[] }>(
          `SELECT u.id, u.code, v.name,
                  array_agg(c.code ORDER BY c.code) AS cells
             FROM org_units u
             JOIN org_unit_versions v ON v.unit_id = u.id AND v.valid_from <= current_date AND (v.valid_to IS NULL OR v.valid_to > current_date)
             JOIN org_unit_versions cv ON cv.parent_id = u.id AND cv.valid_from <= current_date AND (cv.valid_to IS NULL OR cv.valid_to > current_date)
             JOIN org_units c ON c.id = cv.unit_id AND c.kind = 'cell' AND c.code IS NOT NULL AND (c.valid_to IS NULL OR c.valid_to > current_date)
            WHERE u.kind IN ('commune', 'ward') AND (u.valid_to IS NULL OR u.valid_to > current_date) AND u.id <> $1
            GROUP BY u.id, u.code, v.name
            ORDER BY count(*) DESC, u.code`,
          [commune.unitId],
        )
      ).rows;
      if (communes.length < IMPORT_ROWS.length) throw new Error(`only ${communes.length} communes with cells to import into`);
      // Identifiers continue after any earlier run's (BENCH_DATABASE_URL may be reused).
      let serial = Number((await database.pool.query(`SELECT count(*) AS n FROM people WHERE cccd LIKE '096%' OR party_card_no LIKE '96_______'`)).rows[0].n);
      const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-xlsx-'));
      cleanups.push(() => fs.rmSync(filesDir, { recursive: true, force: true }));

      for (const [i, n] of IMPORT_ROWS.entries()) {
        const target = communes[i];
        const file = path.join(filesDir, `roster-${n}.xlsx`);
        const written = await writeRosterFile({ file, rows: n, cellCodes: target.cells, serialBase: serial });
        serial += n;
        const fileMb = round(written.bytes / 2 ** 20, 2);
        log(`roster of ${fmt(n)} rows for ${target.name} (${target.code}, ${target.cells.length} cells): ${fileMb} MiB, written in ${fmt(written.ms / 1000, 1)} s`);
        const read = await runStep({ kind: 'read', file });
        if (read.error) throw new Error(`bare read of ${n} rows failed: ${read.error}`);
        log(`  bare ExcelJS streaming read: ${fmt(read.ms / 1000, 2)} s, ${fmt(read.rows)} rows, peak RSS ${read.peakRssMb} MiB`);
        const imp = await runStep({ kind: 'import', file, databaseUrl: url, unitCode: target.code });
        if (imp.error) log(`  chibo import FAILED after ${fmt(imp.ms / 1000, 1)} s: ${imp.error}`);
        else log(`  chibo import: ${fmt(imp.ms / 1000, 2)} s, created ${imp.created}, updated ${imp.updated}, peak RSS ${imp.peakRssMb} MiB`);
        imports.push({ rows: n, unitCode: target.code, unitName: target.name, cells: target.cells.length, fileMb, writeMs: round(written.ms, 0), read, import: imp });
        fs.rmSync(file, { force: true });
      }
    }

    // 4. Report ----------------------------------------------------------------------------------------------------
    const uptimeAfter = execSync('uptime').toString().trim();
    const machine = {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: pgVersion,
      database: EXTERNAL_URL ? 'BENCH_DATABASE_URL' : 'embedded (temp dir)',
      uptimeBefore,
      uptimeAfter,
    };
    const report = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options: { seconds: SECONDS, connections: CONNECTIONS, importRows: IMPORT_ROWS }, machine, seed, shapes, http, imports };
    printReport(report);
    const outDir = path.join(benchDir, 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `results-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), outFile)}`);
  } finally {
    if (!interrupted) await cleanup();
  }
}

function printReport(r: { http: Record<string, LoadResult>; imports: ImportResult[]; seed: { ms: number; counts: Record<string, number>; skipped?: boolean }; machine: Record<string, unknown> }) {
  const { http } = r;
  const lines: string[] = [];
  if (http.hello) printHttp(http, lines);
  if (r.imports.length) {
    lines.push('', 'Import — bare ExcelJS streaming read vs chibo roster import (each step in its own process)', '');
    lines.push('| rows | file MiB | bare read s | bare read peak RSS MiB (start) | chibo import s | rows/s | chibo peak RSS MiB (start) | time ratio | result |', '|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const i of r.imports) {
      const ok = !i.import.error;
      lines.push(
        `| ${fmt(i.rows)} | ${i.fileMb} | ${fmt(i.read.ms / 1000, 2)} | ${i.read.peakRssMb} (${i.read.startRssMb}) | ${fmt(i.import.ms / 1000, 2)} | ${ok ? fmt(i.rows / (i.import.ms / 1000)) : '—'} | ${i.import.peakRssMb} (${i.import.startRssMb}) | ${ok ? `${fmt(i.import.ms / i.read.ms, 1)}×` : '—'} | ${ok ? `created ${i.import.created}, updated ${i.import.updated}` : `FAILED: ${i.import.error}`} |`,
      );
    }
  }
  if (!r.seed.skipped) lines.push('', `Demo seed: ${fmt(r.seed.ms / 1000, 1)} s — ${Object.entries(r.seed.counts).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  lines.push('', `uptime before: ${r.machine.uptimeBefore}`, `uptime after:  ${r.machine.uptimeAfter}`);
  console.log(lines.join('\n'));
}

function printHttp(http: Record<string, LoadResult>, lines: string[]) {
  const hello = http.hello.reqPerSec;
  // Two significant digits: 0.78×, 0.0046×.
  const ratio = (a: number, b: number) => (b && a ? `${Number((a / b).toPrecision(2))}×` : '—');
  const rows: [string, LoadResult, string][] = [['Fastify hello world', http.hello, 'baseline']];
  if (http.select1) rows.push(['Fastify + pg SELECT 1', http.select1, `${ratio(http.select1.reqPerSec, hello)} of hello`]);
  if (http.pk) rows.push(['Fastify + pg primary-key lookup', http.pk, `${ratio(http.pk.reqPerSec, hello)} of hello`]);
  if (http.health) rows.push(['chibo /api/health (SELECT 1)', http.health, `${ratio(http.health.reqPerSec, http.select1?.reqPerSec ?? 0)} of Fastify + pg SELECT 1, ${ratio(http.health.reqPerSec, hello)} of hello`]);
  for (const [key, label] of [
    ['people', 'cell member list (50)'],
    ['people25', 'member list of a 25-member cell'],
    ['dashCommune', 'dashboard, commune'],
    ['dashProvince', 'dashboard, province'],
  ] as const) {
    if (!http[key]) continue;
    rows.push([`raw SQL replay: ${label}`, http[`raw_${key}`], `${ratio(http[`raw_${key}`].reqPerSec, hello)} of hello`]);
    rows.push([`chibo: ${label}`, http[key], `${ratio(http[key].reqPerSec, http[`raw_${key}`].reqPerSec)} of raw replay, ${ratio(http[key].reqPerSec, hello)} of hello`]);
  }
  lines.push('', `HTTP — autocannon, ${CONNECTIONS} connections, ${SECONDS} s each`, '');
  lines.push('| what | req/s | p50 ms | p99 ms | one at a time, median ms | ratio (req/s) |', '|---|---:|---:|---:|---:|---|');
  for (const [label, res, note] of rows) {
    const bad = res.non2xx || res.errors || res.timeouts ? ` (non-2xx ${res.non2xx}, errors ${res.errors}, timeouts ${res.timeouts})` : '';
    const rate = fmt(res.reqPerSec, res.reqPerSec < 100 ? 1 : 0);
    const [p50, p99] = res.requests ? [res.p50Ms, res.p99Ms] : ['—', '—'];
    lines.push(`| ${label} | ${rate} | ${p50} | ${p99} | ${res.serialMedianMs ?? '—'} | ${note}${bad} |`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
