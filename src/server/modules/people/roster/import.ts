// Roster import jobs: read and check the whole workbook, applying it all-or-nothing in one transaction.
// The job row (import_jobs) carries the progress the UI polls and the first problems found; it is written
// outside the transaction so progress is visible while the transaction runs.
import fs from 'node:fs/promises';
import path from 'node:path';
import { newWorkbook, workbookBuffer } from '../../../platform/excel.js';
import { eq, inArray } from 'drizzle-orm';
import { todayIso } from '../../../../domain/dates.js';
import { allowed, authorize, type Actor } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/index.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { databaseFailure } from '../../../platform/db-errors.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { findUnit, latestPaths, unitsAt, unitWhere, type UnitRow } from '../../org/tree.js';
import { importJobs } from './schema.js';
import { notify } from '../../../platform/notifications/notify.js';
import { personPolicy } from '../policy.js';
import { rosterColumns } from './columns.js';
import { streamRoster, type RowProblem } from './import-read.js';
import { rosterProblemPlace, rosterProblemText, rosterProblemTexts, fillTemplate, type RosterLang } from '../../../../domain/roster-problems.js';
import { emptyPlan, RosterChecker, type Plan } from './import-check.js';
import { applyHoldings, applyPeople } from './import-apply.js';
import { openTransaction, type OpenTransaction } from './transaction.js';

export type { RowProblem } from './import-read.js';
export { NOT_XLSX } from './import-read.js';

/** How many problems the job row keeps (the count is always exact). */
export const STORED_ERRORS = 500;
/**
 * Rows checked and written together: large enough for few round trips, small enough to keep memory flat. 2,500
 * rather than 5,000: for 100,000 rows the peak RSS went from 473–482 to 415–424 MiB for ~2 s more (docs/benchmarks.md).
 */
export const IMPORT_BATCH = 2500;
const QUEUED = 3;

type JobRow = typeof importJobs.$inferSelect;
export interface ImportJob {
  id: string;
  unitId: string;
  fileName: string;
  status: JobRow['status'];
  total: number;
  processed: number;
  created: number;
  updated: number;
  errorCount: number;
  errors: RowProblem[];
}

export const presentJob = (j: JobRow): ImportJob => ({
  id: j.id,
  unitId: j.unitId,
  fileName: j.fileName,
  status: j.status,
  total: j.total,
  processed: j.processed,
  created: j.created,
  updated: j.updated,
  errorCount: j.errorCount,
  errors: j.errors,
});

export const INTERRUPTED = 'The import was interrupted (the server stopped while it ran); nothing was changed. Import the file again.';

/**
 * At start, before any request: a job still "validating" or "applying" was running in a process that is gone
 * (its transaction rolled back with it), so it failed — said so on the job, instead of showing progress forever.
 * chibo runs one server process per database; its uploaded files were swept too (platform/uploads.ts).
 */
export async function failInterruptedImports(db: Db): Promise<number> {
  const failed = await db
    .update(importJobs)
    .set({ status: 'failed', errorCount: 1, errors: [{ row: 0, column: '', code: 'interrupted', message: INTERRUPTED }], finishedAt: new Date() })
    .where(inArray(importJobs.status, ['validating', 'applying']))
    .returning({ id: importJobs.id });
  return failed.length;
}

/** The current unit the actor may import into (404 outside their branch, 403 when not allowed). */
export async function authorizeRosterImport(db: Db, actor: Actor, unitId: string): Promise<UnitRow> {
  const today = todayIso();
  const unit = await findUnit(db, unitId, today);
  if (!unit || (unit.validTo && unit.validTo <= today) || unit.versionFrom > today) throw notFound('Unit');
  authorize(personPolicy, actor, 'roster.import', { path: unit.path }, 'Unit');
  return unit;
}

