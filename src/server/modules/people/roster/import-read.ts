// Reading a roster workbook row by row (ExcelJS streaming reader: a 100,000-row file never sits in memory as
// a workbook) into plain rows, with every problem a row has on its own: missing values, bad dates, bad codes.
// Rules that need the database or the whole file come later (import-plan.ts).
import { WORKBOOK_TOO_LARGE, eachSheetRow, textOf, type Plain } from '../../../platform/excel.js';
import { PARTY_CARD_PATTERN, PersonFields } from '../../../../domain/person.js';
import { fieldIssueOfZod, type ZodIssueLike } from '../../../../domain/issues.js';
import type { CellPosition, ConcurrentPost, EducationLevel, Sex, TheoryLevel } from '../../../../domain/enums.js';
import {
  columnOfHeader,
  headerOf,
  readCccd,
  readCoded,
  readCodedList,
  readDate,
  readPhone,
  rosterColumns,
  type ColumnKey,
  type Parsed,
} from './columns.js';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
  code: string;
  /** Values the translated message needs ("the same as row {{row}}"). */
  params?: Record<string, string | number>;
}

/** One member row as read; a field is absent when its column is missing or its cell is empty. */
export interface RosterRow {
  row: number;
  fullName?: string;
  birthDate?: string;
  sex?: Sex;
  ethnicity?: string;
  partyCardNo?: string;
  /** The card number was a number cell (LibreOffice stores digit-only text so): its leading zeros may be lost. */
  cardWasNumber?: true;
  joinedOn?: string;
  officialOn?: string;
  cccd?: string;
  phone?: string;
  education?: EducationLevel;
  theoryLevel?: TheoryLevel;
  cellCode?: string;
  position?: CellPosition;
  posts: ConcurrentPost[];
  laptopIssuedOn?: string;
}

export interface ReadResult {
  rows: RosterRow[];
  problems: RowProblem[];
  /** Columns present in the header. */
  present: Set<ColumnKey>;
}

export const NOT_XLSX = 'The file is not an Excel .xlsx workbook';
const HEADER_SCAN_ROWS = 10;
const REQUIRED_VALUES: ColumnKey[] = ['fullName', 'birthDate', 'sex', 'ethnicity', 'joinedOn'];

/** Maps a row of header cells to columns; problems for unknown, repeated and missing headers. */
function mapHeader(values: Plain[], rowNumber: number) {
  const index = new Map<ColumnKey, number>();
  const problems: RowProblem[] = [];
  values.forEach((v, col) => {
    const text = textOf(v);
    if (text === null) return;
    const key = columnOfHeader(text);
    if (!key) problems.push({ row: rowNumber, column: text, code: 'unknown_column', message: `Unknown column "${text}"; use the headers of the template` });
    else if (index.has(key)) problems.push({ row: rowNumber, column: text, code: 'duplicate_column', message: `The column "${headerOf(key)}" appears twice` });
    else index.set(key, col);
  });
  for (const c of rosterColumns) {
    if (c.requiredHeader && !index.has(c.key)) problems.push({ row: rowNumber, column: c.header, code: 'missing_column', message: `The column "${c.header}" is missing` });
  }
  return { index, problems };
}

export interface StreamOptions {
  /** Problems of the file are pushed here as they are found, so a consumer can tell whether the file is clean so far. */
  problems: RowProblem[];
  batchSize: number;
  /** Rows in file order, `batchSize` at a time (the last batch may be shorter); awaited, so a slow consumer slows the read. */
  onBatch: (rows: RosterRow[], present: Set<ColumnKey>) => Promise<void>;
  /** Called with the count of rows read so far, every 1,000 rows, to report progress. */
  onRows?: (count: number) => Promise<void> | void;
}

/**
 * Reads the first worksheet and hands its rows on in batches: a 100,000-row file is never held whole, so memory
 * stays flat and the consumer can check and write a batch while the next one is read. Returns the header's
 * columns and the number of member rows.
 */
