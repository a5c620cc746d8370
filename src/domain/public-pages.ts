// The public pages (no account) that the web app's public entry (src/web/public.html) serves: the server answers
// public.html for these paths and index.html (the signed-in app) for the rest; the public entry routes among them.
// One list for both sides, so a page added here is served and routed alike (src/web/public-pages.test.ts).

/** The public pages' paths, `:name` a segment. */
export const publicPagePaths = ['/gop-y', '/gop-y/theo-doi', '/tham-van/:id', '/results/contest/:year', '/xac-minh', '/xac-minh/:code', '/xac-minh/giay-khen/:id'] as const;
export type PublicPagePath = (typeof publicPagePaths)[number];

/** The segments of a path, a trailing slash ignored; null for a path that cannot be one (an empty segment). */
const segments = (path: string): string[] | null => {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  return parts.some((p) => p === '') ? null : parts;
};

/** The parameters of `path` under `pattern` (`/xac-minh/:code`), or null when it does not match. */
export function matchPublicPath(pattern: string, path: string): Record<string, string> | null {
  const want = segments(pattern);
  const got = segments(path);
  if (!want || !got || want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null; // a malformed escape: not one of ours
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** The public page a path (without its query) is, the literal patterns first (`/xac-minh/giay-khen/:id` has 3 segments, `/xac-minh/:code` 2). */
export function publicPageOf(path: string): { pattern: PublicPagePath; params: Record<string, string> } | null {
  for (const pattern of publicPagePaths) {
    const params = matchPublicPath(pattern, path);
    if (params) return { pattern, params };
  }
  return null;
}
