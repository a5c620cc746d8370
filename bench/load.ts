// Load ("200 connections, mixed reads and writes for 60 s against the national dataset: goal 0 errors,
// p99 ≤ 250 ms; report RSS", issue 5): autocannon with BENCH_LOAD_CONNECTIONS connections for BENCH_LOAD_SECONDS of
// mixed traffic against chibo's server in its own process (serve.ts, LOG_LEVEL info as `chibo start`), signed in as
// many bench accounts (cell secretaries and commune officers on random units; created through the users service),
// each request a random pick by weight:
//   30% cell member list as its secretary          GET /api/people?unitId=<cell>&limit=50
//   15% member list of a cell as a commune officer  GET /api/people?unitId=<cell of the commune>&limit=50
//   20% commune dashboard as its officer            GET /api/dashboard?unitId=<commune>
//   15% people search in a commune                  GET /api/people?unitId=<commune>&q=<a given name>&limit=20
//    5% one member's record as the cell secretary   GET /api/people/<id>
//   15% write: a member's phone number              PATCH /api/people/<id> {phone} (x-csrf-token; audit event)
// Requests carry a browser's accept-encoding (chibo compresses JSON over 1 KB). Per-kind latencies are timed from
// the request's build to its response (autocannon's setupRequest/onResponse); the overall ones are autocannon's.
// Baselines, same run, same connections, each also in its own process: bare Fastify hello world, and Fastify + a
// pg primary-key lookup (load-baseline.ts). The servers' RSS is read from /proc every 250 ms.
//
//   npm run bench:load                                    # the demo province, seeded into a fresh embedded PostgreSQL
//   BENCH_SCALE=national npm run bench:load               # the national dataset (national.ts: ~15 min, ~10 GB)
//   BENCH_DATABASE_URL=postgres://… npm run bench:load    # reuse a database (loaded once; seeded/loaded if empty)
//   BENCH_LOAD_SECONDS=60 BENCH_LOAD_CONNECTIONS=200      # the defaults
//   BENCH_LOAD_BASELINE_SECONDS=15                        # each baseline's run
//   BENCH_LOAD_CELLS=100 BENCH_LOAD_COMMUNES=40           # bench accounts (= sessions) of each kind
//   BENCH_LOAD_MIX=search:0                               # other weights (kind:weight,…); the goal is the default mix
// Writes bench/out/load-<scale>-<time>.json.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  benchDir,
  BENCH_PASSWORD,
  benchDatabase,
  ensureAccount,
  fmt,
  logger,
  machine,
  procMemory,
  round,
  sampleRss,
  SCALE,
  signIn,
  startChibo,
  tempDir,
  uptime,
  writeReport,
  type Session,
} from './common.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const BASELINE_SECONDS = Number(process.env.BENCH_LOAD_BASELINE_SECONDS ?? 15);
const CELLS = Number(process.env.BENCH_LOAD_CELLS ?? 100);
const COMMUNES = Number(process.env.BENCH_LOAD_COMMUNES ?? 40);
const WARMUP_SECONDS = 3;
const TIMEOUT_SECONDS = 10;
const ACCEPT_ENCODING = 'gzip, deflate, br';
for (const [k, v] of Object.entries({ SECONDS, CONNECTIONS, BASELINE_SECONDS, CELLS, COMMUNES })) {
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`BENCH_LOAD_${k}: a positive integer, please`);
    process.exit(2);
  }
}
const log = logger('load');