export async function streamRoster(filePath: string, opts: StreamOptions): Promise<{ present: Set<ColumnKey>; rows: number }> {
  const { problems } = opts;
  const notXlsx = () => {
    problems.push({ row: 0, column: '', code: 'not_xlsx', message: NOT_XLSX });
    return { present: new Set<ColumnKey>(), rows: 0 };
  };
  let batch: RosterRow[] = [];
  let count = 0;
  let index: Map<ColumnKey, number> | null = null;
  let present = new Set<ColumnKey>();
  let headerProblems: RowProblem[] = [];
  let scanned: { number: number; values: Plain[] }[] = [];
  let stop = false; // the rest of the rows is ignored after a fatal header problem
  /** Progress every 1,000 rows, and a full batch to the consumer; awaited, so a slow consumer slows the read. */
  const handOn = async () => {
    if (opts.onRows && count % 1000 === 0) await opts.onRows(count);
    if (batch.length >= opts.batchSize) {
      const full = batch;
      batch = [];
      await opts.onBatch(full, present);
    }
  };
  const read = await eachSheetRow(filePath, (values, rowNumber) => {
    if (stop) return;
    if (!index) {
      // The header is the first row naming at least three known columns (titles above it are allowed).
      const known = values.filter((v) => textOf(v) !== null && columnOfHeader(textOf(v)!)).length;
      if (known >= 3) {
        const mapped = mapHeader(values, rowNumber);
        index = mapped.index;
        present = new Set(index.keys());
        headerProblems = mapped.problems;
        stop = headerProblems.length > 0;
        scanned = [];
      } else {
        scanned.push({ number: rowNumber, values });
        stop = scanned.length >= HEADER_SCAN_ROWS;
      }
      return;
    }
    const parsed = readRow(values, rowNumber, index, problems);
    if (!parsed) return;
    batch.push(parsed);
    count++;
    if (count % 1000 === 0 || batch.length >= opts.batchSize) return handOn();
  });
  if (read === 'too_large') {
    problems.push({ row: 0, column: '', code: 'workbook_too_large', message: WORKBOOK_TOO_LARGE });
    return { present: new Set<ColumnKey>(), rows: 0 };
  }
  if (read !== 'read') return notXlsx();
  if (!index) {
    // No header row: report what was expected against the first row of the sheet.
    const first = scanned[0];
    const mapped = mapHeader(first?.values ?? [], first?.number ?? 1);
    const missing = mapped.problems.filter((p) => p.code === 'missing_column');
    problems.push(...(first ? missing.concat(mapped.problems.filter((p) => p.code !== 'missing_column')) : [{ row: 1, column: '', code: 'empty_file', message: 'The sheet is empty' }]));
    return { present: new Set(), rows: 0 };
  }
  if (headerProblems.length) {
    problems.push(...headerProblems);
    return { present, rows: 0 };
  }
  if (batch.length) await opts.onBatch(batch, present);
  if (count === 0 && problems.length === 0) problems.push({ row: 0, column: '', code: 'no_member_rows', message: 'The sheet has a header but no member rows' });
  return { present, rows: count };
}

/** The whole sheet at once, for small files and tests; imports stream (streamRoster). */
export async function readRoster(filePath: string): Promise<ReadResult> {
  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  const { present } = await streamRoster(filePath, { problems, batchSize: 1000, onBatch: async (batch) => void rows.push(...batch) });
  return { rows, problems, present };
}

const fieldSchema = PersonFields.shape;

// A roster's coded columns hold a handful of distinct texts over 100,000 rows: each is looked up once.
const codedOfText = new Map<string, Parsed<string | null>>();
function readCodedCell(key: ColumnKey, v: Plain): Parsed<string | null> {
  if (typeof v !== 'string') return readCoded(key, v);
  const k = `${key}\u0000${v}`;
  let r = codedOfText.get(k);
  if (!r) {
    if (codedOfText.size >= 10_000) codedOfText.clear();
    codedOfText.set(k, (r = readCoded(key, v)));
  }
  return r;
}

