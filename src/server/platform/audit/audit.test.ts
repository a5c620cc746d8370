import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.js';

let ctx: TestContext;
let world: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

// The trail is append-only for ordinary statements; a tamperer with superuser rights disables the trigger.
async function tamper(statement: ReturnType<typeof sql>) {
  await ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
  });
}

describe('the audit trail', () => {
  it('records who changed what, with before and after, and the admin can browse a person’s trail', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    await officer.patch(`/api/people/${world.people.memberA1.id}`, { phone: '0987654321' });
    const admin = await signIn(ctx.app, 'admin');
    const trail = (await admin.get(`/api/audit?entityType=person&entityId=${world.people.memberA1.id}`)).json().items;
    expect(trail[0]).toMatchObject({ actorName: 'officer.a', action: 'person.update', before: { phone: '0912345678' }, after: { phone: '0987654321' } });
    expect(trail.at(-1).action).toBe('person.create');
  });

  it('refuses ordinary UPDATE and DELETE', async () => {
    // drizzle wraps the driver's error; the trigger's message is on its cause.
    const reason = (p: Promise<unknown>) => p.then(() => 'succeeded', (e: { cause?: { message?: string } }) => e.cause?.message);
    expect(await reason(ctx.database.db.execute(sql`UPDATE audit_events SET action = 'x' WHERE seq = 1`))).toMatch(/append-only/);
    expect(await reason(ctx.database.db.execute(sql`DELETE FROM audit_events WHERE seq = 1`))).toMatch(/append-only/);
  });

  it('chains concurrent writes at commit: one gapless chain, any text, nothing of a rolled-back write, nothing left staged', async () => {
    const actor = { userId: null, personId: null, grants: [], name: 'Nguyễn Thị "Hoà" \\ ✓', requestId: 'r-1' };
    const before = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ctx.database.db.transaction(async (tx) => {
          await recordAudit(tx, actor, [
            { action: 'test.concurrent', entityType: 'test', entityId: `e${i}`, unitPath: '/Tỉnh/Xã/', after: { ghiChú: `Bản Khuổi ${i}`, n: i, nested: { b: [1, null, 'ư'] } } },
            { action: 'test.concurrent', entityType: 'test', entityId: `e${i}b`, before: { a: 'x' }, after: null },
          ]);
          await tx.execute(sql`SELECT pg_sleep(0.01)`);
        }),
      ),
    );
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await recordAudit(tx, actor, { action: 'test.rolledBack', entityType: 'test', entityId: 'gone' });
        throw new Error('the write fails after its audit event was staged');
      }),
    ).rejects.toThrow(/fails/);
    const rows = (await ctx.database.db.execute<{ seq: number; action: string }>(sql`SELECT seq, action FROM audit_events ORDER BY seq`)).rows;
    expect(rows.length).toBe(before + 24);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.some((r) => r.action === 'test.rolledBack')).toBe(false);
    expect((await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_staged`)).rows[0].n).toBe(0);
    expect(await verifyAuditChain(ctx.database.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('verifies an intact chain', async () => {
    const result = await verifyAuditChain(ctx.database.db, 7);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(20);
  });

  it('detects an edited event', async () => {
    await tamper(sql`UPDATE audit_events SET after = jsonb_set(after, '{phone}', '"0000000000"') WHERE action = 'person.update'`);
    const result = await verifyAuditChain(ctx.database.db);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toContain('event content was changed');
  });

  it('detects a deleted event', async () => {
    await tamper(sql`DELETE FROM audit_events WHERE seq = 3`);
    const result = await verifyAuditChain(ctx.database.db);
    expect(result.problems).toContainEqual({ seq: 4, problem: 'events 3–3 are missing' });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});
