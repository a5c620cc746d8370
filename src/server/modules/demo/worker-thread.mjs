// The demo worker's thread (started by worker.ts): registers tsx like bin/chibo.mjs, then prepares the demo rows as
// COPY text (prepare.ts) and posts them batch by batch, the text's bytes transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { prepareDemo } = await import('./prepare.ts');
const { hashPassword } = await import('../users/passwords.ts');
const passwordHash = await hashPassword(workerData.password);
const encoder = new TextEncoder();
for (const batch of prepareDemo({ ...workerData.options, passwordHash })) {
  const transfer = [];
  for (const table of batch.tables) {
    table.text = encoder.encode(table.text);
    transfer.push(table.text.buffer);
  }
  parentPort.postMessage({ batch }, transfer);
}
parentPort.postMessage({ done: true });
