// An anonymous report leaves nothing that points to its sender or to a moment finer than its day: every table
// of the database and the server log are searched for the markers planted in the requests (the address, the
// browser, a forwarded address) and for any time of day within the moments the requests were made.
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { makeWorld, type World } from './factories.js';
import { todayIso } from '../../domain/dates.js';
import { addDays } from '../../domain/supervision.js';
import { COUNT_ACTION, digestAnonymousDays } from '../modules/supervision/digest.js';
import { setupTestApp, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let app: FastifyInstance;
const lines: string[] = [];

const IP = '203.0.113.77';
const FORWARDED = '198.51.100.201';
const AGENT = 'MarkerAgent/7.7 (planted)';

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  app = await buildApp({ config: { ...ctx.config, logLevel: 'trace' }, database: ctx.database, logStream: stream });
  await app.ready();
  return () => app.close();
});

const headers = { 'user-agent': AGENT, 'x-forwarded-for': FORWARDED, 'x-real-ip': FORWARDED };

describe('an anonymous report, followed and answered', () => {
  it('leaves no address, browser or time of day in any table or in the log', async () => {
    const from = new Date(Date.now() - 5);
    const sent = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: IP,
      headers,
      payload: { cellId: world.cellA1.id, category: 'criticism', subject: 'cell', content: 'Họp chi bộ không đúng kỳ, biên bản ghi sẵn từ trước.', anonymous: true },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json().receiptCode as string;
    expect((await app.inject({ method: 'POST', url: '/api/public/reports/follow', remoteAddress: IP, headers, payload: { code } })).statusCode).toBe(200);
    const answered = await app.inject({ method: 'POST', url: '/api/public/reports/answer', remoteAddress: IP, headers, payload: { code, body: 'Tôi xin bổ sung: kỳ họp tháng trước cũng vậy.' } });
    expect(answered.statusCode, answered.body).toBe(200);
    const to = new Date(Date.now() + 5);

    const pool = ctx.database.pool;
    const { rows: tables } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    expect(tables.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
      for (const { row } of rows) for (const marker of [IP, FORWARDED, 'MarkerAgent', code, code.replace(/-/g, '')]) if (row.includes(marker)) found.push(`${table_name}: ${marker}`);
      // Any moment stored while the reporter's requests were made.
      const { rows: cols } = await pool.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type LIKE 'timestamp%'",
        [table_name],
      );
      for (const { column_name } of cols) {
        const { rows: hits } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}" BETWEEN $1 AND $2`, [from, to]);
        if (hits[0].n > 0) found.push(`${table_name}.${column_name}: ${hits[0].n} moment(s) during the requests`);
      }
    }
    expect(found).toEqual([]);

    // No audit event of the day's reports yet: one now would be dated by its place between stamped events.
    const { rows: now } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'supervision.%'");
    expect(now[0].n).toBe(0);

    // The log: none of the markers, and no line written while the requests were made.
    const log = lines.join('');
    for (const marker of [IP, FORWARDED, 'MarkerAgent', code]) expect(log).not.toContain(marker);
    const during = lines
      .flatMap((l) => l.split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { time?: number; msg?: string })
      .filter((l) => l.time !== undefined && l.time >= from.getTime() && l.time <= to.getTime());
    expect(during).toEqual([]);
  });

  it('is audited once its day is over, counted with the day and dated by it, never by its place in the chain', async () => {
    const pool = ctx.database.pool;
    const today = todayIso();
    // A named report the same day keeps its event at once.
    const named = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { cellId: world.cellA1.id, category: 'suggestion', subject: 'cell', content: 'Đề nghị họp chi bộ vào buổi tối.', anonymous: false, reporterName: 'Người gửi có tên', reporterContact: '0912345678' },
    });
    expect(named.statusCode, named.body).toBe(201);
    const { rows: before } = await pool.query<{ action: string }>("SELECT action FROM audit_events WHERE action LIKE 'supervision.%'");
    expect(before.map((r) => r.action)).toEqual(['supervision.report.receive']);
    const seqBefore = (await pool.query<{ s: number }>('SELECT max(seq)::int AS s FROM audit_events')).rows[0].s;

    // Today is not over: nothing is counted.
    expect(await digestAnonymousDays(ctx.database.db, today)).toEqual([]);
    // Tomorrow's pass counts today's anonymous report and answer in one event for the handling commune.
    const tomorrow = addDays(today, 1);
    expect(await digestAnonymousDays(ctx.database.db, tomorrow)).toEqual([today]);
    const { rows: counted } = await pool.query<{ entity_id: string; after: { day: string; received: number; answers: number }; at: Date; seq: number }>(
      'SELECT entity_id, after, at, seq FROM audit_events WHERE action = $1',
      [COUNT_ACTION],
    );
    expect(counted).toHaveLength(1);
    expect(counted[0].entity_id).toBe(world.communeA.id);
    expect(counted[0].after).toEqual({ day: today, received: 1, answers: 1 });
    expect(counted[0].at.toISOString()).toBe(`${today}T00:00:00.000Z`);
    expect(counted[0].seq).toBeGreaterThan(seqBefore);
    // Twice (or at once from two processes): counted once.
    const again = await Promise.all([digestAnonymousDays(ctx.database.db, tomorrow), digestAnonymousDays(ctx.database.db, tomorrow)]);
    expect(again).toEqual([[], []]);
    expect((await pool.query('SELECT 1 FROM audit_events WHERE action = $1', [COUNT_ACTION])).rowCount).toBe(1);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});
