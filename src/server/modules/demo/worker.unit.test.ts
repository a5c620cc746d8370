// The demo worker (no database): the same COPY text, counts and logins as prepareDemo in this thread.
import { describe, expect, it } from 'vitest';
import { prepareDemo, type PreparedBatch } from './prepare.js';
import { startDemoWorker } from './worker.js';

const text = (b: PreparedBatch) => b.tables.map((t) => ({ ...t, text: typeof t.text === 'string' ? t.text : new TextDecoder().decode(t.text) }));

describe('startDemoWorker', () => {
  it('posts exactly what prepareDemo gives here', async () => {
    const options = { communeLimit: 3, cellsPerCommune: 5, batchRows: 50 };
    const fromWorker: PreparedBatch[] = [];
    for await (const b of startDemoWorker(options)) fromWorker.push(b);
    const here = [...prepareDemo({ ...options, passwordHash: 'x' })];
    expect(fromWorker.length).toBe(here.length);
    expect(fromWorker.length).toBeGreaterThan(2);
    for (let i = 0; i < here.length; i++) {
      // Only users.password_hash differs: the worker hashes DEMO_PASSWORD itself (argon2, random salt).
      const w = text(fromWorker[i]).map((t) => (t.table === 'users' ? { ...t, text: t.text.replace(/\$argon2id\$[^\t]*/g, 'x') } : t));
      expect(w).toEqual(text(here[i]));
      expect({ ...fromWorker[i], tables: [] }).toEqual({ ...here[i], tables: [] });
    }
    expect(fromWorker.at(-1)!.logins?.map((l) => l.username)).toContain('admin');
  });

  it('stops when asked', async () => {
    const worker = startDemoWorker({});
    await worker.stop();
  });
});
