// Five years of history for the national dataset (issue 16): the old tree (old provinces → districts → communes
// from 2020-01-01, the reform of 01/07/2025 as dated events) loaded for every province of the database with the
// same code as `chibo history load --province <code>` (org/reform.ts loadReformHistory: one transaction per
// province with its audit events; the figures' triggers rebuild each moved cell's segments from 2020 at commit).
// Before each load it checks the province's communes against the official mapping (ward_mappings): every commune
// code of the database that the mapping names, and the mapping's codes missing in the database.
//
// The CLI as it is refuses 28 of the 34 provinces: 512 of the package's 10,546 mapping rows have no old commune
// code (null or '': old communes already merged before 2025, and a few empty rows in Hải Phòng, Quảng Trị, Đà Nẵng,
// Quảng Ngãi and Hồ Chí Minh City), and the loader refuses a province with one such row (`mapping_bad_row`). This
// bench passes the same loader the package's rows for the province without those rows (`mappings`), and counts them
// and the new communes left with no predecessor (their cells start on 01/07/2025).
//
//   npx tsx bench/national-history.ts postgres://…/chibo_national    # every province without its history yet
//   BENCH_PROVINCES=2 …                                              # only the first N provinces (by code)
//
// Then, as the demo seed does for the demo province (BENCH_PEOPLE_HISTORY=0 to leave it out), the five years on that
// tree: people's demo history (people/demo.ts applyPeopleHistory: the cells' congresses of 2020 and 2025, late
// ones, mid-term replacements, members leaving and moving between cells 2020–2024) and the yearly review results
// 2020–2024 of the old provinces (review/demo.ts seedReviewHistory), in one transaction per province with an audit
// event; the figures' triggers refresh the touched cells at commit.
//
// Safe to run twice: a province whose history is there is skipped by the loader itself ("already loaded"), and its
// five years by their audit event.
// figures.ts runs it first under BENCH_SCALE=national BENCH_HISTORY=1.
import fs from 'node:fs';
import { systemActor } from '../src/server/platform/access.js';
import { openDatabase, type Database } from '../src/server/platform/db/index.js';
import { loadReformHistory, wardMappingsFor } from '../src/server/modules/org/reform.js';
import { applyPeopleHistory } from '../src/server/modules/people/demo.js';
import { seedReviewHistory } from '../src/server/modules/review/demo.js';
import { recordAudit } from '../src/server/platform/audit/audit.js';

export interface ProvinceHistory {
  code: string;
  communes: number;
  mappingRows: number;
  /** Rows of the package without an old commune code or name, left out (the CLI refuses the province with them). */
  rowsWithoutOldCode: number;
  /** Communes of the database that no kept mapping row names (their cells get no earlier life). */
  communesWithoutMapping: number;
  /** New-commune codes of the mapping that the database lacks (the loader refuses those rows). */
  mappingCodesMissing: number;
  loaded: boolean;
  oldProvinces: number;
  districts: number;
  oldCommunes: number;
  cells: number;
  ms: number;
  /** The five years on the old tree (congresses, members leaving and moving, reviews), when applied in this run. */
  years?: Record<string, number> & { ms: number };
}

