// notify(tx, …): called by a writer inside its own transaction, like recordAudit — the notification commits or rolls
// back with the change it tells of. Set-based: one statement whatever the number of recipients.
//
// Never a flood: each (account, topic, source event) is delivered once (notification_deliveries' key), and while
// unread, notifications of one group fold into one line with a count. Activity news respects the account's choice
// (`off` is nothing at all); official messages always arrive and ask to be acknowledged.
import { sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { kindOf, type NotificationTopic } from '../../../domain/notifications.js';
import type { Executor } from '../db/index.js';

export interface Notice {
  topic: NotificationTopic;
  /** Account ids, or a SELECT yielding one column of account ids (scoped by the caller through the owners' reads). */
  recipients: readonly string[] | SQL;
  /** The event told of: one notification per account and event, however often the writer repeats itself. */
  sourceId: string;
  /** What folds together while unread (e.g. `supervision.reply:<case id>`). */
  groupKey: string;
  /** Words of the sentence: unit and document names, numbers, dates. Never a person's identifying data. */
  params: Record<string, string | number | null>;
  /** Where one tap takes the reader (a path of the web app). */
  link: string;
  unitPath?: string | null;
  /** For official messages: the record whose acknowledgement this is (its module acknowledges it: `acknowledgers`). */
  ack?: { source: string; id: string };
  /**
   * Dated by the day only (an anonymous report and its reporter's answers): the notification's times are the day's
   * start, so no stored moment tells when the reporter wrote.
   */
  dateOnly?: boolean;
}

const recipientsOf = (r: Notice['recipients']): SQL =>
  Array.isArray(r) ? sql`SELECT unnest(${sql.param(r)}::uuid[])` : (r as SQL);

/** Notifies the recipients; returns how many got something new (a new line or a count added to an unread one). */
export async function notify(tx: Executor, n: Notice): Promise<number> {
  if (Array.isArray(n.recipients) && n.recipients.length === 0) return 0;
  const kind = kindOf(n.topic);
  const at = n.dateOnly ? sql`${`${todayIso()}T00:00:00.000Z`}::timestamptz` : sql`now()`;
  const { rows } = await tx.execute<{ id: string }>(sql`
    WITH r AS (SELECT DISTINCT x.user_id FROM (${recipientsOf(n.recipients)}) AS x(user_id) WHERE x.user_id IS NOT NULL),
    fresh AS (
      INSERT INTO notification_deliveries (user_id, topic, source_id, at)
      SELECT r.user_id, ${n.topic}, ${n.sourceId}, ${at} FROM r
      WHERE ${kind} = 'official' OR NOT EXISTS (
        SELECT 1 FROM notification_preferences p WHERE p.user_id = r.user_id AND p.topic = ${n.topic} AND p.delivery = 'off')
      ON CONFLICT DO NOTHING
      RETURNING user_id),
    n AS (
    INSERT INTO notifications AS nt (user_id, kind, topic, group_key, params, link, unit_path, ack_source, ack_source_id, email_digest, created_at, updated_at)
    SELECT f.user_id, ${kind}, ${n.topic}, ${n.groupKey}, ${JSON.stringify(n.params)}::jsonb, ${n.link}, ${n.unitPath ?? null},
      ${n.ack?.source ?? null}, ${n.ack?.id ?? null},
      EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = f.user_id AND p.topic = ${n.topic} AND p.delivery = 'digest'),
      ${at}, ${at}
    FROM fresh f
    ON CONFLICT (user_id, group_key) WHERE read_at IS NULL
    DO UPDATE SET count = nt.count + 1, params = EXCLUDED.params, link = EXCLUDED.link, updated_at = ${at}, emailed_at = NULL
    RETURNING nt.id, nt.user_id),
    -- Those who chose "e-mail now" for the topic: one pending e-mail per line (mail_outbox_pending_notification), sent
    -- after commit by the inbox's worker, never inside this request.
    mail AS (
      INSERT INTO mail_outbox (user_id, kind, notification_id)
      SELECT n.user_id, 'now', n.id FROM n
      WHERE EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = n.user_id AND p.topic = ${n.topic} AND p.delivery = 'email')
      ON CONFLICT DO NOTHING)
    SELECT id FROM n`);
  return rows.length;
}

/**
 * The owner of an acknowledged record tells the inbox (inside its own write): the official messages about it are
 * acknowledged and read for these accounts.
 */
export async function acknowledgeBySource(tx: Executor, input: { source: string; id: string; userIds: readonly string[] }): Promise<void> {
  if (input.userIds.length === 0) return;
  await tx.execute(sql`
    UPDATE notifications SET acknowledged_at = coalesce(acknowledged_at, now()), read_at = coalesce(read_at, now())
    WHERE ack_source = ${input.source} AND ack_source_id = ${input.id} AND user_id = ANY(${sql.param([...input.userIds])}::uuid[])`);
}

/** Who was asked to acknowledge a record and has not (account ids): what the sender follows. */
export async function notAcknowledged(exec: Executor, input: { source: string; id: string }): Promise<{ asked: number; pending: string[] }> {
  const { rows } = await exec.execute<{ user_id: string; acked: boolean }>(sql`
    SELECT user_id, bool_or(acknowledged_at IS NOT NULL) AS acked FROM notifications
    WHERE ack_source = ${input.source} AND ack_source_id = ${input.id} GROUP BY user_id`);
  return { asked: rows.length, pending: rows.filter((r) => !r.acked).map((r) => r.user_id) };
}
