// chibo's server as `chibo start` runs it (main.ts): config from the environment, the runtime (migrations applied),
// buildApp, listen — without the web build and the demo seed that `start` may do first. The export and load
// benchmarks measure this process's memory: it must not have loaded vite because someone edited src/web.
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { openRuntime, stopOnSignal } from '../src/server/platform/runtime.js';

// BENCH_CPU_PROF=<file>: a V8 CPU profile of this server, written when it is stopped (--cpu-prof cannot be passed
// through NODE_OPTIONS to the child the benches start). Open it in Chrome DevTools or speedscope.
const profile = process.env.BENCH_CPU_PROF ? await startProfile(process.env.BENCH_CPU_PROF) : async () => {};

async function startProfile(file: string) {
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
  };
}

const config = loadConfig();
const rt = await openRuntime(config);
const app = await buildApp({ config, database: rt.database });
stopOnSignal(app, rt, profile);
await app.listen({ host: config.host, port: config.port });
