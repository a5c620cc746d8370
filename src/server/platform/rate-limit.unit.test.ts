// The rate limit's store under a burst: 20 requests from one address at the same instant against a limit of 5 →
// exactly 5 pass (the plugin's own store let none pass: every request read the final count).
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { describe, expect, it } from 'vitest';
import { SnapshotRateStore } from './rate-limit.js';

async function burst(store?: typeof SnapshotRateStore) {
  const app = Fastify();
  await app.register(rateLimit, { global: false, ...(store ? { store } : {}) });
  app.post('/x', { config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async () => 'ok');
  app.post('/y', { config: { rateLimit: { max: 2, timeWindow: '10 minutes' } } }, async () => 'ok');
  await app.ready();
  const send = (url: string, remoteAddress: string) => app.inject({ method: 'POST', url, remoteAddress });
  const x = await Promise.all(Array.from({ length: 20 }, () => send('/x', '10.1.1.1')));
  const other = await send('/x', '10.1.1.2');
  const y = await Promise.all(Array.from({ length: 4 }, () => send('/y', '10.1.1.1')));
  await app.close();
  return { x: x.map((r) => r.statusCode), other: other.statusCode, y: y.map((r) => r.statusCode) };
}

describe('SnapshotRateStore', () => {
  it('lets exactly the limit through a burst from one address, per route, and not another address', async () => {
    const r = await burst(SnapshotRateStore);
    expect(r.x.filter((s) => s === 200)).toHaveLength(5);
    expect(r.x.filter((s) => s === 429)).toHaveLength(15);
    expect(r.other).toBe(200);
    expect(r.y.filter((s) => s === 200)).toHaveLength(2);
  });

  it("is needed: the plugin's own store refuses the whole burst", async () => {
    expect((await burst()).x.filter((s) => s === 200).length).toBeLessThan(5);
  });
});