const OPS = ['cellList', 'communeCellList', 'dashboard', 'search', 'person', 'write'] as const;
type Op = (typeof OPS)[number];
// BENCH_LOAD_MIX=search:0,write:30 changes weights (to see what one kind of request costs the others); the default
// is the mix above, and the goal is judged on it.
const WEIGHTS: Record<Op, number> = { cellList: 30, communeCellList: 15, dashboard: 20, search: 15, person: 5, write: 15 };
for (const part of (process.env.BENCH_LOAD_MIX ?? '').split(',').filter(Boolean)) {
  const [op, w] = part.split(':');
  if (!OPS.includes(op as Op) || !/^\d+$/.test(w ?? '')) {
    console.error(`BENCH_LOAD_MIX: kind:weight pairs of ${OPS.join(', ')}, please`);
    process.exit(2);
  }
  WEIGHTS[op as Op] = Number(w);
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

interface CellActor {
  session: Session;
  cellId: string;
  memberIds: string[];
}
interface CommuneActor {
  session: Session;
  communeId: string;
  cellIds: string[];
  words: string[];
}

interface Req {
  method: 'GET' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function requestFor(op: Op, cells: CellActor[], communes: CommuneActor[]): Req {
  const headers = (s: Session): Record<string, string> => ({ cookie: s.cookie, 'accept-encoding': ACCEPT_ENCODING });
  if (op === 'cellList' || op === 'person' || op === 'write') {
    const a = pick(cells);
    if (op === 'cellList') return { method: 'GET', path: `/api/people?unitId=${a.cellId}&limit=50`, headers: headers(a.session) };
    if (op === 'person') return { method: 'GET', path: `/api/people/${pick(a.memberIds)}`, headers: headers(a.session) };
    const phone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    return {
      method: 'PATCH',
      path: `/api/people/${pick(a.memberIds)}`,
      headers: { ...headers(a.session), 'x-csrf-token': a.session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ phone }),
    };
  }
  const c = pick(communes);
  if (op === 'communeCellList') return { method: 'GET', path: `/api/people?unitId=${pick(c.cellIds)}&limit=50`, headers: headers(c.session) };
  if (op === 'dashboard') return { method: 'GET', path: `/api/dashboard?unitId=${c.communeId}`, headers: headers(c.session) };
  return { method: 'GET', path: `/api/people?unitId=${c.communeId}&q=${encodeURIComponent(pick(c.words))}&limit=20`, headers: headers(c.session) };
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

interface RunResult {
  name: string;
  seconds: number;
  connections: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rss: { idleMb: number; peakMb: number; endMb: number };
  perOp?: Record<string, { serialMedianMs: number; requests: number; share: number; p50Ms: number; p99Ms: number; maxMs: number; statuses: Record<string, number> }>;
}

async function run(name: string, pid: number, opts: { url: string; [key: string]: unknown }, seconds: number, beforeMeasure = () => {}): Promise<RunResult> {
  const base = { connections: CONNECTIONS, timeout: TIMEOUT_SECONDS, ...opts };
  await autocannon({ ...base, duration: WARMUP_SECONDS });
  beforeMeasure();
  const idleMb = procMemory(pid)?.rssMb ?? NaN;
  const sampler = sampleRss(pid, 250);
  const r = await autocannon({ ...base, duration: seconds });
  const s = sampler.stop();
  const out: RunResult = {
    name,
    seconds,
    connections: CONNECTIONS,
    requests: r.requests.total,
    reqPerSec: round(r.requests.total / (r.duration || seconds), 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    rss: { idleMb, peakMb: s.peakMb, endMb: s.endMb },
  };
  log(`${name}: ${fmt(out.reqPerSec)} req/s, p50 ${out.p50Ms} ms, p99 ${out.p99Ms} ms, max ${out.maxMs} ms; non-2xx ${out.non2xx}, errors ${out.errors}, timeouts ${out.timeouts}; RSS ${idleMb} → peak ${s.peakMb} MiB`);
  return out;
}

function forkBaseline(kind: 'hello' | 'pk', databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(benchDir, 'load-baseline.ts'), [JSON.stringify({ kind, databaseUrl })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} baseline exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main() {
  const startedAt = new Date();
  const uptimeBefore = uptime();
  log(`scale ${SCALE}; ${CONNECTIONS} connections, ${SECONDS} s (baselines ${BASELINE_SECONDS} s); uptime before: ${uptimeBefore}`);
  const db = await benchDatabase(log);
  const tmp = tempDir('chibo-bench-load-');
  const children: ChildProcess[] = [];
  let stopServer: (() => Promise<number>) | undefined;
  try {
    const pool = db.database.pool;
    // Bench accounts: reused when BENCH_DATABASE_URL already has them, else made on random current units.
    const existing = new Map(
      (await pool.query<{ username: string; unit_id: string }>(`SELECT u.username, g.unit_id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.username LIKE 'bench.load.%'`)).rows.map((r) => [r.username, r.unit_id]),
    );
    const current = `v.valid_from <= current_date AND (v.valid_to IS NULL OR v.valid_to > current_date)`;
    const freshCells = (
      await pool.query<{ id: string }>(
        `SELECT v.unit_id AS id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id AND u.kind = 'cell'
         WHERE ${current} AND (SELECT count(*) FROM memberships m WHERE m.unit_id = v.unit_id AND m.valid_to IS NULL) >= 5
         AND v.unit_id IN (SELECT v2.unit_id FROM org_unit_versions v2 TABLESAMPLE SYSTEM (${SCALE === 'national' ? 2 : 50}) WHERE v2.valid_to IS NULL)
         ORDER BY random() LIMIT $1`,
        [CELLS],
      )
    ).rows.map((r) => r.id);
    const freshCommunes = (
      await pool.query<{ id: string }>(`SELECT v.unit_id AS id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id AND u.kind IN ('commune', 'ward') WHERE ${current} ORDER BY random() LIMIT $1`, [COMMUNES])
    ).rows.map((r) => r.id);
    const t = performance.now();
    const cellUnits: string[] = [];
    const communeUnits: string[] = [];
    for (let i = 0; i < CELLS; i++) {
      const name = `bench.load.cell.${i}`;
      const unit = existing.get(name) ?? freshCells[i % freshCells.length];
      await ensureAccount(db.database, name, 'cell_secretary', unit);
      cellUnits.push(unit);
    }
    for (let i = 0; i < COMMUNES; i++) {
      const name = `bench.load.commune.${i}`;
      const unit = existing.get(name) ?? freshCommunes[i % freshCommunes.length];
      await ensureAccount(db.database, name, 'commune_officer', unit);
      communeUnits.push(unit);
    }
    log(`${CELLS} cell secretary and ${COMMUNES} commune officer accounts ready (${existing.size} reused) in ${fmt((performance.now() - t) / 1000, 1)} s`);
    const membersOf = new Map(
      (await pool.query<{ unit_id: string; ids: string[] }>(`SELECT unit_id, array_agg(person_id) AS ids FROM memberships WHERE valid_to IS NULL AND unit_id = ANY($1::uuid[]) GROUP BY unit_id`, [cellUnits])).rows.map((r) => [r.unit_id, r.ids]),
    );
    const cellsOf = new Map(
      (
        await pool.query<{ parent_id: string; ids: string[] }>(
          `SELECT v.parent_id, array_agg(v.unit_id) AS ids FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id AND u.kind = 'cell' WHERE ${current} AND v.parent_id = ANY($1::uuid[]) GROUP BY v.parent_id`,
          [communeUnits],
        )
      ).rows.map((r) => [r.parent_id, r.ids]),
    );
    // Search words: given names (the last word) of people in each commune, as someone would type them.
    const wordsOf = new Map(
      (
        await pool.query<{ parent_id: string; words: string[] }>(
          `SELECT parent_id, (array_agg(DISTINCT word))[1:30] AS words FROM (
             SELECT v.parent_id, regexp_replace(p.full_name, '^.* ', '') AS word
             FROM memberships m JOIN people p ON p.id = m.person_id JOIN org_unit_versions v ON v.unit_id = m.unit_id AND ${current}
             WHERE m.valid_to IS NULL AND v.parent_id = ANY($1::uuid[])) w GROUP BY parent_id`,
          [communeUnits],
        )
      ).rows.map((r) => [r.parent_id, r.words]),
    );

    // Baselines first: nothing of chibo's is warm or running while they are measured.
    const results: RunResult[] = [];
    for (const kind of ['hello', 'pk'] as const) {
      const b = await forkBaseline(kind, db.url);
      children.push(b.child);
      results.push(await run(kind === 'hello' ? 'Fastify hello world' : 'Fastify + pg primary-key lookup', b.child.pid!, { url: `http://127.0.0.1:${b.port}/` }, BASELINE_SECONDS));
      await stopChild(b.child);
    }

    const server = await startChibo({ DATABASE_URL: db.url, CHIBO_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: process.env.BENCH_LOAD_LOG_LEVEL ?? 'info' }, path.join(tmp, 'chibo.log'), { command: 'serve' });
    stopServer = server.stop;
    // Real sign-ins for every account; 15 per loopback address stays under the 20 a minute allowed per address.
    const signInMs: number[] = [];
    const signed = async (username: string, i: number) => {
      const t0 = performance.now();
      const s = await signIn(server.port, username, BENCH_PASSWORD, `127.0.${Math.floor(i / 15 / 250)}.${2 + (Math.floor(i / 15) % 250)}`);
      signInMs.push(performance.now() - t0);
      return s;
    };
    const cellActors: CellActor[] = [];
    for (let i = 0; i < CELLS; i++) {
      const memberIds = membersOf.get(cellUnits[i]) ?? [];
      const session = await signed(`bench.load.cell.${i}`, i);
      if (memberIds.length) cellActors.push({ session, cellId: cellUnits[i], memberIds });
    }
    const communeActors: CommuneActor[] = [];
    for (let i = 0; i < COMMUNES; i++) {
      const session = await signed(`bench.load.commune.${i}`, CELLS + i);
      const cellIds = cellsOf.get(communeUnits[i]) ?? [];
      const words = wordsOf.get(communeUnits[i]) ?? [];
      if (cellIds.length && words.length) communeActors.push({ session, communeId: communeUnits[i], cellIds, words });
    }
    if (!cellActors.length || !communeActors.length) throw new Error('no cell or commune with members to load');
    signInMs.sort((a, b) => a - b);
    log(`${signInMs.length} sign-ins over HTTP: p50 ${fmt(percentile(signInMs, 0.5))} ms, max ${fmt(signInMs[signInMs.length - 1])} ms; ${cellActors.length} cell and ${communeActors.length} commune sessions in use`);

    // One at a time first: what each kind costs when nothing queues (the load's latencies are mostly waiting).
    const serialMs: Record<string, number> = {};
    for (const op of OPS) {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const r = requestFor(op, cellActors, communeActors);
        const t0 = performance.now();
        const res = await fetch(`${server.base}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${op} ${r.method} ${r.path}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }
      serialMs[op] = round(percentile(times.sort((a, b) => a - b), 0.5), 1);
    }
    log(`one at a time, median of 10: ${OPS.map((op) => `${op} ${serialMs[op]} ms`).join(', ')}`);

    const bag = OPS.flatMap((op) => Array<Op>(WEIGHTS[op]).fill(op));
    let measuring = false;
    const latencies = Object.fromEntries(OPS.map((op) => [op, [] as number[]])) as Record<Op, number[]>;
    const statuses = Object.fromEntries(OPS.map((op) => [op, {} as Record<string, number>])) as Record<Op, Record<string, number>>;
    const requests = [
      {
        setupRequest: (req: Record<string, unknown>, context: { op?: Op; t?: number }) => {
          const op = pick(bag);
          context.op = op;
          context.t = performance.now();
          return { ...req, ...requestFor(op, cellActors, communeActors) };
        },
        onResponse: (status: number, _body: unknown, context: { op?: Op; t?: number }) => {
          if (!measuring || !context.op || context.t === undefined) return;
          latencies[context.op].push(performance.now() - context.t);
          statuses[context.op][status] = (statuses[context.op][status] ?? 0) + 1;
        },
      },
    ];
    const chibo = await run(
      'chibo, mixed reads and writes',
      server.pid,
      { url: server.base, requests },
      SECONDS,
      // the warm-up's responses are not counted
      () => (measuring = true),
    );
    const total = OPS.reduce((n, op) => n + latencies[op].length, 0);
    chibo.perOp = Object.fromEntries(
      OPS.map((op) => {
        const xs = latencies[op].sort((a, b) => a - b);
        return [op, { serialMedianMs: serialMs[op], requests: xs.length, share: round((100 * xs.length) / (total || 1), 1), p50Ms: round(percentile(xs, 0.5), 1), p99Ms: round(percentile(xs, 0.99), 1), maxMs: round(xs[xs.length - 1] ?? NaN, 1), statuses: statuses[op] }];
      }),
    );
    results.push(chibo);
    const writes = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.update' AND at > $1`, [startedAt]).catch(() => ({ rows: [{ n: NaN }] }));
    await server.stop();
    stopServer = undefined;

    const uptimeAfter = uptime();
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      scale: SCALE,
      machine: { ...machine(), uptimeBefore, uptimeAfter },
      database: db.setup,
      options: { seconds: SECONDS, connections: CONNECTIONS, baselineSeconds: BASELINE_SECONDS, warmupSeconds: WARMUP_SECONDS, timeoutSeconds: TIMEOUT_SECONDS, cells: CELLS, communes: COMMUNES, weights: WEIGHTS, acceptEncoding: ACCEPT_ENCODING },
      sessions: { cell: cellActors.length, commune: communeActors.length, signInP50Ms: round(percentile(signInMs, 0.5), 0) },
      auditedWrites: writes.rows[0].n,
      results,
    };
    const hello = results[0].reqPerSec;
    const lines = [
      '',
      `Load — ${CONNECTIONS} connections, autocannon in the bench process; each server in its own process (RSS from /proc)`,
      '',
      '| target | s | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | timeouts | server RSS MiB idle → peak | req/s ÷ hello |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      ...results.map(
        (r) => `| ${r.name} | ${r.seconds} | ${fmt(r.reqPerSec)} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} | ${r.timeouts} | ${r.rss.idleMb} → ${r.rss.peakMb} | ${(r.reqPerSec / hello).toPrecision(2)}× |`,
      ),
      '',
      'chibo by kind of request (timed from its build to its response):',
      '',
      '| kind | one at a time, median ms | share of completed | requests | p50 ms | p99 ms | max ms | statuses |',
      '|---|---:|---:|---:|---:|---:|---:|---|',
      ...OPS.map((op) => {
        const o = chibo.perOp![op];
        return `| ${op} | ${o.serialMedianMs} | ${o.share}% | ${fmt(o.requests)} | ${o.p50Ms} | ${o.p99Ms} | ${o.maxMs} | ${Object.entries(o.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')} |`;
      }),
      '',
      `Goal: 0 errors, p99 ≤ 250 ms. Writes audited in the database since the start: ${writes.rows[0].n}.`,
      `uptime before: ${uptimeBefore}`,
      `uptime after:  ${uptimeAfter}`,
    ];
    console.log(lines.join('\n'));
    writeReport(`load-${SCALE}`, startedAt, report, log);
  } finally {
    if (stopServer) await stopServer().catch(() => {});
    for (const c of children) await stopChild(c).catch(() => {});
    if (!process.env.BENCH_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    await db.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
