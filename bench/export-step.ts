// One measured step of the export benchmark, in a process of its own so that its memory is its own (bench/export.ts
// forks it, reads its RSS from /proc every 50 ms, and gets the figures back over IPC):
//   sql   — the raw SQL alone: the statements chibo's export sends (the cursor over the branch's members, 2,000 rows
//           a FETCH, and per page the positions, posts and laptops of those people) through plain pg; rows dropped;
//   floor — the same SQL written by ExcelJS's streaming writer with the roster's 16 columns and labels: the bare
//           floor of a streamed export (no access checks, no styles, no drizzle);
//   chibo — exportRosterToFile, what `chibo export people` runs (the route streams the same writeRosterXlsx).
// sql and floor report their rows over IPC as they go (progress); chibo's progress is the file's size.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { systemActor } from '../src/server/platform/access.js';
import { openDatabase } from '../src/server/platform/db/index.js';
import { exportRosterToFile } from '../src/server/modules/people/roster/export.js';
import { educationLabels, excelDate, positionLabels, postLabels, rosterColumns, sexLabels, theoryLabels } from '../src/server/modules/people/roster/columns.js';
import { escapeLike } from '../src/server/modules/org/tree.js';

export type ExportStepInput =
  | { kind: 'sql'; databaseUrl: string; path: string; date: string }
  | { kind: 'floor'; databaseUrl: string; path: string; date: string; file: string }
  | { kind: 'chibo'; databaseUrl: string; unitCode: string; date: string; file: string };

export type ExportStepMessage = { progress: number } | { done: true; ms: number; rows: number; maxRssMb: number; error?: string };

const PAGE = 2000;
const RANK = ['secretary', 'deputy_secretary', 'committee_member'];

type Row = {
  id: string;
  full_name: string;
  birth_date: string;
  sex: keyof typeof sexLabels;
  ethnicity: string;
  party_card_no: string | null;
  joined_on: string;
  official_on: string | null;
  cccd: string | null;
  phone: string | null;
  education: keyof typeof educationLabels;
  theory_level: keyof typeof theoryLabels;
  cell_code: string | null;
};

/** The statements of chibo's export (export.ts), as plain pg; `onRow` gets each row with its page's lookups. */
async function streamRows(url: string, branchPath: string, date: string, onRow: (r: Row, position?: string, posts?: string[], laptop?: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let n = 0;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(
      `DECLARE roster_export NO SCROLL CURSOR FOR
       SELECT p.id, p.full_name, p.birth_date, p.sex, p.ethnicity, p.party_card_no, p.joined_on, p.official_on, p.cccd, p.phone,
              p.education, p.theory_level, u.code AS cell_code, v.path
       FROM people p
       JOIN memberships m ON m.person_id = p.id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1)
       JOIN org_unit_versions v ON v.unit_id = m.unit_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1)
       JOIN org_units u ON u.id = m.unit_id
       WHERE v.path LIKE $2
       ORDER BY p.name_sort COLLATE "C", p.id`,
      [date, `${escapeLike(branchPath)}%`],
    );
    for (;;) {
      const page = (await client.query<Row>(`FETCH ${PAGE} FROM roster_export`)).rows;
      if (page.length === 0) break;
      const ids = page.map((r) => r.id);
      const terms = await client.query<{ person_id: string; position: string }>(
        `SELECT person_id, position FROM position_terms WHERE person_id = ANY($1::uuid[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
        [ids, date],
      );
      const posts = await client.query<{ person_id: string; post: keyof typeof postLabels }>(
        `SELECT person_id, post FROM concurrent_posts WHERE person_id = ANY($1::uuid[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY valid_from`,
        [ids, date],
      );
      const laptops = await client.query<{ person_id: string; issued_on: string }>(
        `SELECT DISTINCT ON (person_id) person_id, issued_on FROM equipment_issues
         WHERE person_id = ANY($1::uuid[]) AND kind = 'laptop' AND issued_on <= $2 AND (returned_on IS NULL OR returned_on > $2)
         ORDER BY person_id, issued_on DESC`,
        [ids, date],
      );
      const positionOf = new Map<string, string>();
      for (const t of terms.rows) {
        const held = positionOf.get(t.person_id);
        if (!held || RANK.indexOf(t.position) < RANK.indexOf(held)) positionOf.set(t.person_id, t.position);
      }
      const postsOf = new Map<string, string[]>();
      for (const p of posts.rows) postsOf.set(p.person_id, [...(postsOf.get(p.person_id) ?? []), postLabels[p.post]]);
      const laptopOf = new Map(laptops.rows.map((l) => [l.person_id, l.issued_on]));
      for (const r of page) onRow(r, positionOf.get(r.id), postsOf.get(r.id), laptopOf.get(r.id));
      n += page.length;
      process.send?.({ progress: n } satisfies ExportStepMessage);
    }
    await client.query('CLOSE roster_export');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return n;
}

async function floor(input: Extract<ExportStepInput, { kind: 'floor' }>): Promise<number> {
  const out = fs.createWriteStream(input.file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(rosterColumns.map((c) => c.header)).commit();
  let n = 0;
  const rows = await streamRows(input.databaseUrl, input.path, input.date, (r, position, posts, laptop) => {
    n += 1;
    const values: Record<string, unknown> = {
      stt: n,
      fullName: r.full_name,
      birthDate: excelDate(r.birth_date),
      sex: sexLabels[r.sex],
      ethnicity: r.ethnicity,
      partyCardNo: r.party_card_no,
      joinedOn: excelDate(r.joined_on),
      officialOn: excelDate(r.official_on),
      cccd: r.cccd,
      phone: r.phone,
      education: educationLabels[r.education],
      theoryLevel: theoryLabels[r.theory_level],
      cellCode: r.cell_code,
      position: position ? positionLabels[position as keyof typeof positionLabels] : null,
      posts: posts?.join('; ') ?? null,
      laptopIssuedOn: excelDate(laptop),
    };
    ws.addRow(rosterColumns.map((c) => values[c.key] ?? null)).commit();
  });
  ws.commit();
  await wb.commit();
  return rows;
}

async function main() {
  const input = JSON.parse(process.argv[2]) as ExportStepInput;
  process.send?.({ progress: 0 } satisfies ExportStepMessage); // modules loaded: the parent notes the RSS the work starts from
  const started = performance.now();
  let rows = 0;
  let error: string | undefined;
  try {
    if (input.kind === 'sql') rows = await streamRows(input.databaseUrl, input.path, input.date, () => {});
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