/** Creates the job and runs it in the background (not awaited); the uploaded file is deleted afterwards. */
export async function startRosterImport(
  deps: { database: { db: Db } },
  actor: Actor,
  input: { unitId: string; fileName: string; filePath: string },
): Promise<ImportJob> {
  const db = deps.database.db;
  const removeFile = () => fs.rm(input.filePath, { force: true }).catch(() => {});
  let unit: UnitRow;
  let job: JobRow;
  try {
    unit = await authorizeRosterImport(db, actor, input.unitId);
    [job] = await db.insert(importJobs).values({ unitId: unit.id, userId: actor.userId, fileName: input.fileName, status: 'validating' }).returning();
  } catch (err) {
    await removeFile();
    throw err;
  }
  void runRosterImport(db, actor, job, input.filePath, unit).finally(removeFile);
  return presentJob(job);
}

const columnOrder = new Map(rosterColumns.map((c, i) => [c.header, i]));
const byPosition = (a: RowProblem, b: RowProblem) => a.row - b.row || (columnOrder.get(a.column) ?? 99) - (columnOrder.get(b.column) ?? 99);

/** Runs a job to its end (done, invalid or failed) and returns it; never throws for a bad file. */
export async function runRosterImport(db: Db, actor: Actor, job: Pick<JobRow, 'id' | 'unitId' | 'fileName'>, filePath: string, unit?: UnitRow): Promise<ImportJob> {
  return (await executeImport(db, actor, job, filePath, unit)).job;
}

/**
 * Reads the file in batches; each batch is checked and, while the file has shown no problem, written at once in
 * the import's transaction, so the database writes one batch while the next is read. The first problem rolls the
 * transaction back (nothing was committed); the rest of the file is still checked, so every problem is reported.
 */
