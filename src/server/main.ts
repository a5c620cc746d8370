// The `chibo` command line: start, migrate, seed, import, export, history, users, audit.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { buildApp } from './app.js';
import { systemActor } from './platform/access.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import { loadConfig, type Config } from './platform/config.js';
import { embeddedInitialised, StartupError } from './platform/db/embedded.js';
import { replicaName } from './platform/db/replicas.js';
import { webBuildStale } from './platform/web-build.js';
import { AppError } from './platform/errors.js';
import { BackupError } from './platform/backup/logical.js';
import { openRuntime, stopOnSignal, type Runtime } from './platform/runtime.js';
import { sweepUploads } from './platform/uploads.js';
import { childIds, unitCount, unitIdByCode } from './modules/org/tree.js';
import type { DemoWorker } from './modules/demo/worker.js';
import { todayIso } from '../domain/dates.js';
import { Role } from '../domain/enums.js';

/** A failure the command has already explained in its own words: exit 1 without more. */
class Reported extends Error {}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function withRuntime<T>(fn: (rt: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Beside a running `chibo start` on the same data directory, a command uses its database server.
  const rt = await openRuntime(config, { attach: true });
  try {
    return await fn(rt, config);
  } finally {
    await rt.stop();
  }
}

/** Builds the web app when its output is missing or older than its sources (a fresh clone, a pull). */
async function ensureWebBuilt(log: (m: string) => void) {
  if (!webBuildStale(repoRoot)) return;
  log('Building the web app…');
  const { build } = await import('vite');
  // A production build whatever NODE_ENV this process inherited: under vitest (NODE_ENV=test, the e2e harness's
  // `chibo start`) Vite and the React plugin otherwise ship React's development runtime (jsx-dev-runtime, ~35 KB
  // gzipped more on the first load, and React's slower development checks).
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

async function isEmpty(rt: Runtime) {
  return (await unitCount(rt.database.db)) === 0;
}

async function seed(rt: Runtime, config: Config, source?: DemoWorker) {
  const { seedDemo } = await import('./modules/demo/seed.js');
  const started = Date.now();
  // CHIBO_START_PHASES=1 prints each step of the seeds with its time (where the fresh start goes: docs/benchmarks.md).
  const log = process.env.CHIBO_START_PHASES === '1' ? (m: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`) : undefined;
  const result = await seedDemo(rt.database.db, { seed: config.demoSeed, source, log });
  console.log(`Seeded the demo province in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result.counts)}`);
  // Each module's own demo (documents, meetings, …) on the province just made. They are independent of each other
  // (each reads only the registry's rows and writes its own tables, in its own transaction), so two run at once:
  // the database does the work, on two cores — the fresh start's longest step (issue 16's goal: ≤ 20 s).
  const { modules } = await import('./modules/index.js');
  const ctx = { provinceId: result.provinceId, communeIds: await childIds(rt.database.db, result.provinceId, todayIso()), log };
  const pending = modules.filter((m) => m.demo);
  const lane = async () => {
    for (let m = pending.shift(); m?.demo; m = pending.shift()) {
      const t = Date.now();
      const made = await m.demo(rt.database.db, ctx);
      console.log(`Seeded the demo ${m.name} in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(made)}`);
    }
  };
  await Promise.all([lane(), lane()]);
  return result;
}

function printLogins(logins: { role: string; username: string; password: string; unitName: string }[]) {
  if (logins.length === 0) return; // no demo account still has the demo password
  console.log('\nDemo sign-ins (password for all: ' + (logins[0]?.password ?? '') + '):');
  for (const l of logins) console.log(`  ${l.username.padEnd(14)} ${l.role.padEnd(20)} ${l.unitName}`);
}

const program = new Command('chibo').description('Party cells, secretaries and members — the chibo server and tools');

program
  .command('start')
  .description('migrate, seed the demo province on a first run, and serve the API and the web app')
  .action(async () => {
    const config = loadConfig();
    const started = Date.now();
    // A fresh embedded database gets the demo: its rows are generated in a worker thread meanwhile (initdb, start,
    // migrations), and the seed's module is loaded in the meantime too.
    let demo: DemoWorker | undefined;
    if (!config.databaseUrl && !embeddedInitialised(config.dataDir)) {
      demo = (await import('./modules/demo/worker.js')).startDemoWorker({ seed: config.demoSeed });
      import('./modules/demo/seed.js').catch(() => {}); // failures surface when seed() imports it
    }
    await ensureWebBuilt(console.log);
    const rt = await openRuntime(config);
    let logins: Awaited<ReturnType<typeof seed>>['logins'] | undefined;
    if (await isEmpty(rt)) logins = (await seed(rt, config, demo)).logins;
    else {
      await demo?.stop();
      const { demoLogins } = await import('./modules/demo/logins.js');
      logins = await demoLogins(rt.database.db);
    }
    await sweepUploads(config.dataDir); // what a crash left behind; no request is served yet
    const { failInterruptedImports } = await import('./modules/people/roster/import.js');
    const interrupted = await failInterruptedImports(rt.database.db);
    if (interrupted) console.log(`${interrupted} import(s) interrupted by the last stop marked failed.`);
    const app = await buildApp({ config, database: rt.database });
    const { scheduleBackups } = await import('./platform/backup/schedule.js');
    const stopBackups = scheduleBackups({
      at: config.backup.at,
      keep: config.backup.keep,
      dir: config.backup.dir,
      url: rt.databaseUrl,
      embeddedDataDir: rt.embedded && config.backup.walArchive ? config.dataDir : undefined,
      log: (m) => app.log.info(m),
    });
    stopOnSignal(app, rt, async () => stopBackups());
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      // The port is taken (say): stop the database server this start began, rather than leave it running.
      await app.close().catch(() => {});
      await rt.stop();
      throw err;
    }
    const where = rt.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'the PostgreSQL server of DATABASE_URL';
    console.log(`\nchibo is running at http://${config.host}:${config.port} (data: ${where}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`API docs: http://${config.host}:${config.port}/api/docs`);
    const replicas = config.databaseReplicaUrls.map(replicaName).join(', ');
    console.log(replicas ? `Read replicas (DATABASE_REPLICA_URL): ${replicas} — the dashboard and roster exports read there` : 'Read replicas: none (set DATABASE_REPLICA_URL to offload the dashboard and exports)');
    if (logins?.length) printLogins(logins);
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => withRuntime(async () => console.log('Migrations applied.')));

