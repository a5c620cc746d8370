// What the start, export and load benchmarks share: the database they run on (a fresh embedded server or
// BENCH_DATABASE_URL; the demo province or, with BENCH_SCALE=national, the national dataset), `chibo start` as a
// child process whose memory is read from /proc (so the figure is the server's own, not the load generator's),
// bench accounts made through the users service, and the report's plumbing.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';

export { freePort };
import { ensureDatabase, migrateDatabase, openDatabase, type Database } from '../src/server/platform/db/index.js';
import { systemActor } from '../src/server/platform/access.js';
import { seedDemo } from '../src/server/modules/demo/seed.js';
import { createUser } from '../src/server/modules/users/service.js';
import { takenUsername } from '../src/server/modules/users/queries.js';
import type { Role } from '../src/domain/enums.js';
import { loadNational } from './national.js';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');
export const SCALE: 'province' | 'national' = process.env.BENCH_SCALE === 'national' ? 'national' : 'province';
/** The password of every account the benchmarks create (bench.* usernames). */
export const BENCH_PASSWORD = 'bench-password-2026';

export const logger = (tag: string) => (m: string) => console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${m}`);
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
export const fmt = (n: number | null | undefined, d = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
export const uptime = () => execSync('uptime').toString().trim();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version };
}

/** A temp folder the `postgres` user can enter (as root, PostgreSQL runs as that user; mkdtemp makes 0700). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join('/tmp', prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Resident and peak resident memory of a process, MiB, from /proc (null once it has exited). */
export function procMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kb('VmRSS');
    // a zombie (exited, not yet reaped) has no VmRSS
    return Number.isNaN(rss) ? null : { rssMb: round(rss / 1024), hwmMb: round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

export interface Sample {
  ms: number;
  rssMb: number;
  /** Progress at that moment (bytes or rows), when the caller tracks it. */
  progress?: number;
}

/** Samples a process's RSS every `everyMs` (setInterval: late ticks under load are late, not lost). */
export function sampleRss(pid: number, everyMs: number, progress?: () => number) {
  const started = performance.now();
  const samples: Sample[] = [];
  const take = () => {
    const m = procMemory(pid);
    if (m) samples.push({ ms: Math.round(performance.now() - started), rssMb: m.rssMb, ...(progress ? { progress: progress() } : {}) });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop: () => {
      take();
      clearInterval(timer);
      const rss = samples.map((s) => s.rssMb);
      return { samples, startMb: rss[0] ?? NaN, peakMb: Math.max(...rss), endMb: rss[rss.length - 1] ?? NaN };
    },
  };
}

/** RSS when progress first reached each fraction of `total` (the memory-is-flat figures). */
export function rssAtFractions(samples: Sample[], total: number, fractions = [0.1, 0.5, 1]) {
  const out: Record<string, number | null> = {};
  // 100% is the last sample: a file's final bytes (the zip's directory) land at the very end, between two samples
  for (const f of fractions) out[`${Math.round(f * 100)}%`] = (f >= 1 ? samples[samples.length - 1] : samples.find((s) => (s.progress ?? 0) >= f * total))?.rssMb ?? null;
  return out;
}

export interface BenchDatabase {
  url: string;
  database: Database;
  setup: Record<string, unknown>;
  cleanup: () => Promise<void>;
}

/**
 * BENCH_DATABASE_URL, or a fresh embedded server in /tmp (removed by `cleanup`); migrated; the demo province
 * seeded, or the national dataset loaded with BENCH_SCALE=national, when the database holds no province yet.
 */
export async function benchDatabase(log: (m: string) => void, poolSize = 4): Promise<BenchDatabase> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('cleanup:', e));
  };
  try {
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      const tmp = tempDir('chibo-bench-');
      cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
      const server = await startEmbeddedPostgres(path.join(tmp, 'data'));
      cleanups.push(() => server.stop());
      url = server.url('chibo_bench');
      log(`embedded PostgreSQL in ${tmp}`);
    }
    await ensureDatabase(url);
    const database = openDatabase(url, poolSize);
    cleanups.push(() => database.close());
    await migrateDatabase(database.db);
    let setup: Record<string, unknown> = { skipped: true };
    const provinces = (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units WHERE kind = 'province'`)).rows[0].n;
    if (provinces === 0) {
      if (SCALE === 'national') setup = await loadNational(url, log);
      else {
        log('seeding the demo province…');
        const r = await seedDemo(database.db);
        setup = { seedMs: r.ms, counts: r.counts };
        log(`seed: ${fmt(r.ms / 1000, 1)} s`);
      }
      await database.pool.query('VACUUM ANALYZE');
    } else log(`database already holds ${provinces} province(s): nothing loaded`);
    const size = (
      await database.pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size, (SELECT count(*) FROM people)::int AS people,
        (SELECT count(*) FROM org_units WHERE kind = 'cell')::int AS cells, (SELECT count(*) FROM org_units WHERE kind = 'province')::int AS provinces,
        version() AS postgres`)
    ).rows[0] as Record<string, unknown>;
    log(`database ${size.size}: ${size.provinces} province(s), ${fmt(size.cells as number)} cells, ${fmt(size.people as number)} people`);
    return { url, database, setup: { ...setup, ...size }, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Ensures an account exists with BENCH_PASSWORD (created through the users service, so with its audit event). */
export async function ensureAccount(database: Database, username: string, role: Role, unitId: string): Promise<void> {
  if (await takenUsername(database.db, [username])) return;
  await createUser(database.db, systemActor('bench'), { username, displayName: username, password: BENCH_PASSWORD, role, unitId });
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  roles: { role: string; unitId: string; unitName: string }[];
}

/**
 * Signs in over HTTP from `localAddress`: sign-in is limited to 20 a minute per address, and every loopback
 * address 127.x.y.z reaches the server, so many real sign-ins spread over a few of them.
 */
export function signIn(port: number, username: string, password: string, localAddress = '127.0.0.1'): Promise<Session> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) return reject(new Error(`sign-in as ${username}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          const json = JSON.parse(text) as { csrfToken: string; user: { roles: Session['roles'] } };
          const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
          resolve({ username, cookie, csrf: json.csrfToken, roles: json.user.roles });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET that resolves with the status (any error counts as "not yet"). */
export function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export interface ChiboServer {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** Time from spawn to the first 200 of /api/health, ms. */
  readyMs: number;
  /** SIGTERM, then waits for the exit; ms from the signal to the exit. */
  stop: () => Promise<number>;
}

/**
 * `node bin/chibo.mjs start` — the real command — or bench/serve.ts (the same server without the web build and the
 * seed) in a child process, its output to `logFile`; ready when /api/health answers 200 (chibo listens only once
 * migrated and seeded).
 */
export async function startChibo(
  env: Record<string, string | undefined>,
  logFile: string,
  opts: { command?: 'start' | 'serve'; timeoutMs?: number } = {},
): Promise<ChiboServer> {
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const args = opts.command === 'serve' ? ['--import', 'tsx', path.join(benchDir, 'serve.ts')] : [path.join(repoRoot, 'bin/chibo.mjs'), 'start'];
  const port = await freePort();
  // undefined removes a variable (a DATABASE_URL in the caller's environment must not leak into a fresh start)
  const childEnv: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const out = fs.openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited: number | null = null;
  const exit = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve((exited = code ?? (signal ? 128 : 1)))));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== null) throw new Error(`chibo start exited with ${exited} before it was ready; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    if ((await httpStatus(`${base}/api/health`, 1000)) === 200) break;
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`chibo start not ready after ${timeoutMs / 1000} s; see ${logFile}`);
    }
    await sleep(25);
  }
  const readyMs = performance.now() - started;
  return {
    child,
    pid: child.pid!,
    port,
    base,
    readyMs,
    stop: async () => {
      const t = performance.now();
      if (exited === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exit;
        clearTimeout(timer);
      }
      return performance.now() - t;
    },
  };
}

export function writeReport(name: string, startedAt: Date, report: object, log: (m: string) => void): string {
  const dir = path.join(benchDir, 'out');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), file)}`);
  return file;
}
