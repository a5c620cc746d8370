// Who is calling a public route, without ever writing down who: a per-process pseudonym of the address (salted
// with a salt made at start), and failure counters keyed by it, in memory only. Shared by every public route that
// limits guesses (supervision's receipt codes, consultations' ballot codes).
import { createHash, randomBytes } from 'node:crypto';

const salt = randomBytes(32);
/** A per-process pseudonym of the caller's address; the address itself is never kept. */
export const callerKey = (ip: string) => createHash('sha256').update(salt).update(ip).digest('base64url');

/** Failures per caller key within a window, in memory. */
export class FailureCounter {
  private readonly entries = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now = Date.now()): boolean {
    const e = this.entries.get(key);
    if (e && e.until < now) this.entries.delete(key);
    return !!e && e.until >= now && e.count >= this.max;
  }

  fail(key: string, now = Date.now()): void {
    const e = this.entries.get(key);
    if (!e || e.until < now) this.entries.set(key, { count: 1, until: now + this.windowMs });
    else e.count += 1;
    if (this.entries.size > 100_000) this.prune(now);
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (e.until < now) this.entries.delete(k);
  }
}
