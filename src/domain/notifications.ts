// The topics of notifications and how each may reach a person. Shared by the server (what emitters send, what
// preferences accept) and the web (the inbox's sentences and the preferences page).
import { z } from 'zod';

/**
 * Official messages ask to be acknowledged and cannot be turned off (a meeting's invitation, a directive to study);
 * activity news is what a person may choose to receive or not.
 */
export const NotificationKind = z.enum(['official', 'activity']);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const notificationTopics = {
  'meeting.invitation': 'official',
  'document.study': 'official',
  'review.step_due': 'activity',
  'supervision.assigned': 'activity',
  'supervision.reply': 'activity',
  'import.finished': 'activity',
  'warning.follow_up': 'activity',
  'training.cancelled': 'activity',
  'training.seated': 'activity',
  /** A deadline near or today (platform/reminders.ts): review steps, cases, meetings, documents to study. */
  'deadline.reminder': 'activity',
} as const satisfies Record<string, NotificationKind>;

export type NotificationTopic = keyof typeof notificationTopics;
export const NotificationTopic = z.enum(Object.keys(notificationTopics) as [NotificationTopic, ...NotificationTopic[]]);

/** How a topic reaches a person: in the inbox only, also by e-mail at once, also in the daily e-mail digest, or not at all. */
export const Delivery = z.enum(['inbox', 'email', 'digest', 'off']);
export type Delivery = z.infer<typeof Delivery>;

export const kindOf = (topic: NotificationTopic): NotificationKind => notificationTopics[topic];
