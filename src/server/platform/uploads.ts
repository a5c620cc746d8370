// Files sent to the API (multipart/form-data): streamed to a file in the data directory's upload folder, never
// held whole in memory, within the size limit the app registers multipart with. A file is removed when its
// upload fails; whatever a crash left behind is swept when the server starts.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.js';
import { unstorableText } from './http.js';

/** Where uploads wait until their module is done with them: out of the way of the database's own files. */
export const uploadDir = (dataDir: string) => path.join(dataDir, 'tmp', 'uploads');

/** Empties the upload folder: run once at start, before any request, so no upload of this process is in flight. */
export async function sweepUploads(dataDir: string): Promise<void> {
  const dir = uploadDir(dataDir);
  await fs.promises.rm(dir, { recursive: true, force: true });
  await fs.promises.mkdir(dir, { recursive: true });
}

export interface UploadedFile {
  /** The stored copy; the caller removes it when done (removeUpload). */
  filePath: string;
  /** The name the sender gave, without any folder. */
  fileName: string;
}

export interface UploadOptions {
  dataDir: string;
  /** The form field of the file; other file parts are skipped unread. */
  fileField: string;
  /** Whether the file may be stored, from its name and declared type (the module reads the bytes later). */
  accept: (file: { fileName: string; mimetype: string }) => boolean;
  /** The 415 message when it may not. */
  refusal: string;
  /** Each text field as it arrives, before any later file is stored: throw to refuse the upload. */
  onField?: (name: string, value: string) => void | Promise<void>;
  /** Just before the file is stored: throw to refuse (a field that must come first, say). */
  beforeFile?: () => void | Promise<void>;
}

const tooLarge = () => new AppError('too_large', 'The file is larger than the upload limit');

export const removeUpload = (file: UploadedFile | undefined): Promise<void> =>
  file ? fs.promises.rm(file.filePath, { force: true }).catch(() => {}) : Promise.resolve();

/**
 * Reads a multipart request: its fields through `onField`, its file streamed to the upload folder. Returns the
 * stored file, or undefined when none was sent; on any failure the stored part is removed and the error thrown
 * (413 past the size limit, 415 for a file `accept` refuses or a request that is not multipart).
 */
export async function receiveUpload(request: FastifyRequest, opts: UploadOptions): Promise<UploadedFile | undefined> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  let stored: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const bad = unstorableText(String(part.value), [part.fieldname]);
        if (bad.length) throw invalid(bad);
        await opts.onField?.(part.fieldname, String(part.value));
        continue;
      }
      if (part.fieldname !== opts.fileField || stored) {
        part.file.resume();
        continue;
      }
      const fileName = path.basename(part.filename || 'upload');
      if (!opts.accept({ fileName, mimetype: part.mimetype ?? '' })) {
        part.file.resume();
        throw new AppError('unsupported_media_type', opts.refusal);
      }
      try {
        await opts.beforeFile?.();
      } catch (err) {
        part.file.resume();
        throw err;
      }
      const dir = uploadDir(opts.dataDir);
      await fs.promises.mkdir(dir, { recursive: true });
      const ext = path.extname(fileName).toLowerCase();
      stored = { filePath: path.join(dir, `${randomUUID()}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''}`), fileName };
      await pipeline(part.file, fs.createWriteStream(stored.filePath));
      if (part.file.truncated) throw tooLarge();
    }
  } catch (err) {
    await removeUpload(stored);
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  return stored;
}

// The document types chibo stores (directives, meeting materials, consultation papers): known by their bytes,
// never by the name or the type the sender claims.
const DOCUMENT_MIMES = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type DocumentMime = keyof typeof DOCUMENT_MIMES;

/** The file's type from its bytes: a PDF starts with %PDF-, a DOCX is a ZIP holding word/document.xml. */
export function sniffDocument(buf: Buffer): DocumentMime | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && buf.includes(Buffer.from('word/document.xml'))) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}
