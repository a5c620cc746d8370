// Prepares the demo rows (prepare.ts) in a worker thread, so that `chibo start` on a fresh data directory generates
// them while PostgreSQL is initialised, started and migrated, and the seed's thread only streams them into COPY.
import { Worker } from 'node:worker_threads';
import { DEMO_PASSWORD } from './logins.js';
import type { DemoOptions } from './generator.js';
import type { PreparedBatch } from './prepare.js';

export interface DemoWorker extends AsyncIterable<PreparedBatch> {
  /** Stops the worker (when the seed does not run after all). */
  stop: () => Promise<void>;
}

/**
 * Starts the worker at once; its batches queue up until the seed reads them (the demo province is ~45 MiB of COPY
 * text). Pass the result as seedDemo's `source`, with the same options. Read it once.
 */
export function startDemoWorker(options: Omit<DemoOptions, 'passwordHash'> & { batchRows?: number } = {}): DemoWorker {
  const worker = new Worker(new URL('./worker-thread.mjs', import.meta.url), { workerData: { options, password: DEMO_PASSWORD } });
  worker.unref(); // never what keeps the process alive
  const queue: PreparedBatch[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: { batch?: PreparedBatch; done?: true }) => {
    if (m.batch) queue.push(m.batch);
    if (m.done) done = true;
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', (code) => {
    if (!done && failure === undefined) failure = new Error(`The demo worker exited (code ${code}) before it was done`);
    notify();
  });
  const stop = async () => {
    await worker.terminate();
  };
  return {
    stop,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (queue.length > 0) yield queue.shift()!;
          else if (done) return;
          else if (failure !== undefined) throw failure;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        await stop();
      }
    },
  };
}
