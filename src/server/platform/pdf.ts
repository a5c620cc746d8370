// PDF documents in the Party's document format, for every module: A4, Roboto (full Vietnamese glyphs), and
// the header of official documents — the issuing body and the unit on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and
// the dated place line on the right. A module gives the title and the body (pdfmake content); pdfmake loads on
// first use (lazy.ts) and reads nothing but its fonts.
import { placeDateLine, todayIso } from '../../domain/dates.js';
import { loadPdfMake } from './lazy.js';

/** pdfmake's document content: nodes of text, stacks, columns, tables and lists. */
export type PdfContent = Record<string, unknown> | string;

export interface PartyDocument {
  /** The body above the unit (a commune's Party committee), written upper-case above it. */
  issuer: string;
  /** The unit that issues the document (a cell), bold and upper-case. */
  unitName: string;
  /** The place of the dated line ("Minh Quang"); placeOf derives it from a commune's name. */
  place: string;
  /** The date of the dated line, YYYY-MM-DD; today by default. */
  date?: string;
  /** The document's title in the file's properties. */
  title: string;
  /** A small label in the top right corner ("Mẫu 2A"). */
  formLabel?: string;
  /** What follows the header. */
  content: PdfContent[];
  /** Portrait by default; a wide table (the dashboard's) prints across. */
  orientation?: 'portrait' | 'landscape';
}

/** "Đảng ủy xã Minh Quang" → "Minh Quang": the place written on the dated line. */
export const placeOf = (communeName: string) => communeName.replace(/^(Đảng ủy|Đảng bộ)\s+/i, '').replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');

/** The header of official documents, as pdfmake content. */
export function partyHeader(doc: Pick<PartyDocument, 'issuer' | 'unitName' | 'place' | 'date'>): PdfContent {
  return {
    columns: [
      {
        width: '45%',
        stack: [
          { text: doc.issuer.toUpperCase(), alignment: 'center' },
          { text: doc.unitName.toUpperCase(), bold: true, alignment: 'center' },
          { text: '*', alignment: 'center' },
        ],
      },
      {
        width: '55%',
        stack: [
          { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, alignment: 'center', decoration: 'underline' },
          { text: placeDateLine(doc.place, doc.date ?? todayIso()), italics: true, alignment: 'center', margin: [0, 6, 0, 0] },
        ],
      },
    ],
    margin: [0, 0, 0, 18],
  };
}

/** The pdfmake definition of a Party document (exposed for tests; partyPdf renders it). */
export function partyDocumentDefinition(doc: PartyDocument) {
  return {
    pageSize: 'A4',
    pageOrientation: doc.orientation ?? 'portrait',
    pageMargins: [60, 40, 40, 40],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    info: { title: doc.title },
    content: [
      ...(doc.formLabel ? [{ text: doc.formLabel, alignment: 'right', italics: true, fontSize: 9, margin: [0, 0, 0, 6] }] : []),
      partyHeader(doc),
      ...doc.content,
    ],
  };
}

/** The document as the bytes of a PDF file. */
export function partyPdf(doc: PartyDocument): Promise<Buffer> {
  return loadPdfMake().createPdf(partyDocumentDefinition(doc)).getBuffer();
}
