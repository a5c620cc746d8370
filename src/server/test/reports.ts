// The tests' one way to file a report about a cell, as a citizen does (the public route, each from an address
// of its own, so the rate limit never counts them together): anonymous unless named. Returns the case's id and number.
import { expect } from 'vitest';
import type { TestContext } from './harness.js';
import { lookupOf } from '../modules/supervision/receipt.js';

let addr = 0;

export async function reportAbout(ctx: TestContext, cellId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; number: number }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: `198.51.100.${(++addr % 250) + 1}`,
    payload: { cellId, category: 'complaint', subject: 'village', content: 'Việc giao đất ở thôn không công khai, bà con không được họp bàn.', anonymous: true, ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { rows } = await ctx.database.pool.query('SELECT id, number FROM supervision_cases WHERE receipt_lookup = $1', [lookupOf(res.json().receiptCode)!.lookup]);
  return rows[0];
}
