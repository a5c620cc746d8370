// Opens the database chibo runs on: the one DATABASE_URL names, or the embedded server in the data directory.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { ensureDatabase, migrateDatabase, openDatabase, type Database } from './db/index.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { walArchiveFlags } from './backup/base.js';

export interface Runtime {
  database: Database;
  databaseUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * `attach`: a command beside a running `chibo start` (import, audit verify…) uses the embedded server that start
 * runs on the same data directory; without it (start itself) a running one is refused with what to do.
 */
export async function openRuntime(config: Config, opts: { migrate?: boolean; log?: (m: string) => void; attach?: boolean } = {}): Promise<Runtime> {
  let url = config.databaseUrl;
  let stopServer = async () => {};
  if (!url) {
    // WAL archiving (point-in-time recovery, platform/backup/base.ts) is a server flag: set on every start.
    const flags = config.backup.walArchive ? walArchiveFlags(config.dataDir) : {};
    const server = await startEmbeddedPostgres(config.dataDir, opts.log, flags, { attach: opts.attach });
    url = server.url('chibo');
    stopServer = server.stop;
  }
  await ensureDatabase(url);
  const database = openDatabase(url, config.dbPool, { replicaUrls: config.databaseReplicaUrls });
  if (opts.migrate !== false) await migrateDatabase(database.db);
  return {
    database,
    databaseUrl: url,
    embedded: !config.databaseUrl,
    stop: async () => {
      await database.close();
      await stopServer();
    },
  };
}

/** Stops the app, then the database (and the embedded server), on SIGINT or SIGTERM; `before` runs first. */
export function stopOnSignal(app: FastifyInstance, rt: Runtime, before: () => Promise<void> = async () => {}) {
  const shutdown = async () => {
    await before();
    await app.close();
    await rt.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
