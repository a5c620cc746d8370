import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { receiveUpload, removeUpload, sweepUploads, uploadDir } from './uploads.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
const LIMIT = 64 * 1024;
const app = Fastify();
/** What the route saw: the stored file's bytes while it existed. */
let seen: { fileName: string; bytes: Buffer; fields: Record<string, string> } | undefined;

beforeAll(async () => {
  await app.register(multipart, { limits: { fileSize: LIMIT, files: 1, fields: 10 } });
  app.setErrorHandler((err, _req, reply) => reply.status(err instanceof AppError ? err.status : 500).send({ code: err instanceof AppError ? err.code : 'internal' }));
  app.post('/upload', async (request) => {
    const fields: Record<string, string> = {};
    const file = await receiveUpload(request, {
      dataDir,
      fileField: 'file',
      accept: ({ fileName }) => fileName.endsWith('.xlsx'),
      refusal: 'xlsx only',
      onField: (name, value) => {
        if (value === 'refuse') throw new AppError('forbidden', 'no');
        fields[name] = value;
      },
    });
    if (file) seen = { fileName: file.fileName, bytes: fs.readFileSync(file.filePath), fields };
    await removeUpload(file);
    return { stored: Boolean(file) };
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function form(parts: ({ name: string; value: string } | { name: string; filename: string; content: Buffer })[]) {
  const boundary = '----chibo-test';
  const chunks = parts.map((p) =>
    'filename' in p
      ? Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), p.content, Buffer.from('\r\n')])
      : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const post = (parts: Parameters<typeof form>[0]) => app.inject({ method: 'POST', url: '/upload', ...form(parts) });
const leftovers = () => (fs.existsSync(uploadDir(dataDir)) ? fs.readdirSync(uploadDir(dataDir)) : []);

describe('streamed uploads', () => {
  it('stores the file under the data folder with its fields, and the caller removes it', async () => {
    const content = Buffer.alloc(LIMIT - 1, 7);
    const res = await post([{ name: 'unitId', value: 'u1' }, { name: 'file', filename: '../../Danh sách.xlsx', content }]);
    expect(res.json()).toEqual({ stored: true });
    expect(seen).toEqual({ fileName: 'Danh sách.xlsx', bytes: content, fields: { unitId: 'u1' } });
    expect(leftovers()).toEqual([]);
  });

  it('removes the part already written when the file passes the limit', async () => {
    const res = await post([{ name: 'file', filename: 'big.xlsx', content: Buffer.alloc(LIMIT * 3, 1) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('too_large');
    expect(fs.existsSync(uploadDir(dataDir))).toBe(true); // it was written there, then removed
    expect(leftovers()).toEqual([]);
  });

  it('removes the stored file when a later field is refused', async () => {
    const res = await post([{ name: 'file', filename: 'ok.xlsx', content: Buffer.from('PK') }, { name: 'note', value: 'refuse' }]);
    expect(res.statusCode).toBe(403);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file of another kind before storing it, and a request that is not multipart', async () => {
    expect((await post([{ name: 'file', filename: 'x.exe', content: Buffer.from('MZ') }])).json().code).toBe('unsupported_media_type');
    expect((await app.inject({ method: 'POST', url: '/upload', payload: { a: 1 } })).json().code).toBe('unsupported_media_type');
    expect(leftovers()).toEqual([]);
  });

  it('sweeps what an interrupted upload left behind when the server starts', async () => {
    fs.mkdirSync(uploadDir(dataDir), { recursive: true });
    fs.writeFileSync(path.join(uploadDir(dataDir), 'left-by-a-crash.xlsx'), 'x');
    await sweepUploads(dataDir);
    expect(leftovers()).toEqual([]);
    expect(fs.existsSync(uploadDir(dataDir))).toBe(true);
  });
});
