// The inbox's reads and writes of one account's notifications. Every statement names the account: nobody reads or
// marks another's inbox.
import { sql } from 'drizzle-orm';
import { Delivery, kindOf, notificationTopics, type NotificationKind, type NotificationTopic } from '../../../domain/notifications.js';
import type { Executor } from '../db/index.js';
import { invalid, notFound } from '../errors.js';

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  topic: string;
  params: Record<string, unknown>;
  link: string;
  count: number;
  createdAt: string;
  updatedAt: string;
  read: boolean;
  acknowledged: boolean;
  /** An official message waiting for the reader's acknowledgement. */
  mustAcknowledge: boolean;
  ack: { source: string; id: string } | null;
}

type Row = {
  id: string;
  kind: NotificationKind;
  topic: string;
  params: Record<string, unknown>;
  link: string;
  count: number;
  created_at: Date;
  updated_at: Date;
  read_at: Date | null;
  acknowledged_at: Date | null;
  ack_source: string | null;
  ack_source_id: string | null;
};

const present = (r: Row): InboxItem => ({
  id: r.id,
  kind: r.kind,
  topic: r.topic,
  params: r.params,
  link: r.link,
  count: r.count,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  read: r.read_at !== null,
  acknowledged: r.acknowledged_at !== null,
  mustAcknowledge: r.kind === 'official' && r.acknowledged_at === null,
  ack: r.ack_source && r.ack_source_id ? { source: r.ack_source, id: r.ack_source_id } : null,
});

export async function listInbox(exec: Executor, userId: string, input: { kind?: NotificationKind; unread?: boolean; limit: number; offset: number }) {
  const kind = input.kind ? sql`AND kind = ${input.kind}` : sql``;
  const unread = input.unread ? sql`AND read_at IS NULL` : sql``;
  const { rows } = await exec.execute<Row>(sql`
    SELECT id, kind, topic, params, link, count, created_at, updated_at, read_at, acknowledged_at, ack_source, ack_source_id
    FROM notifications WHERE user_id = ${userId} ${kind} ${unread}
    ORDER BY (kind = 'official' AND acknowledged_at IS NULL) DESC, updated_at DESC, id
    LIMIT ${input.limit} OFFSET ${input.offset}`);
  return rows.map(present);
}

export async function unreadCounts(exec: Executor, userId: string): Promise<{ official: number; activity: number; toAcknowledge: number }> {
  const { rows } = await exec.execute<{ official: number; activity: number; ack: number }>(sql`
    SELECT count(*) FILTER (WHERE kind = 'official' AND read_at IS NULL)::int AS official,
           count(*) FILTER (WHERE kind = 'activity' AND read_at IS NULL)::int AS activity,
           count(*) FILTER (WHERE kind = 'official' AND acknowledged_at IS NULL)::int AS ack
    FROM notifications WHERE user_id = ${userId}`);
  return { official: rows[0].official, activity: rows[0].activity, toAcknowledge: rows[0].ack };
}

/** Marks the account's notifications read: these ids, or all of them. Returns how many changed. */
export async function markRead(exec: Executor, userId: string, ids: readonly string[] | 'all'): Promise<number> {
  const which = ids === 'all' ? sql`` : sql`AND id = ANY(${sql.param([...ids])}::uuid[])`;
  const { rows } = await exec.execute<{ id: string }>(sql`
    UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL ${which} RETURNING id`);
  return rows.length;
}

/** One notification of the account, locked for the write that follows (404 when it is someone else's). */
export async function loadOwn(exec: Executor, userId: string, id: string): Promise<InboxItem> {
  const { rows } = await exec.execute<Row>(sql`
    SELECT id, kind, topic, params, link, count, created_at, updated_at, read_at, acknowledged_at, ack_source, ack_source_id
    FROM notifications WHERE id = ${id} AND user_id = ${userId} FOR UPDATE`);
  if (!rows[0]) throw notFound('Notification');
  return present(rows[0]);
}

export async function markAcknowledged(exec: Executor, userId: string, id: string): Promise<void> {
  await exec.execute(sql`
    UPDATE notifications SET acknowledged_at = coalesce(acknowledged_at, now()), read_at = coalesce(read_at, now())
    WHERE id = ${id} AND user_id = ${userId}`);
}

export interface Preference {
  topic: NotificationTopic;
  kind: NotificationKind;
  delivery: Delivery;
  /** Official messages always reach the inbox: only the e-mail part is a choice. */
  canTurnOff: boolean;
}

export async function preferencesOf(exec: Executor, userId: string): Promise<Preference[]> {
  const { rows } = await exec.execute<{ topic: string; delivery: Delivery }>(sql`SELECT topic, delivery FROM notification_preferences WHERE user_id = ${userId}`);
  const chosen = new Map(rows.map((r) => [r.topic, r.delivery]));
  return (Object.keys(notificationTopics) as NotificationTopic[]).map((topic) => ({
    topic,
    kind: kindOf(topic),
    delivery: chosen.get(topic) ?? 'inbox',
    canTurnOff: kindOf(topic) === 'activity',
  }));
}

export async function setPreferences(exec: Executor, userId: string, choices: readonly { topic: NotificationTopic; delivery: Delivery }[]): Promise<void> {
  const issues = choices
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => kindOf(c.topic) === 'official' && c.delivery === 'off')
    .map(({ i }) => ({ path: `preferences.${i}.delivery`, code: 'official_cannot_be_off', message: 'Official messages cannot be turned off' }));
  if (issues.length) throw invalid(issues);
  for (const c of choices) {
    await exec.execute(sql`
      INSERT INTO notification_preferences (user_id, topic, delivery) VALUES (${userId}, ${c.topic}, ${c.delivery})
      ON CONFLICT (user_id, topic) DO UPDATE SET delivery = EXCLUDED.delivery`);
  }
}
