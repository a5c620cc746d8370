// The public portal: articles (one row each, Vietnamese the original) with a translation per language, their
// revisions, images, the taxonomy (series with their order, topics, categories, authors) and readers' comments.
// Every row belongs to the unit (province or commune) whose editors keep it: their branch writes it.
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Series, topics, categories and authors: one table, told apart by `kind`; names per language. */
export const portalTerms = pgTable(
  'portal_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['topic', 'category', 'author', 'series'] }).notNull(),
    slug: text('slug').notNull(),
    /** { vi, en?, fa? }: a reader sees the name in the page's language, else the original. */
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('portal_terms_slug_key').on(t.kind, t.slug)],
);

export const portalArticles = pgTable(
  'portal_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    /** The unit's path when the article was written: lists filter the editor's branch by prefix. */
    unitPath: text('unit_path').notNull(),
    seriesId: uuid('series_id').references(() => portalTerms.id),
    seriesOrder: integer('series_order'),
    categoryId: uuid('category_id').references(() => portalTerms.id),
    authorId: uuid('author_id').references(() => portalTerms.id),
    source: text('source').notNull().default(''),
    /** draft, or published from `publish_at` on (a time ahead is a scheduled article, not yet public). */
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** Counted on the server per page served: no cookie, no tracker. */
    views: integer('views').notNull().default(0),
    /** Readers who followed "send your opinion" from the article. */
    opinions: integer('opinions').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('portal_articles_slug_key').on(t.slug),
    uniqueIndex('portal_articles_series_order_key').on(t.seriesId, t.seriesOrder),
    index('portal_articles_public_idx').on(t.publishAt).where(sql`status = 'published'`),
    index('portal_articles_unit_path_idx').on(t.unitPath),
    check('portal_articles_published_has_time', sql`${t.status} = 'draft' OR ${t.publishAt} IS NOT NULL`),
    check('portal_articles_series_order', sql`(${t.seriesId} IS NULL) = (${t.seriesOrder} IS NULL)`),
  ],
);

export const portalArticleTopics = pgTable(
  'portal_article_topics',
  {
    articleId: uuid('article_id').notNull().references(() => portalArticles.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id').notNull().references(() => portalTerms.id),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.topicId] }), index('portal_article_topics_topic_idx').on(t.topicId)],
);

export const portalTranslations = pgTable(
  'portal_translations',
  {
    articleId: uuid('article_id').notNull().references(() => portalArticles.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    dir: text('dir', { enum: ['ltr', 'rtl'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown; rendered with raw HTML off (render.ts). */
    body: text('body').notNull(),
    /** Title, summary and body folded (no diacritics, lower case) for search. */
    searchText: text('search_text').notNull(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.lang] }), index('portal_translations_search_idx').using('gin', t.search)],
);

/** Every saved version of a translation, newest last: who saved it and when. */
export const portalRevisions = pgTable(
  'portal_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id').notNull().references(() => portalArticles.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    savedBy: text('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('portal_revisions_article_idx').on(t.articleId, t.savedAt)],
);

/** An image of an article, kept in the database so backups carry it; its caption is written in each translation. */
export const portalImages = pgTable('portal_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  articleId: uuid('article_id').notNull().references(() => portalArticles.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const portalComments = pgTable(
  'portal_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id').notNull().references(() => portalArticles.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    /** The sender's address, kept for the moderation window only (then set to null: moderation.ts). */
    ipAddress: text('ip_address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_comments_article_idx').on(t.articleId, t.status),
    index('portal_comments_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    index('portal_comments_ip_idx').on(t.createdAt).where(sql`ip_address IS NOT NULL`),
  ],
);
