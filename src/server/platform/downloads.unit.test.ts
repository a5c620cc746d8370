import { describe, expect, it } from 'vitest';
import { contentDisposition } from './downloads.js';

/** The two parameters of a header built by contentDisposition. */
function parts(header: string) {
  const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S*)$/.exec(header);
  if (!m) throw new Error(`not a two-parameter attachment header: ${header}`);
  return { fallback: m[1], encoded: m[2] };
}

describe('the download file name (RFC 6266 / 5987)', () => {
  it('gives the Vietnamese name in filename* and an ASCII fallback without diacritics', () => {
    expect(contentDisposition('Số liệu — Đảng ủy xã Minh Quang.xlsx')).toBe(
      `attachment; filename="so-lieu-dang-uy-xa-minh-quang.xlsx"; filename*=UTF-8''S%E1%BB%91%20li%E1%BB%87u%20%E2%80%94%20%C4%90%E1%BA%A3ng%20%E1%BB%A7y%20x%C3%A3%20Minh%20Quang.xlsx`,
    );
  });

  it('round-trips the real name, decomposed letters included', () => {
    for (const name of ['Mẫu 2A - Nguyễn Thị Ánh - 2025.pdf', 'Lỗi nhập danh sách.xlsx', 'Danh sa\u0301ch.xlsx']) {
      expect(decodeURIComponent(parts(contentDisposition(name)).encoded)).toBe(name);
    }
  });

  it('keeps quotes, backslashes and line breaks out of the header', () => {
    const header = contentDisposition('Chi bộ "Số 1"\\\r\nSet-Cookie: x=1 (bản\tsao)*\'.xlsx');
    expect(header).not.toMatch(/[\r\n\t\\]/);
    const { fallback, encoded } = parts(header);
    expect(fallback).toMatch(/^[a-z0-9._-]+$/i);
    // RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ ; everything else percent-encoded.
    expect(encoded).toMatch(/^(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+$/);
    expect(decodeURIComponent(encoded)).toBe('Chi bộ "Số 1"\\\r\nSet-Cookie: x=1 (bản\tsao)*\'.xlsx');
  });

  it('falls back to a plain name when nothing of the name is ASCII', () => {
    expect(parts(contentDisposition('文書.pdf')).fallback).toBe('file.pdf');
    expect(parts(contentDisposition('—')).fallback).toBe('file');
  });
});
