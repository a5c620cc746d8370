// The text of a document's file, for search: the PDF's text layer (pdf.js) or a DOCX's body (mammoth). A scanned
// PDF has no text layer and gives ''; a file the libraries cannot read gives '' too — the file is still kept, and
// the number, title and summary are still searched.
import { sniffDocument } from '../../platform/uploads.js';

/** At most this much text is kept per file: enough for every word of a long resolution. */
const MAX_TEXT = 400_000;
const MAX_PAGES = 200;

export async function extractText(content: Buffer): Promise<string> {
  try {
    const mime = sniffDocument(content);
    const text = mime === 'application/pdf' ? await pdfText(content) : mime ? await docxText(content) : '';
    return text.replace(/\u0000/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  } catch {
    return '';
  }
}

async function pdfText(content: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const parts: string[] = [];
    for (let i = 1; i <= Math.min(doc.numPages, MAX_PAGES); i++) {
      const page = await doc.getPage(i);
      const tc = await page.getTextContent();
      parts.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(' '));
      if (parts.join(' ').length > MAX_TEXT) break;
    }
    return parts.join('\n');
  } finally {
    await doc.destroy();
  }
}

async function docxText(content: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  const r = await (mammoth.default ?? mammoth).extractRawText({ buffer: content });
  return r.value;
}
