// chibo's server as `chibo start` runs it (main.ts): config from the environment, the runtime (migrations applied),
// buildApp, listen — without the web build and the demo seed that `start` may do first. The export and load
// benchmarks measure this process's memory: it must not have loaded vite because someone edited src/web.
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { openRuntime } from '../src/server/platform/runtime.js';

const config = loadConfig();
const rt = await openRuntime(config);
const app = await buildApp({ config, database: rt.database });
const shutdown = async () => {
  await app.close();
  await rt.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await app.listen({ host: config.host, port: config.port });
