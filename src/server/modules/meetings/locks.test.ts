// The meetings refresh takes one advisory lock per province (migration 0044). A transaction that refreshes two
// provinces in two statements takes their locks in the order of its statements, so two such transactions can wait
// for each other (PostgreSQL's deadlock, 40P01). Here a cell moves across provinces over the API (its old province's
// lock at the closing of its old version, the new one's at its new version) while another transaction holds the new
// province's lock and then asks for the old one's: a deadlock every time. The
// request's transaction is the one cancelled, and it is run again: the move succeeds, and so does the other.
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { createUnit } from '../org/service.js';

let ctx: TestContext;
let world: World;
const today = todayIso();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

const plan = (cell: string, day: number) => `INSERT INTO cell_meetings (cell_id, kind, planned_on) VALUES ('${cell}', 'regular', '${addDays(today, day)}')`;

describe('meetings refresh locks across provinces', () => {
  it('a move across provinces that deadlocks with a transaction locking the two provinces the other way round succeeds', async () => {
    const db = ctx.database.db;
    const pool = (db as unknown as { $client: pg.Pool }).$client;
    const actor = systemActor('test');
    const from = addDays(today, -400);
    const other = await createUnit(db, actor, { parentId: null, kind: 'province', name: 'Tỉnh ủy Khác', code: '97', validFrom: from });
    const otherCommune = await createUnit(db, actor, { parentId: other.id, kind: 'commune', name: 'Đảng ủy xã Khác', code: '97001', validFrom: from });
    const mover = await createUnit(db, actor, { parentId: otherCommune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Chuyển', code: '97001-001', validFrom: from });
    const stayer = await createUnit(db, actor, { parentId: otherCommune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Ở Lại', code: '97001-002', validFrom: from });
    await db.execute(sql.raw(plan(mover.id, -30)));
    await db.execute(sql.raw(plan(stayer.id, -30)));
    await db.execute(sql.raw(plan(world.cellA1.id, -30)));
    // the world's province admin is also the other province's (one account with two grants: the only one that may
    // move a cell from one province to the other)
    await db.execute(sql`INSERT INTO role_grants (user_id, role, unit_id) SELECT id, 'province_admin', ${other.id} FROM users WHERE username = 'admin'`);
    const admin = await signIn(ctx.app, 'admin');

    const deadlocksBefore = await deadlocks(pool);
    const holder = await pool.connect();
    try {
      // The holder takes the world's province's lock (a meeting written there) and only notices the deadlock late, so
      // that the request is the one PostgreSQL cancels.
      await holder.query('BEGIN');
      await holder.query("SET LOCAL deadlock_timeout = '60s'");
      await holder.query(plan(world.cellA1.id, -5));
      // The move: the old version closes (the other province's lock), the new one opens under commune A (the world's
      // province's lock: waits for the holder).
      const moving = admin.post(`/api/units/${mover.id}/move`, { parentId: world.communeA.id, date: addDays(today, -1) });
      await waitForLockWait(pool);
      // The holder now writes in the other province: it waits for the request, which waits for it.
      const holderDone = holder.query(plan(stayer.id, -5)).then(() => holder.query('COMMIT'));
      const res = await moving;
      await holderDone;
      // PostgreSQL cancelled the request's transaction (40P01); org ran it again once the holder was through (before:
      // a 409 "conflict" that spoke of a registry rule)
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().unit.parentId).toBe(world.communeA.id);
      // …after a deadlock indeed (PostgreSQL counts it)
      await until(async () => (await deadlocks(pool)) > deadlocksBefore, 'no deadlock was counted');
    } finally {
      holder.release();
    }
  });
});

const deadlocks = async (pool: pg.Pool) =>
  (await pool.query<{ n: number }>('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n;

/** Until `ok` (the statistics reach the shared view within a second or so). */
async function until(ok: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(what);
}

/** Until some backend of this database waits for an advisory lock (the request, behind the holder). */
async function waitForLockWait(pool: pg.Pool) {
  await until(async () => {
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()",
    );
    return rows[0]!.n > 0;
  }, 'the move never waited for the province lock');
}
