// The roster reader's zip walk under load (CI failure of stop 11): ExcelJS 4.4's own streaming reader, which
// walks the zip entries with its `iterateStream`, against `eachSheetRow` (platform/excel.ts, Node's own async
// iterator), on the same ExcelJS-written workbooks, alternating, while busy loops keep the cores loaded.
// Counts the reads that did not give the 4 rows written, and times each reader.
//
//   npx tsx bench/excel-reader.ts                     # 1,000 workbooks, two busy loops
//   BENCH_N=3000 BENCH_BUSY=0 npx tsx bench/excel-reader.ts   # on a machine already loaded
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { eachSheetRow, newWorkbook, workbookBuffer } from '../src/server/platform/excel.js';

const N = Number(process.env.BENCH_N ?? 1000);
if (process.argv[2] === 'busy') for (;;);
const ExcelJS = createRequire(import.meta.url)('exceljs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-excel-'));
const busy = Array.from({ length: Number(process.env.BENCH_BUSY ?? 2) }, () => fork(new URL(import.meta.url).pathname, ['busy'], { execArgv: ['--import', 'tsx'] }));

async function workbookFile(i: number): Promise<string> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('Danh sách');
  sheet.addRow(['Họ và tên', 'Năm', 'Ghi chú']);
  sheet.addRow([]);
  sheet.addRow(['Nguyễn Thị Ánh', 2025, 'x']);
  sheet.addRow([new Date(Date.UTC(1990, 4, 17)), 12.5, 'Đặng Văn Đức']);
  sheet.addRow(['Hoàng Văn Sơn', 1, 'y']);
  wb.addWorksheet('Hướng dẫn').addRow(['not read']);
  const file = path.join(dir, `w${i}.xlsx`);
  fs.writeFileSync(file, await workbookBuffer(wb));
  return file;
}

async function exceljsRows(file: string): Promise<number> {
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    let first = true;
    for await (const sheet of reader) {
      for await (const _row of sheet) if (first) rows++;
      first = false;
    }
  } catch {
    return -1;
  }
  return rows;
}

const result = { exceljs: { bad: 0, ms: 0 }, chibo: { bad: 0, ms: 0 } };
try {
  for (let i = 0; i < N; i++) {
    const file = await workbookFile(i);
    let t = performance.now();
    if ((await exceljsRows(file)) !== 4) result.exceljs.bad++;
    result.exceljs.ms += performance.now() - t;
    t = performance.now();
    let rows = 0;
    const outcome = await eachSheetRow(file, () => void rows++);
    if (outcome !== 'read' || rows !== 4) result.chibo.bad++;
    result.chibo.ms += performance.now() - t;
    fs.rmSync(file);
    if ((i + 1) % 100 === 0) console.log(`${i + 1} of ${N}: ExcelJS ${result.exceljs.bad} wrong, eachSheetRow ${result.chibo.bad} wrong`);
  }
} finally {
  for (const b of busy) b.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
const line = (name: string, r: { bad: number; ms: number }) =>
  `${name.padEnd(40)} ${String(r.bad).padStart(4)} of ${N} wrong   mean ${(r.ms / N).toFixed(2)} ms`;
console.log(line("ExcelJS's WorkbookReader (baseline)", result.exceljs));
console.log(line('eachSheetRow (platform/excel.ts)', result.chibo));
