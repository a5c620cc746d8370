// The editors' side of the portal: terms (series, topics, categories, authors), articles with their translations,
// revisions, images, publishing and scheduling. Every write is one transaction with its audit event.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { dirOf, ORIGINAL_LANG, publicationState, slugify, SLUG, type ArticleMeta, type CreateArticle, type Names, type PortalLang, type TaxonomyKind, type TranslationBody } from '../../../domain/portal.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { latestPaths } from '../org/tree.js';
import { articleActions, articlesWhere, authorizeArticle, writeUnitsFor } from './policy.js';
import { markdownText } from './render.js';
import { portalArticles, portalArticleTopics, portalImages, portalRevisions, portalTerms, portalTranslations } from './schema.js';

type ArticleRow = typeof portalArticles.$inferSelect;

async function unitPath(db: Executor, unitId: string): Promise<string> {
  const u = (await latestPaths(db, [unitId])).get(unitId);
  if (!u) throw notFound('Unit');
  return u.path;
}

// --- Terms ------------------------------------------------------------------------------------------------------

export async function createTerm(db: Db, actor: Actor, input: { kind: TaxonomyKind; unitId: string; names: Names; slug?: string }) {
  const path = await unitPath(db, input.unitId);
  authorizeArticle(actor, 'term.write', path);
  const slug = input.slug ?? slugify(input.names.vi);
  if (!SLUG.test(slug)) throw invalid([{ path: 'slug', code: 'portal_slug_invalid', message: 'Use lower-case letters, digits and hyphens' }]);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: portalTerms.id }).from(portalTerms).where(and(eq(portalTerms.kind, input.kind), eq(portalTerms.slug, slug)));
    if (taken) throw conflict('This name is already used', [{ path: 'slug', code: 'portal_slug_taken', message: 'This address is already used' }]);
    const [row] = await tx.insert(portalTerms).values({ kind: input.kind, slug, names: input.names, unitId: input.unitId, unitPath: path }).returning();
    await recordAudit(tx, actor, { action: 'portal.term.create', entityType: 'portal_term', entityId: row!.id, unitPath: path, after: { kind: row!.kind, slug, names: input.names } });
    return presentTerm(row!);
  });
}

const presentTerm = (t: typeof portalTerms.$inferSelect) => ({ id: t.id, kind: t.kind, slug: t.slug, names: t.names });

export async function referenceData(db: Executor, actor: Actor) {
  const terms = await db.select().from(portalTerms).where(articlesWhere(actor, 'term.use', portalTerms.unitPath)).orderBy(asc(portalTerms.kind), asc(portalTerms.slug));
  return { units: writeUnitsFor(actor), terms: terms.map(presentTerm) };
}

/** A term the article may name: of that kind, and in the article's line (its unit's own, or a unit above it). */
async function assertTerms(db: Executor, articlePath: string, meta: ArticleMeta) {
  const wanted: [string, TaxonomyKind, string][] = [];
  if (meta.seriesId) wanted.push(['seriesId', 'series', meta.seriesId]);
  if (meta.categoryId) wanted.push(['categoryId', 'category', meta.categoryId]);
  if (meta.authorId) wanted.push(['authorId', 'author', meta.authorId]);
  for (const id of meta.topicIds ?? []) wanted.push(['topicIds', 'topic', id]);
  if (!wanted.length) return;
  const rows = await db.select().from(portalTerms).where(inArray(portalTerms.id, wanted.map((w) => w[2])));
  const issues = wanted
    .filter(([, kind, id]) => !rows.some((r) => r.id === id && r.kind === kind && articlePath.startsWith(r.unitPath)))
    .map(([path]) => ({ path, code: 'portal_term_unknown', message: 'Choose one from the list' }));
  if (issues.length) throw invalid(issues);
  if ((meta.seriesId == null) !== (meta.seriesOrder == null))
    throw invalid([{ path: 'seriesOrder', code: 'portal_series_order_required', message: 'An article in a series needs its place in it' }]);
}

const seriesPlaceTaken = () => conflict('Another article holds this place in the series', [{ path: 'seriesOrder', code: 'portal_series_order_taken', message: 'Another article holds this place in the series' }]);

// --- Articles ---------------------------------------------------------------------------------------------------

export const searchTextOf = (t: { title: string; summary: string; body: string }) => foldDiacritics(`${t.title} ${t.summary} ${markdownText(t.body)}`);

