// The early-warning list of a province and of a commune: listWarnings (every registered signal, the policy, last
// week's comparison; supervision's signals read the cases' signal view and the registry's the figure segments, both
// kept by triggers) against a raw-SQL baseline measured in the same run — the plain statement of the same
// "reports in the window" signal over the same branch and day (the ground-truth test's reference). The list is
// measured computed (nothing kept: as the first read after a write in the province) and kept (read again with
// nothing written since, warnings/kept.ts). Supervision
// cases are planted first over every cell (a stable hash per cell: most cells none, some a pile-up).
//
//   npx tsx bench/warnings.ts                          # the demo province (seeded into a fresh embedded PostgreSQL)
//   BENCH_SCALE=national npx tsx bench/warnings.ts     # the national dataset (bench/national.ts, COPY)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/warnings.ts
//
// At national scale the meetings signals read the year of meetings of bench/national-meetings.ts (seeded first where
// missing); the review and congress signals read what bench/national-history.ts put there (run figures.ts with
// BENCH_HISTORY=1 first); the run logs how many rows each signal's source holds.
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../src/server/platform/access.js';
import { modules } from '../src/server/modules/index.js';
import { markWrite } from '../src/server/platform/audit/audit.js';
import { forgetKept } from '../src/server/modules/warnings/kept.js';
import { listWarnings } from '../src/server/modules/warnings/list.js';
import { benchDatabase, benchDir, logger, SCALE, uptime } from './common.js';
import { seedNationalMeetings } from './national-meetings.js';

const log = logger('warnings');
const N = Number(process.env.BENCH_N ?? 60);
const providers = modules.flatMap((m) => m.signals ?? []);

function stat(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100;
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: q(1) };
}

async function measure(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  const s = stat(ms);
  log(`${label}: p50 ${s.p50} ms, p95 ${s.p95} ms (n=${s.n})`);
  return s;
}

const today = new Date().toISOString().slice(0, 10);
const days = Array.from({ length: 20 }, (_, i) => new Date(Date.now() - i * 9 * 86_400_000).toISOString().slice(0, 10));

