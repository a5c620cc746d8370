// A command run against the data directory of a running server (chibo import, audit verify) connects to the
// PostgreSQL server already running there; a second `chibo start` is refused with what to do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, StartupError, type EmbeddedServer } from './embedded.js';

const base = path.join(os.tmpdir(), 'chibo-test');
fs.mkdirSync(base, { recursive: true, mode: 0o755 });
const dataDir = fs.mkdtempSync(path.join(base, 'attach-'));
fs.chmodSync(dataDir, 0o755);
let first: EmbeddedServer | undefined;
afterAll(async () => {
  await first?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a data directory whose server is running', () => {
  it('is attached to by a second command, and refused to a second server with a sentence saying what to do', async () => {
    first = await startEmbeddedPostgres(dataDir, undefined, { initdb: ['--no-sync'], postgres: ['-c', 'fsync=off'] });
    const second = await startEmbeddedPostgres(dataDir, undefined, {}, { attach: true });
    const client = new pg.Client({ connectionString: second.url('postgres') });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await client.end();
    await second.stop(); // stops nothing: the server belongs to the first

    const refused = await startEmbeddedPostgres(dataDir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StartupError);
    expect(String((refused as Error).message)).toMatch(/already running/);
    expect(String((refused as Error).message)).not.toContain('undefined');

    const still = new pg.Client({ connectionString: first.url('postgres') });
    await still.connect();
    await still.end();
  });
});
