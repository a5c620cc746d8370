// What a reader may see: published articles whose time has come, in one language at a time. Nothing here returns
// a draft or a scheduled article: every query goes through `isPublic`.
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { PortalLang, TaxonomyKind } from '../../../domain/portal.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { portalArticles, portalArticleTopics, portalComments, portalImages, portalTerms, portalTranslations } from './schema.js';

export const isPublic: SQL = sql`(${portalArticles.status} = 'published' AND ${portalArticles.publishAt} <= now())`;

export interface Term {
  id: string;
  kind: string;
  slug: string;
  names: Record<string, string>;
}
export interface ArticleCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  publishAt: Date;
  seriesOrder: number | null;
}

const cardColumns = {
  id: portalArticles.id,
  slug: portalArticles.slug,
  title: portalTranslations.title,
  summary: portalTranslations.summary,
  publishAt: sql<Date>`${portalArticles.publishAt}`,
  seriesOrder: portalArticles.seriesOrder,
};

/** Published articles in `lang`, newest first (a series in its order), filtered. */
export async function listPublic(db: Executor, lang: PortalLang, filter: { termKind?: TaxonomyKind; termId?: string; q?: string; excludeId?: string; limit: number; offset?: number }) {
  const where: SQL[] = [isPublic];
  if (filter.excludeId) where.push(ne(portalArticles.id, filter.excludeId));
  if (filter.termKind === 'series') where.push(eq(portalArticles.seriesId, filter.termId!));
  if (filter.termKind === 'category') where.push(eq(portalArticles.categoryId, filter.termId!));
  if (filter.termKind === 'author') where.push(eq(portalArticles.authorId, filter.termId!));
  if (filter.termKind === 'topic') where.push(sql`EXISTS (SELECT 1 FROM ${portalArticleTopics} WHERE ${portalArticleTopics.articleId} = ${portalArticles.id} AND ${portalArticleTopics.topicId} = ${filter.termId})`);
  if (filter.q !== undefined) {
    const words = foldDiacritics(filter.q).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 10);
    if (!words.length) return { items: [] as ArticleCard[], total: 0 };
    where.push(sql`${portalTranslations.search} @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`);
  }
  const rows = await db
    .select({ ...cardColumns, total: sql<number>`count(*) OVER ()::int` })
    .from(portalArticles)
    .innerJoin(portalTranslations, and(eq(portalTranslations.articleId, portalArticles.id), eq(portalTranslations.lang, lang)))
    .where(and(...where))
    .orderBy(...(filter.termKind === 'series' ? [asc(portalArticles.seriesOrder)] : [desc(portalArticles.publishAt)]), asc(portalArticles.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
  return { items: rows.map(({ total: _t, ...r }) => ({ ...r, publishAt: new Date(r.publishAt) })), total: rows[0]?.total ?? 0 };
}

/** How many published articles match the filter in any language: to say how many are not in this one. */
export async function countPublicInSeries(db: Executor, seriesId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(portalArticles).where(and(isPublic, eq(portalArticles.seriesId, seriesId)));
  return r?.n ?? 0;
}

export async function termBySlug(db: Executor, kind: TaxonomyKind, slug: string): Promise<Term | undefined> {
  const [t] = await db.select({ id: portalTerms.id, kind: portalTerms.kind, slug: portalTerms.slug, names: portalTerms.names }).from(portalTerms).where(and(eq(portalTerms.kind, kind), eq(portalTerms.slug, slug)));
  return t;
}

/** A published article with the languages it has; `translation` is null when it has none in `lang`. */
export async function publicArticle(db: Executor, slug: string, lang: PortalLang) {
  const [a] = await db.select().from(portalArticles).where(and(eq(portalArticles.slug, slug), isPublic));
  if (!a) return null;
  const translations = await db.select().from(portalTranslations).where(eq(portalTranslations.articleId, a.id)).orderBy(asc(portalTranslations.lang));
  const termIds = [a.seriesId, a.categoryId, a.authorId].filter((x): x is string => !!x);
  const topicIds = (await db.select({ id: portalArticleTopics.topicId }).from(portalArticleTopics).where(eq(portalArticleTopics.articleId, a.id))).map((t) => t.id);
  const terms = termIds.length + topicIds.length ? await db.select().from(portalTerms).where(inArray(portalTerms.id, [...termIds, ...topicIds])) : [];
  const term = (id: string | null) => terms.find((t) => t.id === id) as Term | undefined;
  return {
    article: a,
    translation: translations.find((t) => t.lang === lang) ?? null,
    langs: translations.map((t) => t.lang as PortalLang),
    series: term(a.seriesId),
    category: term(a.categoryId),
    author: term(a.authorId),
    topics: topicIds.map((id) => term(id)).filter((t): t is Term => !!t),
  };
}

export async function approvedComments(db: Executor, articleId: string, lang: string) {
  return db
    .select({ authorName: portalComments.authorName, body: portalComments.body, createdAt: portalComments.createdAt })
    .from(portalComments)
    .where(and(eq(portalComments.articleId, articleId), eq(portalComments.status, 'approved'), eq(portalComments.lang, lang)))
    .orderBy(asc(portalComments.createdAt))
    .limit(200);
}

/** One more reader of the article: a counter on the server, no cookie. */
export async function countView(db: Db, articleId: string) {
  await db.update(portalArticles).set({ views: sql`${portalArticles.views} + 1` }).where(eq(portalArticles.id, articleId));
}

export async function countOpinion(db: Db, articleId: string) {
  await db.update(portalArticles).set({ opinions: sql`${portalArticles.opinions} + 1` }).where(eq(portalArticles.id, articleId));
}

/** An image of a published article only. */
export async function publicImage(db: Executor, id: string) {
  const [img] = await db
    .select({ mime: portalImages.mime, content: portalImages.content })
    .from(portalImages)
    .innerJoin(portalArticles, eq(portalArticles.id, portalImages.articleId))
    .where(and(eq(portalImages.id, id), isPublic));
  return img;
}

/** Every published page for the sitemap: article × language, with its other languages. */
export async function sitemapEntries(db: Executor) {
  return db
    .select({ slug: portalArticles.slug, updatedAt: portalArticles.updatedAt, langs: sql<string[]>`array_agg(${portalTranslations.lang} ORDER BY ${portalTranslations.lang})` })
    .from(portalArticles)
    .innerJoin(portalTranslations, eq(portalTranslations.articleId, portalArticles.id))
    .where(isPublic)
    .groupBy(portalArticles.id)
    .orderBy(desc(portalArticles.publishAt))
    .limit(50_000);
}
