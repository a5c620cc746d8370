// RSS 2.0 per language (and per topic), and the sitemap with every translation of each article as an alternate.
import type { PortalLang } from '../../../domain/portal.js';
import type { Executor } from '../../platform/db/index.js';
import { articleUrl, esc } from './pages.js';
import { portalLangs } from '../../../domain/portal.js';
import type { PublishedDecision } from '../consultations/queries.js';
import { sitemapEntries, type ArticleCard } from './reader.js';
import { words } from './words.js';

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

/** The decisions taken after consultations, newest first, each linked to its consultation's public page. */
export function decisionsFeed(lang: PortalLang, base: string, items: PublishedDecision[]): string {
  const w = words[lang];
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(`${w.site} — ${w.decisions.title}`)}</title><link>${esc(`${base}/tin/${lang}/tham-van`)}</link><description>${esc(w.decisions.intro)}</description><language>${lang}</language>
${items
  .map((c) => {
    const url = esc(`${base}/tham-van/${c.id}`);
    const unit = c.parentName ? `${c.unitName}, ${c.parentName}` : c.unitName;
    const body = `${unit}. ${w.decisions.level}: ${w.decisions.levels[c.level]}. ${w.decisions.decision}: ${c.decision}${c.followUp ? ` ${w.decisions.followUp}: ${c.followUp}` : ''}`;
    return `<item><title>${esc(c.title)}</title><link>${url}</link><guid isPermaLink="true">${url}</guid><pubDate>${new Date(`${c.decidedOn}T00:00:00Z`).toUTCString()}</pubDate><description>${esc(body)}</description></item>`;
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
  // The page of decided consultations, in each language, each naming the others.
  const decisionsUrl = (l: string) => esc(`${base}/tin/${l}/tham-van`);
  const decisionAlts = portalLangs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${decisionsUrl(l)}"/>`).join('') + `<xhtml:link rel="alternate" hreflang="x-default" href="${decisionsUrl('vi')}"/>`;
  urls.push(...portalLangs.map((l) => `<url><loc>${decisionsUrl(l)}</loc><changefreq>weekly</changefreq>${decisionAlts}</url>`));
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>`;
}
