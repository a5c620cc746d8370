// Read replicas (DATABASE_REPLICA_URL): PostgreSQL streaming standbys that answer the reads allowed to be a moment
// stale (docs/scaling.md §1). Each read picks a standby round-robin, skipping one that is unreachable or that has
// not yet replayed the caller's last write; when none fits, the primary answers — a replica only ever offloads.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './index.js';

/** Set on a write's response: the primary's WAL position after that write (see app.ts). */
export const LSN_COOKIE = 'chibo_lsn';
/** A standby's replay position is asked at most this often; the answer is shared by the reads in between. */
const PROBE_TTL_MS = 100;
/** An unreachable standby is left alone this long before being tried again, so a dead one costs no request a timeout. */
const RETRY_DOWN_MS = 5_000;

export interface WarnLog {
  warn: (obj: object, msg: string) => void;
}

export interface ReadOptions {
  /** The caller's last write position (the LSN cookie): only a standby that has replayed it may answer. */
  after?: string | undefined;
  log?: WarnLog;
}

interface Replica {
  name: string;
  pool: pg.Pool;
  db: Db;
  /** Replay position as of `checkedAt`; null when the server is not in recovery (no position to compare). */
  replayed: bigint | null;
  checkedAt: number;
  downUntil: number;
  probing?: Promise<void>;
}

/** 'A/1B2C3D4' → a number that orders like the WAL; anything else (a tampered cookie) → undefined. */
export function parseLsn(text: string | undefined | null): bigint | undefined {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : undefined;
}

/** host:port/database — how a replica is named in logs and the start banner: never its credentials. */
export function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export interface ReplicaSet {
  read: (opts?: ReadOptions) => Promise<Db>;
  close: () => Promise<void>;
}

export function openReplicas(urls: string[], primary: Db, max: number, logger?: { logQuery: (q: string) => void }): ReplicaSet {
  const replicas: Replica[] = urls.map((url) => {
    // A short connect timeout: a standby that does not answer must not hold a request for long before the fallback.
    const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 2_000 });
    const replica: Replica = { name: replicaName(url), pool, db: drizzle(pool, { logger }), replayed: null, checkedAt: 0, downUntil: 0 };
    // An idle connection dropped by the server (standby stopped or restarting): ask again before the next read.
    pool.on('error', () => {
      replica.checkedAt = 0;
    });
    return replica;
  });
  let next = 0;

  const probe = (r: Replica, log: WarnLog) =>
    (r.probing ??= r.pool
      .query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn')
      .then(({ rows }) => {
        r.replayed = parseLsn(rows[0]?.lsn) ?? null;
        r.downUntil = 0;
      })
      .catch((err: unknown) => {
        if (r.downUntil === 0) log.warn({ replica: r.name, err: String(err) }, 'read replica unreachable; its reads go to the primary');
        r.downUntil = Date.now() + RETRY_DOWN_MS;
      })
      .finally(() => {
        r.checkedAt = Date.now();
        r.probing = undefined;
      }));

  const fits = async (r: Replica, after: bigint | undefined, log: WarnLog) => {
    const now = Date.now();
    if (r.downUntil > now) return false;
    if (now - r.checkedAt >= PROBE_TTL_MS) await probe(r, log);
    if (r.downUntil > Date.now()) return false;
    return after === undefined || (r.replayed !== null && r.replayed >= after);
  };

  return {
    async read(opts = {}) {
      if (replicas.length === 0) return primary;
      const after = parseLsn(opts.after);
      const log = opts.log ?? { warn: (obj, msg) => console.warn(msg, obj) };
      const start = next++ % replicas.length;
      for (let i = 0; i < replicas.length; i++) {
        const r = replicas[(start + i) % replicas.length];
        if (await fits(r, after, log)) return r.db;
      }
      return primary;
    },
    close: async () => {
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}

/** The executor for a request's stale-tolerant reads: honours its LSN cookie and logs under its request id. */
export function readFor(database: { read: ReplicaSet['read'] }, request: { cookies: Record<string, string | undefined>; log: WarnLog }): Promise<Db> {
  return database.read({ after: request.cookies[LSN_COOKIE], log: request.log });
}
