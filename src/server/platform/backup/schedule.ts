// The daily backup `chibo start` takes by itself (CHIBO_BACKUP_AT, default 02:30 server time; "off" turns it off),
// and the retention that keeps the newest CHIBO_BACKUP_KEEP of each kind and the WAL the oldest kept base backup
// needs. docs/decisions/0013-backups.md.
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from './logical.js';
import { readBaseManifest, takeBaseBackup, walArchiveDir } from './base.js';

/** The next moment at `hhmm` (server local time) strictly after `now`. */
export function nextRunAt(now: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const next = new Date(now);
  next.setHours(h, m, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

const isLogical = (n: string) => /^chibo-\d{8}-\d{6}$/.test(n);
const isBase = (n: string) => /^base-\d{8}-\d{6}$/.test(n);

/**
 * Removes all but the newest `keep` backups of each kind from `dir` (names sort by time), then every archived WAL
 * segment older than the oldest kept base backup's first segment. Returns what it removed.
 */
export function pruneBackups(dir: string, keep: number, dataDir?: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  const names = fs.readdirSync(dir).sort();
  for (const kind of [isLogical, isBase]) {
    const all = names.filter(kind);
    for (const n of all.slice(0, Math.max(0, all.length - keep))) {
      fs.rmSync(path.join(dir, n), { recursive: true, force: true });
      removed.push(n);
    }
  }
  const bases = fs.readdirSync(dir).filter(isBase).sort();
  if (dataDir && bases.length > 0) {
    const oldest = readBaseManifest(path.join(dir, bases[0])).startWal;
    const archive = walArchiveDir(dataDir);
    // WAL segment names order by timeline, then position; a segment before the oldest base backup restores nothing.
    for (const f of fs.existsSync(archive) ? fs.readdirSync(archive) : [])
      if (/^[0-9A-F]{24}$/.test(f) && f.slice(8) < oldest.slice(8)) {
        fs.rmSync(path.join(archive, f));
        removed.push(`wal-archive/${f}`);
      }
  }
  return removed;
}

export interface ScheduleOptions {
  at: string | null;
  keep: number;
  dir: string;
  url: string;
  /** The embedded server's data directory when WAL is archived: a base backup is taken too. */
  embeddedDataDir?: string;
  log: (m: string) => void;
}

/** Starts the daily backups; returns the function that stops them. A failed backup is logged and tried next day. */
export function scheduleBackups(o: ScheduleOptions): () => void {
  if (!o.at) return () => {};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const wait = nextRunAt(new Date(), o.at!).getTime() - Date.now();
    timer = setTimeout(() => void runOnce().finally(arm), wait);
    timer.unref();
  };
  const runOnce = async () => {
    try {
      const logical = await backupDatabase(o.url, o.dir);
      o.log(`Daily backup written: ${path.basename(logical.dir)}`);
      if (o.embeddedDataDir) {
        const base = await takeBaseBackup(o.url, o.embeddedDataDir, o.dir);
        o.log(`Daily base backup written: ${path.basename(base.dir)}`);
      }
      const removed = pruneBackups(o.dir, o.keep, o.embeddedDataDir);
      if (removed.length) o.log(`Old backups removed: ${removed.length}`);
    } catch (err) {
      o.log(`The daily backup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
