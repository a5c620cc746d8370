// PostgreSQL's COPY … FROM STDIN in its text format, for bulk writes (roster import, audit trail, demo seed):
// PostgreSQL fills pages several rows at a time and parses no parameters. One escaping for every caller.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A field as COPY rows carry it: text already serialized, a number, or NULL. */
export type CopyField = string | number | null;
export type CopyRows = (table: string, columns: string[], rows: CopyField[][]) => Promise<void>;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** Text with backslash, tab and line breaks escaped (most fields have none: tested before replacing). */
const escapeText = (text: string): string => (SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text);

/** A field in COPY's text format: \N is NULL. The import's hot path: no allocation for a plain value. */
export function copyField(v: CopyField): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return escapeText(v);
}

/** Any value a drizzle insert object holds: an array as its literal with quoted elements, a date in ISO, an object as JSON. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (Array.isArray(v)) return escapeText(`{${v.map((e) => (e === null ? 'NULL' : `"${String(e).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return escapeText(JSON.stringify(v));
  return escapeText(String(v));
}

/** COPY text of rows, 500 rows a chunk (joined, so each chunk is one flat string, not a rope of its values). */
export function* copyLines(rows: CopyField[][]): Generator<string> {
  for (let i = 0; i < rows.length; i += 500) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(i + 500, rows.length); j++) {
      const row = rows[j];
      const values: string[] = new Array(row.length);
      for (let k = 0; k < row.length; k++) values[k] = copyField(row[k]);
      lines.push(values.join('\t'));
    }
    lines.push('');
    yield lines.join('\n');
  }
}

/** Streams COPY text into a table through a client of its own (a pool's client inside a transaction). */
export async function copyInto(client: pg.ClientBase, table: string, columns: string[], text: Iterable<string | Buffer>): Promise<void> {
  await pipeline(Readable.from(text), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