async function main() {
  const started = new Date();
  const before = uptime();
  log(`scale ${SCALE}; ${before}`);
  const { database, setup, cleanup } = await benchDatabase(log);
  try {
    if (SCALE === 'national' && process.env.BENCH_SEED !== '0') await seedNationalMeetings(database, log);
    // Plant cases: per cell a stable hash decides 0 (most), 1–2 (noise) or 3–6 (a pile-up) reports in the last 200 days.
    const t0 = performance.now();
    await database.pool.query(`DELETE FROM supervision_transitions; DELETE FROM supervision_attachments; DELETE FROM supervision_messages; DELETE FROM supervision_cases`);
    await database.pool.query(`
      WITH cells AS (
        SELECT v.unit_id, v.parent_id, ('x' || substr(md5(v.unit_id::text), 1, 8))::bit(32)::int AS h
        FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'cell' AND v.valid_to IS NULL),
      planted AS (
        SELECT c.unit_id, c.parent_id, g AS k, c.h FROM cells c
        CROSS JOIN LATERAL generate_series(1, CASE WHEN abs(c.h) % 20 = 0 THEN 3 + abs(c.h) % 4 WHEN abs(c.h) % 5 = 0 THEN 1 + abs(c.h) % 2 ELSE 0 END) g)
      INSERT INTO supervision_cases (category, subject, cell_id, route, handling_unit_id, content, anonymous, status, received_on, acknowledge_by, conclude_by, receipt_lookup, receipt_hash)
      SELECT 'complaint', 'village', unit_id, 'commune', parent_id, 'Phản ánh', true, 'received', current_date - ((abs(h) + k * 37) % 200), current_date + 10, current_date + 90,
             md5(unit_id::text || k), 'x'
      FROM planted`);
    await database.pool.query(`INSERT INTO supervision_transitions (case_id, seq, to_status, "on") SELECT id, 1, 'received', received_on FROM supervision_cases`);
    await database.pool.query('ANALYZE');
    const { rows: [counts] } = await database.pool.query(`SELECT count(*)::int AS cases, count(DISTINCT cell_id)::int AS cells FROM supervision_cases`);
    log(`planted ${counts.cases} cases about ${counts.cells} cells in ${Math.round(performance.now() - t0)} ms`);
    // What the other signals read: their sources' row counts
    const { rows: [sources] } = await database.pool.query(`SELECT (SELECT count(*) FROM org_units WHERE kind = 'cell')::int AS cells,
      (SELECT count(*) FROM cell_meetings)::int AS meetings, (SELECT count(*) FROM meeting_action_items)::int AS action_items,
      (SELECT count(*) FROM review_participants)::int AS review_participants, (SELECT count(*) FROM review_decisions)::int AS review_decisions,
      (SELECT count(*) FROM review_complaints)::int AS review_complaints, (SELECT count(*) FROM cell_congresses)::int AS congresses,
      (SELECT count(*) FROM position_terms)::int AS position_terms, (SELECT count(*) FROM training_enrolments)::int AS training_enrolments`);
    log(`signal sources: ${JSON.stringify(sources)}`);

    const { rows: provinces } = await database.pool.query<{ id: string; path: string; name: string }>(
      `SELECT v.unit_id AS id, v.path, v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'province' AND v.valid_to IS NULL ORDER BY md5(v.unit_id::text) LIMIT 5`);
    const { rows: communes } = await database.pool.query<{ id: string; path: string; name: string }>(
      `SELECT v.unit_id AS id, v.path, v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind IN ('commune', 'ward') AND v.valid_to IS NULL ORDER BY md5(v.unit_id::text) LIMIT 20`);
    const actorOn = (u: { id: string; path: string; name: string }, role: 'province_admin' | 'commune_officer'): Actor => ({
      userId: null, name: 'bench', personId: null, ownCellId: null, grants: [{ role, unitId: u.id, unitPath: u.path, unitName: u.name, unitKind: 'x' }],
    });
    const raw = (p: string, day: string) =>
      database.pool.query(
        `WITH s AS (SELECT c.*, (SELECT t.to_status FROM supervision_transitions t WHERE t.case_id = c.id AND t."on" <= $2::date ORDER BY t.seq DESC LIMIT 1) AS st
                    FROM supervision_cases c WHERE c.received_on <= $2::date AND c.received_on > $2::date - 180)
         SELECT s.cell_id, count(*) FROM s JOIN org_unit_versions v ON v.unit_id = s.cell_id AND v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date)
         WHERE v.path LIKE $1 || '%' AND (st IN ('received', 'accepted', 'verifying') OR (st IN ('concluded', 'closed') AND s.conclusion IN ('founded', 'partly_founded')))
         GROUP BY s.cell_id HAVING count(*) >= 3`,
        [p, day],
      );
    const results: Record<string, unknown> = {};
    for (const [level, units, role] of [['province', provinces, 'province_admin'], ['commune', communes, 'commune_officer']] as const) {
      const listed = await listWarnings(database.db, actorOn(units[0], role), providers, { date: today });
      log(`${level} ${units[0].name}: ${listed.items.length} warnings, ${listed.communes.length} communes listed`);
      // Computed: every read asks every signal (nothing kept, as after a write in the province).
      results[`${level}List`] = await measure(`${level} list computed (all signals, last week too)`, N, (i) => {
        forgetKept();
        return listWarnings(database.db, actorOn(units[i % units.length], role), providers, { date: days[i % days.length] });
      });
      // Kept: read again with nothing written in the province since (warnings/kept.ts); each unit and day read once first.
      for (let i = 0; i < units.length * days.length; i++) await listWarnings(database.db, actorOn(units[i % units.length], role), providers, { date: days[i % days.length] });
      results[`${level}ListKept`] = await measure(`${level} list kept (read again, nothing written since)`, N, (i) => listWarnings(database.db, actorOn(units[i % units.length], role), providers, { date: days[i % days.length] }));
      // After one write of a kind in the unit's province (its mark moved as an audited write moves it): only the signals
      // that read that kind are computed again.
      for (const kind of ['meeting', 'supervision', 'person'])
        results[`${level}After_${kind}`] = await measure(`${level} list after a ${kind}.* write in the province`, N, async (i) => {
          const u = units[i % units.length];
          await markWrite(database.db, u.path, kind);
          return listWarnings(database.db, actorOn(u, role), providers, { date: days[i % days.length] });
        });
      results[`${level}Raw`] = await measure(`${level} raw SQL (reports in window only)`, N, (i) => raw(units[i % units.length].path, days[i % days.length]));
    }
    const after = uptime();
    log(after);
    const out = path.join(benchDir, 'out');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `warnings-${SCALE}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ scale: SCALE, started, before, after, setup, counts, sources, results }, null, 2));
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await cleanup();
  }
}

await main();
