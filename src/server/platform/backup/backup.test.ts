// The restore drill: a backup taken while chibo serves comes back identical — every table's rows and the audit
// chain — and a base backup with archived WAL recovers the embedded server to a chosen moment, just before a
// mistaken change. Real PostgreSQL servers; nothing stands in for them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { systemActor } from '../access.js';
import { verifyAuditChain } from '../audit/audit.js';
import { migrateDatabase, openDatabase } from '../db/index.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { makeWorld } from '../../test/factories.js';
import { setupTestApp, signIn } from '../../test/harness.js';
import { createUnit } from '../../modules/org/service.js';
import { backupDatabase, readManifest, restoreDatabase, tableDigests } from './logical.js';
import { restoreBaseBackup, takeBaseBackup, walArchiveFlags, walArchiveDir } from './base.js';
import { nextRunAt, pruneBackups } from './schedule.js';

function tempDir(prefix: string) {
  // As root, PostgreSQL runs as `postgres`, which must traverse every parent.
  const base = path.join(os.tmpdir(), 'chibo-test');
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  fs.chmodSync(base, 0o755);
  const dir = fs.mkdtempSync(path.join(base, prefix));
  fs.chmodSync(dir, 0o755);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('logical backup and restore (any PostgreSQL: embedded or DATABASE_URL)', async () => {
  const ctx = await setupTestApp();
  const world = await makeWorld(ctx);
  const out = tempDir('backups-');

  it('round trip: after a backup, changes and a restore, every table and the audit chain are as they were', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const before = await tableDigests(ctx.url);
    const { dir, manifest } = await backupDatabase(ctx.url, out);
    expect(manifest.tables.length).toBeGreaterThan(20);
    expect(manifest.tables.find((t) => t.name === 'public.audit_events')?.rows).toBeGreaterThan(0);

    // The mistakes to undo: a unit renamed through the API, a row deleted behind chibo's back.
    const renamed = await officer.post(`/api/units/${world.cellA1.id}/rename`, { name: 'Chi bộ đổi tên nhầm', date: '2025-08-01' });
    expect(renamed.statusCode).toBe(200);
    await ctx.database.db.execute(sql`DELETE FROM sessions`);
    expect(await tableDigests(ctx.url)).not.toEqual(before);

    const restored = await restoreDatabase(ctx.url, dir, { force: true });
    expect(restored.tables).toBe(manifest.tables.length);
    expect(await tableDigests(ctx.url)).toEqual(before);
    const chain = await verifyAuditChain(ctx.database.db);
    expect(chain.ok).toBe(true);
    // Sequences come back too: the next audit event continues the chain where the backup left it.
    await createUnit(ctx.database.db, systemActor('test'), { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ sau khôi phục', code: '90001-099', validFrom: '2025-08-01' });
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('a damaged backup restores nothing: the database stays exactly as it was', async () => {
    const { dir, manifest } = await backupDatabase(ctx.url, out, new Date(Date.now() + 5_000));
    const victim = manifest.tables.find((t) => t.name === 'public.audit_events')!;
    fs.writeFileSync(path.join(dir, victim.file), fs.readFileSync(path.join(dir, manifest.tables.find((t) => t.rows === 0)!.file)));
    await ctx.database.db.execute(sql`DELETE FROM sessions`);
    const before = await tableDigests(ctx.url);
    await expect(restoreDatabase(ctx.url, dir, { force: true })).rejects.toThrow(/damaged/);
    expect(await tableDigests(ctx.url)).toEqual(before);
  });

  it('refuses while chibo is connected, and names what to do', async () => {
    const { dir } = await backupDatabase(ctx.url, out, new Date(Date.now() + 10_000));
    await ctx.database.db.execute(sql`SELECT 1`); // the app's pool holds a connection
    await expect(restoreDatabase(ctx.url, dir)).rejects.toThrow(/stop chibo/);
    expect(readManifest(dir).migrations).toBeGreaterThan(10);
  });
});

describe('point-in-time recovery of the embedded server', () => {
  it('restores to the moment before a mistaken change: identical to what was there then', async () => {
    const dataDir = tempDir('pitr-');
    const backups = path.join(dataDir, 'backups');
    const fast = ['-c', 'fsync=off'];
    const archiving = walArchiveFlags(dataDir);
    let server = await startEmbeddedPostgres(dataDir, undefined, { initdb: ['--no-sync'], postgres: [...archiving.postgres, ...fast], ownedDirs: archiving.ownedDirs });
    let url = server.url('postgres');
    let database = openDatabase(url, 2);
    let moment = new Date();
    let good: Record<string, string> = {};
    try {
      await migrateDatabase(database.db);
      await makeWorld({ database });
      await takeBaseBackup(url, dataDir, backups);
      // The WAL the base backup needs is in the archive (an unreadable marker would have archived nothing).
      expect(fs.readdirSync(walArchiveDir(dataDir)).some((f) => /^[0-9A-F]{24}$/.test(f))).toBe(true);
      // After the base backup: work that must survive…
      await createUnit(database.db, systemActor('test'), { parentId: null, kind: 'province', name: 'Tỉnh ủy sau sao lưu', code: '77', validFrom: '2025-07-01' });
      good = await tableDigests(url);
      await new Promise((r) => setTimeout(r, 1_100));
      moment = new Date();
      await new Promise((r) => setTimeout(r, 1_100));
      // …then the mistake (a whole table emptied), and WAL switched so everything up to it is archived.
      await database.db.execute(sql`DELETE FROM memberships`);
      await database.db.execute(sql`SELECT pg_switch_wal()`);
      await database.db.execute(sql`CHECKPOINT`);
      for (let i = 0; i < 100 && fs.readdirSync(walArchiveDir(dataDir)).filter((f) => /^[0-9A-F]{24}$/.test(f)).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await tableDigests(url)).not.toEqual(good);
    } finally {
      await database.close();
      await server.stop();
    }
    const base = fs.readdirSync(backups).find((n) => n.startsWith('base-'))!;
    const { keptAs } = await restoreBaseBackup(dataDir, path.join(backups, base), { to: moment, flags: fast });
    expect(fs.existsSync(keptAs)).toBe(true);

    server = await startEmbeddedPostgres(dataDir, undefined, { postgres: [...archiving.postgres, ...fast], ownedDirs: archiving.ownedDirs });
    url = server.url('postgres');
    database = openDatabase(url, 2);
    try {
      expect(await tableDigests(url)).toEqual(good);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      // A normal server again: it takes writes.
      await createUnit(database.db, systemActor('test'), { parentId: null, kind: 'province', name: 'Tỉnh ủy sau khôi phục', code: '78', validFrom: '2025-07-01' });
    } finally {
      await database.close();
      await server.stop();
    }
  });
});

describe('the daily schedule and retention', () => {
  it('runs at the next HH:MM, tomorrow when today’s has passed', () => {
    const now = new Date(2026, 11, 6, 3, 0, 0);
    expect(nextRunAt(now, '02:30')).toEqual(new Date(2026, 11, 7, 2, 30));
    expect(nextRunAt(now, '03:30')).toEqual(new Date(2026, 11, 6, 3, 30));
    expect(nextRunAt(new Date(2026, 11, 6, 2, 30), '02:30')).toEqual(new Date(2026, 11, 7, 2, 30));
  });

  it('keeps the newest N of each kind and the WAL the oldest kept base backup needs', () => {
    const dataDir = tempDir('prune-');
    const dir = path.join(dataDir, 'backups');
    fs.mkdirSync(dir);
    const wal = walArchiveDir(dataDir);
    fs.mkdirSync(wal);
    for (const d of ['01', '02', '03']) {
      fs.mkdirSync(path.join(dir, `chibo-202612${d}-023000`));
      fs.mkdirSync(path.join(dir, `base-202612${d}-023000`));
      fs.writeFileSync(path.join(dir, `base-202612${d}-023000`, 'base.json'), JSON.stringify({ format: 'chibo-base-backup/1', startWal: `0000000100000000000000${d}` }));
      fs.writeFileSync(path.join(wal, `0000000100000000000000${d}`), '');
    }
    fs.writeFileSync(path.join(wal, '00000002.history'), '');
    const removed = pruneBackups(dir, 2, dataDir);
    expect(removed.sort()).toEqual(['base-20261201-023000', 'chibo-20261201-023000', 'wal-archive/000000010000000000000001']);
    expect(fs.readdirSync(wal).sort()).toEqual(['000000010000000000000002', '000000010000000000000003', '00000002.history']);
  });
});
