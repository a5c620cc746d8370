// Start-up: `node bin/chibo.mjs start` (what `npm start` runs) on a fresh data directory until it serves — embedded
// PostgreSQL initialised and started, migrations, the demo province seeded, the app listening: the first 200 of
// /api/health (chibo listens only after seeding) — then SIGTERM and the exit, then restarts on the same directory.
// Baselines measured in the same run: the embedded PostgreSQL server alone (initdb + start on a fresh directory,
// then restarts), `node -e` of a bare Fastify listen, and `node bin/chibo.mjs --help` (tsx and every server
// module loaded, nothing done).
//
// The web app is built before anything is timed when dist/web is missing or older than its sources (the same test
// `chibo start` makes), so no timing includes a vite build; the report says if a start built it anyway.
//
//   npx tsx bench/start.ts                       # or: npm run bench:start
//   BENCH_START_RESTARTS=3                       # restarts measured (chibo, and PostgreSQL alone), default 3
// Writes bench/out/start-<time>.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';
import { DEMO_PASSWORD } from '../src/server/modules/demo/seed.js';
import { fmt, freePort, httpStatus, logger, machine, procMemory, repoRoot, round, signIn, sleep, startChibo, tempDir, uptime, writeReport } from './common.js';
import { webBuildStale } from '../src/server/platform/web-build.js';

const RESTARTS = Number(process.env.BENCH_START_RESTARTS ?? 3);
if (!Number.isInteger(RESTARTS) || RESTARTS < 1) {
  console.error('BENCH_START_RESTARTS must be a positive integer');
  process.exit(2);
}
const log = logger('start');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of a command run to its end. */
function timed(cmd: string, args: string[]): number {
  const t = performance.now();
  execFileSync(cmd, args, { cwd: repoRoot, stdio: 'ignore' });
  return performance.now() - t;
}

/** `node -e` of a Fastify app with one route, from spawn to its first 200: the floor of any Node web server start. */
async function bareFastifyStart(): Promise<number> {
  const port = await freePort();
  const script = `import('fastify').then(async ({ default: Fastify }) => { const app = Fastify(); app.get('/', async () => 'ok'); await app.listen({ host: '127.0.0.1', port: ${port} }); })`;
  const t = performance.now();
  const child = spawn(process.execPath, ['-e', script], { cwd: repoRoot, stdio: 'ignore' });
  try {
    while ((await httpStatus(`http://127.0.0.1:${port}/`, 1000)) !== 200) {
      if (child.exitCode !== null) throw new Error('bare Fastify exited');
      await sleep(10);
    }
    return performance.now() - t;
  } finally {
    child.kill('SIGTERM');
  }
}

/** Stops a PostgreSQL left running by a chibo child that died without its shutdown (its pid is in postmaster.pid). */
function stopOrphanPostgres(pgDir: string) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
    } catch {
      // already gone
    }
  }
}

