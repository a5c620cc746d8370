// A pass a running chibo repeats (escalations, deadline reminders): first just after the server is ready, so a
// restart catches up at once (outside the start itself, which never waits for it), then every `everyMs`. The
// timers never keep the process alive and stop with the app. Each pass is safe to repeat.
import type { FastifyInstance } from 'fastify';

export const FIRST_PASS_AFTER_MS = 500;

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
