// The public portal: server-rendered HTML under /tin (no account, no script, no cookie), its feeds and sitemap,
// and the comment form. A draft or a scheduled article is answered exactly like one that does not exist.
// The pages are not part of the JSON API (hidden from the OpenAPI document); their errors are pages too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayIso } from '../../../domain/dates.js';
import { publishedContestYears } from '../contest/results.js';
import { decidedConsultationsFor, openConsultationsFor, publishedDecisions, type PublishedDecision } from '../consultations/queries.js';
import { z } from 'zod';
import { dirOf, ORIGINAL_LANG, PORTAL_RULES, PortalLang, portalLangs, type TaxonomyKind } from '../../../domain/portal.js';
import { AppError, statusOf } from '../../platform/errors.js';
import { unstorableText } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { submitComment } from './comments.js';
import { decisionsFeed, rssFeed, sitemap } from './feeds.js';
import { articleUrl, cards, errorPage, esc, layout, pager, termName, termUrl } from './pages.js';
import { approvedComments, countOpinion, countPublicInSeries, countView, listPublic, publicArticle, publicImage, termBySlug } from './reader.js';
import { renderMarkdown } from './render.js';
import { dateIn, fmt, words } from './words.js';
import { unitsAt, unitWhere } from '../org/tree.js';
import type { OpenConsultation } from '../consultations/queries.js';

const R = PORTAL_RULES;
const Slug = z.string().max(120).regex(/^[a-z0-9-]+$/);
const termSegment: Record<string, TaxonomyKind> = { 'loat-bai': 'series', 'chu-de': 'topic', 'chuyen-muc': 'category', 'tac-gia': 'author' };
const Page = z.coerce.number().int().min(1).max(1000).catch(1);

class PageError extends Error {
  constructor(
    readonly status: number,
    readonly lang: PortalLang,
    message: string,
    readonly extra = '',
  ) {
    super(message);
  }
}

const langOf = (raw: unknown): PortalLang => {
  const p = PortalLang.safeParse(raw);
  if (!p.success) throw new PageError(404, ORIGINAL_LANG, words.vi.notFoundHint);
  return p.data;
};
// The page's one <style> carries this response's nonce: the Content-Security-Policy refuses a <style> without it
// (app.ts). A cached copy keeps the header and the body together, so their nonces still match.
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .send(body.replace('<style>', `<style nonce="${(reply as FastifyReply & { cspNonce?: { style: string } }).cspNonce?.style ?? ''}">`));
const allLangs = (base: string, path: (l: PortalLang) => string) => Object.fromEntries(portalLangs.map((l) => [l, `${base}${path(l)}`])) as Record<PortalLang, string>;

interface CommentForm {
  name: string;
  body: string;
  errors: ('name' | 'body')[];
}

