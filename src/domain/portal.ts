// The public portal's shared rules: its languages (with their writing direction), the input of an article and of a
// comment, slugs. No I/O: the server and the editor's pages share it.
import { z } from 'zod';
import { foldDiacritics } from './vietnamese.js';

/**
 * The languages an article may be translated into, each with its direction. A language is here only with the
 * portal's own words for its page chrome (server/modules/portal/words.ts): a reader never sees a mix.
 * Vietnamese is the original of every article.
 */
export const portalLangs = ['vi', 'en', 'fa'] as const;
export type PortalLang = (typeof portalLangs)[number];
export const PortalLang = z.enum(portalLangs);
export const ORIGINAL_LANG: PortalLang = 'vi';
const RTL = new Set<string>(['fa', 'ar', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv']);
export const dirOf = (lang: string): 'rtl' | 'ltr' => (RTL.has(lang) ? 'rtl' : 'ltr');

export const PORTAL_RULES = {
  title: { max: 300 },
  summary: { max: 1000 },
  body: { max: 200_000 },
  source: { max: 300 },
  comment: { min: 2, max: 2000, name: { max: 80 } },
  /** Comments a caller may send per window, counted by a salted hash of the address in memory. */
  commentsPerWindow: 5,
  commentWindowMinutes: 10,
  /** How long a comment's sender address is kept for moderation (abuse, floods); then erased. */
  moderationWindowDays: 7,
  image: { maxBytes: 5 * 1024 * 1024 },
  pageSize: 20,
} as const;

const Text = (max: number) => z.string().trim().max(max);

export const TranslationBody = z.strictObject({
  title: Text(PORTAL_RULES.title.max).min(1),
  summary: Text(PORTAL_RULES.summary.max).default(''),
  /** Markdown; raw HTML is not rendered (shown as text). */
  body: z.string().max(PORTAL_RULES.body.max),
});
export type TranslationBody = z.infer<typeof TranslationBody>;

export const ArticleMeta = z.strictObject({
  seriesId: z.uuid().nullable().optional(),
  seriesOrder: z.number().int().min(1).max(1000).nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  authorId: z.uuid().nullable().optional(),
  source: Text(PORTAL_RULES.source.max).optional(),
  topicIds: z.array(z.uuid()).max(20).optional(),
});
export type ArticleMeta = z.infer<typeof ArticleMeta>;

export const CreateArticle = ArticleMeta.extend({ unitId: z.uuid(), slug: z.string().max(120).optional() }).extend(TranslationBody.shape);
export type CreateArticle = z.infer<typeof CreateArticle>;

export const taxonomyKinds = ['topic', 'category', 'author', 'series'] as const;
export type TaxonomyKind = (typeof taxonomyKinds)[number];
export const TaxonomyKind = z.enum(taxonomyKinds);

/** Names per language; the original (vi) is required. */
export const Names = z.strictObject({ vi: Text(200).min(1), en: Text(200).optional(), fa: Text(200).optional() });
export type Names = z.infer<typeof Names>;

/** A URL slug from a title: diacritics folded, lower case, words joined by hyphens (đ → d). */
export function slugify(title: string): string {
  return foldDiacritics(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an article is to a reader right now: a draft, waiting for its time, or out. */
export type PublicationState = 'draft' | 'scheduled' | 'published';
export function publicationState(a: { status: string; publishAt: Date | null }, now: Date): PublicationState {
  if (a.status !== 'published' || !a.publishAt) return 'draft';
  return a.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}
