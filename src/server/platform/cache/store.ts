// An in-process cache whose entries are dropped by the change feed (feed.ts): by user (their session or grants
// changed) or by branch (something changed in a cell under the entry's unit). No time-based expiry: an entry is
// right until the feed says otherwise, and while the feed is down nothing is served from or stored in a cache.
import type { ChangeEvent } from './feed.js';

export type CacheKind = 'session' | 'people' | 'figures';

export interface CacheTags {
  /** The user whose session, grants or scope the entry depends on. */
  user: string;
  /** What the entry was built from. */
  kind: CacheKind;
  /** The units (by path) the entry covers: a change in any cell under one of them drops it. */
  paths: string[];
}

interface Entry<V> {
  value: V;
  tags: CacheTags;
  size: number;
}

/** A load that started before an invalidation must not store what it read: see `begin` and `put`. */
export interface Ticket {
  readonly seq: number;
  ended: boolean;
}

/** The ancestors-or-self of a path ('/a/b/' → '/', '/a/', '/a/b/'), the keys an entry of a unit is indexed by. */
export function pathPrefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i + 1));
  return out;
}

export class TaggedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byPath = new Map<string, Set<string>>();
  private size = 0;
  private seq = 0;
  /** Invalidations since the oldest load still running: a load checks them before it stores. */
  private log: { seq: number; event: ChangeEvent }[] = [];
  private readonly running = new Map<number, number>();

  constructor(
    private readonly isLive: () => boolean,
    private readonly limits: { entries: number; size: number },
    private readonly sizeOf: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    if (!this.isLive()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Least recently used goes first: a Map iterates in insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Call before reading what will be stored: an invalidation that lands while the read runs voids the store. */
  begin(): Ticket {
    const ticket = { seq: this.seq, ended: false };
    this.running.set(ticket.seq, (this.running.get(ticket.seq) ?? 0) + 1);
    return ticket;
  }

  /**
   * Stores `value` unless the feed is down, a matching invalidation arrived since `ticket`, or the ticket has ended
   * (its invalidations may be forgotten). Always ends the ticket.
   */
  put(ticket: Ticket, key: string, value: V, tags: CacheTags): void {
    const voided = ticket.ended || !this.isLive() || this.log.some((l) => l.seq > ticket.seq && matches(l.event, tags));
    this.end(ticket);
    if (voided) return;
    this.delete(key);
    const entry = { value, tags, size: this.sizeOf(value) };
    this.entries.set(key, entry);
    this.size += entry.size;
    index(this.byUser, tags.user, key);
    for (const p of tags.paths) index(this.byPath, `${tags.kind}${p}`, key);
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.size <= this.limits.size) break;
      this.delete(oldest);
    }
  }

  /** Ends a ticket without storing (the load failed, or found nothing to keep). Ending it again does nothing. */
  end(ticket: Ticket): void {
    if (ticket.ended) return;
    ticket.ended = true;
    const n = (this.running.get(ticket.seq) ?? 1) - 1;
    if (n > 0) this.running.set(ticket.seq, n);
    else this.running.delete(ticket.seq);
    const oldest = Math.min(...this.running.keys());
    this.log = this.running.size === 0 ? [] : this.log.filter((l) => l.seq > oldest);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.size;
    unindex(this.byUser, entry.tags.user, key);
    for (const p of entry.tags.paths) unindex(this.byPath, `${entry.tags.kind}${p}`, key);
  }

  /** Applies one event of the change feed. */
  invalidate(event: ChangeEvent): void {
    this.seq++;
    if (this.running.size > 0) this.log.push({ seq: this.seq, event });
    if (event.kind === 'all' || event.items === '*') {
      if (event.kind === 'all' || event.kind === 'auth') return this.clear();
      for (const [key, entry] of [...this.entries]) if (entry.tags.kind === event.kind) this.delete(key);
      return;
    }
    if (event.kind === 'auth') {
      for (const user of event.items) for (const key of [...(this.byUser.get(user) ?? [])]) this.delete(key);
      return;
    }
    for (const changed of event.items) {
      for (const prefix of pathPrefixes(changed)) for (const key of [...(this.byPath.get(`${event.kind}${prefix}`) ?? [])]) this.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.byUser.clear();
    this.byPath.clear();
    this.size = 0;
  }

  get count(): number {
    return this.entries.size;
  }
}

function matches(event: ChangeEvent, tags: CacheTags): boolean {
  if (event.kind === 'all') return true;
  if (event.kind === 'auth') return event.items === '*' || event.items.includes(tags.user);
  if (event.kind !== tags.kind) return false;
  if (event.items === '*') return true;
  return event.items.some((changed) => tags.paths.some((p) => changed.startsWith(p)));
}

function index(map: Map<string, Set<string>>, tag: string, key: string) {
  let set = map.get(tag);
  if (!set) map.set(tag, (set = new Set()));
  set.add(key);
}

function unindex(map: Map<string, Set<string>>, tag: string, key: string) {
  const set = map.get(tag);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) map.delete(tag);
}
