// Party documents: official numbers in the form of Hướng dẫn 36-HD/VPTW ("number-TYPE/ISSUER", e.g. 26-CTr/TU),
// numbered from 01 per type for the whole term of the issuing committee. Types and issuers are data (seeded
// tables); what lives here is the shape of a number and the rules every caller shares.
import { z } from 'zod';
import { IsoDate } from './person.js';
import { foldDiacritics } from './vietnamese.js';

/** The types 36-HD/VPTW names; the register's table starts with these and the province may add more. */
export const defaultDocumentTypes = [
  { code: 'NQ', nameVi: 'Nghị quyết', nameEn: 'Resolution' },
  { code: 'CT', nameVi: 'Chỉ thị', nameEn: 'Directive' },
  { code: 'QĐ', nameVi: 'Quyết định, Quy định', nameEn: 'Decision, regulation' },
  { code: 'KL', nameVi: 'Kết luận', nameEn: 'Conclusion' },
  { code: 'CTr', nameVi: 'Chương trình', nameEn: 'Program' },
  { code: 'KH', nameVi: 'Kế hoạch', nameEn: 'Plan' },
  { code: 'ĐA', nameVi: 'Đề án', nameEn: 'Project' },
  { code: 'HD', nameVi: 'Hướng dẫn', nameEn: 'Guidance' },
  { code: 'TB', nameVi: 'Thông báo', nameEn: 'Notice' },
  { code: 'BC', nameVi: 'Báo cáo', nameEn: 'Report' },
] as const;

/** How one document relates to another: 01-CT/TU implements 21-NQ/TW. */
export const documentLinkKinds = ['implements', 'replaces', 'guides'] as const;
export type DocumentLinkKind = (typeof documentLinkKinds)[number];
export const DocumentLinkKind = z.enum(documentLinkKinds);

const TYPE_CODE = /^[A-ZĐ][A-Za-zĐđ]{0,5}$/u;
const ISSUER_CODE = /^[A-ZĐ][A-ZĐa-z]{0,11}$/u;
const NUMBER_FORM = /^\s*(\d{1,4})\s*-\s*([A-ZĐ][A-Za-zĐđ]{0,5})\s*\/\s*([A-ZĐ][A-ZĐa-z]{0,11})\s*$/u;

export const DocumentTypeCode = z.string().regex(TYPE_CODE, { message: 'A type code such as NQ, CT, CTr, ĐA' });
export const IssuerCode = z.string().regex(ISSUER_CODE, { message: 'An issuer code such as TU, TW, ĐU' });

export interface DocumentNumber {
  number: number;
  type: string;
  issuer: string;
}

/** "26-CTr/TU" → { 26, CTr, TU }; null when the text is not in that form. Spaces around the parts are forgiven. */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  const m = NUMBER_FORM.exec(text.normalize('NFC'));
  if (!m) return null;
  const number = Number(m[1]);
  if (number < 1) return null;
  return { number, type: m[2]!, issuer: m[3]! };
}

/** Numbers are written with at least two digits: 01-CT/TU, 126-QĐ/TU. */
export function formatDocumentNumber(n: DocumentNumber): string {
  return `${String(n.number).padStart(2, '0')}-${n.type}/${n.issuer}`;
}

export interface IssuerTerm {
  label: string;
  startsOn: string;
  endsOn: string | null;
}

/** The issuing committee's term a date falls in (a term runs from its congress to the next; the end day is the next term's). */
export function termOn(terms: readonly IssuerTerm[], date: string): IssuerTerm | null {
  return terms.find((t) => t.startsOn <= date && (t.endsOn === null || date < t.endsOn)) ?? null;
}

/** The next free number for a type in a term: one more than the highest used (gaps left by withdrawn numbers stay). */
export const nextDocumentNumber = (used: readonly number[]): number => (used.length === 0 ? 1 : Math.max(...used) + 1);

/** Folded text a search compares against: number, title, summary and the file's text, diacritics removed. */
export function documentSearchText(parts: (string | null | undefined)[]): string {
  return foldDiacritics(parts.filter(Boolean).join(' ')).toLowerCase();
}

/** A dissemination's deadline state for one cell on a day. */
export type StudyState = 'studied' | 'studied_late' | 'pending' | 'overdue';
export function studyState(row: { studiedOn: string | null; deadline: string }, today: string): StudyState {
  if (row.studiedOn) return row.studiedOn <= row.deadline ? 'studied' : 'studied_late';
  return today > row.deadline ? 'overdue' : 'pending';
}

/** Text a person typed: NUL characters and lone surrogates cannot be stored and are refused here, at the edge. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const storableText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(storableText, { message: 'Contains characters that cannot be stored', params: { code: 'unstorable_text' } });

export const DocumentBody = z.strictObject({
  typeCode: DocumentTypeCode,
  issuerCode: IssuerCode,
  /** Omitted: the system takes the next free number of the type in the issuer's term. */
  number: z.number().int().min(1).max(9999).optional(),
  issuedOn: IsoDate,
  title: Text(500).pipe(z.string().min(1)),
  signer: Text(200).pipe(z.string().min(1)),
  summary: Text(10_000).default(''),
  periodFrom: IsoDate.nullish(),
  periodTo: IsoDate.nullish(),
});
export type DocumentBody = z.infer<typeof DocumentBody>;

export const DocumentLinkBody = z.strictObject({ toId: z.uuid(), kind: DocumentLinkKind });

export const DisseminationBody = z.strictObject({
  /** Branches that must study the document: every cell under each on the day it is sent. */
  unitIds: z.array(z.uuid()).min(1).max(500),
  deadline: IsoDate,
  note: Text(2000).nullish(),
});

export const StudyBody = z.strictObject({
  studiedOn: IsoDate,
  /** What the cell did about it: its action report. */
  report: Text(5000).nullish(),
});
