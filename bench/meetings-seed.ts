// The meetings demo seed alone, step by step, on a database that already holds the demo province: its meeting
// tables are emptied first (a DEVELOPMENT database only — it deletes every meeting), then seedMeetingsDemo runs
// with its laps printed, then (BENCH_CHECK=1) its counts and node totals are compared with a full refresh's.
//
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/meetings-seed.ts      # BENCH_RUNS=2 to repeat
import { sql } from 'drizzle-orm';
import { todayIso } from '../src/domain/dates.js';
import { openDatabase } from '../src/server/platform/db/index.js';
import { seedMeetingsDemo } from '../src/server/modules/meetings/demo.js';
import { childIds } from '../src/server/modules/org/tree.js';
import { uptime } from './common.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL (a development database with the demo province) is required');
const database = openDatabase(url, 2);
const db = database.db;
// BENCH_NOTICES=1 prints the server's notices (auto_explain's plans, where the role has it: ALTER ROLE … SET).
if (process.env.BENCH_NOTICES === '1')
  (db as unknown as { $client: import('pg').Pool }).$client.on('connect', (c) => c.on('notice', (n) => console.log(n.message)));
const runs = Number(process.env.BENCH_RUNS ?? 1);
const [{ id: provinceId }] = (await db.execute<{ id: string }>(sql`SELECT v.unit_id AS id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'province' AND v.valid_to IS NULL ORDER BY v.path LIMIT 1`)).rows;
const communeIds = await childIds(db, provinceId, todayIso());
for (let r = 0; r < runs; r++) {
  await db.execute(sql`TRUNCATE cell_meetings, meeting_attendance, meeting_action_items, meeting_cell_days, meeting_node_days CASCADE`);
  console.log(`run ${r + 1}, uptime: ${uptime()}`);
  const made = await seedMeetingsDemo(db, { provinceId, communeIds, log: (m) => console.log(`  ${m}`) });
  console.log(`  made ${JSON.stringify(made)}`);
  if (process.env.BENCH_CHECK === '1') {
    const snap = async () => (await db.execute(sql`SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS h, count(*)::int AS n FROM (SELECT * FROM meeting_cell_days) x
      UNION ALL SELECT md5(string_agg(y::text, ',' ORDER BY y::text)), count(*)::int FROM (SELECT * FROM meeting_node_days) y`)).rows;
    const seeded = await snap();
    await db.execute(sql`TRUNCATE meeting_cell_days, meeting_node_days`);
    const t = Date.now();
    await db.execute(sql`SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items))`);
    const refreshed = await snap();
    console.log(`  full refresh ${Date.now() - t} ms; seeded ${JSON.stringify(seeded)} refresh ${JSON.stringify(refreshed)} ${JSON.stringify(seeded) === JSON.stringify(refreshed) ? 'EQUAL' : 'DIFFERENT'}`);
  }
}
await database.close();
