import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseChange } from './feed.js';
import { acceptsBrotli } from './index.js';
import { pathPrefixes, TaggedCache } from './store.js';

const tags = (user: string, kind: 'people' | 'figures' | 'session', ...paths: string[]) => ({ user, kind, paths });

function cache(live = { on: true }, limits = { entries: 100, size: 1_000_000 }) {
  return new TaggedCache<string>(() => live.on, limits, (s) => s.length);
}

function stored(c: TaggedCache<string>, key: string, value: string, t: ReturnType<typeof tags>) {
  c.put(c.begin(), key, value, t);
}

describe('pathPrefixes', () => {
  it('lists the root, every ancestor and the path itself', () => {
    expect(pathPrefixes('/a/b/c/')).toEqual(['/', '/a/', '/a/b/', '/a/b/c/']);
  });
});

describe('parseChange', () => {
  it('reads each kind of notification, and cuts to everything on a star', () => {
    expect(parseChange('people:/a/b/,/a/c/')).toEqual({ kind: 'people', items: ['/a/b/', '/a/c/'] });
    expect(parseChange('auth:u1')).toEqual({ kind: 'auth', items: ['u1'] });
    expect(parseChange('figures:*')).toEqual({ kind: 'figures', items: '*' });
    expect(parseChange('all:*')).toEqual({ kind: 'all', items: '*' });
    expect(parseChange('sync:abc')).toEqual({ kind: 'sync', nonce: 'abc' });
    expect(parseChange('other:x')).toBeNull();
    expect(parseChange('nonsense')).toBeNull();
  });
});

describe('TaggedCache', () => {
  it('drops an entry when a cell under its unit changes, and keeps the others', () => {
    const c = cache();
    stored(c, 'commune', 'A', tags('u1', 'people', '/p/c1/'));
    stored(c, 'cell', 'B', tags('u1', 'people', '/p/c1/x/'));
    stored(c, 'other', 'C', tags('u1', 'people', '/p/c2/'));
    stored(c, 'figures', 'D', tags('u1', 'figures', '/p/c1/'));
    c.invalidate({ kind: 'people', items: ['/p/c1/x/'] });
    expect(c.get('commune')).toBeUndefined();
    expect(c.get('cell')).toBeUndefined();
    expect(c.get('other')).toBe('C');
    // another kind of change: a phone number does not move the figures
    expect(c.get('figures')).toBe('D');
    c.invalidate({ kind: 'figures', items: ['/p/c1/y/'] });
    expect(c.get('figures')).toBeUndefined();
  });

  it('drops everything of a user whose session or grants changed, and everything on a tree change', () => {
    const c = cache();
    stored(c, 's1', 'session', tags('u1', 'session'));
    stored(c, 'l1', 'list', tags('u1', 'people', '/p/'));
    stored(c, 'l2', 'list', tags('u2', 'people', '/p/'));
    c.invalidate({ kind: 'auth', items: ['u1'] });
    expect([c.get('s1'), c.get('l1'), c.get('l2')]).toEqual([undefined, undefined, 'list']);
    c.invalidate({ kind: 'all', items: '*' });
    expect(c.count).toBe(0);
  });

  it('does not store what a load read before an invalidation that concerns it landed', () => {
    const c = cache();
    const ticket = c.begin();
    const unrelated = c.begin();
    c.invalidate({ kind: 'people', items: ['/p/c1/x/'] });
    c.put(ticket, 'k', 'stale', tags('u1', 'people', '/p/c1/'));
    expect(c.get('k')).toBeUndefined();
    // a load whose branch the change did not touch is stored
    c.put(unrelated, 'k2', 'fine', tags('u1', 'people', '/p/c2/'));
    expect(c.get('k2')).toBe('fine');
    // a load that began after the change is stored
    stored(c, 'k', 'fresh', tags('u1', 'people', '/p/c1/'));
    expect(c.get('k')).toBe('fresh');
  });

  it('lets a load end its ticket more than once without forgetting another load of the same moment', () => {
    const c = cache();
    const done = c.begin();
    const running = c.begin();
    c.put(done, 'a', 'stored', tags('u1', 'people', '/p/c2/'));
    c.end(done); // a `finally` after the put
    c.invalidate({ kind: 'people', items: ['/p/c1/x/'] });
    c.put(running, 'k', 'stale', tags('u1', 'people', '/p/c1/'));
    expect(c.get('k')).toBeUndefined();
    // and a ticket already ended stores nothing: what happened since may be forgotten
    c.put(done, 'b', 'late', tags('u1', 'people', '/p/c2/'));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('stored');
  });

  it('serves and stores nothing while the feed is down', () => {
    const live = { on: true };
    const c = cache(live);
    stored(c, 'k', 'v', tags('u1', 'people', '/p/'));
    live.on = false;
    expect(c.get('k')).toBeUndefined();
    stored(c, 'k2', 'v', tags('u1', 'people', '/p/'));
    live.on = true;
    expect(c.get('k2')).toBeUndefined();
  });

  it('evicts the least recently used beyond its limits', () => {
    const c = cache({ on: true }, { entries: 2, size: 1_000 });
    stored(c, 'a', 'A', tags('u', 'people', '/p/'));
    stored(c, 'b', 'B', tags('u', 'people', '/p/'));
    c.get('a');
    stored(c, 'c', 'C', tags('u', 'people', '/p/'));
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual(['A', undefined, 'C']);
    const bySize = cache({ on: true }, { entries: 100, size: 10 });
    stored(bySize, 'x', '123456', tags('u', 'people', '/p/'));
    stored(bySize, 'y', '123456', tags('u', 'people', '/p/'));
    expect([bySize.get('x'), bySize.get('y')]).toEqual([undefined, '123456']);
  });

  it('never serves an entry that a change under its branch should have dropped (random histories)', () => {
    const path = fc.constantFrom('/p/', '/p/a/', '/p/a/x/', '/p/a/y/', '/p/b/', '/p/b/z/');
    const step = fc.oneof(
      fc.record({ op: fc.constant('put' as const), key: fc.constantFrom('k1', 'k2', 'k3'), path }),
      fc.record({ op: fc.constant('change' as const), path }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const c = cache();
        // the model: for each key, the branch it covers and whether a change under it came after it was stored
        const model = new Map<string, { path: string; valid: boolean }>();
        for (const s of steps) {
          if (s.op === 'put') {
            stored(c, s.key, s.path, tags('u', 'people', s.path));
            model.set(s.key, { path: s.path, valid: true });
          } else {
            c.invalidate({ kind: 'people', items: [s.path] });
            for (const m of model.values()) if (s.path.startsWith(m.path)) m.valid = false;
          }
          for (const [key, m] of model) if (!m.valid) expect(c.get(key)).toBeUndefined();
        }
      }),
    );
  });
});

describe('acceptsBrotli', () => {
  it('reads the Accept-Encoding header, a zero quality refusing', () => {
    expect(acceptsBrotli('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsBrotli('br;q=0.5')).toBe(true);
    expect(acceptsBrotli('gzip, br;q=0')).toBe(false);
    expect(acceptsBrotli('gzip')).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});
