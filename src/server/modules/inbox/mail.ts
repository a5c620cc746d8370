// The e-mail worker of a running chibo (only when CHIBO_SMTP_URL is set): drains the outbox every little while, and
// gathers the daily digest at CHIBO_DIGEST_AT (server time). The outbox and the digest are platform/notifications/
// mail.ts; this module gives them the addresses, read from users' offered read when an e-mail goes out.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { nextRunAt } from '../../platform/backup/schedule.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/index.js';
import { drainOutbox, gatherDigests, smtpMailer, type Mailer } from '../../platform/notifications/mail.js';
import { mailTargets } from '../users/queries.js';

export const DRAIN_EVERY_MS = 20_000;

export const drainMail = (db: Db, mailer: Mailer, baseUrl: string) => drainOutbox(db, { mailer, targets: mailTargets, baseUrl });
export const gatherDailyDigests = (db: Db, baseUrl: string) => gatherDigests(db, { targets: mailTargets, baseUrl });

/** One drain of the outbox, logged: outbox ids and reason codes only, never an address, a name or the server's answer. */
export async function mailPass(log: FastifyBaseLogger, db: Db, mailer: Mailer, baseUrl: string) {
  try {
    const r = await drainMail(db, mailer, baseUrl);
    if (r.sent || r.retry || r.failed) log.info({ sent: r.sent, retry: r.retry, failed: r.failed, skipped: r.skipped }, 'mail: outbox drained');
    for (const e of r.errors) log.warn({ outbox: e.id, reason: e.code }, 'mail: an e-mail could not be sent');
    return r;
  } catch {
    log.error('mail: outbox drain failed');
    return null;
  }
}

export function startMailWorker(app: FastifyInstance, db: Db, mail: Config['mail']) {
  if (!mail.smtpUrl) return;
  const mailer = smtpMailer(mail.smtpUrl, mail.from);
  let drainTimer: NodeJS.Timeout | null = null;
  let digestTimer: NodeJS.Timeout | null = null;
  let running = false;
  const drain = async () => {
    if (running) return;
    running = true;
    try {
      await mailPass(app.log, db, mailer, mail.baseUrl);
    } finally {
      running = false;
    }
  };
  const armDigest = () => {
    if (!mail.digestAt) return;
    digestTimer = setTimeout(async () => {
      try {
        const n = await gatherDailyDigests(db, mail.baseUrl);
        if (n) app.log.info({ digests: n }, 'mail: daily digests queued');
        await drain();
      } catch {
        app.log.error('mail: daily digest failed');
      }
      armDigest();
    }, nextRunAt(new Date(), mail.digestAt).getTime() - Date.now());
    digestTimer.unref();
  };
  app.addHook('onReady', async () => {
    drainTimer = setInterval(() => void drain(), DRAIN_EVERY_MS);
    drainTimer.unref();
    armDigest();
  });
  app.addHook('onClose', async () => {
    if (drainTimer) clearInterval(drainTimer);
    if (digestTimer) clearTimeout(digestTimer);
    mailer.close();
  });
}
