// The public pages as plain HTML: no script, one small inline style sheet (logical properties, so a right-to-left
// page lays itself out), readable on a slow phone before anything else arrives. Every text is escaped here; the
// article body comes from render.ts (Markdown with raw HTML off).
import { dirOf, portalLangs, type PortalLang } from '../../../domain/portal.js';
import type { ArticleCard, Term } from './reader.js';
import { dateIn, words, type Words } from './words.js';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `*{box-sizing:border-box}body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#fff}
header,main,footer{max-width:44rem;margin:0 auto;padding:.75rem 1rem}header{border-block-end:3px solid #b71c1c}
header a.site{color:#b71c1c;font-weight:700;font-size:1.15rem;text-decoration:none}header p{margin:0;color:#555;font-size:.9rem}
nav.langs,nav.crumbs{font-size:.9rem}nav.langs a,nav.langs span{margin-inline-end:.75rem}a{color:#0b57a4}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.25rem}.meta{color:#555;font-size:.9rem}
.lead{font-weight:600}article img{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}
ul.cards{list-style:none;padding:0}ul.cards li{padding:.5rem 0;border-block-end:1px solid #eee}ul.cards small{display:block;color:#555}
form label{display:block;margin-block-start:.5rem}input,textarea,button,select{font:inherit;max-width:100%}select{padding:.35rem;border:1px solid #999;border-radius:4px}input[type=text],input[type=search],textarea{width:100%;padding:.4rem;border:1px solid #999;border-radius:4px}
button{margin-block-start:.5rem;padding:.45rem 1rem;background:#b71c1c;color:#fff;border:0;border-radius:4px}
.box{background:#f6f6f6;padding:.75rem 1rem;border-radius:6px;margin:1rem 0}.err{color:#b00020}.ok{color:#1b5e20}
blockquote{margin:1rem 0;padding-inline-start:1rem;border-inline-start:3px solid #ccc;color:#444}.hp{display:none}
footer{color:#555;font-size:.85rem;border-block-start:1px solid #eee}nav.site{font-size:.95rem}nav.site a{margin-inline-end:.75rem}
ul.decisions h2{font-size:1.1rem;margin:.25rem 0}ul.decisions p{margin:.35rem 0;overflow-wrap:anywhere}.level{font-weight:600}`;

export interface PageLinks {
  /** Absolute URL of this page. */
  canonical: string;
  /** Each language this page exists in → its absolute URL (this one included); x-default is the original. */
  alternates?: Partial<Record<PortalLang, string>>;
  feed?: string;
  og?: { type: 'article' | 'website'; title: string; description: string; image?: string; publishedTime?: string };
}

