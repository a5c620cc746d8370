// Readers' comments: sent without an account, held for an editor's decision, shown once approved. The sender's
// address is kept only while the comment may still need it (the moderation window: to spot a flood or abuse), then
// erased — at the decision, or when the window ends, whichever comes first.
import { and, asc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { PORTAL_RULES } from '../../../domain/portal.js';
import { systemActor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { articlesWhere, authorizeArticle } from './policy.js';
import { portalArticles, portalComments, portalTranslations } from './schema.js';

const reader = systemActor('portal-reader');

/** A reader's comment on a published article (the caller checked it is public), pending moderation. */
export async function submitComment(db: Db, input: { articleId: string; unitPath: string; lang: string; authorName: string; body: string; ip: string | null }) {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(portalComments)
      .values({ articleId: input.articleId, lang: input.lang, authorName: input.authorName, body: input.body, ipAddress: input.ip })
      .returning({ id: portalComments.id });
    // The audit keeps that a comment came, never who sent it nor from where.
    await recordAudit(tx, reader, { action: 'portal.comment.submit', entityType: 'portal_comment', entityId: c!.id, unitPath: input.unitPath, after: { articleId: input.articleId, lang: input.lang } });
    return c!;
  });
}

/** The moderation queue of the actor's branch: pending comments, oldest first, with their article's title. */
export async function moderationQueue(db: Executor, actor: Actor, query: { status: 'pending' | 'approved' | 'rejected'; limit: number; offset: number }) {
  const rows = await db
    .select({
      id: portalComments.id,
      articleId: portalComments.articleId,
      article: portalTranslations.title,
      lang: portalComments.lang,
      authorName: portalComments.authorName,
      body: portalComments.body,
      status: portalComments.status,
      createdAt: portalComments.createdAt,
      total: sql<number>`count(*) OVER ()::int`,
    })
    .from(portalComments)
    .innerJoin(portalArticles, eq(portalArticles.id, portalComments.articleId))
    .innerJoin(portalTranslations, and(eq(portalTranslations.articleId, portalArticles.id), eq(portalTranslations.lang, 'vi')))
    .where(and(eq(portalComments.status, query.status), articlesWhere(actor, 'comment.moderate', portalArticles.unitPath)))
    .orderBy(asc(portalComments.createdAt), asc(portalComments.id))
    .limit(query.limit)
    .offset(query.offset);
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() })) };
}

/** Approve or reject a pending comment; the address goes with the decision. */
export async function moderateComment(db: Db, actor: Actor, id: string, input: { decision: 'approve' | 'reject' }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: portalComments, unitPath: portalArticles.unitPath })
      .from(portalComments)
      .innerJoin(portalArticles, eq(portalArticles.id, portalComments.articleId))
      .where(eq(portalComments.id, id))
      .for('update', { of: portalComments });
    if (!row) throw notFound('Comment');
    authorizeArticle(actor, 'comment.moderate', row.unitPath);
    if (row.c.status !== 'pending') throw conflict('This comment has already been moderated', [{ path: 'decision', code: 'portal_comment_moderated', message: 'Already moderated' }]);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await tx.update(portalComments).set({ status, moderatedAt: new Date(), ipAddress: null }).where(eq(portalComments.id, id));
    await recordAudit(tx, actor, { action: `portal.comment.${input.decision}`, entityType: 'portal_comment', entityId: id, unitPath: row.unitPath, after: { status } });
    return { id, status };
  });
}

/** Erases the addresses of comments older than the moderation window; returns how many. */
export async function eraseExpiredAddresses(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - PORTAL_RULES.moderationWindowDays * 86_400_000);
  return db.transaction(async (tx) => {
    const gone = await tx
      .update(portalComments)
      .set({ ipAddress: null })
      .where(and(isNotNull(portalComments.ipAddress), lt(portalComments.createdAt, cutoff)))
      .returning({ id: portalComments.id });
    if (gone.length)
      await recordAudit(tx, systemActor('portal-retention'), { action: 'portal.comment.erase_addresses', entityType: 'portal_comment', entityId: gone[0]!.id, after: { count: gone.length, olderThanDays: PORTAL_RULES.moderationWindowDays } });
    return gone.length;
  });
}
