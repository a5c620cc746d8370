// The roster of a branch as .xlsx, in the template's columns (an export can be imported again), streamed: the rows
// come from one statement, `COPY (…) TO STDOUT`, and leave through ExcelJS's streaming writer, its data rows
// rendered by export-xml.ts. Reading waits while the zip or the output is full, so memory stays flat for a province
// of 136,000 members whatever the reader's pace (PostgreSQL waits in turn on the connection).
//
// Why so (province, 128,555 rows, see roster/README.md): the former cursor was planned for its first rows (a
// nested loop of index lookups per member, ~5 s) and took three more queries per page; ExcelJS's addRow spent ~70%
// of the CPU on looking each cell's style up again. COPY's text is also half the CPU of pg's row parsing.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { loadExcel } from '../../../platform/lazy.js';
import { isIsoDate, todayIso } from '../../../../domain/dates.js';
import type { CellPosition, ConcurrentPost } from '../../../../domain/enums.js';
import { allowed, authorize, type Actor } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/index.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { unitIdentitiesText, versionsOnText } from '../../org/queries.js';
import { escapeLike, findUnit, unitsAt, unitWhere, type UnitRow } from '../../org/tree.js';
import { personPolicy } from '../policy.js';
import { educationLabels, positionLabels, postLabels, rosterColumns, sexLabels, theoryLabels, type ColumnKey } from './columns.js';
import { sheetRowWriter, type RowValue } from './export-xml.js';
import { FROZEN_HEADER, ROSTER_SHEET, setupRosterSheet, styleHeaderRow } from './template.js';

// Deflate level of the .xlsx (zlib 1–9): 1, ExcelJS's default (13.9 MB for the province, 76 MB of sheet XML). 6
// makes it 11.3 MB (−18%) but the deflate then takes about as long as all the rest: it doubled the export's time on
// a busy 2-core machine (roster/README.md).
const ZIP_LEVEL = 1;
// Sheet XML the zip's deflate may have waiting before the rows wait for it: it deflates these (in libuv's threads)
// while the next rows are rendered.
const BACKLOG = 1 << 20;
// The roster has one position column: the highest held, in this order.
const POSITION_RANK: CellPosition[] = ['secretary', 'deputy_secretary', 'committee_member'];

/** The unit as it stood on `date`, if the actor may export its roster (404 outside the branch, 403 otherwise). */
export async function authorizeRosterExport(db: Db, actor: Actor, input: { unitId: string; date: string }): Promise<UnitRow> {
  const unit = await findUnit(db, input.unitId, input.date);
  if (!unit || unit.versionFrom > input.date) throw notFound('Unit');
  authorize(personPolicy, actor, 'roster.export', { path: unit.path }, 'Unit');
  return unit;
}

/** A string literal (COPY takes no parameters); standard_conforming_strings is on since PostgreSQL 9.1. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

// The statement's columns, in this order (COPY gives them by position).
const F = {
  id: 0,
  fullName: 1,
  birthDate: 2,
  sex: 3,
  ethnicity: 4,
  partyCardNo: 5,
  joinedOn: 6,
  officialOn: 7,
  cccd: 8,
  phone: 9,
  education: 10,
  theoryLevel: 11,
  cellCode: 12,
  path: 13,
  positionRank: 14,
  posts: 15,
  laptopIssuedOn: 16,
} as const;

/**
 * The branch's members on `date` in roster order (Vietnamese name order: name_sort, then id), each with the highest
 * cell position held (its 1-based rank in POSITION_RANK), the concurrent posts (codes, oldest first, comma-separated)
 * and the date of the laptop held — one statement. The members are gathered once (person, cell, path: narrow) and
 * the three lookups are joined to them, so PostgreSQL picks hash joins for a province and index lookups for a cell.
 */
export function rosterQuery(branchPath: string, date: string): string {
  if (!isIsoDate(date)) throw new AppError('validation', `Not a date: ${date}`);
  const d = `${literal(date)}::date`;
  const during = (from: string, to: string) => `${from} <= ${d} AND (${to} IS NULL OR ${to} > ${d})`;
  return `
    WITH members AS MATERIALIZED (
      SELECT m.person_id, m.unit_id, v.path
      FROM memberships m
      JOIN ${versionsOnText(d)} v ON v.unit_id = m.unit_id
      WHERE ${during('m.valid_from', 'm.valid_to')} AND v.path LIKE ${literal(`${escapeLike(branchPath)}%`)}),
    terms AS (
      SELECT t.person_id, min(array_position(ARRAY[${POSITION_RANK.map(literal).join(', ')}]::text[], t.position)) AS position_rank
      FROM position_terms t JOIN members ON members.person_id = t.person_id
      WHERE ${during('t.valid_from', 't.valid_to')}
      GROUP BY t.person_id),
    posts AS (
      SELECT c.person_id, string_agg(c.post, ',' ORDER BY c.valid_from, c.id) AS posts
      FROM concurrent_posts c JOIN members ON members.person_id = c.person_id
      WHERE ${during('c.valid_from', 'c.valid_to')}
      GROUP BY c.person_id),
    laptops AS (
      SELECT e.person_id, max(e.issued_on) AS laptop_issued_on
      FROM equipment_issues e JOIN members ON members.person_id = e.person_id
      WHERE e.kind = 'laptop' AND ${during('e.issued_on', 'e.returned_on')}
      GROUP BY e.person_id)
    SELECT p.id, p.full_name, p.birth_date, p.sex, p.ethnicity, p.party_card_no, p.joined_on, p.official_on, p.cccd, p.phone,
           p.education, p.theory_level, u.code, m.path, terms.position_rank, posts.posts, laptops.laptop_issued_on
    FROM members m
    JOIN people p ON p.id = m.person_id
    JOIN ${unitIdentitiesText} u ON u.id = m.unit_id
    LEFT JOIN terms ON terms.person_id = m.person_id
    LEFT JOIN posts ON posts.person_id = m.person_id
    LEFT JOIN laptops ON laptops.person_id = m.person_id
    ORDER BY p.name_sort COLLATE "C", p.id`;
}

