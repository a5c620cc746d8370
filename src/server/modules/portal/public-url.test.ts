// The portal's absolute links (canonical, Open Graph, hreflang, sitemap, feeds, the opinion's pre-filled address)
// come from CHIBO_PUBLIC_URL when it is set: a forged Host header cannot change them. Unset, they follow the request
// (the documented default, for a one-name install).
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedPortalDemo } from './demo.js';

const PUBLIC = 'https://tin.tuyenquang.example';
const ARTICLE = '/tin/vi/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh';
let fixed: TestContext;
let open: TestContext;

beforeAll(async () => {
  [fixed, open] = await Promise.all([setupTestApp({ publicUrl: PUBLIC }), setupTestApp()]);
  for (const ctx of [fixed, open]) {
    const world: World = await makeWorld(ctx);
    await seedPortalDemo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
  }
});

const get = (ctx: TestContext, url: string, host: string) => ctx.app.inject({ method: 'GET', url, headers: { host } });
const absolute = (text: string) => [...text.matchAll(/https?:\/\/[a-z0-9.:-]+/gi)].map((m) => m[0]);

describe('portal: the public address', () => {
  it('uses CHIBO_PUBLIC_URL for every absolute link, whatever the Host header says', async () => {
    for (const url of [ARTICLE, '/tin/fa/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh', '/tin/vi/', '/tin/vi/chu-de/chat-luong-chi-bo', '/tin/sitemap.xml', '/tin/vi/rss.xml', '/tin/vi/chu-de/chat-luong-chi-bo/rss.xml', '/tin/vi/bai/khong-co']) {
      const r = await get(fixed, url, 'evil.example');
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.body, url).not.toContain('evil.example');
      const links = absolute(r.body).filter((u) => !u.startsWith('http://www.w3.org') && !u.startsWith('http://www.sitemaps.org') && !u.startsWith('http://purl.org') && !u.includes('baotuyenquang.com.vn')); // not the articles' cited source
      expect(links.length, url).toBeGreaterThan(0);
      expect([...new Set(links)], url).toEqual([PUBLIC]);
    }
    const page = (await get(fixed, ARTICLE, 'evil.example')).body;
    expect(page).toContain(`<link rel="canonical" href="${PUBLIC}${ARTICLE}">`);
    expect(page).toContain(`<meta property="og:url" content="${PUBLIC}${ARTICLE}">`);
    expect(page).toContain(`<link rel="alternate" hreflang="x-default" href="${PUBLIC}${ARTICLE}">`);
    // "Send your opinion" pre-fills the report with the article's public address.
    const opinion = await get(fixed, `${ARTICLE}/y-kien`, 'evil.example');
    expect(decodeURIComponent(opinion.headers.location as string)).toContain(`${PUBLIC}${ARTICLE}`);
  });

  it("uses the request's address when it is not set (documented: set it in production)", async () => {
    const page = (await get(open, ARTICLE, 'tin.other.example')).body;
    expect(page).toContain(`<link rel="canonical" href="http://tin.other.example${ARTICLE}">`);
  });
});