program
  .command('seed')
  .description('load the demo province into an empty database')
  .option('--demo', 'the demo province (Tuyên Quang)', true)
  .action(() =>
    withRuntime(async (rt, config) => {
      if (!(await isEmpty(rt))) throw new AppError('conflict', 'The database already holds units; the demo seed only loads into an empty database');
      printLogins((await seed(rt, config)).logins);
    }),
  );

const imports = program.command('import').description('import data from files');
imports
  .command('people <file>')
  .description('import a roster (.xlsx) into a unit; all-or-nothing')
  .requiredOption('--unit <code>', 'code of the commune or cell the roster belongs to')
  .option('--lang <vi|en>', 'language of the messages (default: CHIBO_LANG, else vi)')
  .action((file: string, opts: { unit: string; lang?: string }) =>
    withRuntime(async (rt) => {
      const { importRosterFile, RosterImportRefused } = await import('./modules/people/roster/import.js');
      const lang = (opts.lang ?? process.env.CHIBO_LANG) === 'en' ? 'en' : 'vi';
      try {
        const result = await importRosterFile(rt.database.db, systemActor('cli'), { unitCode: opts.unit, filePath: path.resolve(file) });
        console.log(lang === 'en' ? `Imported: ${result.created} created, ${result.updated} updated.` : `Đã nhập: ${result.created} thêm mới, ${result.updated} cập nhật.`);
      } catch (err) {
        if (!(err instanceof RosterImportRefused)) throw err;
        const n = err.problems.length;
        if (err.code === 'import_invalid') console.error(lang === 'en' ? `The file has ${n} problem(s); nothing was imported:` : `Tệp có ${n} lỗi; chưa nhập dòng nào:`);
        for (const line of err.lines(lang)) console.error(`  ${line}`);
        throw new Reported();
      }
    }),
  );