export async function portalPublicRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const db = database.db;
  // Absolute links (canonical, Open Graph, hreflang, sitemap, feeds) use the configured public address; without one,
  // the request's own (then a forged Host header is echoed back in them: set CHIBO_PUBLIC_URL in production).
  const baseOf = (request: FastifyRequest) => config.publicUrl ?? `${request.protocol}://${request.host}`;
  const hidden = { schema: { hide: true }, config: { public: true } } as const;

  // A form posts application/x-www-form-urlencoded: read here, for these pages only, within a small limit.
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    try {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // Every error of these routes is a page in the reader's language, never JSON and never a stack trace.
  scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const lang = error instanceof PageError ? error.lang : (PortalLang.safeParse((request.params as { lang?: string } | undefined)?.lang).data ?? ORIGINAL_LANG);
    const w = words[lang];
    let status = error instanceof PageError ? error.status : error instanceof AppError ? statusOf[error.code] : (error.statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'portal page failed');
    if (status >= 500) status = 500;
    const message = error instanceof PageError ? error.message : status === 429 ? w.tooMany : status === 404 ? w.notFoundHint : w.badRequest;
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(errorPage(lang, status, message, baseOf(request), error instanceof PageError ? error.extra : ''));
  });

  scope.get('/tin', hidden, async (_request, reply) => reply.redirect(`/tin/${ORIGINAL_LANG}/`, 302));

  scope.get('/tin/:lang/', hidden, async (request, reply) => {
    const lang = langOf((request.params as { lang: string }).lang);
    const page = Page.parse((request.query as { trang?: string }).trang);
    const base = baseOf(request);
    const { items, total } = await listPublic(db, lang, { limit: R.pageSize, offset: (page - 1) * R.pageSize });
    const w = words[lang];
    // The decisions taken after the latest consultations, under the news on the first page, with a link to them all.
    const decided = page === 1 ? await publishedDecisions(db, { date: todayIso(), limit: 3, offset: 0 }) : null;
    // The contest's published results (they live in the contest's public page), linked from the first page too.
    const contestYear = page === 1 ? (await publishedContestYears(db))[0] : undefined;
    const content = `<h1>${esc(w.latest)}</h1>${cards(lang, items)}${pager(lang, (p) => `/tin/${lang}/?trang=${p}`, page, total, R.pageSize)}${
      decided ? `<section class="box" id="quyet-dinh"><h2>${esc(w.decisions.title)}</h2>${decided.items.length ? decisionList(lang, decided.items, { brief: true }) : `<p>${esc(w.decisions.none)}</p>`}<p><a href="/tin/${lang}/tham-van">${esc(w.decisions.allDecisions)} →</a></p></section>` : ''
    }${contestYear ? `<section class="box" id="hoi-thi"><h2>${esc(w.contest.title)}</h2><p><a href="/results/contest/${contestYear}">${esc(w.contest.results(contestYear))} →</a></p></section>` : ''}`;
    return html(reply, layout(lang, w.home, { canonical: `${base}/tin/${lang}/${page > 1 ? `?trang=${page}` : ''}`, alternates: allLangs(base, (l) => `/tin/${l}/`), feed: `${base}/tin/${lang}/rss.xml`, og: { type: 'website', title: w.site, description: w.tagline } }, content, base));
  });

  /** The communes (and wards) of the province the article belongs to, as they are today, by name. */
  async function communesOf(unitPath: string) {
    const provinceId = unitPath.split('/')[1];
    if (!provinceId) return [];
    const rows = await unitsAt(db, todayIso(), unitWhere.parent(provinceId));
    return rows.filter((u) => u.kind === 'commune' || u.kind === 'ward').sort((x, y) => x.name.localeCompare(y.name, 'vi'));
  }

  async function articlePage(request: FastifyRequest, lang: PortalLang, slug: string, form?: CommentForm, sent = false, communeId?: string) {
    const base = baseOf(request);
    const w = words[lang];
    const found = await publicArticle(db, slug, lang);
    if (!found) throw new PageError(404, lang, w.notFoundHint);
    const { article: a, translation: t, langs } = found;
    if (!t) {
      // Asked in a language it has no translation in: say so, and offer the ones it has (never a page in two languages).
      const offer = `<ul>${langs.map((l) => `<li><a href="${articleUrl(l, slug)}" hreflang="${l}" lang="${l}" dir="${dirOf(l)}">${esc(words[l].langName)}</a></li>`).join('')}</ul>`;
      throw new PageError(404, lang, w.notInLang, offer);
    }
    // The reader's own commune, chosen in the form below (kept in the address as ?xa=<id>: no cookie, no script);
    // without one, the article's own branch. A commune outside the article's province is not offered nor accepted.
    const communes = await communesOf(a.unitPath);
    const chosen = communeId ? communes.find((c) => c.id === communeId) : undefined;
    if (communeId && !chosen) throw new PageError(400, lang, w.errors.xa);
    const where = chosen?.path ?? a.unitPath;
    const [series, sameTopic, sameCategory, sameAuthor, comments, seriesTotal, consultations, decided] = await Promise.all([
      found.series ? listPublic(db, lang, { termKind: 'series', termId: found.series.id, limit: 50 }) : null,
      found.topics[0] ? listPublic(db, lang, { termKind: 'topic', termId: found.topics[0].id, excludeId: a.id, limit: 5 }) : null,
      found.category ? listPublic(db, lang, { termKind: 'category', termId: found.category.id, excludeId: a.id, limit: 5 }) : null,
      found.author ? listPublic(db, lang, { termKind: 'author', termId: found.author.id, excludeId: a.id, limit: 5 }) : null,
      approvedComments(db, a.id, lang),
      found.series ? countPublicInSeries(db, found.series.id) : 0,
      // The consultations open today in the article's own branch (its commune, or the province's communes).
      openConsultationsFor(db, { path: where, date: todayIso() }),
      // And the ones decided in the last 90 days: their result and decision are published on their public page.
      decidedConsultationsFor(db, { path: where, date: todayIso(), days: 90, limit: 5 }),
    ]);
    const alternates = Object.fromEntries(langs.map((l) => [l, `${base}${articleUrl(l, slug)}`]));
    const link = (term: { kind: string; slug: string; names: Record<string, string>; id: string } | undefined) => (term ? `<a href="${termUrl(lang, term)}">${esc(termName(term, lang))}</a>` : '');
    const related = (title: string, list: { items: Parameters<typeof cards>[1] } | null, numbered = false) =>
      list && list.items.length ? `<section><h2>${esc(title)}</h2>${cards(lang, list.items, { numbered })}</section>` : '';
    const published = a.publishAt!;
    const errorsOf = (f: 'name' | 'body') => (form?.errors.includes(f) ? `<span class="err" id="err-${f}">${esc(w.errors[f])}</span>` : '');
    const content = `<article>
<nav class="crumbs">${link(found.category)}${found.series ? ` · ${esc(w.series)}: ${link(found.series)}${a.seriesOrder ? ` (${esc(w.part(a.seriesOrder))})` : ''}` : ''}</nav>
<h1>${esc(t.title)}</h1>
<p class="meta">${esc(w.published)} <time datetime="${published.toISOString()}">${esc(dateIn(lang, published))}</time>${found.author ? ` · ${esc(w.author)}: ${link(found.author)}` : ''} · ${esc(w.views(a.views + 1))}</p>
${t.summary ? `<p class="lead">${esc(t.summary)}</p>` : ''}
${renderMarkdown(t.body)}
${a.source ? `<p class="meta">${esc(w.source)}: ${esc(a.source)}</p>` : ''}
${found.topics.length ? `<p class="meta">${esc(w.topic)}: ${found.topics.map((x) => link(x)).join(', ')}</p>` : ''}
</article>
<section class="box" id="y-kien"><h2>${esc(w.opinion)}</h2><p>${esc(w.opinionHint)}</p><p><a href="${articleUrl(lang, slug)}/y-kien">${esc(w.opinion)} →</a></p></section>
<section class="box" id="lay-y-kien"><h2>${esc(chosen ? w.consultationsIn(chosen.name) : w.consultations)}</h2>
<form method="get" action="${articleUrl(lang, slug)}#lay-y-kien" class="inline"><label for="xa">${esc(w.yourCommune)}</label> <select id="xa" name="xa"><option value="">${esc(w.communeOfArticle)}</option>${communes
  .map((c) => `<option value="${c.id}"${c.id === chosen?.id ? ' selected' : ''} lang="vi" dir="ltr">${esc(c.name)}</option>`)
  .join('')}</select> <button type="submit">${esc(w.show)}</button></form>${
  consultations.length ? consultationList(lang, consultations.slice(0, 5)) : `<p>${esc(w.consultationsNone)}</p>`
}${decided.length ? `<h3>${esc(w.consultationsDecided)}</h3>${consultationList(lang, decided)}` : ''}</section>
${series ? `<section><h2>${esc(w.sameSeries)}: ${link(found.series)}</h2>${cards(lang, series.items, { numbered: true })}${seriesTotal > series.items.length ? `<p class="meta">${esc(w.moreParts(seriesTotal - series.items.length))}</p>` : ''}</section>` : ''}
${related(w.sameTopic, sameTopic)}${related(w.sameCategory, sameCategory)}${related(w.sameAuthor, sameAuthor)}
<section id="binh-luan"><h2>${esc(w.comments)}</h2>
${comments.length ? `<ul class="cards">${comments.map((c) => `<li><strong dir="auto">${esc(c.authorName)}</strong> <small>${esc(dateIn(lang, c.createdAt))}</small><p dir="auto">${esc(c.body).replace(/\n/g, '<br>')}</p></li>`).join('')}</ul>` : `<p>${esc(w.noComments)}</p>`}
${sent ? `<p class="ok" role="status">${esc(w.commentPending)}</p>` : ''}
<form method="post" action="${articleUrl(lang, slug)}/binh-luan"><h3>${esc(w.writeComment)}</h3>
<label>${esc(w.yourName)} <input type="text" name="name" maxlength="${R.comment.name.max}" required value="${esc(form?.name ?? '')}"${form?.errors.includes('name') ? ' aria-invalid="true" aria-describedby="err-name"' : ''}></label>${errorsOf('name')}
<label>${esc(w.yourComment)} <textarea name="body" rows="4" maxlength="${R.comment.max}" required${form?.errors.includes('body') ? ' aria-invalid="true" aria-describedby="err-body"' : ''}>${esc(form?.body ?? '')}</textarea></label>${errorsOf('body')}
<label class="hp">Website <input type="text" name="website" tabindex="-1" autocomplete="off"></label>
<button type="submit">${esc(w.send)}</button></form></section>`;
    return {
      article: a,
      page: layout(
        lang,
        t.title,
        {
          canonical: `${base}${articleUrl(lang, slug)}`,
          alternates,
          feed: `${base}/tin/${lang}/rss.xml`,
          og: { type: 'article', title: t.title, description: t.summary || t.title, publishedTime: published.toISOString(), image: firstImage(t.body, base) },
        },
        content,
        base,
      ),
    };
  }

  scope.get('/tin/:lang/bai/:slug', hidden, async (request, reply) => {
    const { lang: rawLang, slug } = request.params as { lang: string; slug: string };
    const lang = langOf(rawLang);
    if (!Slug.safeParse(slug).success) throw new PageError(404, lang, words[lang].notFoundHint);
    const query = request.query as { 'da-gui'?: string; xa?: unknown };
    const sent = query['da-gui'] === '1';
    let communeId: string | undefined;
    if (query.xa !== undefined && query.xa !== '') {
      const xa = z.uuid().safeParse(query.xa);
      if (!xa.success) throw new PageError(400, lang, words[lang].errors.xa);
      communeId = xa.data;
    }
    const { article, page } = await articlePage(request, lang, slug, undefined, sent, communeId);
    // A reader choosing their commune reads the same article again: one view, not two.
    if (!sent && !communeId) await countView(db, article.id);
    return html(reply, page);
  });

  scope.post(
    '/tin/:lang/bai/:slug/binh-luan',
    { ...hidden, config: { public: true, rateLimit: { max: R.commentsPerWindow, timeWindow: `${R.commentWindowMinutes} minutes` } } },
    async (request, reply) => {
      const { lang: rawLang, slug } = request.params as { lang: string; slug: string };
      const lang = langOf(rawLang);
      if (!Slug.safeParse(slug).success) throw new PageError(404, lang, words[lang].notFoundHint);
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');
      const form: CommentForm = { name: str(raw.name), body: str(raw.body), errors: [] };
      if (!form.name || form.name.length > R.comment.name.max || unstorableText(form.name).length) form.errors.push('name');
      if (form.body.length < R.comment.min || form.body.length > R.comment.max || unstorableText(form.body).length) form.errors.push('body');
      if (form.errors.length) {
        // Nothing saved; the form comes back with what was typed and what to fix (what cannot be stored is dropped).
        const { page } = await articlePage(request, lang, slug, { ...form, name: unstorableText(form.name).length ? '' : form.name, body: unstorableText(form.body).length ? '' : form.body });
        return html(reply, page, 400);
      }
      const found = await publicArticle(db, slug, lang);
      if (!found || !found.translation) throw new PageError(404, lang, words[lang].notFoundHint);
      // A filled hidden field is a robot: answered like a person, nothing kept.
      if (!str(raw.website)) await submitComment(db, { articleId: found.article.id, unitPath: found.article.unitPath, lang, authorName: form.name, body: form.body, ip: request.ip });
      return reply.redirect(`${articleUrl(lang, slug)}?da-gui=1#binh-luan`, 303);
    },
  );

  // "Send your opinion": counted, then on to the supervision channel's public form, pre-filled with the article.
  scope.get('/tin/:lang/bai/:slug/y-kien', hidden, async (request, reply) => {
    const { lang: rawLang, slug } = request.params as { lang: string; slug: string };
    const lang = langOf(rawLang);
    const found = Slug.safeParse(slug).success ? await publicArticle(db, slug, lang) : null;
    if (!found || !found.translation) throw new PageError(404, lang, words[lang].notFoundHint);
    await countOpinion(db, found.article.id);
    const about = `${found.translation.title} — ${baseOf(request)}${articleUrl(lang, slug)}`;
    return reply.redirect(`/gop-y?bai=${encodeURIComponent(about)}`, 303);
  });

  scope.get('/tin/:lang/:kind/:slug', hidden, async (request, reply) => {
    const { lang: rawLang, kind: segment, slug } = request.params as { lang: string; kind: string; slug: string };
    const lang = langOf(rawLang);
    // Own keys only: a segment named like an Object member ("__proto__", "constructor") is no kind (the fuzz found it).
    const kind = Object.hasOwn(termSegment, segment) ? termSegment[segment] : undefined;
    const w = words[lang];
    const term = kind && Slug.safeParse(slug).success ? await termBySlug(db, kind, slug) : undefined;
    if (!term || !kind) throw new PageError(404, lang, w.notFoundHint);
    const page = Page.parse((request.query as { trang?: string }).trang);
    const base = baseOf(request);
    const list = await listPublic(db, lang, { termKind: kind, termId: term.id, limit: kind === 'series' ? 100 : R.pageSize, offset: kind === 'series' ? 0 : (page - 1) * R.pageSize });
    const missing = kind === 'series' ? (await countPublicInSeries(db, term.id)) - list.total : 0;
    const label = { series: w.series, topic: w.topic, category: w.category, author: w.author }[kind];
    const content = `<p class="meta">${esc(label)}</p><h1>${esc(termName(term, lang))}</h1>${cards(lang, list.items, { numbered: kind === 'series' })}${missing > 0 ? `<p class="meta">${esc(w.moreParts(missing))} <a href="${termUrl(ORIGINAL_LANG, term)}" hreflang="vi" lang="vi">${esc(words.vi.langName)}</a></p>` : ''}${kind === 'series' ? '' : pager(lang, (p) => `${termUrl(lang, term)}?trang=${p}`, page, list.total, R.pageSize)}${kind === 'topic' ? `<p><a href="${termUrl(lang, term)}/rss.xml">${esc(w.feed)}</a></p>` : ''}`;
    return html(
      reply,
      layout(lang, termName(term, lang), { canonical: `${base}${termUrl(lang, term)}`, alternates: allLangs(base, (l) => termUrl(l, term)), feed: kind === 'topic' ? `${base}${termUrl(lang, term)}/rss.xml` : undefined, og: { type: 'website', title: termName(term, lang), description: w.site } }, content, base),
    );
  });

  /** Every commune and ward of the provinces, as they are today, by province then name: the reader's choice. */
  async function allCommunes() {
    const provinces = (await unitsAt(db, todayIso(), unitWhere.parent(null))).filter((u) => u.kind === 'province');
    const lists = await Promise.all(provinces.map((p) => communesOf(`/${p.id}/`)));
    return provinces.map((p, i) => ({ province: p, communes: lists[i]! })).sort((x, y) => x.province.name.localeCompare(y.province.name, 'vi'));
  }

  /** The commune of `?xa=` (absent or empty: none); anything else than one of ours is a 400 page naming the field. */
  async function chosenCommune(lang: PortalLang, raw: unknown, provinces: Awaited<ReturnType<typeof allCommunes>>) {
    if (raw === undefined || raw === '') return undefined;
    const xa = z.uuid().safeParse(raw);
    const found = xa.success ? provinces.flatMap((p) => p.communes).find((c) => c.id === xa.data) : undefined;
    if (!found) throw new PageError(400, lang, words[lang].errors.xa);
    return found;
  }

  // The decided consultations, newest decision first: the unit with its parent, the question, participation, the
  // consensus level, the decision and its follow-up; all of them, or the chosen commune's (?xa=, no cookie, no script).
  scope.get('/tin/:lang/tham-van', hidden, async (request, reply) => {
    const lang = langOf((request.params as { lang: string }).lang);
    const w = words[lang];
    const query = request.query as { trang?: string; xa?: unknown };
    const page = Page.parse(query.trang);
    const provinces = await allCommunes();
    const chosen = await chosenCommune(lang, query.xa, provinces);
    const base = baseOf(request);
    const { items, total } = await publishedDecisions(db, { path: chosen?.path, date: todayIso(), limit: R.pageSize, offset: (page - 1) * R.pageSize });
    const here = (l: PortalLang, p = 1) => `/tin/${l}/tham-van${chosen || p > 1 ? '?' : ''}${chosen ? `xa=${chosen.id}` : ''}${chosen && p > 1 ? '&' : ''}${p > 1 ? `trang=${p}` : ''}`;
    const vi = lang === 'vi' ? '' : ' lang="vi" dir="ltr"';
    const option = (c: { id: string; name: string }) => `<option value="${c.id}"${c.id === chosen?.id ? ' selected' : ''}${vi}>${esc(c.name)}</option>`;
    const choices = provinces.length === 1 ? provinces[0]!.communes.map(option).join('') : provinces.map((p) => `<optgroup label="${esc(p.province.name)}"${vi}>${p.communes.map(option).join('')}</optgroup>`).join('');
    const title = chosen ? w.decisions.titleIn(chosen.name) : w.decisions.title;
    const content = `<h1>${esc(title)}</h1><p class="meta">${esc(w.decisions.intro)}</p>
<form method="get" action="/tin/${lang}/tham-van" class="inline"><label for="xa">${esc(w.yourCommune)}</label> <select id="xa" name="xa"><option value="">${esc(w.decisions.allCommunes)}</option>${choices}</select> <button type="submit">${esc(w.show)}</button></form>
${items.length ? decisionList(lang, items) : `<p>${esc(w.decisions.none)}</p>`}${pager(lang, (p) => here(lang, p), page, total, R.pageSize)}
<p><a href="/tin/${lang}/tham-van/rss.xml">${esc(w.feed)}</a></p>`;
    return html(
      reply,
      layout(lang, title, { canonical: `${base}${here(lang, page)}`, alternates: allLangs(base, (l) => here(l, page)), feed: `${base}/tin/${lang}/tham-van/rss.xml`, og: { type: 'website', title, description: w.decisions.intro } }, content, base),
    );
  });

  scope.get('/tin/:lang/tham-van/rss.xml', hidden, async (request, reply) => {
    const lang = langOf((request.params as { lang: string }).lang);
    const { items } = await publishedDecisions(db, { date: todayIso(), limit: 30, offset: 0 });
    return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(decisionsFeed(lang, baseOf(request), items));
  });

  scope.get('/tin/:lang/tim-kiem', hidden, async (request, reply) => {
    const lang = langOf((request.params as { lang: string }).lang);
    const w = words[lang];
    const rawQ = (request.query as { q?: unknown }).q;
    const q = typeof rawQ === 'string' ? rawQ.trim() : '';
    if (q.length > 200 || unstorableText(q).length) throw new PageError(400, lang, w.errors.q);
    const page = Page.parse((request.query as { trang?: string }).trang);
    const base = baseOf(request);
    const list = q ? await listPublic(db, lang, { q, limit: R.pageSize, offset: (page - 1) * R.pageSize }) : { items: [], total: 0 };
    const content = `<h1>${esc(w.search)}</h1><form action="/tin/${lang}/tim-kiem" method="get"><input type="search" name="q" value="${esc(q)}" aria-label="${esc(w.search)}"> <button type="submit">${esc(w.search)}</button></form>${q ? `<p class="meta" role="status">${esc(w.searchResults(list.total, q))}</p>${cards(lang, list.items)}${pager(lang, (p) => `/tin/${lang}/tim-kiem?q=${encodeURIComponent(q)}&trang=${p}`, page, list.total, R.pageSize)}` : ''}`;
    return html(reply, layout(lang, w.search, { canonical: `${base}/tin/${lang}/tim-kiem` }, content, base).replace('<head>', '<head><meta name="robots" content="noindex">'));
  });

  scope.get('/tin/:lang/rss.xml', hidden, async (request, reply) => {
    const lang = langOf((request.params as { lang: string }).lang);
    const { items } = await listPublic(db, lang, { limit: 30 });
    return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(rssFeed(lang, baseOf(request), `/tin/${lang}/`, words[lang].site, items));
  });

  scope.get('/tin/:lang/chu-de/:slug/rss.xml', hidden, async (request, reply) => {
    const { lang: rawLang, slug } = request.params as { lang: string; slug: string };
    const lang = langOf(rawLang);
    const term = Slug.safeParse(slug).success ? await termBySlug(db, 'topic', slug) : undefined;
    if (!term) throw new PageError(404, lang, words[lang].notFoundHint);
    const { items } = await listPublic(db, lang, { termKind: 'topic', termId: term.id, limit: 30 });
    return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(rssFeed(lang, baseOf(request), termUrl(lang, term), `${words[lang].site} — ${termName(term, lang)}`, items));
  });

  for (const url of ['/tin/sitemap.xml', '/sitemap.xml'])
    scope.get(url, hidden, async (request, reply) => reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(await sitemap(db, baseOf(request))));

  scope.get('/tin/anh/:id', hidden, async (request, reply) => {
    const id = z.uuid().safeParse((request.params as { id: string }).id);
    const img = id.success ? await publicImage(db, id.data) : undefined;
    if (!img) throw new PageError(404, ORIGINAL_LANG, words.vi.notFoundHint);
    return reply.type(img.mime).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(img.content);
  });
}

