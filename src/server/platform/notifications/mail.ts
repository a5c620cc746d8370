// E-mail of notifications: the outbox that notify() fills (mail_outbox), drained after commit by a worker, and the
// daily digest that gathers each person's digest items into one e-mail. A request never waits on SMTP: it only
// writes a row. The address is read from the account when the e-mail goes out (the caller's `targets`, built from
// users' offered read), so it is never stored here, and a failure is logged by outbox id and reason code only.
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/index.js';
import { renderDigest, renderNow, type MailItem, type MailLocale } from './mail-text.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail; throws when the server refuses or cannot be reached. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP (nodemailer) for `smtp://user:pass@host:port` or `smtps://…`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}

export type MailTargets = (exec: Executor, userIds: readonly string[]) => Promise<Map<string, { email: string; locale: MailLocale }>>;

/** Tries after a failure: 1, 2, 4, 8, 16 minutes, then the e-mail is given up as failed. */
export const MAX_ATTEMPTS = 6;
/** E-mail older than this is not sent any more (news of last week is no news; SMTP configured late floods nobody). */
export const EXPIRE_DAYS = 3;

type OutboxRow = {
  id: string;
  user_id: string;
  kind: 'now' | 'digest';
  subject: string | null;
  body: string | null;
  attempts: number;
  expired: boolean;
  n_topic: string | null;
  n_kind: 'official' | 'activity' | null;
  n_params: Record<string, unknown> | null;
  n_count: number | null;
  n_link: string | null;
  n_read: boolean | null;
};

export interface DrainResult {
  sent: number;
  failed: number;
  retry: number;
  skipped: number;
  /** Why each one did not go, by outbox id (codes only). */
  errors: { id: string; code: string }[];
}

const errorCode = (err: unknown): string => {
  const e = err as { code?: unknown; responseCode?: unknown };
  if (typeof e?.responseCode === 'number') return `smtp_${e.responseCode}`;
  if (typeof e?.code === 'string' && /^[A-Z_]{2,40}$/.test(e.code)) return e.code;
  return 'send_failed';
};

/**
 * Sends the pending e-mail that is due (at most `batch`), each row locked while it is tried so two workers never
 * send one twice. "E-mail now" is rendered from its notification line as it is now (its count included); a line
 * read in the inbox meanwhile, an account without an address, and news older than EXPIRE_DAYS are skipped.
 */
export async function drainOutbox(db: Db, o: { mailer: Mailer; targets: MailTargets; baseUrl: string; batch?: number }): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, retry: 0, skipped: 0, errors: [] };
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<OutboxRow>(sql`
      SELECT o.id, o.user_id, o.kind, o.subject, o.body, o.attempts,
             o.created_at < now() - make_interval(days => ${EXPIRE_DAYS}::int) AS expired,
             n.topic AS n_topic, n.kind AS n_kind, n.params AS n_params, n.count AS n_count, n.link AS n_link, n.read_at IS NOT NULL AS n_read
      FROM mail_outbox o LEFT JOIN notifications n ON n.id = o.notification_id
      WHERE o.status = 'pending' AND o.next_attempt_at <= now()
      ORDER BY o.next_attempt_at, o.id
      LIMIT ${o.batch ?? 50}
      FOR UPDATE OF o SKIP LOCKED`);
    if (rows.length === 0) return;
    const targets = await o.targets(tx, [...new Set(rows.map((r) => r.user_id))]);
    for (const r of rows) {
      const target = targets.get(r.user_id);
      const skip = r.expired ? 'expired' : !target ? 'no_address' : r.kind === 'now' && (r.n_topic === null || r.n_read) ? 'read_in_inbox' : null;
      if (skip) {
        await tx.execute(sql`UPDATE mail_outbox SET status = 'skipped', last_error = ${skip} WHERE id = ${r.id}`);
        result.skipped++;
        continue;
      }
      const mail =
        r.kind === 'digest'
          ? { subject: r.subject ?? '', text: r.body ?? '' }
          : renderNow(target!.locale, { topic: r.n_topic!, kind: r.n_kind!, params: r.n_params ?? {}, count: r.n_count ?? 1, link: r.n_link ?? '/' }, o.baseUrl);
      try {
        await o.mailer.send({ to: target!.email, ...mail });
        await tx.execute(sql`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${r.id}`);
        if (r.kind === 'now') await tx.execute(sql`
          UPDATE notifications SET emailed_at = now() FROM mail_outbox o WHERE o.id = ${r.id} AND notifications.id = o.notification_id`);
        result.sent++;
      } catch (err) {
        const code = errorCode(err);
        const attempts = r.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await tx.execute(sql`
          UPDATE mail_outbox SET attempts = ${attempts}, last_error = ${code},
            status = ${giveUp ? 'failed' : 'pending'},
            next_attempt_at = now() + make_interval(mins => ${2 ** (attempts - 1)}::int)
          WHERE id = ${r.id}`);
        result.errors.push({ id: r.id, code });
        if (giveUp) result.failed++;
        else result.retry++;
      }
    }
  });
  return result;
}

/**
 * The daily digest: for each account, its notifications chosen for the digest and not yet e-mailed, grouped by topic
 * into one e-mail in the account's language, put into the outbox; the items are marked e-mailed in the same commit.
 * One pass at a time (an advisory lock): two at once never gather one item twice. An account without an address has
 * its items marked too (nothing is kept back to flood it when an address is added). Returns the e-mails queued.
 */
export async function gatherDigests(db: Db, o: { targets: MailTargets; baseUrl: string }): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('chibo.mail.digest'))`);
    const { rows } = await tx.execute<{ id: string; user_id: string; topic: string; kind: 'official' | 'activity'; params: Record<string, unknown>; count: number; link: string }>(sql`
      SELECT id, user_id, topic, kind, params, count, link FROM notifications
      WHERE email_digest AND emailed_at IS NULL
      ORDER BY user_id, updated_at, id
      FOR UPDATE`);
    if (rows.length === 0) return 0;
    const byUser = new Map<string, MailItem[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    const targets = await o.targets(tx, [...byUser.keys()]);
    let queued = 0;
    for (const [userId, items] of byUser) {
      const target = targets.get(userId);
      if (!target) continue;
      const mail = renderDigest(target.locale, items, o.baseUrl);
      await tx.execute(sql`INSERT INTO mail_outbox (user_id, kind, subject, body) VALUES (${userId}, 'digest', ${mail.subject}, ${mail.text})`);
      queued++;
    }
    await tx.execute(sql`UPDATE notifications SET emailed_at = now() WHERE id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[])`);
    return queued;
  });
}