const exports = program.command('export').description('export data to files');
exports
  .command('people <file>')
  .description('export the members of a unit and everything under it (.xlsx)')
  .requiredOption('--unit <code>', 'code of the unit')
  .option('--date <yyyy-mm-dd>', 'as of this date', todayIso())
  .action((file: string, opts: { unit: string; date: string }) =>
    withRuntime(async (rt) => {
      const { exportRosterToFile } = await import('./modules/people/roster/export.js');
      const result = await exportRosterToFile(rt.database.db, systemActor('cli'), { unitCode: opts.unit, filePath: path.resolve(file), date: opts.date });
      console.log(`Exported ${result.rows ?? ''} people to ${file}.`);
    }),
  );

const historyCmd = program.command('history').description('the tree before the 2025 reform');
historyCmd
  .command('load')
  .description('load the old provinces, districts and communes of a new province from the official mapping (ward_mappings), and the reform of 1 July 2025 as dated events; safe to run twice')
  .requiredOption('--province <code>', 'official 2-digit code of the new province, e.g. 08')
  .option('--from <yyyy-mm-dd>', 'the day the old tree begins', '2020-01-01')
  .action((opts: { province: string; from: string }) =>
    withRuntime(async (rt) => {
      const { loadReformHistory } = await import('./modules/org/reform.js');
      const started = Date.now();
      const r = await loadReformHistory(rt.database.db, systemActor('cli'), { provinceCode: opts.province, from: opts.from });
      const took = ((Date.now() - started) / 1000).toFixed(1);
      if (!r.loaded) console.log(`The history of province ${opts.province} is already loaded; nothing changed.`);
      else console.log(`Loaded in ${took} s: ${r.provinces} old provinces, ${r.districts} districts, ${r.communes} communes; ${r.cells} cells moved to their new commune on 01/07/2025.${r.skippedRows ? ` ${r.skippedRows} row(s) of the official mapping name no old commune and were left out.` : ''}`);
    }),
  );

const usersCmd = program.command('users').description('manage accounts');
usersCmd
  .command('create')
  .requiredOption('--username <name>')
  .requiredOption('--name <display name>')
  .requiredOption('--role <role>', Role.options.join(' | '))
  .requiredOption('--unit <code>', 'code of the unit the role applies to')
  .requiredOption('--password <password>')
  .action((opts: { username: string; name: string; role: string; unit: string; password: string }) =>
    withRuntime(async (rt) => {
      const role = Role.parse(opts.role);
      const unitId = await unitIdByCode(rt.database.db, opts.unit);
      if (!unitId) throw new AppError('not_found', `No unit with code ${opts.unit}`);
      const { createUser } = await import('./modules/users/service.js');
      const user = await createUser(rt.database.db, systemActor('cli'), { username: opts.username, displayName: opts.name, password: opts.password, role, unitId });
      console.log(`Created ${user.username}.`);
    }),
  );
usersCmd
  .command('reset-password <username>')
  .requiredOption('--password <password>')
  .action((username: string, opts: { password: string }) =>
    withRuntime(async (rt) => {
      const { resetPasswordByUsername } = await import('./modules/users/service.js');
      await resetPasswordByUsername(rt.database.db, { username, password: opts.password });
      console.log(`Password of ${username} reset; their sessions were ended.`);
    }),
  );
usersCmd
  .command('reset-two-factor <username>')
  .description("turn off a user's two-factor sign-in (a lost phone; for accounts no one is above, like the province board)")
  .action((username: string) =>
    withRuntime(async (rt) => {
      const { resetTwoFactorByUsername } = await import('./modules/users/twofactor.js');
      await resetTwoFactorByUsername(rt.database.db, { username });
      console.log(`Two-factor sign-in of ${username} turned off; their sessions were ended.`);
    }),
  );

