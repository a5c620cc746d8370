// Excel workbooks (.xlsx, exceljs) for every module: one reader that streams the first sheet row by row (a
// 100,000-row file never sits in memory as a workbook), cell values reduced to primitives, and the writer's
// last step. exceljs itself loads on first use (lazy.ts).
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSTypes from 'exceljs';
import { loadExcel, type ExcelJS } from './lazy.js';

export { loadExcel } from './lazy.js';

// ---------------------------------------------------------------------------------------------------------
// Cell values

/** What ExcelJS gives for a cell, reduced to a primitive: rich text, formulas and hyperlinks unwrapped. */
export type Plain = string | number | boolean | Date | null;

export function plainValue(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return plainValue((o.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('result' in o) return plainValue(o.result);
    if ('text' in o) return plainValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

/** Text of a cell: numbers without exponent or trailing zeros, whitespace collapsed, NFC. */
export function textOf(v: Plain): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (v instanceof Date) return isoOfDate(v);
  const s = String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Excel's day 0 is 30 Dec 1899 (its 1900 leap-year bug is before every date chibo reads). */
export const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The calendar date of a date cell (ExcelJS turns date serials into UTC midnights; a time part, rounding noise, is dropped). */
export function isoOfDate(d: Date): string {
  const t = new Date(d.getTime() + 1000); // +1 s guards against 23:59:59.999 of the day before
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

async function looksLikeZip(filePath: string): Promise<boolean> {
  const fh = await fs.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

const rowValues = (row: ExcelJSTypes.Row): Plain[] => {
  const raw = row.values as unknown[];
  const out: Plain[] = [];
  for (let i = 1; i < raw.length; i++) out.push(plainValue(raw[i]));
  return out;
};

async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * A workbook is a zip: 500 KB can expand to 500 MB of sheet XML, and one huge cell would be held whole in memory
 * by the XML parser. The reader counts the bytes it inflates (sheet and shared strings) and refuses a workbook
 * past `maxInflatedBytes` in all, or with a run of text (a cell, an attribute) longer than any real cell holds —
 * Excel keeps at most 32,767 characters in a cell.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
export const MAX_TEXT_RUN_BYTES = 1024 * 1024;
class WorkbookTooLarge extends Error {}
/** What a person is told when a workbook is refused for its expanded size. */
export const WORKBOOK_TOO_LARGE =
  'The workbook expands to far more data than a roster holds (or has a cell longer than Excel allows): it was refused unread. Save it again from Excel or LibreOffice, or split it.';

class InflatedBudget {
  private total = 0;
  constructor(private readonly max: number) {}
  /** A counter for one entry's stream: the total is shared, the run of bytes since the last '<' is the entry's. */
  stream() {
    let run = 0;
    return (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      this.total += buf.length;
      if (this.total > this.max) throw new WorkbookTooLarge('expands past the limit');
      let from = 0;
      for (let lt = buf.indexOf(0x3c, from); lt >= 0; lt = buf.indexOf(0x3c, from)) {
        if (run + lt - from > MAX_TEXT_RUN_BYTES) throw new WorkbookTooLarge('a cell too large');
        run = 0;
        from = lt + 1;
      }
      run += buf.length - from;
      if (run > MAX_TEXT_RUN_BYTES) throw new WorkbookTooLarge('a cell too large');
    };
  }
}

async function* counted(chunks: AsyncIterable<Buffer>, count: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    count(chunk);
    yield chunk;
  }
}

/**
 * ExcelJS's streaming reader decodes each zip chunk on its own, so a Vietnamese letter (2–3 bytes in UTF-8)
 * cut by a chunk boundary turns into "��" (exceljs issues #2084, #2063; unfixed in 4.4). Chunks are decoded
 * here with a StringDecoder before ExcelJS sees them: its parser passes strings through untouched.
 */
function utf8SafeReader(ExcelJS: ExcelJS) {
  const Base = ExcelJS.stream.xlsx.WorkbookReader;
  const base = Base.prototype as unknown as Internals;
  // unzipper is ExcelJS's own zip reader, resolved from where ExcelJS lives.
  const unzipper = createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as Unzipper;
  return class Utf8SafeWorkbookReader extends Base {
    budget = new InflatedBudget(MAX_INFLATED_BYTES);
    declare input: string;
    declare sharedStrings: unknown;
    declare workbookRels: unknown;

    /**
     * ExcelJS 4.4's own parse loop walks the zip's entries with its `iterateStream`, which mixes 'data' events
     * with pause()/resume() and, on a loaded machine, about once in 400 reads stops before the last entry —
     * xl/workbook.xml, which ExcelJS writes last — so the sheet fails on `this.model.sheets` and a good workbook
     * is called unreadable (it failed CI once). The same steps here, with Node's own async iterator over the
     * entries. Only the first worksheet is read (the roster; a "Hướng dẫn" after it is drained unread). Met before
     * the shared strings, it waits in a temporary file (as in ExcelJS), counted against the budget while written;
     * the file is removed however the read ends, its stream closed first.
     */
    async *parse(): AsyncGenerator<unknown> {
      const source = createReadStream(this.input);
      const zip = unzipper.Parse({ forceStream: true });
      source.on('error', (err) => zip.destroy(err));
      source.pipe(zip);
      let tmp: string | undefined;
      let waiting: { sheetNo: string; file: string } | undefined;
      let sheetSeen = false;
      let deferred: Readable | undefined;
      try {
        for await (const entry of zip as AsyncIterable<ZipEntry>) {
          const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path);
          if (entry.path === 'xl/_rels/workbook.xml.rels') await base._parseRels.call(this, entry);
          else if (entry.path === 'xl/workbook.xml') await base._parseWorkbook.call(this, entry);
          else if (entry.path === 'xl/styles.xml') await base._parseStyles.call(this, entry);
          else if (entry.path === 'xl/sharedStrings.xml') yield* this._parseSharedStrings(entry);
          else if (sheet && !sheetSeen) {
            sheetSeen = true;
            if (this.sharedStrings && this.workbookRels) yield* this._parseWorksheet(entry, sheet[1]);
            else {
              tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chibo-xlsx-'));
              const file = path.join(tmp, `sheet${sheet[1]}.xml`);
              const count = this.budget.stream();
              const counted = new Transform({ transform: (chunk: Buffer, _enc, done) => { try { count(chunk); done(null, chunk); } catch (err) { done(err as Error); } } });
              await pipeline(entry, counted, createWriteStream(file));
              waiting = { sheetNo: sheet[1], file };
            }
          }
          entry.autodrain();
        }
        if (waiting) {
          deferred = createReadStream(waiting.file);
          // Its reader gets an error through the iterator; if nobody reads the sheet, an error of the unread stream
          // (the file removed under it) must not become an uncaught one.
          deferred.on('error', () => {});
          // already counted while written: only decoded here
          yield* base._parseWorksheet.call(this, utf8Chunks(deferred), waiting.sheetNo);
        }
      } finally {
        deferred?.destroy();
        source.destroy();
        if (tmp) await fs.rm(tmp, { recursive: true, force: true });
      }
    }

    _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string) {
      return base._parseWorksheet.call(this, utf8Chunks(counted(iterator, this.budget.stream())), sheetNo);
    }
    _parseSharedStrings(entry: Readable) {
      const count = this.budget.stream();
      const checked = new Transform({
        transform(chunk: Buffer, _enc, done) {
          try {
            count(chunk);
            done(null, chunk);
          } catch (err) {
            entry.unpipe(checked);
            entry.resume(); // drained, so the zip reader can close
            done(err as Error);
          }
        },
      });
      const decoded = new PassThrough();
      decoded.setEncoding('utf8');
      checked.on('error', (err) => decoded.destroy(err));
      entry.pipe(checked).pipe(decoded);
      return base._parseSharedStrings.call(this, decoded);
    }
  };
}
let Utf8SafeWorkbookReader: ReturnType<typeof utf8SafeReader> | undefined;
type Internals = {
  _parseRels: (entry: Readable) => Promise<void>;
  _parseWorkbook: (entry: Readable) => Promise<void>;
  _parseStyles: (entry: Readable) => Promise<void>;
  _parseWorksheet: (iterator: AsyncIterable<string>, sheetNo: string) => Generator;
  _parseSharedStrings: (entry: Readable) => AsyncGenerator;
};
type ZipEntry = Readable & { path: string; autodrain: () => unknown };
type Unzipper = { Parse: (opts: { forceStream: true }) => Transform };

/** A failure of the caller's row handler, told apart from a workbook ExcelJS cannot read. */
class HandlerError extends Error {
  constructor(readonly cause: unknown) {
    super('row handler failed');
  }
}

/**
 * Streams the first worksheet of a workbook file (other sheets, such as a "Hướng dẫn", are ignored): `onRow`
 * gets the values of each row that has one, with its row number, and is awaited, so a slow consumer slows the
 * read. Every row is read to the end (leaving early would leave the zip stream open): a handler that has seen
 * enough ignores the rest. Tells whether the file was read, is not a readable .xlsx workbook (having read
 * nothing or part of it), has no sheet, or expands too far (`too_large`, having read part of it: the caller
 * refuses the whole file); an error of `onRow` is thrown as it is.
 */
export async function eachSheetRow(
  filePath: string,
  onRow: (values: Plain[], rowNumber: number) => void | Promise<void>,
  opts: { maxInflatedBytes?: number } = {},
): Promise<'read' | 'not_xlsx' | 'no_sheet' | 'too_large'> {
  if (!(await looksLikeZip(filePath))) return 'not_xlsx';
  let sawSheet = false;
  try {
    Utf8SafeWorkbookReader ??= utf8SafeReader(await loadExcel());
    const reader = new Utf8SafeWorkbookReader(filePath, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    if (opts.maxInflatedBytes) reader.budget = new InflatedBudget(opts.maxInflatedBytes);
    for await (const sheet of reader) {
      if (sawSheet) continue;
      sawSheet = true;
      for await (const row of sheet) {
        const values = rowValues(row);
        if (values.every((v) => v === null)) continue;
        try {
          const handled = onRow(values, row.number);
          if (handled) await handled; // most rows are handled at once: no promise to wait for
        } catch (err) {
          throw new HandlerError(err);
        }
      }
    }
  } catch (err) {
    if (err instanceof HandlerError) throw err.cause;
    if (err instanceof WorkbookTooLarge || (err as { cause?: unknown })?.cause instanceof WorkbookTooLarge) return 'too_large';
    return 'not_xlsx';
  }
  return sawSheet ? 'read' : 'no_sheet';
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** A new workbook (exceljs loaded on first use). */
export async function newWorkbook(): Promise<ExcelJSTypes.Workbook> {
  return new (await loadExcel()).Workbook();
}

/** The workbook as the bytes of an .xlsx file, for a download. */
export async function workbookBuffer(wb: ExcelJSTypes.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