function readRow(values: Plain[], rowNumber: number, index: Map<ColumnKey, number>, problems: RowProblem[]): RosterRow | null {
  const get = (key: ColumnKey): Plain => {
    const i = index.get(key);
    return i === undefined ? null : (values[i] ?? null);
  };
  // A row with nothing but its number (templates come pre-numbered) is not a member.
  if ([...index.entries()].every(([key, i]) => key === 'stt' || (values[i] ?? null) === null)) return null;
  const out: RosterRow = { row: rowNumber, posts: [] };
  const problem = (key: ColumnKey, message: string, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column: headerOf(key), message, code, ...(params ? { params } : {}) });
  const take = <T>(key: ColumnKey, r: Parsed<T>): NonNullable<T> | undefined => {
    if (!r.ok) {
      problem(key, r.message, r.code, r.params);
      return undefined;
    }
    return r.value ?? undefined;
  };
  /** Runs the member record's own field rule, so messages match the rest of the app. */
  const check = <K extends keyof typeof fieldSchema>(key: K & ColumnKey, value: unknown) => {
    if (value === undefined) return undefined;
    const r = fieldSchema[key].safeParse(value);
    if (!r.success) {
      const zi = r.error.issues[0];
      const coded = zi ? fieldIssueOfZod(zi as ZodIssueLike, value) : undefined;
      // A format rule's sentence is the column's own ("a name has no digits"), else the general one with its limit.
      const code =
        coded?.code === 'wrong_format' && key === 'fullName' ? 'name_format'
        : coded?.code === 'wrong_format' && key === 'phone' ? 'phone_format'
        : (coded?.code ?? 'wrong_format');
      problem(key, zi?.message ?? 'Invalid', code, { ...coded?.params, value: String(value) });
      return undefined;
    }
    return r.data as never;
  };

  out.fullName = check('fullName', textOf(get('fullName')) ?? undefined);
  out.birthDate = take('birthDate', readDate(get('birthDate')));
  out.sex = take('sex', readCodedCell('sex', get('sex'))) as Sex | undefined;
  out.ethnicity = check('ethnicity', textOf(get('ethnicity')) ?? undefined);
  const card = textOf(get('partyCardNo'))?.replace(/\s/g, '').toUpperCase();
  if (card !== undefined) {
    if (PARTY_CARD_PATTERN.test(card)) {
      out.partyCardNo = card;
      if (typeof get('partyCardNo') === 'number') out.cardWasNumber = true;
    } else problem('partyCardNo', 'A party card number has 4–20 digits or letters', 'party_card_format', { value: card });
  }
  out.joinedOn = take('joinedOn', readDate(get('joinedOn')));
  out.officialOn = take('officialOn', readDate(get('officialOn')));
  out.cccd = take('cccd', readCccd(get('cccd')));
  out.phone = check('phone', readPhone(get('phone')) ?? undefined);
  out.education = take('education', readCodedCell('education', get('education'))) as EducationLevel | undefined;
  out.theoryLevel = take('theoryLevel', readCodedCell('theoryLevel', get('theoryLevel'))) as TheoryLevel | undefined;
  out.cellCode = textOf(get('cellCode'))?.toUpperCase();
  out.position = take('position', readCodedCell('position', get('position'))) as CellPosition | undefined;
  out.posts = (take('posts', readCodedList('posts', get('posts'))) ?? []) as ConcurrentPost[];
  out.laptopIssuedOn = take('laptopIssuedOn', readDate(get('laptopIssuedOn')));

  for (const key of REQUIRED_VALUES) {
    if (get(key) === null) problem(key, 'Required', 'required');
  }
  if (get('partyCardNo') === null && get('cccd') === null)
    problem('partyCardNo', 'Enter the party card number or the CCCD, so the member is recognised when the file is imported again', 'identifier_required');
  return out;
}
