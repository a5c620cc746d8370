// The request-rate counters of @fastify/rate-limit, in memory. The plugin's own LocalStore hands every caller the
// same counter object and reads it only after an await: when 20 requests from one address arrive at once, all 20
// read the final count (20 > 5) and all are refused, where the first five should pass. This store answers each
// increment with a copy of the count as it stood right after that increment, so exactly `max` pass.
import type { FastifyRateLimitStore } from '@fastify/rate-limit';

interface Window {
  count: number;
  startMs: number;
}

export class SnapshotRateStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, Window>();

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.startMs + timeWindow <= now) {
      w = { count: 0, startMs: now };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.prune(now, timeWindow);
    }
    w.count += 1;
    callback(null, { current: w.count, ttl: w.startMs + timeWindow - now });
  }

  read(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    const w = this.windows.get(key);
    callback(null, !w || w.startMs + timeWindow <= now ? { current: 0, ttl: 0 } : { current: w.count, ttl: w.startMs + timeWindow - now });
  }

  /** Each route limited on its own gets its own counters (as the plugin's stores do). */
  child(): FastifyRateLimitStore {
    return new SnapshotRateStore();
  }

  private prune(now: number, timeWindow: number) {
    for (const [k, w] of this.windows) if (w.startMs + timeWindow <= now) this.windows.delete(k);
  }
}