async function saveTranslation(tx: Executor, actor: Actor, articleId: string, lang: PortalLang, body: TranslationBody) {
  const values = { title: body.title, summary: body.summary, body: body.body, searchText: searchTextOf(body), dir: dirOf(lang), updatedAt: new Date() };
  await tx.insert(portalTranslations).values({ articleId, lang, ...values }).onConflictDoUpdate({ target: [portalTranslations.articleId, portalTranslations.lang], set: values });
  await tx.insert(portalRevisions).values({ articleId, lang, title: body.title, summary: body.summary, body: body.body, savedBy: actor.name });
}

export async function createArticle(db: Db, actor: Actor, input: CreateArticle) {
  const path = await unitPath(db, input.unitId);
  authorizeArticle(actor, 'article.write', path);
  const slug = input.slug ?? slugify(input.title);
  if (!SLUG.test(slug)) throw invalid([{ path: 'slug', code: 'portal_slug_invalid', message: 'Use lower-case letters, digits and hyphens' }]);
  return db.transaction(async (tx) => {
    await assertTerms(tx, path, input);
    const [taken] = await tx.select({ id: portalArticles.id }).from(portalArticles).where(eq(portalArticles.slug, slug));
    if (taken) throw conflict('Another article has this address', [{ path: 'slug', code: 'portal_slug_taken', message: 'This address is already used' }]);
    if (input.seriesId && input.seriesOrder) {
      const [held] = await tx.select({ id: portalArticles.id }).from(portalArticles).where(and(eq(portalArticles.seriesId, input.seriesId), eq(portalArticles.seriesOrder, input.seriesOrder)));
      if (held) throw seriesPlaceTaken();
    }
    const [a] = await tx
      .insert(portalArticles)
      .values({ slug, unitId: input.unitId, unitPath: path, seriesId: input.seriesId ?? null, seriesOrder: input.seriesOrder ?? null, categoryId: input.categoryId ?? null, authorId: input.authorId ?? null, source: input.source ?? '' })
      .returning();
    if (input.topicIds?.length) await tx.insert(portalArticleTopics).values([...new Set(input.topicIds)].map((topicId) => ({ articleId: a!.id, topicId })));
    await saveTranslation(tx, actor, a!.id, ORIGINAL_LANG, { title: input.title, summary: input.summary, body: input.body });
    await recordAudit(tx, actor, { action: 'portal.article.create', entityType: 'portal_article', entityId: a!.id, unitPath: path, after: { slug, title: input.title } });
    return { id: a!.id, slug };
  });
}

/** The article's row if the actor may read it on the editing side; 404 otherwise. */
async function loadArticle(db: Executor, actor: Actor, id: string, action: 'article.read' | 'article.write' | 'article.publish', opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(portalArticles).where(eq(portalArticles.id, id));
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a) throw notFound('Article');
  authorizeArticle(actor, action, a.unitPath);
  return a;
}

const stale = () => conflict('Someone else changed this article; reload it', [{ path: 'version', code: 'stale_version', message: 'Changed by someone else meanwhile' }]);

async function bump(tx: Executor, a: ArticleRow, version: number, set: Partial<ArticleRow>) {
  if (a.version !== version) throw stale();
  const [after] = await tx.update(portalArticles).set({ ...set, version: a.version + 1, updatedAt: new Date() }).where(and(eq(portalArticles.id, a.id), eq(portalArticles.version, version))).returning();
  if (!after) throw stale();
  return after;
}

export async function updateArticle(db: Db, actor: Actor, id: string, input: ArticleMeta & { version: number }) {
  return db.transaction(async (tx) => {
    const a = await loadArticle(tx, actor, id, 'article.write', { forUpdate: true });
    const next = {
      seriesId: input.seriesId === undefined ? a.seriesId : input.seriesId,
      seriesOrder: input.seriesOrder === undefined ? a.seriesOrder : input.seriesOrder,
      categoryId: input.categoryId === undefined ? a.categoryId : input.categoryId,
      authorId: input.authorId === undefined ? a.authorId : input.authorId,
      source: input.source ?? a.source,
    };
    await assertTerms(tx, a.unitPath, { ...next, topicIds: input.topicIds });
    if (next.seriesId && next.seriesOrder) {
      const [held] = await tx.select({ id: portalArticles.id }).from(portalArticles).where(and(eq(portalArticles.seriesId, next.seriesId), eq(portalArticles.seriesOrder, next.seriesOrder)));
      if (held && held.id !== id) throw seriesPlaceTaken();
    }
    const after = await bump(tx, a, input.version, next);
    if (input.topicIds) {
      await tx.delete(portalArticleTopics).where(eq(portalArticleTopics.articleId, id));
      if (input.topicIds.length) await tx.insert(portalArticleTopics).values([...new Set(input.topicIds)].map((topicId) => ({ articleId: id, topicId })));
    }
    await recordAudit(tx, actor, { action: 'portal.article.edit', entityType: 'portal_article', entityId: id, unitPath: a.unitPath, before: { ...pick(a) }, after: { ...pick(after), topicIds: input.topicIds } });
    return { version: after.version };
  });
}
const pick = (a: ArticleRow) => ({ seriesId: a.seriesId, seriesOrder: a.seriesOrder, categoryId: a.categoryId, authorId: a.authorId, source: a.source, status: a.status, publishAt: a.publishAt });

