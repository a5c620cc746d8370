// Each early-warning signal alone at the demo province (or BENCH_DATABASE_URL's first province), for the day and the
// week before, as the list asks them: one call per day (`evaluate`) against one call for both days (`evaluateDays`,
// when the signal offers it). Sequential, 3 rounds, the median; no load generated.
//
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/warnings-signals.ts
import { modules } from '../src/server/modules/index.js';
import { evaluateDays, shiftDay, type SignalProvider } from '../src/server/platform/signals.js';
import { benchDatabase, logger } from './common.js';

const log = logger('warnings-signals');
const providers: SignalProvider[] = modules.flatMap((m) => m.signals ?? []);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { database, cleanup } = await benchDatabase(log);
try {
  const { rows: [prov] } = await database.pool.query<{ path: string }>(
    `SELECT v.path FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'province' AND v.valid_to IS NULL AND v.name LIKE '%' || $1 || '%' LIMIT 1`, [process.env.BENCH_PROVINCE ?? 'Tuyên Quang']);
  const today = new Date().toISOString().slice(0, 10);
  const dates = [today, shiftDay(today, -7)];
  let sumTwo = 0;
  let sumOne = 0;
  for (const p of providers) {
    const config = p.defaults;
    const two: number[] = [];
    const one: number[] = [];
    let n = 0;
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      const a = await Promise.all(dates.map((date) => p.evaluate(database.db, { path: prov.path, date, config })));
      two.push(performance.now() - t);
      t = performance.now();
      const b = await evaluateDays(p, database.db, { path: prov.path, dates, config });
      one.push(performance.now() - t);
      n = a[0].length;
      if (JSON.stringify(a.map((x) => x.length)) !== JSON.stringify(b.map((x) => x.length))) log(`${p.key}: DIFFERENT counts ${a.map((x) => x.length)} vs ${b.map((x) => x.length)}`);
    }
    sumTwo += median(two);
    sumOne += median(one);
    log(`${p.key.padEnd(34)} ${String(n).padStart(5)} findings  per day ×2: ${median(two).toFixed(1)} ms   both days at once: ${median(one).toFixed(1)} ms`);
  }
  log(`sum: per day ×2 ${sumTwo.toFixed(0)} ms, both days at once ${sumOne.toFixed(0)} ms`);
} finally {
  await cleanup();
}
