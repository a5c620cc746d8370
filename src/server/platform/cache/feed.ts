// The change feed: one connection per chibo process LISTENs on chibo_changes (migration 0009) and hands each
// notification to the caches. PostgreSQL sends a transaction's notifications when it commits, in commit order,
// so a cache dropping entries here is at most a few milliseconds behind any write, from any process.
// While the connection is down the feed is not live: caches neither serve nor store, and everything cached is
// dropped, since notifications sent meanwhile are lost. It reconnects on its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ChangeEvent =
  | { kind: 'auth'; items: string[] | '*' }
  | { kind: 'people' | 'figures'; items: string[] | '*' }
  | { kind: 'all'; items: '*' };

const CHANNEL = 'chibo_changes';

export function parseChange(payload: string): ChangeEvent | { kind: 'sync'; nonce: string } | null {
  const colon = payload.indexOf(':');
  if (colon < 0) return null;
  const kind = payload.slice(0, colon);
  const rest = payload.slice(colon + 1);
  if (kind === 'sync') return { kind, nonce: rest };
  if (kind === 'all') return { kind, items: '*' };
  if (kind !== 'auth' && kind !== 'people' && kind !== 'figures') return null;
  const items = rest === '*' || rest.split(',').includes('*') ? '*' : rest.split(',').filter(Boolean);
  return { kind, items };
}

export interface FeedLog {
  warn: (obj: object, msg: string) => void;
}

export class ChangeFeed {
  private client: pg.Client | null = null;
  private live = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly subscribers = new Set<(event: ChangeEvent) => void>();
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly url: string,
    private readonly log: FeedLog,
  ) {}

  get isLive(): boolean {
    return this.live;
  }

  subscribe(fn: (event: ChangeEvent) => void): void {
    this.subscribers.add(fn);
  }

  /** Connects and listens; resolves once live (or once the first attempt failed: it keeps retrying). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'chibo change feed' });
    client.on('notification', (n) => n.channel === CHANNEL && this.receive(n.payload ?? ''));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.live = true;
      // Whatever was cached before this connection may have missed notifications.
      this.emit({ kind: 'all', items: '*' });
    } catch (err) {
      client.end().catch(() => {});
      this.lost(client, err as Error);
    }
  }

  /**
   * Resolves once every notification committed before this call has been applied here. A write request waits for
   * it before answering, so the next read from the same browser never meets an entry its own write outdated.
   * Concurrent calls share markers: a call joins the next marker to be sent (one already sent may have left
   * before its commit), so a busy server sends one marker per round trip, not one per write.
   */
  sync(timeoutMs = 2000): Promise<void> {
    if (!this.live || !this.client) return Promise.resolve();
    this.next ??= { waiters: [] };
    const batch = this.next;
    const done = new Promise<void>((resolve) => batch.waiters.push(resolve));
    if (!this.inFlight) void this.sendMarker(timeoutMs);
    return done;
  }

  private next: { waiters: (() => void)[] } | null = null;
  private inFlight = false;

  private async sendMarker(timeoutMs: number): Promise<void> {
    const batch = this.next;
    const client = this.client;
    if (!batch) return;
    this.next = null;
    const release = () => batch.waiters.forEach((resolve) => resolve());
    if (!this.live || !client) return release();
    this.inFlight = true;
    const nonce = randomBytes(9).toString('base64url');
    const seen = new Promise<void>((resolve) => this.waiting.set(nonce, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `sync:${nonce}`]);
      if ((await Promise.race([seen, timeout])) === 'timeout') {
        this.log.warn({ timeoutMs }, 'change feed did not echo in time; dropping every cached answer');
        this.emit({ kind: 'all', items: '*' });
      }
    } catch (err) {
      this.lost(client, err as Error);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(nonce);
      this.inFlight = false;
      release();
      if (this.next) void this.sendMarker(timeoutMs);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private receive(payload: string) {
    const event = parseChange(payload);
    if (!event) return;
    if (event.kind === 'sync') return this.waiting.get(event.nonce)?.();
    this.emit(event);
  }

  private emit(event: ChangeEvent) {
    for (const fn of this.subscribers) fn(event);
  }

  private lost(client: pg.Client, err: Error) {
    if (this.client && this.client !== client) return;
    const wasLive = this.live;
    this.live = false;
    this.client = null;
    this.emit({ kind: 'all', items: '*' });
    for (const resolve of this.waiting.values()) resolve();
    if (this.closed || this.retry) return;
    if (wasLive) this.log.warn({ err: err.message }, 'change feed lost its connection; caches are off until it is back');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, 1000);
    this.retry.unref();
  }
}
