// The daily pass of deadline reminders in a running chibo: at start and every few hours (a reminder is
// delivered once per item and threshold, so running again adds nothing; running often means a new day is not missed).
import type { FastifyInstance } from 'fastify';
import { todayIso } from '../../../domain/dates.js';
import type { Db } from '../../platform/db/index.js';
import { sweepReminders } from '../../platform/reminders.js';
import type { RouteDeps } from '../../platform/module.js';
import { repeatWhileRunning } from '../../platform/periodic.js';

export const REMINDERS_EVERY_MS = 3 * 60 * 60_000;

export function startReminderSweep(app: FastifyInstance, db: Db, sweeps: RouteDeps['reminderSweeps'], everyMs = REMINDERS_EVERY_MS) {
  const run = () =>
    sweepReminders(db, sweeps, todayIso()).then(
      (sent) => {
        const total = Object.values(sent).reduce((a, b) => a + b, 0);
        if (total) app.log.info({ reminders: sent }, 'reminders: deadlines notified');
      },
      // A failed query's parameters may hold names: log only that it failed.
      () => app.log.error('reminders: sweep failed'),
    );
  repeatWhileRunning(app, run, everyMs);
}
