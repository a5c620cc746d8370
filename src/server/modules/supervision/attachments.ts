// Files sent with a report: the type is read from the bytes, never from the name, and metadata that could
// identify the reporter (EXIF with GPS, camera serial and time; PNG text chunks; PDF author fields) is removed
// before anything is stored.
export type AttachmentMime = 'image/jpeg' | 'image/png' | 'application/pdf';

export function sniff(buf: Buffer): AttachmentMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * JPEG: keeps the image segments and drops every APPn segment except a plain JFIF APP0 and the Adobe APP14
 * (needed to decode CMYK colours), and every comment. Returns null when the file is not a well-formed JPEG.
 */
export function stripJpeg(buf: Buffer): Buffer | null {
  const out: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      out.push(buf.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) return null;
    const segment = buf.subarray(i, i + 2 + len);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const payload = segment.subarray(4);
    const keep =
      !isApp && marker !== 0xfe
        ? true
        : (marker === 0xe0 && payload.subarray(0, 5).toString('latin1') === 'JFIF\0') || (marker === 0xee && payload.subarray(0, 5).toString('latin1') === 'Adobe');
    // A JFIF APP0 may carry a thumbnail: keep only its fixed 16-byte header (no thumbnail).
    if (keep && marker === 0xe0 && segment.length >= 18) {
      const header = Buffer.from(segment.subarray(0, 18));
      header.writeUInt16BE(16, 2);
      header[16] = header[17] = 0;
      out.push(header);
    } else if (keep) out.push(segment);
    i += 2 + len;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the end of image; copy the rest as it is.
      out.push(buf.subarray(i));
      return Buffer.concat(out);
    }
  }
  return null;
}

const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** PNG: drops text, EXIF and time chunks. Returns null when the chunk structure is broken. */
export function stripPng(buf: Buffer): Buffer | null {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + len;
    if (end > buf.length) return null;
    if (!PNG_DROP.has(type)) out.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

const PDF_INFO_KEYS = ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords', 'CreationDate', 'ModDate'];

/**
 * PDF, best effort and in place: the values of the document-information keys and any uncompressed XMP packet
 * are overwritten with spaces of the same length, so every byte offset (and the cross-reference table) stays
 * valid. Metadata inside compressed object streams is NOT reached.
 */
export function stripPdf(buf: Buffer): Buffer {
  const text = buf.toString('latin1');
  const chars = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (chars[k] !== '\n' && chars[k] !== '\r') chars[k] = ' ';
  };
  const keys = new RegExp(`/(${PDF_INFO_KEYS.join('|')})\\s*([(<])`, 'g');
  for (let m = keys.exec(text); m; m = keys.exec(text)) {
    const open = m.index + m[0].length - 1;
    if (m[2] === '<') {
      const close = text.indexOf('>', open);
      if (close > open) blank(open + 1, close);
      continue;
    }
    let depth = 0;
    let k = open;
    for (; k < text.length; k++) {
      const c = text[k];
      if (c === '\\') {
        k++;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    blank(open + 1, k);
  }
  const xmp = /<\?xpacket begin[\s\S]*?<\?xpacket end[^>]*>/g;
  for (let m = xmp.exec(text); m; m = xmp.exec(text)) blank(m.index, m.index + m[0].length);
  return Buffer.from(chars.join(''), 'latin1');
}

/** The stored form of an upload, or null when its type is not accepted or it is malformed. */
export function cleanAttachment(buf: Buffer): { mime: AttachmentMime; content: Buffer } | null {
  const mime = sniff(buf);
  if (mime === 'image/jpeg') {
    const content = stripJpeg(buf);
    return content && { mime, content };
  }
  if (mime === 'image/png') {
    const content = stripPng(buf);
    return content && { mime, content };
  }
  if (mime === 'application/pdf') return { mime, content: stripPdf(buf) };
  return null;
}
