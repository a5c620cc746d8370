// The portal's article page on a slow phone: bytes transferred for its HTML and CSS (compressed, as sent), whether it
// reads with scripts off, and the time to the load event on an emulated slow 4G link in Chromium (CDP
// Network.emulateNetworkConditions: 400 ms latency, 400 kbit/s down, 400 kbit/s up — the "Slow 4G" preset of
// Lighthouse's mobile run is 150 ms / 1.6 Mbit/s; this is slower) with a 4× CPU slowdown.
//
//   npx tsx bench/portal.ts                      # starts its own chibo with the demo (fresh data dir), ~30 s
//   BENCH_URL=http://127.0.0.1:3000 npx tsx bench/portal.ts    # against a running chibo with the demo
//
// Goals (issue 13): ≤ 50 KB transferred for HTML+CSS, readable with scripts off, load ≤ 2 s.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, repoRoot } from './common.js';

const PAGES = ['/tin/fa/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh', '/tin/vi/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh', '/tin/vi/', '/tin/vi/loat-bai/nang-cao-vai-tro-bi-thu-chi-bo-thon-ban'];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SLOW = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

async function startChibo(): Promise<{ url: string; stop: () => void }> {
  const base = path.join(os.tmpdir(), 'chibo-bench-portal');
  fs.mkdirSync(base, { recursive: true });
  fs.chmodSync(base, 0o755);
  const dataDir = fs.mkdtempSync(path.join(base, 'data-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, CHIBO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ['bin/chibo.mjs', 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 300_000;
  while (!/chibo is running at/.test(output)) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`chibo did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {}
      setTimeout(() => fs.rmSync(dataDir, { recursive: true, force: true }), 3000).unref();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const own = process.env.BENCH_URL ? null : await startChibo();
  const url = process.env.BENCH_URL ?? own!.url;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const rows: string[] = [];
  try {
    for (const p of PAGES) {
      const loads: number[] = [];
      let bytes = 0;
      let requests = 0;
      let readable = false;
      for (let run = 0; run < RUNS; run++) {
        // A fresh context each run: nothing cached. Scripts off, as on the phones the goal speaks of.
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, javaScriptEnabled: false, locale: 'vi-VN' });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        let transferred = 0;
        let count = 0;
        cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
          transferred += e.encodedDataLength;
          count += 1;
        });
        const started = Date.now();
        await page.goto(url + p, { waitUntil: 'load' });
        loads.push(Date.now() - started);
        bytes = transferred;
        requests = count;
        readable = ((await page.locator('main').innerText()).length > 200);
        await context.close();
      }
      const line = `${p}: ${(bytes / 1024).toFixed(1)} KB in ${requests} request(s), readable without scripts: ${readable ? 'yes' : 'NO'}, load median ${median(loads)} ms (min ${Math.min(...loads)}, max ${Math.max(...loads)}, ${RUNS} runs)`;
      console.log(line);
      rows.push(`| \`${p}\` | ${(bytes / 1024).toFixed(1)} | ${requests} | ${readable ? 'yes' : 'no'} | ${median(loads)} | ${Math.min(...loads)}–${Math.max(...loads)} |`);
    }
  } finally {
    await browser.close();
    own?.stop();
  }
  console.log('\n| page | KB transferred (HTML+CSS) | requests | readable, scripts off | load median ms | range ms |\n|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
}

await main();
