// One measured step of the export benchmark, in a process of its own so that its memory is its own (bench/export.ts
// forks it, reads its RSS from /proc every 50 ms, and gets the figures back over IPC):
//   sql   — the raw SQL alone: exactly the statement chibo's export sends (`SET DateStyle = 'ISO'`, then
//           `COPY (rosterQuery(…)) TO STDOUT`, built by export.ts's own rosterQuery) through plain pg and
//           pg-copy-streams; every row read (counted by its line end), nothing else;
//   floor — the same COPY, each row's fields written with ExcelJS's streaming WorkbookWriter, `addRow(values).commit()`
//           with the roster's 16 columns (labels, dates as Excel dates), no styles, no shared strings, no access
//           checks: the bare library on the same data;
//   chibo — exportRosterToFile, what `chibo export people` runs (the route streams the same writeRosterXlsx).
// sql and floor report their rows over IPC as they go (progress); chibo's progress is the file's size.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { systemActor } from '../src/server/platform/access.js';
import { openDatabase } from '../src/server/platform/db/index.js';
import { exportRosterToFile, rosterQuery } from '../src/server/modules/people/roster/export.js';
import { educationLabels, excelDate, positionLabels, postLabels, rosterColumns, sexLabels, theoryLabels } from '../src/server/modules/people/roster/columns.js';

export type ExportStepInput =
  | { kind: 'sql'; databaseUrl: string; path: string; date: string }
  | { kind: 'floor'; databaseUrl: string; path: string; date: string; file: string }
  | { kind: 'chibo'; databaseUrl: string; unitCode: string; date: string; file: string };

export type ExportStepMessage = { progress: number } | { done: true; ms: number; rows: number; maxRssMb: number; error?: string };

/** Rows between two progress messages. */
const PROGRESS_EVERY = 2000;
/** rosterQuery's position_rank (1-based) → position, the order of export.ts's POSITION_RANK. */
const RANK = ['secretary', 'deputy_secretary', 'committee_member'] as const;

/** chibo's statements on one plain pg connection; `onChunk` gets COPY's text as it arrives. */
async function copyRoster(url: string, branchPath: string, date: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET DateStyle = 'ISO'`);
    const copy = client.query(copyTo(`COPY (${rosterQuery(branchPath, date)}) TO STDOUT`));
    for await (const chunk of copy as AsyncIterable<Buffer>) onChunk(chunk);
  } finally {
    await client.end();
  }
}

/** Raw SQL alone: every row read off the wire and counted (COPY's text escapes newlines in values: one line a row). */
async function sql(input: Extract<ExportStepInput, { kind: 'sql' }>): Promise<number> {
  let n = 0;
  let reported = 0;
  await copyRoster(input.databaseUrl, input.path, input.date, (chunk) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n += 1;
    if (n - reported >= PROGRESS_EVERY) process.send?.({ progress: (reported = n) } satisfies ExportStepMessage);
  });
  process.send?.({ progress: n } satisfies ExportStepMessage);
  return n;
}

// COPY's text format: \N is NULL; a backslash escapes itself and \b \f \n \r \t \v.
const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const copyField = (s: string): string | null => (s === '\\N' ? null : s.includes('\\') ? s.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : s);

/** The floor: the same COPY, each row through ExcelJS's streaming writer, addRow(values).commit(). */
async function floor(input: Extract<ExportStepInput, { kind: 'floor' }>): Promise<number> {
  const out = fs.createWriteStream(input.file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(rosterColumns.map((c) => c.header)).commit();
  // rosterQuery's columns by position: id, full_name, birth_date, sex, ethnicity, party_card_no, joined_on, official_on,
  // cccd, phone, education, theory_level, code, path, position_rank, posts, laptop_issued_on.
  const valuesOf = (f: (string | null)[], n: number): Record<string, unknown> => ({
    stt: n,
    fullName: f[1],
    birthDate: excelDate(f[2]),
    sex: sexLabels[f[3] as keyof typeof sexLabels],
    ethnicity: f[4],
    partyCardNo: f[5],
    joinedOn: excelDate(f[6]),
    officialOn: excelDate(f[7]),
    cccd: f[8],
    phone: f[9],
    education: educationLabels[f[10] as keyof typeof educationLabels],
    theoryLevel: theoryLabels[f[11] as keyof typeof theoryLabels],
    cellCode: f[12],
    position: f[14] ? positionLabels[RANK[Number(f[14]) - 1]] : null,
    posts: f[15]?.split(',').map((p) => postLabels[p as keyof typeof postLabels]).join('; ') ?? null,
    laptopIssuedOn: excelDate(f[16]),
  });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  let reported = 0;
  await copyRoster(input.databaseUrl, input.path, input.date, (chunk) => {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      n += 1;
      const values = valuesOf(line.split('\t').map(copyField), n);
      ws.addRow(rosterColumns.map((c) => values[c.key] ?? null)).commit();
    }
    if (n - reported >= PROGRESS_EVERY) process.send?.({ progress: (reported = n) } satisfies ExportStepMessage);
  });
  if (rest + decoder.end() !== '') throw new Error('The roster COPY ended inside a row');
  process.send?.({ progress: n } satisfies ExportStepMessage);
  ws.commit();
  await wb.commit();
  return n;
}

async function main() {
  const input = JSON.parse(process.argv[2]) as ExportStepInput;
  process.send?.({ progress: 0 } satisfies ExportStepMessage); // modules loaded: the parent notes the RSS the work starts from
  const started = performance.now();
  let rows = 0;
  let error: string | undefined;
  try {
    if (input.kind === 'sql') rows = await sql(input);
    else if (input.kind === 'floor') rows = await floor(input);
    else {
      const database = openDatabase(input.databaseUrl);
      try {
        rows = (await exportRosterToFile(database.db, systemActor('bench'), { unitCode: input.unitCode, filePath: input.file, date: input.date })).rows;
      } finally {
        await database.close();
      }
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ms = performance.now() - started;
  const maxRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  process.send?.({ done: true, ms, rows, maxRssMb, ...(error ? { error } : {}) } satisfies ExportStepMessage, () => process.exit(0));
}

void main();