program
  .command('backup')
  .description('back up the database while chibo serves: every table, from one snapshot (and, with --base, a base backup for point-in-time recovery)')
  .option('--out <dir>', 'where the backup folder goes (default CHIBO_BACKUP_DIR, <data dir>/backups)')
  .option('--base', 'a base backup of the embedded server (data directory + archived WAL: restore to any moment)')
  .action((opts: { out?: string; base?: boolean }) =>
    withRuntime(async (rt, config) => {
      const out = path.resolve(opts.out ?? config.backup.dir);
      if (opts.base) {
        if (!rt.embedded) throw new AppError('validation', 'A base backup is for the embedded server; with DATABASE_URL use your PostgreSQL server\'s own backups for point-in-time recovery');
        const { takeBaseBackup } = await import('./platform/backup/base.js');
        const { dir } = await takeBaseBackup(rt.databaseUrl, config.dataDir, out);
        console.log(`Base backup written to ${dir}; WAL is archived in ${path.join(config.dataDir, 'wal-archive')} from now on.`);
      } else {
        const { backupDatabase } = await import('./platform/backup/logical.js');
        const { dir, manifest } = await backupDatabase(rt.databaseUrl, out);
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`Backup written to ${dir}: ${manifest.tables.length} tables, ${rows} rows (migration ${manifest.lastMigration}).`);
      }
    }),
  );

program
  .command('restore <backup>')
  .description('restore a backup folder: a logical one (chibo-…) replaces the database; a base one (base-…) replays archived WAL up to --to')
  .option('--to <moment>', 'base backups: the moment to recover to, e.g. "2026-12-06 09:15:00+07"')
  .option('--force', 'logical backups: restore even while other sessions use the database')
  .action(async (backup: string, opts: { to?: string; force?: boolean }) => {
    const config = loadConfig();
    const dir = path.resolve(backup);
    const { BASE_MANIFEST, restoreBaseBackup } = await import('./platform/backup/base.js');
    if ((await import('node:fs')).existsSync(path.join(dir, BASE_MANIFEST))) {
      if (config.databaseUrl) throw new AppError('validation', 'A base backup restores the embedded server; DATABASE_URL is set');
      const to = opts.to ? new Date(opts.to) : undefined;
      if (to && Number.isNaN(to.getTime())) throw new AppError('validation', `Not a moment: ${opts.to} (expected e.g. "2026-12-06 09:15:00+07")`);
      const { keptAs } = await restoreBaseBackup(config.dataDir, dir, { to });
      console.log(`Restored ${to ? `to ${to.toISOString()}` : 'to the end of the archived WAL'}. The previous data directory is kept as ${keptAs}.`);
      return;
    }
    if (opts.to) throw new AppError('validation', '--to needs a base backup (chibo backup --base); a logical backup restores the moment it was taken');
    const { restoreDatabase } = await import('./platform/backup/logical.js');
    const rt = await openRuntime(config, { attach: true, migrate: false });
    try {
      const r = await restoreDatabase(rt.databaseUrl, dir, { force: opts.force });
      console.log(`Restored ${r.tables} tables, ${r.rows} rows from ${dir}. Start chibo to apply any newer migrations.`);
    } finally {
      await rt.stop();
    }
  });

program
  .command('audit')
  .description('audit trail tools')
  .command('verify')
  .description('check the hash chain of the audit trail')
  .action(() =>
    withRuntime(async (rt) => {
      const result = await verifyAuditChain(rt.database.db);
      if (result.ok) console.log(`Audit trail intact: ${result.checked} events verified.`);
      else {
        console.error(`Audit trail BROKEN (${result.problems.length} problems in ${result.checked} events):`);
        for (const p of result.problems.slice(0, 50)) console.error(`  event ${p.seq}: ${p.problem}`);
        process.exitCode = 1;
      }
    }),
  );

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof Reported) {
    // already said
  } else if (err instanceof StartupError || err instanceof BackupError) console.error(err.message);
  else if (err instanceof AppError) {
    console.error(`Error: ${err.message}`);
    for (const f of err.fields?.slice(0, 200) ?? []) console.error(`  ${f.path}: ${f.message}`);
  } else console.error(err);
  process.exit(1);
});