/** Writes one language's text (a new revision); a translation needs the original first, which always exists. */
export async function saveArticleTranslation(db: Db, actor: Actor, id: string, input: TranslationBody & { lang: PortalLang; version: number }) {
  return db.transaction(async (tx) => {
    const a = await loadArticle(tx, actor, id, 'article.write', { forUpdate: true });
    const after = await bump(tx, a, input.version, {});
    await saveTranslation(tx, actor, id, input.lang, input);
    await recordAudit(tx, actor, { action: 'portal.translation.save', entityType: 'portal_article', entityId: id, unitPath: a.unitPath, after: { lang: input.lang, title: input.title } });
    return { version: after.version };
  });
}

export async function deleteArticleTranslation(db: Db, actor: Actor, id: string, input: { lang: PortalLang; version: number }) {
  if (input.lang === ORIGINAL_LANG) throw invalid([{ path: 'lang', code: 'portal_original_required', message: 'The original cannot be removed' }]);
  return db.transaction(async (tx) => {
    const a = await loadArticle(tx, actor, id, 'article.write', { forUpdate: true });
    const gone = await tx.delete(portalTranslations).where(and(eq(portalTranslations.articleId, id), eq(portalTranslations.lang, input.lang))).returning({ lang: portalTranslations.lang });
    if (!gone.length) throw notFound('Translation');
    const after = await bump(tx, a, input.version, {});
    await recordAudit(tx, actor, { action: 'portal.translation.remove', entityType: 'portal_article', entityId: id, unitPath: a.unitPath, before: { lang: input.lang } });
    return { version: after.version };
  });
}

/** Publishes now, or at `publishAt` (scheduled: not public before then); `unpublish` takes it back to draft. */
export async function setPublication(db: Db, actor: Actor, id: string, input: { publish: boolean; publishAt?: string | null; version: number }) {
  return db.transaction(async (tx) => {
    const a = await loadArticle(tx, actor, id, 'article.publish', { forUpdate: true });
    const at = input.publish ? (input.publishAt ? new Date(input.publishAt) : new Date()) : null;
    if (at && Number.isNaN(at.getTime())) throw invalid([{ path: 'publishAt', code: 'invalid_date', message: 'Not a date' }]);
    const after = await bump(tx, a, input.version, { status: input.publish ? 'published' : 'draft', publishAt: at });
    await recordAudit(tx, actor, { action: input.publish ? 'portal.article.publish' : 'portal.article.unpublish', entityType: 'portal_article', entityId: id, unitPath: a.unitPath, before: pick(a), after: pick(after) });
    return { version: after.version, state: publicationState(after, new Date()) };
  });
}

/** Before an upload is stored: 404/403 unless the actor may write the article. */
export async function assertArticleWritable(db: Executor, actor: Actor, id: string): Promise<void> {
  await loadArticle(db, actor, id, 'article.write');
}

export async function addImage(db: Db, actor: Actor, id: string, file: { mime: string; content: Buffer }) {
  return db.transaction(async (tx) => {
    const a = await loadArticle(tx, actor, id, 'article.write');
    const [img] = await tx.insert(portalImages).values({ articleId: id, mime: file.mime, size: file.content.length, content: file.content }).returning({ id: portalImages.id });
    await recordAudit(tx, actor, { action: 'portal.image.add', entityType: 'portal_article', entityId: id, unitPath: a.unitPath, after: { imageId: img!.id, size: file.content.length } });
    return { id: img!.id, url: `/tin/anh/${img!.id}` };
  });
}

// --- Reading (editors) ------------------------------------------------------------------------------------------