async function main() {
  const startedAt = new Date();
  const uptimeBefore = uptime();
  log(`uptime before: ${uptimeBefore}`);
  const tmp = tempDir('chibo-bench-start-');
  const dataDir = path.join(tmp, 'data');
  const logFile = path.join(tmp, 'chibo.log');
  const pgAloneDir = path.join(tmp, 'pg-alone');
  const chiboEnv = { CHIBO_DATA_DIR: dataDir, DATABASE_URL: undefined };
  let current: Awaited<ReturnType<typeof startChibo>> | undefined;
  try {
    // Not timed: the web build, then two runs of the CLI so tsx's compile cache is as warm as on a second `npm start`.
    let webBuildMs: number | null = null;
    if (webBuildStale(repoRoot)) {
      log('dist/web is missing or older than its sources: building it first (not part of any timing)…');
      webBuildMs = timed('npx', ['vite', 'build', '--logLevel', 'warn']);
      log(`web build: ${fmt(webBuildMs / 1000, 1)} s`);
    } else log('dist/web is up to date: no build');
    const cliLoadMs = [timed(process.execPath, ['bin/chibo.mjs', '--help']), timed(process.execPath, ['bin/chibo.mjs', '--help'])];
    log(`node bin/chibo.mjs --help: ${cliLoadMs.map((m) => `${fmt(m)} ms`).join(', then ')}`);
    const fastifyMs = [await bareFastifyStart(), await bareFastifyStart()];
    log(`node -e bare Fastify, spawn to first 200: ${fastifyMs.map((m) => `${fmt(m)} ms`).join(', then ')}`);

    // PostgreSQL alone: what chibo's start cannot go below.
    let t = performance.now();
    let pg = await startEmbeddedPostgres(pgAloneDir);
    const pgFreshMs = performance.now() - t;
    await pg.stop();
    const pgRestartMs: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      t = performance.now();
      pg = await startEmbeddedPostgres(pgAloneDir);
      pgRestartMs.push(performance.now() - t);
      await pg.stop();
    }
    log(`embedded PostgreSQL alone: initdb + start ${fmt(pgFreshMs)} ms; restarts ${pgRestartMs.map((m) => fmt(m)).join(', ')} ms`);
    fs.rmSync(pgAloneDir, { recursive: true, force: true });

    // chibo on a fresh data directory.
    log(`chibo start on a fresh ${dataDir}…`);
    current = await startChibo(chiboEnv, logFile);
    const fresh = { readyMs: round(current.readyMs, 0), rssMb: procMemory(current.pid)?.rssMb ?? null, stopMs: 0 };
    const firstLog = fs.readFileSync(logFile, 'utf8');
    const seededS = Number(/Seeded the demo province in ([\d.]+) s/.exec(firstLog)?.[1] ?? NaN);
    const reportedReadyS = Number(/ready in ([\d.]+) s/.exec(firstLog)?.[1] ?? NaN);
    const admin = await signIn(current.port, 'admin', DEMO_PASSWORD);
    if (!admin.roles.some((r) => r.role === 'province_admin')) throw new Error('the demo admin has no province grant');
    log(`fresh start: ready in ${fmt(fresh.readyMs)} ms (chibo says ${reportedReadyS} s, of which seeding ${seededS} s); RSS ${fresh.rssMb} MiB; admin signs in (${admin.roles[0].unitName})`);
    fresh.stopMs = round(await current.stop(), 0);
    log(`SIGTERM to exit: ${fmt(fresh.stopMs)} ms`);

    const restarts: { readyMs: number; reportedReadyS: number; rssMb: number | null; stopMs: number }[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      const before = fs.statSync(logFile).size;
      current = await startChibo(chiboEnv, logFile);
      const out = fs.readFileSync(logFile, 'utf8').slice(before);
      const r = { readyMs: round(current.readyMs, 0), reportedReadyS: Number(/ready in ([\d.]+) s/.exec(out)?.[1] ?? NaN), rssMb: procMemory(current.pid)?.rssMb ?? null, stopMs: 0 };
      r.stopMs = round(await current.stop(), 0);
      restarts.push(r);
      log(`restart ${i + 1}: ready in ${fmt(r.readyMs)} ms (chibo says ${r.reportedReadyS} s); RSS ${r.rssMb} MiB; stopped in ${fmt(r.stopMs)} ms`);
    }
    current = undefined;
    const allLog = fs.readFileSync(logFile, 'utf8');
    const webBuiltDuringStart = allLog.includes('Building the web app');

    const uptimeAfter = uptime();
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...machine(), uptimeBefore, uptimeAfter },
      options: { restarts: RESTARTS },
      webBuild: { builtBeforeMs: webBuildMs === null ? null : round(webBuildMs, 0), builtDuringAStart: webBuiltDuringStart },
      baselines: {
        cliHelpMs: cliLoadMs.map((m) => round(m, 0)),
        bareFastifyMs: fastifyMs.map((m) => round(m, 0)),
        postgresFreshMs: round(pgFreshMs, 0),
        postgresRestartMs: pgRestartMs.map((m) => round(m, 0)),
      },
      chibo: { fresh: { ...fresh, seededS, reportedReadyS }, restarts, restartMedianMs: median(restarts.map((r) => r.readyMs)) },
    };
    const lines = [
      '',
      `Start — node bin/chibo.mjs start, spawn to the first 200 of /api/health (web app ${webBuildMs === null ? 'already built' : 'built before, not timed'}${webBuiltDuringStart ? '; a start REBUILT it: that time is included' : ''})`,
      '',
      '| what | fresh data directory | restart (median of ' + RESTARTS + ') | goal |',
      '|---|---:|---:|---|',
      `| **chibo start** (PostgreSQL, migrations, demo seed, listen) | ${fmt(fresh.readyMs / 1000, 2)} s (seed ${seededS} s) | ${fmt(report.chibo.restartMedianMs / 1000, 2)} s | ≤ 20 s / ≤ 3 s |`,
      `| chibo's own "ready in" line (from its start action: after tsx has loaded the modules) | ${fmt(reportedReadyS, 2)} s | ${fmt(median(restarts.map((r) => r.reportedReadyS)), 2)} s | |`,
      `| embedded PostgreSQL alone (initdb + start / start) | ${fmt(pgFreshMs / 1000, 2)} s | ${fmt(median(pgRestartMs) / 1000, 2)} s | baseline |`,
      `| node -e bare Fastify listen (spawn to first 200) | ${fmt(fastifyMs[1] / 1000, 2)} s | ${fmt(fastifyMs[1] / 1000, 2)} s | baseline |`,
      `| node bin/chibo.mjs --help (tsx + all server modules, no work) | ${fmt(cliLoadMs[1] / 1000, 2)} s | ${fmt(cliLoadMs[1] / 1000, 2)} s | baseline |`,
      '',
      `SIGTERM to exit: ${fmt(fresh.stopMs)} ms after the fresh start, ${restarts.map((r) => fmt(r.stopMs)).join(', ')} ms after the restarts. chibo RSS when ready: ${fresh.rssMb} MiB fresh, ${restarts.map((r) => r.rssMb).join(', ')} MiB restarted.`,
      `uptime before: ${uptimeBefore}`,
      `uptime after:  ${uptimeAfter}`,
    ];
    console.log(lines.join('\n'));
    writeReport('start', startedAt, report, log);
  } finally {
    if (current) await current.stop().catch(() => {});
    stopOrphanPostgres(path.join(dataDir, 'pg'));
    stopOrphanPostgres(path.join(pgAloneDir, 'pg'));
    await sleep(200);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