async function executeImport(db: Db, actor: Actor, job: Pick<JobRow, 'id' | 'unitId' | 'fileName'>, filePath: string, knownUnit?: UnitRow, batchSize = IMPORT_BATCH) {
  // The one who started the import is told it finished (they may have left the page): once per job.
  let where: UnitRow | undefined = knownUnit;
  const importFinished = (exec: Db, result: Record<string, string | number>) =>
    actor.userId && where
      ? notify(exec, { topic: 'import.finished', recipients: [actor.userId], sourceId: job.id, groupKey: `import:${job.id}`, params: { unit: where.name, ...result }, link: '/import', unitPath: where.path })
      : Promise.resolve(0);
  const set = async (patch: Partial<typeof importJobs.$inferInsert>) => {
    const [row] = await db.update(importJobs).set(patch).where(eq(importJobs.id, job.id)).returning();
    return presentJob(row);
  };
  const today = todayIso();
  // Set inside callbacks, so kept in an object (TypeScript does not see closures assign a plain variable).
  const open: { tx: OpenTransaction | null; checker: RosterChecker | null; failed: boolean } = { tx: null, checker: null, failed: false };
  const rollback = async () => {
    const tx = open.tx;
    open.tx = null;
    await tx?.rollback();
  };
  // Batches are checked one after another and written one after another, a check running while the batch
  // before it is written and the reader running ahead by at most QUEUED batches (memory stays flat).
  let lastCheck: Promise<unknown> = Promise.resolve();
  let lastWrite: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  // Progress is written beside the work, never waited for by the reader; one update at a time.
  let progress: Promise<unknown> | null = null;
  try {
    const unit = knownUnit ?? (await authorizeRosterImport(db, actor, job.unitId));
    where = unit;
    const problems: RowProblem[] = [];
    const ctx = { actor, today, jobId: job.id, fileName: job.fileName };
    const holdings = emptyPlan();
    const tally = { created: 0, updated: 0 };
    const write = async (plan: Plan) => {
      if (problems.length || open.failed) return rollback();
      open.tx ??= await openTransaction(db);
      await applyPeople(open.tx, plan, ctx);
      tally.created += plan.creates.length;
      tally.updated += plan.updates.length;
      holdings.positions.push(...plan.positions);
      holdings.posts.push(...plan.posts);
      holdings.laptops.push(...plan.laptops);
    };
    const read = await streamRoster(filePath, {
      problems,
      batchSize,
      onRows: (n) => {
        progress ??= set({ processed: n, total: n })
          .catch(() => {}) // progress is a courtesy: a lost update must not fail the import
          .finally(() => (progress = null));
      },
      onBatch: async (rows, present) => {
        if (queued.length >= QUEUED) await queued.shift();
        open.checker ??= await RosterChecker.open(db, unit, present, today, problems);
        const checker = open.checker;
        const plan = lastCheck.then(() => checker.check(rows));
        lastCheck = plan.catch(() => {}); // a failed check fails its write, and every write after it
        lastWrite = Promise.all([lastWrite, plan]).then(([, p]) => write(p));
        lastWrite.catch(() => {}); // awaited by a later batch or at the end
        queued.push(lastWrite);
      },
    });
    await lastWrite;
    await progress;
    open.checker?.finish();
    const total = read.rows;
    // Only a file without rows (bad header, not a workbook) has problems and no checked row.
    if (problems.length || !open.checker) {
      await rollback();
      problems.sort(byPosition);
      // Told before the job reads as finished: whoever sees it finished finds the notification too.
      await importFinished(db, { status: 'invalid', errors: problems.length });
      const final = await set({ status: 'invalid', total, processed: total, errorCount: problems.length, errors: problems.slice(0, STORED_ERRORS), finishedAt: new Date() });
      return { job: final, problems };
    }
    await set({ status: 'applying', total, processed: total });
    const tx = (open.tx ??= await openTransaction(db));
    await applyHoldings(tx.tx, holdings, today);
    await recordAudit(tx.tx, actor, {
      action: 'roster.import', entityType: 'import_job', entityId: job.id, unitPath: unit.path,
      after: { fileName: job.fileName, unitId: unit.id, total, created: tally.created, updated: tally.updated },
    });
    await importFinished(tx.tx, { status: 'done', created: tally.created, updated: tally.updated });
    // The job reads "done" in the same commit as its rows: a crash between the two would leave the rows in and the
    // job failed "interrupted" at the next start (the crash suite found that window).
    const [doneRow] = await tx.tx
      .update(importJobs)
      .set({ status: 'done', processed: total, created: tally.created, updated: tally.updated, finishedAt: new Date() })
      .where(eq(importJobs.id, job.id))
      .returning();
    open.tx = null;
    await tx.commit();
    return { job: presentJob(doneRow), problems: [] as RowProblem[] };
  } catch (err) {
    open.failed = true;
    await Promise.all([lastWrite.catch(() => {}), progress]);
    await rollback().catch(() => {});
    const problems = [{ row: 0, column: '', ...describeFailure(err) }];
    await importFinished(db, { status: 'failed', errors: 1 }).catch(() => {});
    const final = await set({ status: 'failed', errorCount: 1, errors: problems, finishedAt: new Date() }).catch(() => null);
    return { job: final ?? { ...job, status: 'failed' as const, total: 0, processed: 0, created: 0, updated: 0, errorCount: 1, errors: problems }, problems };
  }
}

/** The problem a failed import reports: a race the database refused (by its constraint), another refusal, or a crash. */
function describeFailure(err: unknown): { code: string; message: string } {
  const constraint = databaseFailure(err)?.constraint;
  const changed = 'The registry changed while the file was being checked';
  const byConstraint: Record<string, { code: string; message: string }> = {
    people_cccd_key: { code: 'changed_cccd', message: `${changed}: a citizen ID (CCCD) of the file now belongs to another person. Import the file again.` },
    people_party_card_no_key: { code: 'changed_party_card', message: `${changed}: a party card number of the file now belongs to another person. Import the file again.` },
    memberships_one_at_a_time: { code: 'changed_membership', message: `${changed}: a person's cell membership changed. Import the file again.` },
    position_terms_one_secretary: { code: 'changed_secretary', message: `${changed}: a cell got a secretary. Import the file again.` },
  };
  if (constraint && byConstraint[constraint]) return byConstraint[constraint];
  // A race lost to another transaction (deadlock, serialization) is said as such: try again, not "unexpected".
  if (['40001', '40P01'].includes(databaseFailure(err)?.code ?? '')) return { code: 'changed_concurrently', message: `${changed} at the same moment. Import the file again.` };
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'The import failed unexpectedly; nothing was changed. Try again or contact the administrator.' };
}

