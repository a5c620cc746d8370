// Once per browser-test run: a real chibo (`bin/chibo.mjs start`) on a fresh embedded PostgreSQL with the demo
// province, the way a new user starts it, and Debian's Chromium to drive it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  // For writing tests: CHIBO_E2E_BASE_URL points the run at a chibo you already started (its banner can be
  // given in the file CHIBO_E2E_START_OUTPUT). The tests leave only uniquely named records behind.
  if (process.env.CHIBO_E2E_BASE_URL) {
    const file = process.env.CHIBO_E2E_START_OUTPUT;
    project.provide('baseUrl', process.env.CHIBO_E2E_BASE_URL.replace(/\/$/, ''));
    project.provide('startOutput', file ? fs.readFileSync(file, 'utf8') : '');
    return;
  }
  const base = path.join(os.tmpdir(), 'chibo-e2e');
  fs.mkdirSync(base, { recursive: true });
  fs.chmodSync(base, 0o755);
  dataDir = fs.mkdtempSync(path.join(base, 'data-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  // Every browser test of the run reports from the same address: the public channel's flood limit (5 an hour) is
  // raised for the run (it has its own tests in the integration suite).
  const env: NodeJS.ProcessEnv = { ...process.env, CHIBO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CHIBO_PUBLIC_REPORTS_PER_HOUR: '200', CHIBO_SIGN_INS_PER_MINUTE: '200' };
  delete env.DATABASE_URL;
  server = spawn(process.execPath, ['bin/chibo.mjs', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 170_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`chibo start exited early:\n${output}`);
    if (/chibo is running at/.test(output)) break;
    if (Date.now() > deadline) throw new Error(`chibo did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The demo sign-ins are printed right after the "running" line, possibly in a later chunk: wait until the
  // output has been quiet for a moment (at most 5 s) so `startOutput` holds the whole banner.
  for (let last = output.length, quietSince = Date.now(), until = Date.now() + 5_000; Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 100));
    if (output.length !== last) {
      last = output.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= 500) break;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('startOutput', output);
  // The server registers the web app's files when it starts: a rebuild of dist/web during the run (someone
  // else's `chibo start` or `vite build` in the same tree) leaves it serving a blank page. Say so at the end.
  const webIndex = path.resolve('dist/web/index.html');
  const builtAt = fs.existsSync(webIndex) ? fs.statSync(webIndex).mtimeMs : 0;
  return async () => {
    const nowBuiltAt = fs.existsSync(webIndex) ? fs.statSync(webIndex).mtimeMs : 0;
    if (nowBuiltAt !== builtAt) {
      console.warn(
        `\nWARNING: dist/web was rebuilt during the browser tests (at ${new Date(nowBuiltAt).toISOString()}); the running chibo then serves ` +
          'a blank page, so browser failures after that moment come from the rebuild, not from the tests.',
      );
    }
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => setTimeout(r, 1500));
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    startOutput: string;
  }
}
