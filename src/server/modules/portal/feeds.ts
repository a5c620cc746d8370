// RSS 2.0 per language (and per topic), and the sitemap with every translation of each article as an alternate.
import type { PortalLang } from '../../../domain/portal.js';
import type { Executor } from '../../platform/db/index.js';
import { articleUrl, esc } from './pages.js';
import { sitemapEntries, type ArticleCard } from './reader.js';

export function rssFeed(lang: PortalLang, base: string, path: string, title: string, items: ArticleCard[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>${esc(base + path)}</link><description>${esc(title)}</description><language>${lang}</language>
${items
  .map((a) => {
    const url = esc(base + articleUrl(lang, a.slug));
    return `<item><title>${esc(a.title)}</title><link>${url}</link><guid isPermaLink="true">${url}</guid><pubDate>${a.publishAt.toUTCString()}</pubDate><description>${esc(a.summary)}</description></item>`;
  })
  .join('\n')}
</channel></rss>`;
}

export async function sitemap(db: Executor, base: string): Promise<string> {
  const entries = await sitemapEntries(db);
  const urls = entries.flatMap((e) =>
    e.langs.map((lang) => {
      const alts = e.langs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(base + articleUrl(l as PortalLang, e.slug))}"/>`).join('');
      const xDefault = e.langs.includes('vi') ? `<xhtml:link rel="alternate" hreflang="x-default" href="${esc(base + articleUrl('vi', e.slug))}"/>` : '';
      return `<url><loc>${esc(base + articleUrl(lang as PortalLang, e.slug))}</loc><lastmod>${new Date(e.updatedAt).toISOString()}</lastmod>${alts}${xDefault}</url>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>`;
}