/** An import the CLI could not do: the file's problems, kept with their codes so the command can say them in its language. */
export class RosterImportRefused extends AppError {
  constructor(code: 'import_invalid' | 'internal', message: string, readonly problems: RowProblem[]) {
    super(code, message, code === 'import_invalid' ? problems.map((p) => ({ path: p.row ? `row ${p.row} / ${p.column}` : p.column || 'file', message: p.message, code: p.code })) : undefined);
  }

  /** The problems as lines of text in a language ("Dòng 3, cột «Ngày sinh»: …"), at most `limit`, then how many more. */
  lines(lang: RosterLang, limit = 200): string[] {
    const out = this.problems.slice(0, limit).map((p) => `${rosterProblemPlace(p, lang)}: ${rosterProblemText(p, lang)}`);
    if (this.problems.length > limit) out.push(fillTemplate(rosterProblemTexts[lang].more_problems, { count: this.problems.length - limit }, lang)!);
    return out;
  }
}

/** For the CLI: imports a file into the current unit with this code; throws import_invalid listing every problem. */
export async function importRosterFile(
  db: Db,
  actor: Actor,
  input: { unitCode: string; filePath: string; /** rows a batch; tests make it small to cross batch boundaries */ batchSize?: number },
): Promise<{ created: number; updated: number }> {
  const today = todayIso();
  const units = await unitsAt(db, today, unitWhere.code(input.unitCode));
  const unit = units.find((u) => !u.validTo || u.validTo > today) as UnitRow | undefined;
  if (!unit) throw new AppError('not_found', `No current unit has the code ${input.unitCode}`);
  authorize(personPolicy, actor, 'roster.import', { path: unit.path }, 'Unit');
  const [job] = await db.insert(importJobs).values({ unitId: unit.id, userId: actor.userId, fileName: path.basename(input.filePath), status: 'validating' }).returning();
  const { job: result, problems } = await executeImport(db, actor, job, input.filePath, unit, input.batchSize);
  if (result.status === 'invalid') throw new RosterImportRefused('import_invalid', `The file has ${problems.length} problem(s); nothing was imported`, problems);
  if (result.status === 'failed') throw new RosterImportRefused('internal', problems[0]?.message ?? 'The import failed', problems);
  return { created: result.created, updated: result.updated };
}

/** The job, if the actor started it or may import into its unit; otherwise 404. */
export async function getImportJob(db: Db, actor: Actor, id: string): Promise<ImportJob> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  if (!job) throw notFound('Import');
  if (actor.userId && job.userId === actor.userId) return presentJob(job);
  const unit = (await latestPaths(db, [job.unitId])).get(job.unitId);
  if (!unit || !allowed(personPolicy, actor, 'roster.import', { path: unit.path })) throw notFound('Import');
  return presentJob(job);
}

const workbookHeaders = {
  vi: { sheet: 'Lỗi', row: 'Dòng', column: 'Cột', message: 'Lỗi', code: 'Mã lỗi' },
  en: { sheet: 'Problems', row: 'Row', column: 'Column', message: 'Problem', code: 'Code' },
} as const;

/** Every problem the job kept, as a workbook in the reader's language: row, column, what is wrong and what to do, code. */
export async function errorsWorkbook(job: ImportJob, lang: RosterLang = 'vi'): Promise<Buffer> {
  const h = workbookHeaders[lang];
  const wb = await newWorkbook();
  wb.creator = 'chibo';
  const ws = wb.addWorksheet(h.sheet);
  ws.columns = [
    { header: h.row, key: 'row', width: 8 },
    { header: h.column, key: 'column', width: 26 },
    { header: h.message, key: 'message', width: 100 },
    { header: h.code, key: 'code', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const e of job.errors) ws.addRow({ row: e.row || null, column: e.column, message: rosterProblemText(e, lang), code: e.code });
  ws.getColumn('message').alignment = { wrapText: true, vertical: 'top' };
  if (job.errorCount > job.errors.length) {
    ws.addRow({});
    ws.addRow({ message: fillTemplate(rosterProblemTexts[lang].more_problems, { count: job.errorCount - job.errors.length }, lang) });
  }
  return workbookBuffer(wb);
}
