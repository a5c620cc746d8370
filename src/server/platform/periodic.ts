// A pass a running chibo repeats (escalations, deadline reminders): first when the server is ready, so a restart
// catches up at once (the start never waits for it), then every `everyMs`. The timers never keep the process alive
// and stop with the app. Each pass is safe to repeat.
import type { FastifyInstance } from 'fastify';

export const FIRST_PASS_AFTER_MS = 0;

export function repeatWhileRunning(app: FastifyInstance, pass: () => Promise<unknown>, everyMs: number, firstAfterMs = FIRST_PASS_AFTER_MS) {
  let first: NodeJS.Timeout | null = null;
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    // At once by default: a pass started later would run into the first requests (and into a test counting them).
    if (firstAfterMs === 0) void pass();
    else {
      first = setTimeout(() => void pass(), firstAfterMs);
      first.unref();
    }
    timer = setInterval(() => void pass(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (first) clearTimeout(first);
    if (timer) clearInterval(timer);
  });
}
