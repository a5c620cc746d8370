// Deadline reminders (issue 14): a daily sweep asks each module (its descriptor's `reminders`) for what falls due
// soon, and the module notifies the people who must act, through remindOf() here. Each item is told once per
// threshold — 3 days before, then on the day — because the sourceId names the item, its due date and the
// threshold, and notify() delivers each (account, topic, source) once: the sweep may run as often as it likes.
import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/supervision.js';
import type { Db, Executor } from './db/index.js';

/** Days before the due date at which a reminder goes out; 0 is the day itself. */
export const REMIND_DAYS_BEFORE = [3, 0] as const;

/** The window a module looks in: due dates from today to the first threshold. */
export const reminderWindow = (today: string) => ({ from: today, to: addDays(today, REMIND_DAYS_BEFORE[0]) });

/**
 * The threshold a due date has reached today: 3 while it is 1–3 days away (a sweep missed on the third day still
 * reminds on the second), 0 on the day, null outside the window.
 */
export function thresholdOf(due: string, today: string): number | null {
  if (due === today) return 0;
  if (due > today && due <= addDays(today, REMIND_DAYS_BEFORE[0])) return REMIND_DAYS_BEFORE[0];
  return null;
}

/**
 * What a module passes to notify() for one reminder: the topic, a source naming the item, its due date and the
 * threshold, the group (one line per item in the inbox), and `what` (the sentence in the inbox's catalog).
 */
export function remindOf(r: { key: string; what: string; due: string; today: string; params?: Record<string, string | number | null>; link: string; unitPath?: string | null }) {
  const threshold = thresholdOf(r.due, r.today);
  if (threshold === null) return null;
  return {
    topic: 'deadline.reminder' as const,
    sourceId: `reminder:${r.key}@${r.due}:${threshold}`,
    groupKey: `deadline.reminder:${r.key}`,
    params: { what: r.what, due: r.due, daysLeft: threshold, ...r.params },
    link: r.link,
    unitPath: r.unitPath ?? null,
  };
}

/** A module's sweep: notifies what falls due in the window; returns how many reminders it sent. */
export type ReminderSweep = (tx: Executor, today: string) => Promise<number>;

/**
 * One pass over every module's reminders, each module in its own transaction under one advisory lock (two passes at
 * once run one after the other; the second finds everything delivered).
 */
export async function sweepReminders(db: Db, sweeps: readonly { module: string; sweep: ReminderSweep }[], today: string) {
  const sent: Record<string, number> = {};
  for (const s of sweeps)
    sent[s.module] = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`chibo.reminders.${s.module}`}))`);
      return s.sweep(tx, today);
    });
  return sent;
}