/** Consultations as cards: the title links to its public page; the unit is named with its parent (a village with its commune). */
const consultationList = (lang: PortalLang, list: OpenConsultation[]) =>
  `<ul class="cards">${list
    .map((c) => `<li><a href="/tham-van/${c.id}" lang="vi" dir="ltr">${esc(c.title)}</a><small lang="vi" dir="ltr">${esc(c.parentName ? `${c.unitName}, ${c.parentName}` : c.unitName)} — ${esc(dateIn(lang, new Date(`${c.closesOn}T00:00:00Z`)))}</small></li>`)
    .join('')}</ul>`;

/**
 * Decided consultations as cards: the title (to its public page with the whole result), the unit named with its
 * parent, the question, participation, the consensus level, the decision and the follow-up. What people wrote is
 * Vietnamese: marked so on a page in another language. `brief`: the title, the unit and the level only.
 */
function decisionList(lang: PortalLang, list: PublishedDecision[], opts: { brief?: boolean } = {}) {
  const w = words[lang];
  const d = w.decisions;
  const vi = lang === 'vi' ? '' : ' lang="vi" dir="ltr"';
  const n = (x: number) => fmt(lang).format(x);
  const pct = (x: number | null) => (x === null ? null : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : lang, { maximumFractionDigits: 1 }).format(x));
  const day = (iso: string) => dateIn(lang, new Date(`${iso}T00:00:00Z`));
  const text = (s: string) => esc(s).replace(/\r?\n/g, '<br>');
  return `<ul class="cards decisions">${list
    .map((c) => {
      const unit = `<small${vi}>${esc(c.parentName ? `${c.unitName}, ${c.parentName}` : c.unitName)}</small>`;
      const level = `<span class="level level-${c.level}">${esc(d.levels[c.level])}</span>`;
      if (opts.brief) return `<li><a href="/tham-van/${c.id}"${vi}>${esc(c.title)}</a>${unit}<small>${esc(d.level)}: ${level}</small></li>`;
      return `<li id="q-${c.id}"><h2><a href="/tham-van/${c.id}"${vi}>${esc(c.title)}</a></h2>${unit}
<p><strong>${esc(d.question)}:</strong> <span${vi}>${text(c.question)}</span></p>
<p class="meta">${esc(d.participation(n(c.participants), n(c.eligible), pct(c.participation)))} · ${esc(d.level)}: ${level}</p>
<p><strong>${esc(d.decision)}</strong> <small>${esc(d.decidedOn(day(c.decidedOn)))}</small></p><p${vi}>${text(c.decision)}</p>
${c.followUp ? `<p><strong>${esc(d.followUp)}</strong></p><p${vi}>${text(c.followUp)}</p>` : ''}</li>`;
    })
    .join('')}</ul>`;
}

function firstImage(body: string, base: string): string | undefined {
  const m = /!\[[^\]]*\]\((\/tin\/anh\/[0-9a-f-]{36})\)/.exec(body);
  return m ? `${base}${m[1]}` : undefined;
}