export async function loadNationalHistory(database: Database, log: (m: string) => void = console.log) {
  const started = performance.now();
  const limit = Number(process.env.BENCH_PROVINCES ?? 0);
  const people = process.env.BENCH_PEOPLE_HISTORY !== '0';
  const { rows: provinces } = await database.pool.query<{ id: string; code: string; path: string }>(
    `SELECT u.id, u.code, v.path FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id AND v.valid_to IS NULL
     WHERE u.kind = 'province' AND u.valid_to IS NULL AND u.code IS NOT NULL ORDER BY u.code`);
  const out: ProvinceHistory[] = [];
  // BENCH_WHILE_LOADING=1: only provinces whose load is complete (the next province in code order has its members),
  // and never once the loader (its log in BENCH_LOAD_LOG) has reached its figures step.
  const whileLoading = process.env.BENCH_WHILE_LOADING === '1';
  for (const [i, p] of provinces.slice(0, limit > 0 ? limit : undefined).entries()) {
    if (whileLoading) {
      const next = provinces[i + 1];
      const copied = process.env.BENCH_LOAD_LOG && fs.readFileSync(process.env.BENCH_LOAD_LOG, 'utf8').includes('generated and copied');
      const done = !copied && next && (await database.pool.query(
        `SELECT 1 FROM org_unit_versions v JOIN memberships m ON m.unit_id = v.unit_id WHERE v.path LIKE $1 || '%' AND v.depth = 2 LIMIT 1`, [next.path])).rowCount;
      if (!done) {
        log(`history ${p.code}: the load is not complete or is building its figures; stopping here`);
        break;
      }
    }
    // BENCH_SKIP_WITH_MEETINGS=1: leave out a province whose cells already have meetings and no old tree yet — the
    // meetings' trigger on the tree's versions then recomputes every moved cell's counts by day inside the load's
    // statement (measured: > 6 minutes for Lào Cai's 8,000 cells on the loaded machine, against ~1 minute without).
    if (process.env.BENCH_SKIP_WITH_MEETINGS === '1') {
      const { rows: [s] } = await database.pool.query<{ meetings: boolean; old: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM cell_meetings m JOIN org_unit_versions v ON v.unit_id = m.cell_id AND v.valid_to IS NULL AND v.path LIKE $1 || '%') AS meetings,
                EXISTS (SELECT 1 FROM org_units o WHERE o.kind = 'province' AND o.successor_ids @> ARRAY[$2::uuid]) AS old`, [p.path, p.id]);
      if (s.meetings && !s.old) {
        log(`history ${p.code}: left out (its cells have meetings already)`);
        continue;
      }
    }
    const { rows } = await database.pool.query<{ code: string }>(
      `SELECT u.code FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
       WHERE v.path LIKE $1 || '%' AND v.depth = 1 AND v.valid_to IS NULL AND u.kind IN ('commune', 'ward')`, [p.path]);
    const inDb = new Set(rows.map((r) => r.code));
    const all = wardMappingsFor(p.code);
    const hasCode = (m: (typeof all)[number]) => /^\d{5}$/.test(m.oldCode ?? '') && !!m.oldName?.trim() && !!m.oldDistrict?.trim() && !!m.oldProvince?.trim();
    const mappings = all.filter(hasCode);
    const mapped = new Set(mappings.map((m) => m.newCode));
    const t = performance.now();
    const r = await loadReformHistory(database.db, systemActor('bench'), { provinceCode: p.code, mappings });
    const row: ProvinceHistory = {
      code: p.code, communes: inDb.size, mappingRows: all.length, rowsWithoutOldCode: all.length - mappings.length,
      communesWithoutMapping: [...inDb].filter((c) => !mapped.has(c)).length,
      mappingCodesMissing: [...mapped].filter((c) => !inDb.has(c)).length,
      loaded: r.loaded, oldProvinces: r.provinces, districts: r.districts, oldCommunes: r.communes, cells: r.cells,
      ms: Math.round(performance.now() - t),
    };
    out.push(row);
    const done = (await database.pool.query(`SELECT 1 FROM audit_events WHERE action = 'bench.national_history' AND entity_id = $1 LIMIT 1`, [p.id])).rowCount;
    if (people && !done) {
      const t2 = performance.now();
      const made = await database.db.transaction(async (tx) => {
        const m = { ...(await applyPeopleHistory(tx, p.id)), ...(await seedReviewHistory(tx, p.id)) };
        await recordAudit(tx, systemActor('bench'), { action: 'bench.national_history', entityType: 'unit', entityId: p.id, unitPath: p.path, after: m });
        return m;
      });
      row.years = { ...made, ms: Math.round(performance.now() - t2) };
      log(`history ${p.code}: five years in ${(row.years.ms / 1000).toFixed(1)} s — ${JSON.stringify(made)}`);
    }
    log(`history ${p.code}: ${r.loaded ? `loaded in ${(row.ms / 1000).toFixed(1)} s — ${r.provinces} old provinces, ${r.districts} districts, ${r.communes} old communes, ${r.cells} cells` : 'already loaded'}; ` +
      `${row.communes} communes, ${row.mappingRows} mapping rows (${row.rowsWithoutOldCode} without an old code, left out), ${row.communesWithoutMapping} communes unmapped, ${row.mappingCodesMissing} mapped codes missing`);
  }
  const loaded = out.filter((r) => r.loaded);
  if (loaded.length || out.some((r) => r.years)) await database.pool.query('ANALYZE');
  const totalMs = Math.round(performance.now() - started);
  const sum = (k: keyof ProvinceHistory, rows = loaded) => rows.reduce((s, r) => s + (r[k] as number), 0);
  log(`history: ${loaded.length} of ${out.length} provinces loaded in ${(totalMs / 1000).toFixed(0)} s — ${sum('oldProvinces')} old provinces, ${sum('districts')} districts, ${sum('oldCommunes')} old communes, ${sum('cells')} cells; ` +
    `mapping rows without an old code left out: ${sum('rowsWithoutOldCode', out)} of ${sum('mappingRows', out)}; communes without a predecessor: ${sum('communesWithoutMapping', out)}`);
  return { provinces: out, totalMs };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: npx tsx bench/national-history.ts <database url>');
    process.exit(2);
  }
  const database = openDatabase(url, 2);
  try {
    await loadNationalHistory(database);
  } finally {
    await database.close();
  }
}
