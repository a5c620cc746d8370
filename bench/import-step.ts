// One measured step of the import benchmark, in a process of its own so its memory is its own:
//   read   — the bare baseline: ExcelJS's streaming reader over the file, every row and every cell value;
//   import — chibo's roster import (importRosterFile with the system actor) of the file into a unit.
// Started by bench/run.ts (child_process.fork); the step's input comes as JSON in argv[2], the figures go back
// over IPC. RSS is sampled every 50 ms; the kernel's own peak (maxRSS) is reported too.
import ExcelJS from 'exceljs';
import { systemActor } from '../src/server/platform/access.js';
import { openDatabase } from '../src/server/platform/db/index.js';
import { importRosterFile } from '../src/server/modules/people/roster/import.js';

export type StepInput = { kind: 'read'; file: string } | { kind: 'import'; file: string; databaseUrl: string; unitCode: string };

export interface StepOutput {
  kind: StepInput['kind'];
  ms: number;
  rows: number;
  startRssMb: number;
  peakRssMb: number;
  maxRssMb: number;
  /** CPU time of the step's process, all its threads (user + system), in ms. */
  cpuMs: number;
  created?: number;
  updated?: number;
  error?: string;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function readAll(file: string): Promise<number> {
  // The options chibo's reader uses (import-read.ts), without its validation.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== undefined) cells++;
      });
    }
    break; // the first sheet, as the import does
  }
  if (cells === 0) throw new Error('no cell read');
  return rows - 1; // without the header
}

async function main() {
  const input = JSON.parse(process.argv[2]) as StepInput;
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const out: Partial<StepOutput> = { kind: input.kind };
  try {
    if (input.kind === 'read') {
      out.rows = await readAll(input.file);
    } else {
      const database = openDatabase(input.databaseUrl);
      try {
        const r = await importRosterFile(database.db, systemActor('bench'), { unitCode: input.unitCode, filePath: input.file });
        out.created = r.created;
        out.updated = r.updated;
        out.rows = r.created + r.updated;
      } finally {
        await database.close();
      }
    }
  } catch (err) {
    const e = err as { message?: string; fields?: { path: string; message: string }[] };
    const fields = e.fields?.slice(0, 5).map((f) => `${f.path}: ${f.message}`).join('; ');
    out.error = `${e.message ?? String(err)}${fields ? ` — ${fields}${(e.fields?.length ?? 0) > 5 ? ` … (${e.fields?.length} problems)` : ''}` : ''}`;
  }
  out.ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  out.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  out.startRssMb = mb(startRss);
  out.peakRssMb = mb(peak);
  out.maxRssMb = mb(process.resourceUsage().maxRSS * 1024);
  out.rows ??= 0;
  process.send?.(out);
  process.exit(0);
}

void main();
