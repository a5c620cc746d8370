// The inbox of the signed-in account: its notifications, unread counts, mark read, acknowledge official messages,
// and its choices per topic. Everything is the account's own: every statement names the actor's account.
import type { Delivery, NotificationKind, NotificationTopic } from '../../../domain/notifications.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, invalid } from '../../platform/errors.js';
import { listInbox, loadOwn, markAcknowledged, markRead, preferencesOf, setPreferences, unreadCounts } from '../../platform/notifications/inbox.js';
import type { Acknowledger } from '../../platform/module.js';

function accountOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('forbidden', 'Only an account has an inbox');
  return actor.userId;
}

export async function inbox(db: Db, actor: Actor, query: { kind?: NotificationKind; unread?: boolean; limit: number; offset: number }) {
  const userId = accountOf(actor);
  const [items, counts] = await Promise.all([listInbox(db, userId, query), unreadCounts(db, userId)]);
  return { items, counts };
}

export const counts = (db: Db, actor: Actor) => unreadCounts(db, accountOf(actor));

export async function readNotifications(db: Db, actor: Actor, input: { ids?: string[]; all?: boolean }) {
  const userId = accountOf(actor);
  if (!input.all && !input.ids?.length) throw invalid([{ path: 'ids', code: 'required', message: 'Name the notifications to mark read, or all' }]);
  const changed = await markRead(db, userId, input.all ? 'all' : input.ids!);
  return { changed, counts: await unreadCounts(db, userId) };
}

/**
 * Acknowledges an official message. When it is about a record of a module (a meeting's invitation), the module
 * records the acknowledgement in its own write and the inbox follows it there; otherwise the inbox records it.
 */
export async function acknowledge(db: Db, actor: Actor, id: string, acknowledgers: Readonly<Record<string, Acknowledger>>) {
  const userId = accountOf(actor);
  const item = await loadOwn(db, userId, id);
  if (item.kind !== 'official') throw invalid([{ path: 'id', code: 'not_official', message: 'Only official messages are acknowledged' }]);
  if (!item.acknowledged) {
    const owner = item.ack ? acknowledgers[item.ack.source] : undefined;
    if (owner && item.ack) await owner(db, actor, item.ack.id);
    await db.transaction(async (tx) => {
      await loadOwn(tx, userId, id);
      await markAcknowledged(tx, userId, id);
      await recordAudit(tx, actor, { action: 'notification.acknowledge', entityType: 'notification', entityId: id, after: { topic: item.topic } });
    });
  }
  return loadOwn(db, userId, id);
}

export const preferences = (db: Db, actor: Actor) => preferencesOf(db, accountOf(actor));

export async function choosePreferences(db: Db, actor: Actor, input: { preferences: { topic: NotificationTopic; delivery: Delivery }[] }) {
  const userId = accountOf(actor);
  await db.transaction(async (tx) => {
    await setPreferences(tx, userId, input.preferences);
    await recordAudit(tx, actor, { action: 'notification.preferences', entityType: 'user', entityId: userId, after: { preferences: input.preferences } });
  });
  return preferencesOf(db, userId);
}
