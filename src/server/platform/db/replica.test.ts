// DATABASE_REPLICA_URL against a real hot standby streaming from its own primary (test/standby.ts; it ignores
// DATABASE_URL, so it runs the same in CI's pass against an external server): the dashboard and the roster
// export read from the standby, a write's LSN cookie keeps its author off a standby that has not replayed it,
// and a stopped standby sends reads back to the primary.
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { addPerson, makeWorld, personFields, type World } from '../../test/factories.js';
import { signIn, TEST_PASSWORD, type Client } from '../../test/harness.js';
import { startStreamingPair, type StreamingPair } from '../../test/standby.js';
import { loadConfig } from '../config.js';
import { ensureDatabase, migrateDatabase, openDatabase, type Database, type Db } from './index.js';
import { LSN_COOKIE, parseLsn } from './replicas.js';

let pair: StreamingPair;
let database: Database;
let app: FastifyInstance;
let world: World;
let admin: Client;
const logLines: string[] = [];

const inRecovery = async (exec: Db) => (await exec.execute<{ r: boolean }>(sql`SELECT pg_is_in_recovery() AS r`)).rows[0].r;

async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const replayed = async () => parseLsn((await pair.onStandby<{ lsn: string }>('SELECT pg_last_wal_replay_lsn()::text AS lsn'))[0].lsn)!;
const primaryLsn = async () => parseLsn((await database.db.execute<{ lsn: string }>(sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`)).rows[0].lsn)!;
const caughtUp = async () => {
  const target = await primaryLsn();
  await until('the standby has replayed the primary', async () => (await replayed()) >= target);
};

const members = async (headers: Record<string, string> = {}) => {
  const res = await admin.request('GET', `/api/dashboard?unitId=${world.cellA1.id}`, undefined, headers);
  expect(res.statusCode).toBe(200);
  return res.json().figures.members as number;
};

beforeAll(async () => {
  pair = await startStreamingPair(async (adminUrl) => {
    const url = adminUrl.replace(/\/postgres$/, '/chibo');
    await ensureDatabase(url);
    const d = openDatabase(url, 1);
    await migrateDatabase(d.db);
    await d.close();
  });
  // Two-factor sign-in not required here (the harness's default): this test signs in as the province admin.
  const config = loadConfig({ LOG_LEVEL: 'warn', DATABASE_REPLICA_URL: pair.standbyUrl('chibo'), CHIBO_2FA_REQUIRED_ROLES: '' } as NodeJS.ProcessEnv);
  database = openDatabase(pair.primaryUrl('chibo'), 5, { replicaUrls: config.databaseReplicaUrls });
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  app = await buildApp({ config, database, logStream });
  await app.ready();
  world = await makeWorld({ database });
  admin = await signIn(app, 'admin');
  await caughtUp();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await pair?.stop();
});

describe('read replicas', () => {
  it('reads through the standby; writes and sessions stay on the primary', async () => {
    expect(await inRecovery(await database.read())).toBe(true);
    expect(await inRecovery(database.db)).toBe(false);
  });

  it('serves the dashboard and the roster export from the standby: a write it has not replayed is not there yet', async () => {
    const before = await members();
    await pair.onStandby('SELECT pg_wal_replay_pause()');
    await until('replay is paused', async () => (await pair.onStandby<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s'))[0].s === 'paused');
    await addPerson(database.db, world.cellA1.id, { fullName: 'Chu Văn Mới' });

    expect(await members()).toBe(before);
    const res = await admin.get(`/api/people/export.xlsx?unitId=${world.cellA1.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0].getColumn(2).values.map(String);
    expect(names).not.toContain('Chu Văn Mới');
    expect(names).toContain('Lê Văn Dũng');
  });

  it('after a write, its author reads from the primary until the standby has replayed it', async () => {
    const before = await members();
    const created = await admin.post('/api/people', { ...personFields({ fullName: 'Hà Thị Vừa Thêm' }), unitId: world.cellA1.id, memberSince: '2020-01-01' });
    expect(created.statusCode).toBe(201);
    const lsn = created.cookies.find((c) => c.name === LSN_COOKIE);
    expect(lsn).toMatchObject({ httpOnly: true, sameSite: 'Lax', maxAge: 10 });
    const withCookie = { cookie: `${LSN_COOKIE}=${lsn!.value}` };

    // Replay is still paused: the standby has neither the direct insert nor this one; the primary has both.
    expect(await members(withCookie)).toBe(before + 2);
    expect(await members()).toBe(before);
    expect(await inRecovery(await database.read({ after: lsn!.value }))).toBe(false);

    await pair.onStandby('SELECT pg_wal_replay_resume()');
    await until('the standby has replayed the write', async () => (await replayed()) >= parseLsn(lsn!.value)!);
    await new Promise((r) => setTimeout(r, 150)); // past the cached replay position
    expect(await inRecovery(await database.read({ after: lsn!.value }))).toBe(true);
    expect(await members(withCookie)).toBe(before + 2);
    expect(await members()).toBe(before + 2);
  });

  it('falls back to the primary, with one warning, when the standby is down', async () => {
    const count = await members();
    await pair.stopStandby();
    expect(await members()).toBe(count);
    expect(await members()).toBe(count);
    expect(await inRecovery(await database.read())).toBe(false);
    const warnings = logLines.filter((l) => l.includes('read replica unreachable'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('password');
  });
});

describe('without replicas', () => {
  it('reads from the primary itself and sets no LSN cookie', async () => {
    const plain = openDatabase(pair.primaryUrl('chibo'), 1);
    try {
      expect(await plain.read()).toBe(plain.db);
      expect(plain.replicated).toBe(false);
      const a = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), database: plain });
      const login = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(200);
      expect(login.cookies.map((c) => c.name)).not.toContain(LSN_COOKIE);
      await a.close();
    } finally {
      await plain.close();
    }
  });
});
