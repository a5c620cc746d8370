// Who may do what on the portal's editing side. Reading what is published needs no account (the public pages);
// everything here is the editors' work, within their branch: an editor of a commune writes the commune's articles,
// an editor of the province the province's (and may help a commune's); the province board may do all of it.
import type { SQLWrapper } from 'drizzle-orm';
import { actionsOn, authorize, grantsFor, scopeFor, type Actor, type Policy } from '../../platform/access.js';

export type ArticleAction = 'article.read' | 'article.write' | 'article.publish' | 'comment.moderate' | 'term.write' | 'term.use';

/** Target: the unit (its path) whose editors keep the article, the comment's article, or the term. */
export const articlePolicy: Policy<ArticleAction> = {
  'article.read': [{ role: 'editor' }, { role: 'province_admin' }],
  'article.write': [{ role: 'editor' }, { role: 'province_admin' }],
  'article.publish': [{ role: 'editor' }, { role: 'province_admin' }],
  'comment.moderate': [{ role: 'editor' }, { role: 'province_admin' }],
  // Series, topics, categories and authors are named where they are kept: a commune's editor adds their own.
  'term.write': [{ role: 'editor' }, { role: 'province_admin' }],
  // A commune's editor files articles under the province's series and topics too: the terms of their line.
  'term.use': [{ role: 'editor', reach: 'line' }, { role: 'province_admin', reach: 'line' }],
};

/** 404 outside the actor's branch, 403 when visible but not theirs to do. */
export const authorizeArticle = (actor: Actor, action: ArticleAction, unitPath: string) => authorize(articlePolicy, actor, action, { path: unitPath }, 'Article');

/** The same rule as SQL, for lists: the articles (or comments of articles) the actor may take `action` on. */
export const articlesWhere = (actor: Actor, action: ArticleAction, unitPath: SQLWrapper) => scopeFor(articlePolicy, actor, action, { path: unitPath });

export const articleActions = (actor: Actor, unitPath: string) =>
  actionsOn(articlePolicy, actor, { path: unitPath }).filter((a): a is 'article.write' | 'article.publish' => a === 'article.write' || a === 'article.publish');

/** The units the actor writes for: where "new article" may put one. */
export const writeUnitsFor = (actor: Actor) => grantsFor(articlePolicy, actor, 'article.write').map((g) => ({ id: g.unitId, name: g.unitName }));
