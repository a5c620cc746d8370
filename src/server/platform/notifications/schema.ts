// Notifications: what reached each account (the inbox), what each source already sent (so a notification appears
// exactly once), and each account's choice per topic. Recipients are accounts (users), never a reporter without
// one: an anonymous reporter follows their case with the receipt code and is never written to.
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['official', 'activity'] }).notNull(),
    topic: text('topic').notNull(),
    /** Notifications of one group fold into one line while unread: "3 new replies to case 12/2026", never three lines. */
    groupKey: text('group_key').notNull(),
    /** Words of the sentence (unit, document number, case number…), never a person's identifying data. */
    params: jsonb('params').notNull().default({}),
    link: text('link').notNull(),
    unitPath: text('unit_path'),
    count: integer('count').notNull().default(1),
    /** The thing an official message asks to acknowledge (e.g. `meetings.invitation`:meeting id): its owner is told. */
    ackSource: text('ack_source'),
    ackSourceId: text('ack_source_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    /** Set when it went out by e-mail (at once or in a digest): never twice. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    emailDigest: boolean('email_digest').notNull().default(false),
  },
  (t) => [
    uniqueIndex('notifications_open_group_key').on(t.userId, t.groupKey).where(sql`read_at IS NULL`),
    index('notifications_user_idx').on(t.userId, t.updatedAt),
    index('notifications_ack_idx').on(t.ackSource, t.ackSourceId),
  ],
);

/** One row per account, topic and source event: a second notify of the same event is nothing. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    userId: uuid('user_id').notNull(),
    topic: text('topic').notNull(),
    sourceId: text('source_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic, t.sourceId] })],
);

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull(),
    topic: text('topic').notNull(),
    delivery: text('delivery', { enum: ['inbox', 'email', 'digest', 'off'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
);

/**
 * E-mail waiting to go out (platform/notifications/mail.ts; the inbox module's worker sends it): a request never waits
 * on SMTP. `now` is one notification sent as it arrives (rendered when sent, so a line that folded more news meanwhile
 * goes out once, with its count); `digest` is the day's grouped e-mail, rendered when it was gathered. The address is
 * read from the account when sent and never stored here or logged.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['now', 'digest'] }).notNull(),
    notificationId: uuid('notification_id'),
    subject: text('subject'),
    body: text('body'),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the last try failed, as a code (never the address, the name or the server's full answer). */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // One pending e-mail per notification line: news folding into it while it waits adds no second e-mail.
    uniqueIndex('mail_outbox_pending_notification').on(t.notificationId).where(sql`status = 'pending' AND kind = 'now'`),
  ],
);
