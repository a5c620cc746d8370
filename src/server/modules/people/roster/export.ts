// The roster of a branch as .xlsx, in the template's columns (an export can be imported again), streamed:
// rows come from a server-side cursor a page at a time and leave through ExcelJS's streaming writer, so
// memory stays flat for a province of 136,000 members.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { loadExcel } from '../../../platform/lazy.js';
import { eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../../domain/dates.js';
import type { CellPosition, ConcurrentPost } from '../../../../domain/enums.js';
import { allowed, authorize, type Actor } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/index.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { orgUnits } from '../../org/schema.js';
import { escapeLike, findUnit, unitsAt, type UnitRow } from '../../org/tree.js';
import { personPolicy } from '../policy.js';
import { educationLabels, excelDate, positionLabels, postLabels, rosterColumns, sexLabels, theoryLabels } from './columns.js';
import { FROZEN_HEADER, ROSTER_SHEET, setupRosterSheet, styleHeaderRow } from './template.js';

const PAGE = 2000;
// Highest first: the roster has one position column.
const POSITION_RANK: CellPosition[] = ['secretary', 'deputy_secretary', 'committee_member'];

/** The unit as it stood on `date`, if the actor may export its roster (404 outside the branch, 403 otherwise). */
export async function authorizeRosterExport(db: Db, actor: Actor, input: { unitId: string; date: string }): Promise<UnitRow> {
  const unit = await findUnit(db, input.unitId, input.date);
  if (!unit || unit.versionFrom > input.date) throw notFound('Unit');
  authorize(personPolicy, actor, 'roster.export', { path: unit.path }, 'Unit');
  return unit;
}

type Row = {
  id: string;
  full_name: string;
  birth_date: string;
  sex: 'male' | 'female';
  ethnicity: string;
  party_card_no: string | null;
  joined_on: string;
  official_on: string | null;
  cccd: string | null;
  phone: string | null;
  education: keyof typeof educationLabels;
  theory_level: keyof typeof theoryLabels;
  cell_code: string | null;
  path: string;
};

/** Writes the workbook to `output` and ends it. Checks access before the first byte. */
export async function writeRosterXlsx(db: Db, actor: Actor, input: { unitId: string; date?: string }, output: Writable): Promise<{ rows: number }> {
  const date = input.date ?? todayIso();
  const unit = await authorizeRosterExport(db, actor, { unitId: input.unitId, date });
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  wb.creator = 'chibo';
  const ws = wb.addWorksheet(ROSTER_SHEET, FROZEN_HEADER);
  setupRosterSheet(ws);
  styleHeaderRow(ws.getRow(1));
  ws.getRow(1).commit();
  let n = 0;
  // A read-only transaction: one snapshot for the whole file, and the cursor lives as long as it.
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`
        DECLARE roster_export NO SCROLL CURSOR FOR
        SELECT p.id, p.full_name, p.birth_date, p.sex, p.ethnicity, p.party_card_no, p.joined_on, p.official_on, p.cccd, p.phone,
               p.education, p.theory_level, u.code AS cell_code, v.path
        FROM people p
        JOIN memberships m ON m.person_id = p.id AND m.valid_from <= ${date} AND (m.valid_to IS NULL OR m.valid_to > ${date})
        JOIN org_unit_versions v ON v.unit_id = m.unit_id AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to > ${date})
        JOIN org_units u ON u.id = m.unit_id
        WHERE v.path LIKE ${`${escapeLike(unit.path)}%`}
        ORDER BY p.name_sort COLLATE "C", p.id`);
      for (;;) {
        const page = (await tx.execute<Row>(sql.raw(`FETCH ${PAGE} FROM roster_export`))).rows;
        if (page.length === 0) break;
        const ids = sql.param(page.map((r) => r.id));
        // One after another: a transaction is one connection, and pg runs one query at a time on it.
        const terms = await tx.execute<{ person_id: string; position: CellPosition }>(sql`
            SELECT person_id, position FROM position_terms WHERE person_id = ANY(${ids}::uuid[]) AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date})`);
        const posts = await tx.execute<{ person_id: string; post: ConcurrentPost }>(sql`
            SELECT person_id, post FROM concurrent_posts WHERE person_id = ANY(${ids}::uuid[]) AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date}) ORDER BY valid_from`);
        const laptops = await tx.execute<{ person_id: string; issued_on: string }>(sql`
            SELECT DISTINCT ON (person_id) person_id, issued_on FROM equipment_issues
            WHERE person_id = ANY(${ids}::uuid[]) AND kind = 'laptop' AND issued_on <= ${date} AND (returned_on IS NULL OR returned_on > ${date})
            ORDER BY person_id, issued_on DESC`);
        const positionOf = new Map<string, CellPosition>();
        for (const t of terms.rows) {
          const held = positionOf.get(t.person_id);
          if (!held || POSITION_RANK.indexOf(t.position) < POSITION_RANK.indexOf(held)) positionOf.set(t.person_id, t.position);
        }
        const postsOf = new Map<string, string[]>();
        for (const p of posts.rows) postsOf.set(p.person_id, [...(postsOf.get(p.person_id) ?? []), postLabels[p.post]]);
        const laptopOf = new Map(laptops.rows.map((l) => [l.person_id, l.issued_on]));
        for (const r of page) {
          n += 1;
          const showCccd = allowed(personPolicy, actor, 'person.readCccd', { path: r.path, personId: r.id });
          const position = positionOf.get(r.id);
          const values: Record<string, unknown> = {
            stt: n,
            fullName: r.full_name,
            birthDate: excelDate(r.birth_date),
            sex: sexLabels[r.sex],
            ethnicity: r.ethnicity,
            partyCardNo: r.party_card_no,
            joinedOn: excelDate(r.joined_on),
            officialOn: excelDate(r.official_on),
            cccd: showCccd ? r.cccd : null,
            phone: r.phone,
            education: educationLabels[r.education],
            theoryLevel: theoryLabels[r.theory_level],
            cellCode: r.cell_code,
            position: position ? positionLabels[position] : null,
            posts: postsOf.get(r.id)?.join('; ') ?? null,
            laptopIssuedOn: excelDate(laptopOf.get(r.id)),
          };
          ws.addRow(rosterColumns.map((c) => values[c.key] ?? null)).commit();
        }
      }
      await tx.execute(sql`CLOSE roster_export`);
    },
    { accessMode: 'read only' },
  );
  ws.commit();
  await wb.commit();
  return { rows: n };
}

/** For the CLI: the roster of the unit with this code (as of `date`, default today) written to a file. */
export async function exportRosterToFile(db: Db, actor: Actor, input: { unitCode: string; filePath: string; date?: string }): Promise<{ rows: number }> {
  const date = input.date ?? todayIso();
  const [unit] = await unitsAt(db, date, eq(orgUnits.code, input.unitCode));
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