export function layout(lang: PortalLang, title: string, links: PageLinks, content: string, base: string): string {
  const w = words[lang];
  const alt = links.alternates ?? {};
  const altLinks = Object.entries(alt)
    .map(([l, url]) => `<link rel="alternate" hreflang="${l}" href="${esc(url!)}">`)
    .concat(alt.vi ? [`<link rel="alternate" hreflang="x-default" href="${esc(alt.vi)}">`] : [])
    .join('');
  const og = links.og
    ? [
        `<meta property="og:type" content="${links.og.type}">`,
        `<meta property="og:title" content="${esc(links.og.title)}">`,
        `<meta property="og:description" content="${esc(links.og.description)}">`,
        `<meta property="og:url" content="${esc(links.canonical)}">`,
        `<meta property="og:site_name" content="${esc(w.site)}">`,
        `<meta property="og:locale" content="${lang === 'vi' ? 'vi_VN' : lang === 'fa' ? 'fa_IR' : 'en_GB'}">`,
        links.og.image ? `<meta property="og:image" content="${esc(links.og.image)}">` : '',
        links.og.publishedTime ? `<meta property="article:published_time" content="${links.og.publishedTime}">` : '',
        `<meta name="description" content="${esc(links.og.description)}">`,
      ].join('')
    : '';
  const langNav = portalLangs
    .map((l) => (l === lang ? `<span aria-current="true" lang="${l}" dir="${dirOf(l)}">${esc(words[l].langName)}</span>` : alt[l] || !links.alternates ? `<a href="${esc(alt[l] ?? `/tin/${l}/`)}" hreflang="${l}" lang="${l}" dir="${dirOf(l)}">${esc(words[l].langName)}</a>` : ''))
    .join('');
  return `<!doctype html><html lang="${lang}" dir="${dirOf(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · ${esc(w.site)}</title><link rel="canonical" href="${esc(links.canonical)}">${altLinks}${og}${links.feed ? `<link rel="alternate" type="application/rss+xml" title="${esc(w.feed)}" href="${esc(links.feed)}">` : ''}
<style>${CSS}</style></head><body><header><a class="site" href="/tin/${lang}/">${esc(w.site)}</a><p>${esc(w.tagline)}</p>
<nav class="site" aria-label="${esc(w.site)}"><a href="/tin/${lang}/">${esc(w.home)}</a><a href="/tin/${lang}/tham-van">${esc(w.decisions.title)}</a></nav>
<nav class="langs" aria-label="${esc(w.readIn)}">${langNav}</nav>
<form role="search" action="/tin/${lang}/tim-kiem" method="get"><label>${esc(w.search)} <input type="search" name="q" placeholder="${esc(w.searchPlaceholder)}"></label></form></header>
<main>${content}</main><footer><a href="/tin/${lang}/rss.xml">${esc(w.feed)}</a> · ${esc(base.replace(/^https?:\/\//, ''))}</footer></body></html>`;
}

export const termName = (t: Term, lang: PortalLang) => t.names[lang] ?? t.names.vi ?? t.slug;
const termPath: Record<string, string> = { series: 'loat-bai', topic: 'chu-de', category: 'chuyen-muc', author: 'tac-gia' };
export const termUrl = (lang: PortalLang, t: Term) => `/tin/${lang}/${termPath[t.kind]}/${t.slug}`;
export const articleUrl = (lang: PortalLang, slug: string) => `/tin/${lang}/bai/${slug}`;

export function cards(lang: PortalLang, items: ArticleCard[], opts: { numbered?: boolean } = {}): string {
  const w = words[lang];
  if (!items.length) return `<p>${esc(w.nothing)}</p>`;
  return `<ul class="cards">${items
    .map(
      (a) =>
        `<li><a href="${articleUrl(lang, a.slug)}">${opts.numbered && a.seriesOrder ? `${esc(w.part(a.seriesOrder))}: ` : ''}${esc(a.title)}</a><small>${esc(dateIn(lang, a.publishAt))}${a.summary ? ` — ${esc(a.summary.slice(0, 160))}` : ''}</small></li>`,
    )
    .join('')}</ul>`;
}

export function pager(lang: PortalLang, url: (page: number) => string, page: number, total: number, size: number): string {
  const w: Words = words[lang];
  const parts = [];
  if (page > 1) parts.push(`<a rel="prev" href="${esc(url(page - 1))}">${esc(w.newer)}</a>`);
  if (page * size < total) parts.push(`<a rel="next" href="${esc(url(page + 1))}">${esc(w.older)}</a>`);
  return parts.length ? `<nav class="crumbs">${parts.join(' · ')}</nav>` : '';
}

/** An error page in the reader's language (the original's when the language is not one of ours). */
export function errorPage(lang: PortalLang, status: number, message: string, base: string, extra = ''): string {
  const w = words[lang];
  const title = status === 404 ? w.notFound : status === 429 ? w.tooMany : status >= 500 ? w.error : w.badRequest;
  return layout(lang, title, { canonical: `${base}/tin/${lang}/` }, `<h1>${esc(title)}</h1><p>${esc(message)}</p>${extra}<p><a href="/tin/${lang}/">${esc(w.home)}</a></p>`, base);
}
