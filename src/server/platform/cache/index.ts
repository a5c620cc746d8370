// What the app caches in process, and the one way a route serves a cached answer. See README.md for why this is
// safe: every entry is dropped by the change feed within milliseconds of a commit that outdates it, a write waits
// for its own notifications before it answers, and nothing is cached while the feed is down.
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import type { Actor } from '../access.js';
import { ChangeFeed, type FeedLog } from './feed.js';
import { TaggedCache, type CacheKind } from './store.js';

export type { TaggedCache, Ticket } from './store.js';

export interface CachedSession<S> {
  session: S;
  /** ms since the epoch, as the database had them when read. */
  lastSeenAt: number;
  expiresAt: number;
}

/** An answer as JSON, and brotli-compressed once the first browser asked for it so (most do). */
export interface CachedJson {
  json: string;
  br?: Buffer;
}

export interface AppCache {
  feed: ChangeFeed;
  // The session type lives in the users module; the platform holds it opaquely.
  sessions: TaggedCache<CachedSession<unknown>>;
  /** Serialized JSON answers of read routes, per user and URL (and day: a default date is today). */
  responses: TaggedCache<CachedJson> | null;
  /**
   * A cache a module keeps for itself (people's search directories, …): made on the first ask under `name`, the same
   * one after, dropped by the change feed like the others. `sizeOf` measures an entry against `limits.size`.
   */
  own<V>(name: string, limits: { entries: number; size: number }, sizeOf?: (value: V) => number): TaggedCache<V>;
}

declare module 'fastify' {
  interface FastifyInstance {
    cache: AppCache | null;
  }
}

export function createAppCache(url: string, log: FeedLog, opts: { responses: boolean }): AppCache {
  const feed = new ChangeFeed(url, log);
  const live = () => feed.isLive;
  const sessions = new TaggedCache<CachedSession<unknown>>(live, { entries: 20_000, size: 20_000 });
  // Sized by characters of JSON: 64 M of them is ~128 MiB at worst (UTF-16), a few thousand lists and dashboards.
  const responses = opts.responses ? new TaggedCache<CachedJson>(live, { entries: 20_000, size: 64 * 1024 * 1024 }, (a) => a.json.length) : null;
  const owned = new Map<string, TaggedCache<unknown>>();
  feed.subscribe((event) => {
    sessions.invalidate(event);
    responses?.invalidate(event);
    for (const cache of owned.values()) cache.invalidate(event);
  });
  const own = <V>(name: string, limits: { entries: number; size: number }, sizeOf?: (value: V) => number): TaggedCache<V> => {
    let cache = owned.get(name);
    if (!cache) owned.set(name, (cache = new TaggedCache<V>(live, limits, sizeOf) as TaggedCache<unknown>));
    return cache as TaggedCache<V>;
  };
  return { feed, sessions, responses, own };
}

/**
 * Answers a GET from the response cache, or loads it, serializes it with the route's response schema (what
 * Fastify would have done) and keeps it for the next request of this user with the same URL on the same day.
 * `load` says which units the answer covers: a change in a cell under any of them drops the entry. With
 * `uncached`, the answer is loaded and sent, and nothing is kept (part of it is not covered by the feed).
 */
export async function cachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  spec: { kind: Exclude<CacheKind, 'session'>; schema: ZodType; load: () => Promise<{ body: unknown; paths: string[] }>; uncached?: boolean },
): Promise<FastifyReply> {
  const cache = spec.uncached ? undefined : request.server.cache?.responses;
  reply.type('application/json; charset=utf-8');
  if (!cache) {
    const { body } = await spec.load();
    return reply.send(JSON.stringify(z.encode(spec.schema, body)));
  }
  const user = actor.userId ?? 'system';
  const key = `${user} ${todayIso()} ${request.url}`;
  const hit = cache.get(key);
  if (hit !== undefined) return sendCached(request, reply, hit);
  const ticket = cache.begin();
  try {
    const { body, paths } = await spec.load();
    const answer = { json: JSON.stringify(z.encode(spec.schema, body)) };
    cache.put(ticket, key, answer, { user, kind: spec.kind, paths });
    return sendCached(request, reply, answer);
  } finally {
    cache.end(ticket);
  }
}

// As the app's compression (app.ts): brotli at quality 4, for answers of 1 KiB and more. Compressed once per entry
// instead of once per request; other encodings are left to the compression plugin.
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const MIN_COMPRESS = 1024;

function sendCached(request: FastifyRequest, reply: FastifyReply, answer: CachedJson): FastifyReply {
  if (answer.json.length < MIN_COMPRESS || !acceptsBrotli(request.headers['accept-encoding'])) return reply.send(answer.json);
  answer.br ??= zlib.brotliCompressSync(answer.json, BROTLI);
  return reply.header('content-encoding', 'br').header('vary', 'accept-encoding').send(answer.br);
}

export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return name.trim() === 'br' && (q === undefined || Number(q.slice(2)) > 0);
  });
}
