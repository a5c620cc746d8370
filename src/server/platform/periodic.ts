// A pass a running chibo repeats (escalations, deadline reminders): first shortly after the server is ready — not
// during start, where it would compete with the first requests and the demo's seed — then every `everyMs`. The
// timers never keep the process alive and stop with the app. Each pass is safe to repeat, so a restart only
// brings the next one forward.
import type { FastifyInstance } from 'fastify';

export const FIRST_PASS_AFTER_MS = 30_000;

export function repeatWhileRunning(app: FastifyInstance, pass: () => Promise<unknown>, everyMs: number, firstAfterMs = FIRST_PASS_AFTER_MS) {
  let first: NodeJS.Timeout | null = null;
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    first = setTimeout(() => void pass(), firstAfterMs);
    first.unref();
    timer = setInterval(() => void pass(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (first) clearTimeout(first);
    if (timer) clearInterval(timer);
  });
}