// COPY's text format: \N is NULL; a backslash escapes itself and \b \f \n \r \t \v (COPY TO writes no other).
const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const copyField = (s: string): string | null =>
  s === '\\N' ? null : s.includes('\\') ? s.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : s;

/** Writes the workbook to `output` and ends it. Checks access before the first byte. */
export async function writeRosterXlsx(db: Db, actor: Actor, input: { unitId: string; date?: string }, output: Writable): Promise<{ rows: number }> {
  const date = input.date ?? todayIso();
  const unit = await authorizeRosterExport(db, actor, { unitId: input.unitId, date });
  const pool = (db as Db & { $client: unknown }).$client;
  if (!(pool instanceof pg.Pool)) throw new Error('The roster export needs a database on a pg pool');
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: ZIP_LEVEL } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = 'chibo';
  const ws = wb.addWorksheet(ROSTER_SHEET, FROZEN_HEADER);
  setupRosterSheet(ws);
  styleHeaderRow(ws.getRow(1));
  ws.getRow(1).commit();
  const rows = sheetRowWriter(wb, ws, rosterColumns, 2);

  // Each roster column's value from a row's fields (a date column takes the ISO date).
  const cellOf: Record<ColumnKey, (f: (string | null)[], n: number) => RowValue> = {
    stt: (_, n) => n,
    fullName: (f) => f[F.fullName],
    birthDate: (f) => f[F.birthDate],
    sex: (f) => sexLabels[f[F.sex] as keyof typeof sexLabels],
    ethnicity: (f) => f[F.ethnicity],
    partyCardNo: (f) => f[F.partyCardNo],
    joinedOn: (f) => f[F.joinedOn],
    officialOn: (f) => f[F.officialOn],
    cccd: (f) => (allowed(personPolicy, actor, 'person.readCccd', { path: f[F.path]!, personId: f[F.id]! }) ? f[F.cccd] : null),
    phone: (f) => f[F.phone],
    education: (f) => educationLabels[f[F.education] as keyof typeof educationLabels],
    theoryLevel: (f) => theoryLabels[f[F.theoryLevel] as keyof typeof theoryLabels],
    cellCode: (f) => f[F.cellCode],
    position: (f) => (f[F.positionRank] ? positionLabels[POSITION_RANK[Number(f[F.positionRank]) - 1]] : null),
    posts: (f) => f[F.posts]?.split(',').map((p) => postLabels[p as ConcurrentPost]).join('; ') ?? null,
    laptopIssuedOn: (f) => f[F.laptopIssuedOn],
  };
  const cells = rosterColumns.map((c) => cellOf[c.key]);

  // Resolves when the output closes: a reader gone away must not leave the COPY waiting for room.
  const closed = new Promise<'closed'>((resolve) => output.once('close', () => resolve('closed')));
  const room = async () => {
    if (rows.backlog < BACKLOG) return;
    const stop = new AbortController();
    try {
      if ((await Promise.race([rows.drained(stop.signal), closed])) === 'closed') throw new Error('The output closed before the roster was written');
    } finally {
      stop.abort();
    }
  };
  let n = 0;
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    // One statement: one snapshot for the whole file. DateStyle ISO: dates come as YYYY-MM-DD whatever the server's.
    await client.query(`SET DateStyle = 'ISO'`);
    const copy = client.query(copyTo(`COPY (${rosterQuery(unit.path, date)}) TO STDOUT`));
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const f = line.split('\t').map(copyField);
        n += 1;
        rows.add(cells.map((cell) => cell(f, n)));
      }
      rows.flush();
      // While the deflate (or behind it the zip's output) is behind, the COPY is not read: it waits on its socket.
      await room();
    }
    if (rest + decoder.end() !== '') throw new Error('The roster COPY ended inside a row');
    await client.query('RESET DateStyle');
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // A connection left inside an unfinished COPY is not reusable: release(error) closes it.
    client.release(failed);
  }
  ws.commit();
  await wb.commit();
  return { rows: n };
}

/** For the CLI: the roster of the unit with this code (as of `date`, default today) written to a file. */
export async function exportRosterToFile(db: Db, actor: Actor, input: { unitCode: string; filePath: string; date?: string }): Promise<{ rows: number }> {
  const date = input.date ?? todayIso();
  const [unit] = await unitsAt(db, date, unitWhere.code(input.unitCode));
  if (!unit) throw new AppError('not_found', `No unit has the code ${input.unitCode} on ${date}`);
  const out = fs.createWriteStream(input.filePath);
  try {
    const result = await writeRosterXlsx(db, actor, { unitId: unit.id, date }, out);
    await finished(out);
    return result;
  } catch (err) {
    out.destroy();
    await fs.promises.rm(input.filePath, { force: true });
    throw err;
  }
}
