// The data rows of the roster export as SpreadsheetML text, written straight into ExcelJS's streaming sheet.
//
// ExcelJS's own path (`addRow(...).commit()`) builds a Row and 16 Cell objects per member, merges each cell's
// style with its column's and renders that style's XML to look its index up again — for every cell: 70% of the
// export's CPU for a province (128,555 rows: ~11 s of 16 s, `node --cpu-prof`). The roster's cells are of three
// kinds only (a number, a date, a text) with one style per column, so a row is one template string here, with the
// style indexes asked once from the workbook's style table. The XML is the same, byte for byte, as ExcelJS writes
// for these values (export-xml.unit.test.ts compares the two); the workbook around it (styles, columns, header, zip) is
// still ExcelJS's.
import { once, type EventEmitter } from 'node:events';
import type ExcelJS from 'exceljs';
import { columnLetter, type RosterColumn } from './columns.js';

/** A cell of a data row: a number, a text, or for a date column its 'YYYY-MM-DD' date; null leaves it empty. */
export type RowValue = string | number | null | undefined;

/** What the row writer needs of ExcelJS's streaming writers, which their types do not declare. */
interface WorkbookInternals {
  styles?: { addStyleModel?: (style: Partial<ExcelJS.Style>, cellType?: number) => number };
}
interface SheetInternals {
  startedData?: boolean;
  stream?: { write: (chunk: string) => unknown; pipes?: Consumer[] };
}
/** The zip's end of the sheet stream: a readable-stream 2 PassThrough (no writableLength), hence its state. */
interface Consumer extends EventEmitter {
  _writableState?: { length: number; needDrain: boolean };
}

// ExcelJS's ValueType numbers, as its style table takes them (a column without a number format gets General for a
// number, nothing for a text).
const NUMBER = 2;
const DATE = 4;
const STRING = 3;

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel serial (ExcelJS's dateToExcel)

const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// ExcelJS's xmlEncode: the five entities, and characters XML 1.0 cannot hold dropped.
const UNSAFE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const UNSAFE_ALL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
export const xmlText = (s: string) => (UNSAFE.test(s) ? s.replace(UNSAFE_ALL, (c) => ESCAPES[c] ?? '') : s);

/**
 * A writer of the sheet's data rows after its header row was committed (the sheet's columns and `<sheetData>` are
 * open). `write` takes rows in order, numbered from `firstRow`; the sheet's `commit()` closes it as usual.
 */
export function sheetRowWriter(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, columns: RosterColumn[], firstRow: number) {
  const styles = (wb as unknown as WorkbookInternals).styles;
  const sheet = ws as unknown as SheetInternals;
  if (typeof styles?.addStyleModel !== 'function' || typeof sheet.stream?.write !== 'function' || sheet.startedData !== true) {
    throw new Error('ExcelJS streaming writer internals changed (styles.addStyleModel, worksheet stream, startedData): see roster/export-xml.ts');
  }
  const stream = sheet.stream;
  // What the zip pipes the sheet into (on to its deflate), once the zip has started the sheet's entry.
  const consumer = (): Consumer | undefined => stream.pipes?.[0];
  const n = columns.length;
  const letters = columns.map((_, i) => columnLetter(i));
  const dates = columns.map((c) => c.kind === 'date');
  // The style index of each column's cells, as ExcelJS gives a cell of that column ('' when 0: no attribute).
  const styleAttr = columns.map((c, i) => {
    const type = c.kind === 'index' ? NUMBER : c.kind === 'date' ? DATE : STRING;
    const id = styles.addStyleModel!({ ...ws.getColumn(i + 1).style }, type);
    return id ? ` s="${id}"` : '';
  });
  const serials = new Map<string, string>();
  const serialOf = (iso: string) => {
    let s = serials.get(iso);
    if (s === undefined) {
      const [y, m, d] = iso.split('-').map(Number);
      s = String(EXCEL_EPOCH_DAYS + Date.UTC(y, m - 1, d) / 86_400_000);
      serials.set(iso, s);
    }
    return s;
  };
  let next = firstRow;
  let rows = '';

  return {
    /** Adds one row (values in the columns' order) to the pending text. */
    add(values: RowValue[]) {
      const r = next++;
      let xml = `<row r="${r}" spans="1:${n}" x14ac:dyDescent="0.25">`;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const ref = `<c r="${letters[i]}${r}"${styleAttr[i]}`;
        if (v === null || v === undefined) {
          if (styleAttr[i]) xml += `${ref}/>`;
        } else if (dates[i]) xml += `${ref}><v>${serialOf(String(v))}</v></c>`;
        else if (typeof v === 'number') xml += `${ref}><v>${v}</v></c>`;
        else xml += `${ref} t="str"><v>${xmlText(v)}</v></c>`;
      }
      rows += `${xml}</row>`;
    },
    /** Hands the pending rows to the sheet's stream. */
    flush() {
      if (rows) stream.write(rows);
      rows = '';
    },
    /**
     * The sheet XML handed over that the zip has not taken yet, in bytes. The sheet stream forwards its data
     * without waiting (its writes never call back nor return false), so rows written faster than the zip deflates
     * them (or than the output takes the zip) pile up there — the whole sheet, 76 MB for a province, on a busy
     * machine: the caller waits for `drained()` when this grows.
     */
    get backlog(): number {
      return consumer()?._writableState?.length ?? 0;
    },
    /** Resolves when the zip took everything handed over (at once if nothing waits). */
    drained(signal: AbortSignal): Promise<unknown> {
      const c = consumer();
      return c?._writableState?.needDrain ? once(c, 'drain', { signal }) : Promise.resolve();
    },
    get rowsWritten() {
      return next - firstRow;
    },
  };
}
