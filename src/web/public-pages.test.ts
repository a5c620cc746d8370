// The public entry's pages and the server's list of public paths are one list: a path the server serves public.html
// for has a page in the public entry, and each page there is served (src/domain/public-pages.ts).
import { describe, expect, it, vi } from 'vitest';
import { matchPublicPath, publicPageOf, publicPagePaths } from '../domain/public-pages.js';

vi.mock('./i18n', () => ({ applyLanguage: () => {}, addModuleCatalogs: () => {} }));
const registry = './public-pages';
const { publicModules } = (await import(registry)) as { publicModules: readonly { name: string; pages: readonly { path: string }[] }[] };

describe('the public pages', () => {
  it('are each one module’s page, and the list the server serves public.html for', () => {
    const paths = publicModules.flatMap((m) => m.pages.map((p) => p.path));
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual([...publicPagePaths].sort());
  });

  it('match their paths and parameters, and nothing else', () => {
    expect(publicPageOf('/gop-y')).toEqual({ pattern: '/gop-y', params: {} });
    expect(publicPageOf('/gop-y/')?.pattern).toBe('/gop-y');
    expect(publicPageOf('/gop-y/theo-doi')?.pattern).toBe('/gop-y/theo-doi');
    expect(publicPageOf('/xac-minh/giay-khen/abc')).toEqual({ pattern: '/xac-minh/giay-khen/:id', params: { id: 'abc' } });
    expect(publicPageOf('/xac-minh/BD2020-AAAAA')).toEqual({ pattern: '/xac-minh/:code', params: { code: 'BD2020-AAAAA' } });
    expect(publicPageOf('/results/contest/2025')?.params).toEqual({ year: '2025' });
    expect(publicPageOf('/tham-van/a%20b')?.params).toEqual({ id: 'a b' });
    for (const path of ['/', '/login', '/gop-yy', '/gop-y/theo-doi/x', '/tham-van', '/xac-minh//x', '/xac-minh/a/b/c', '/tham-van/%E0%A4%A', '/supervision']) expect(publicPageOf(path), path).toBeNull();
    expect(matchPublicPath('/tham-van/:id', '/tham-van/')).toBeNull();
  });
});
