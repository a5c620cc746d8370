// Once per integration run: a PostgreSQL server (embedded, or the one TEST_DATABASE_URL / DATABASE_URL names),
// and a template database with every migration applied. Each test file clones it (fast, isolated).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../platform/db/embedded.js';
import { migrateDatabase, openDatabase } from '../platform/db/index.js';

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

export const TEMPLATE = 'chibo_template';

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    // As root, PostgreSQL runs as `postgres`, which must traverse every parent: 0755, not mktemp's 0700.
    const base = path.join(os.tmpdir(), 'chibo-test');
    fs.mkdirSync(base, { recursive: true, mode: 0o755 });
    fs.chmodSync(base, 0o755);
    dataDir = fs.mkdtempSync(path.join(base, 'pg-'));
    fs.chmodSync(dataDir, 0o755);
    // A throwaway server: durability buys nothing here, and every test file writes a cloned database.
    server = await startEmbeddedPostgres(dataDir, undefined, {
      initdb: ['--no-sync'],
      postgres: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    });
    adminUrl = server.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const database = openDatabase(templateUrl, 1);
  await migrateDatabase(database.db);
  await database.close();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