/** The editor's list: every article of their branch with its state, languages and figures. */
export async function listArticles(db: Executor, actor: Actor, query: { q?: string; limit: number; offset: number }) {
  const where = [articlesWhere(actor, 'article.read', portalArticles.unitPath)];
  if (query.q) {
    const q = `%${foldDiacritics(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`EXISTS (SELECT 1 FROM portal_translations t WHERE t.article_id = ${portalArticles.id} AND t.search_text LIKE ${q})`);
  }
  const rows = await db
    .select({
      a: portalArticles,
      title: sql<string>`(SELECT title FROM portal_translations t WHERE t.article_id = ${portalArticles.id} AND t.lang = ${ORIGINAL_LANG})`,
      langs: sql<string[]>`(SELECT array_agg(lang ORDER BY lang) FROM portal_translations t WHERE t.article_id = ${portalArticles.id})`,
      comments: sql<number>`(SELECT count(*)::int FROM portal_comments c WHERE c.article_id = ${portalArticles.id} AND c.status = 'approved')`,
      pending: sql<number>`(SELECT count(*)::int FROM portal_comments c WHERE c.article_id = ${portalArticles.id} AND c.status = 'pending')`,
      total: sql<number>`count(*) OVER ()::int`,
    })
    .from(portalArticles)
    .where(and(...where))
    .orderBy(desc(portalArticles.updatedAt), asc(portalArticles.id))
    .limit(query.limit)
    .offset(query.offset);
  const now = new Date();
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.a.id,
      slug: r.a.slug,
      title: r.title,
      langs: r.langs ?? [],
      state: publicationState(r.a, now),
      publishAt: r.a.publishAt?.toISOString() ?? null,
      seriesId: r.a.seriesId,
      seriesOrder: r.a.seriesOrder,
      views: r.a.views,
      opinions: r.a.opinions,
      comments: r.comments,
      pendingComments: r.pending,
      updatedAt: r.a.updatedAt.toISOString(),
    })),
  };
}

export async function getArticle(db: Executor, actor: Actor, id: string) {
  const a = await loadArticle(db, actor, id, 'article.read');
  const [translations, topics, revisions] = await Promise.all([
    db.select().from(portalTranslations).where(eq(portalTranslations.articleId, id)).orderBy(asc(portalTranslations.lang)),
    db.select({ id: portalArticleTopics.topicId }).from(portalArticleTopics).where(eq(portalArticleTopics.articleId, id)),
    db
      .select({ id: portalRevisions.id, lang: portalRevisions.lang, title: portalRevisions.title, savedBy: portalRevisions.savedBy, savedAt: portalRevisions.savedAt })
      .from(portalRevisions)
      .where(eq(portalRevisions.articleId, id))
      .orderBy(desc(portalRevisions.savedAt))
      .limit(50),
  ]);
  return {
    article: {
      id: a.id,
      slug: a.slug,
      unitId: a.unitId,
      seriesId: a.seriesId,
      seriesOrder: a.seriesOrder,
      categoryId: a.categoryId,
      authorId: a.authorId,
      source: a.source,
      topicIds: topics.map((t) => t.id),
      state: publicationState(a, new Date()),
      publishAt: a.publishAt?.toISOString() ?? null,
      views: a.views,
      opinions: a.opinions,
      version: a.version,
    },
    translations: translations.map((t) => ({ lang: t.lang, dir: t.dir, title: t.title, summary: t.summary, body: t.body, updatedAt: t.updatedAt.toISOString() })),
    revisions: revisions.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() })),
    actions: articleActions(actor, a.unitPath),
  };
}

/** Figures of the editor's branch: articles by state, views, comments and opinions. */
export async function portalFigures(db: Executor, actor: Actor) {
  const [r] = await db
    .select({
      published: sql<number>`count(*) FILTER (WHERE status = 'published' AND publish_at <= now())::int`,
      scheduled: sql<number>`count(*) FILTER (WHERE status = 'published' AND publish_at > now())::int`,
      drafts: sql<number>`count(*) FILTER (WHERE status = 'draft')::int`,
      views: sql<number>`coalesce(sum(views), 0)::int`,
      opinions: sql<number>`coalesce(sum(opinions), 0)::int`,
      comments: sql<number>`(SELECT count(*)::int FROM portal_comments c WHERE c.article_id IN (SELECT id FROM portal_articles a2 WHERE ${articlesWhere(actor, 'article.read', sql`a2.unit_path`)}) AND c.status = 'approved')`,
    })
    .from(portalArticles)
    .where(articlesWhere(actor, 'article.read', portalArticles.unitPath));
  return r!;
}
