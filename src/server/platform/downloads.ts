// Files the API hands out: one Content-Disposition builder for every download, so every module names its
// files the same way (RFC 6266 with an RFC 5987 filename* for the real, Vietnamese name).
import type { FastifyReply } from 'fastify';
import { foldDiacritics } from '../../domain/vietnamese.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME = 'application/pdf';

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''the real name`. The fallback is the name without
 * diacritics, every other character a dash (no quote, backslash or line break can reach the header); the real
 * name is percent-encoded with the characters RFC 5987 leaves out of attr-char ('()*) encoded too.
 */
export function contentDisposition(fileName: string): string {
  const ascii = foldDiacritics(fileName).replace(/[^a-z0-9._-]+/gi, '-').replace(/-+/g, '-');
  const ext = /\.[a-z0-9]+$/i.exec(ascii)?.[0] ?? '';
  // A name with no Latin letter or digit before its extension falls back to "file" with that extension.
  const fallback = /[a-z0-9]/i.test(ascii.slice(0, ascii.length - ext.length)) ? ascii : `file${ext}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Marks the answer as a download of this name and type, never cached (it carries the branch's data). */
export function download(reply: FastifyReply, fileName: string, type: string): FastifyReply {
  return reply.type(type).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store');
}
