// A year of cell meetings and the party documents for the national dataset (issue 11's figures at national scale):
// the meetings module's own demo seed (meetings/demo.ts, set-based INSERT … SELECT over generate_series, every
// choice from a stable hash of the cell and the month) run province by province, then the documents demo for the
// same province. Per cell: 12 regular meetings (one a month) + 4 thematic over the last year, planned around the
// 5th and the 20th; one cell in ten is weak and misses one month in four, the others ~3 %; ~20 % of resolutions
// late; quality scores spread over the four bands of the 42-HD template, the commune's review on meetings older
// than two months; action items for the last 3 months of every other cell (~30 % still open or overdue);
// attendance (present / excused / absent) for the last regular meeting of one cell in eight. Each province is one
// transaction that ends with `meetings_figures_refresh` over its cells (the per-cell and per-node day counts the
// figures read), as the demo does.
//
// Why attendance is a subset: a year of attendance for every cell is ~70 M rows (229k cells × 12 × ~24 members),
// hours of inserting on this 2-core machine. The figures do not read attendance rows: `compute` reads the node's own
// day totals (`meeting_node_days`, ≤ 366 rows a year for any node), whose row count does not depend on how many
// attendance rows fed the `attended`/`present` sums — a node has a row for every day a meeting under it was due or
// held, which the full meeting set already gives. The subset only makes the scans it is compared against
// (`before`, `raw`) cheaper, so it flatters the baselines, not the fast path.
//
//   npx tsx bench/national-meetings.ts postgres://…/chibo_national   # every province without meetings yet
//   BENCH_PROVINCES=2 …                                               # only the first N provinces (by code)
//
// module-figures.ts and warnings.ts run it first under BENCH_SCALE=national. Safe to run twice (a province whose
// cells have meetings is skipped). BENCH_WHILE_LOADING=1 seeds only the provinces whose load is complete (the next
// province in code order, the loader's order, has its members' rows: each table's COPY commits whole), so it can
// run beside a national.ts load that is still copying.
import { openDatabase, type Database } from '../src/server/platform/db/index.js';
import { seedMeetingsDemo } from '../src/server/modules/meetings/demo.js';
import { seedDocumentsDemo } from '../src/server/modules/documents/demo.js';

export async function seedNationalMeetings(database: Database, log: (m: string) => void = console.log) {
  const started = performance.now();
  const limit = Number(process.env.BENCH_PROVINCES ?? 0);
  const { rows: provinces } = await database.pool.query<{ id: string; code: string; path: string }>(
    `SELECT u.id, u.code, v.path FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id AND v.valid_to IS NULL
     WHERE u.kind = 'province' AND u.valid_to IS NULL ORDER BY u.code`);
  const out: { code: string; skipped?: boolean; meetings?: number; attendance?: number; actionItems?: number; meetingsMs?: number; documents?: number; studyRows?: number; documentsMs?: number; documentsError?: string }[] = [];
  const whileLoading = process.env.BENCH_WHILE_LOADING === '1';
  for (const [i, p] of provinces.slice(0, limit > 0 ? limit : undefined).entries()) {
    if (whileLoading) {
      const next = provinces[i + 1];
      const done = next && (await database.pool.query(
        `SELECT 1 FROM org_unit_versions v JOIN memberships m ON m.unit_id = v.unit_id WHERE v.path LIKE $1 || '%' AND v.depth = 2 LIMIT 1`, [next.path])).rowCount;
      if (!done) {
        log(`meetings ${p.code}: its load may not be complete yet; stopping here`);
        break;
      }
    }
    // BENCH_AFTER_HISTORY=1: leave out a province whose old tree is not loaded yet (loading it after its meetings makes
    // the meetings' trigger on the tree's versions recompute every moved cell: see national-history.ts).
    if (process.env.BENCH_AFTER_HISTORY === '1') {
      const { rowCount } = await database.pool.query(`SELECT 1 FROM org_units o WHERE o.kind = 'province' AND o.successor_ids @> ARRAY[$1::uuid] LIMIT 1`, [p.id]);
      if (!rowCount) {
        log(`meetings ${p.code}: left out for now (no old tree yet)`);
        continue;
      }
    }
    const { rows: communes } = await database.pool.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_versions WHERE parent_id = $1 AND valid_to IS NULL ORDER BY unit_id`, [p.id]);
    const { rows: [has] } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cell_meetings m WHERE m.cell_id IN (
         SELECT v.unit_id FROM org_unit_versions v WHERE v.parent_id = $1 AND v.valid_to IS NULL
         UNION SELECT c.unit_id FROM org_unit_versions c WHERE c.parent_id = ANY($2::uuid[]) AND c.valid_to IS NULL) LIMIT 1) x`,
      [p.id, communes.map((c) => c.unit_id)]);
    if (has.n > 0) {
      out.push({ code: p.code, skipped: true });
      log(`meetings ${p.code}: already seeded`);
      continue;
    }
    const communeIds = communes.map((c) => c.unit_id);
    let t = performance.now();
    const m = await seedMeetingsDemo(database.db, { provinceId: p.id, communeIds });
    const meetingsMs = Math.round(performance.now() - t);
    const row: (typeof out)[number] = { code: p.code, meetings: m.meetings, attendance: m.attendance, actionItems: m.actionItems, meetingsMs };
    t = performance.now();
    // The documents demo registers the central (TW) texts too, once per term: it succeeds for the first province only.
    if (out.some((r) => r.documentsError)) row.documentsError = 'skipped (the central documents are registered once)';
    else try {
      const d = await seedDocumentsDemo(database.db, { provinceId: p.id, communeIds });
      Object.assign(row, { documents: d.documents, studyRows: d.studyRows, documentsMs: Math.round(performance.now() - t) });
    } catch (e) {
      row.documentsError = (e as Error).message.slice(0, 200);
    }
    out.push(row);
    log(`meetings ${p.code}: ${m.meetings} meetings, ${m.attendance} attendance rows, ${m.actionItems} action items in ${(meetingsMs / 1000).toFixed(1)} s; ` +
      (row.documentsError ? `documents failed: ${row.documentsError}` : `documents ${row.documents}, ${row.studyRows} study rows in ${((row.documentsMs ?? 0) / 1000).toFixed(1)} s`) +
      ` (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  }
  const seeded = out.filter((r) => !r.skipped);
  if (seeded.length) {
    const t = performance.now();
    await database.pool.query('VACUUM ANALYZE cell_meetings, meeting_attendance, meeting_action_items, meeting_cell_days, meeting_node_days, document_dissemination_cells, document_cell_days');
    log(`meetings: VACUUM ANALYZE ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const totalMs = Math.round(performance.now() - started);
  const sum = (k: 'meetings' | 'attendance' | 'actionItems' | 'studyRows') => seeded.reduce((s, r) => s + (r[k] ?? 0), 0);
  log(`meetings: ${seeded.length} provinces seeded in ${(totalMs / 1000).toFixed(0)} s — ${sum('meetings')} meetings, ${sum('attendance')} attendance rows, ${sum('actionItems')} action items, ${sum('studyRows')} study rows`);
  return { provinces: out, totalMs };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: npx tsx bench/national-meetings.ts <database url>');
    process.exit(2);
  }
  const database = openDatabase(url, 2);
  try {
    await seedNationalMeetings(database);
  } finally {
    await database.close();
  }
}
