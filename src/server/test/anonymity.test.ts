// An anonymous report leaves nothing that points to its sender or to a moment finer than its day: every table
// of the database and the server log are searched for the markers planted in the requests (the address, the
// browser, a forwarded address) and for any time of day within the moments the requests were made.
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { makeWorld, type World } from './factories.js';
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

    // The reporter's audit events carry their day only, and the chain still verifies.
    const { rows: events } = await pool.query<{ at: Date }>("SELECT at FROM audit_events WHERE action IN ('supervision.report.receive', 'supervision.report.answer')");
    expect(events.length).toBe(2);
    for (const e of events) expect(e.at.toISOString()).toMatch(/T00:00:00\.000Z$/);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);

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
});
