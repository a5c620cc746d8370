import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { it } from 'vitest';
import { systemActor } from '../../../platform/access.js';
import { makeWorld } from '../../../test/factories.js';
import { setupTestApp } from '../../../test/harness.js';
import { rosterColumns } from './columns.js';
import { importRosterFile } from './import.js';
import { writeRosterXlsx } from './export.js';

const N = Number(process.env.ROSTER_N ?? 10000);
it(`imports ${N} rows`, async () => {
  const ctx = await setupTestApp();
  const world = await makeWorld(ctx);
  const file = path.join('/tmp', `roster-${N}.xlsx`);
  let t = Date.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const ws = wb.addWorksheet('x');
  ws.addRow(rosterColumns.map((c) => c.header)).commit();
  const given = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hoa', 'Khánh', 'Lan', 'Minh', 'Nga'];
  for (let i = 0; i < N; i++) {
    ws.addRow([i + 1, `Nguyễn Văn ${given[i % 10]}`, new Date(Date.UTC(1950 + (i % 40), i % 12, 1 + (i % 28))), i % 2 ? 'Nam' : 'Nữ', 'Tày',
      `P${String(i).padStart(8, '0')}`, '01/03/2010', '01/03/2011', `0${String(10000000000 + i)}`, '0912345678', 'Đại học', 'Sơ cấp',
      i % 2 ? '90001-001' : '90001-002', i % 50 === 7 ? 'Chi ủy viên' : null, null, null]).commit();
  }
  await wb.commit();
  console.log(`write ${N}: ${Date.now() - t} ms, ${fs.statSync(file).size} bytes`);
  t = Date.now();
  const r = await importRosterFile(ctx.database.db, systemActor(), { unitCode: '90001', filePath: file }).catch((e) => { console.log(JSON.stringify(e.fields)); throw e; });
  console.log(`import ${N}: ${Date.now() - t} ms`, r, `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  t = Date.now();
  const r2 = await importRosterFile(ctx.database.db, systemActor(), { unitCode: '90001', filePath: file });
  console.log(`re-import ${N}: ${Date.now() - t} ms`, r2);
  t = Date.now();
  const out = new PassThrough();
  let bytes = 0;
  out.on('data', (b) => (bytes += b.length));
  const done = new Promise((res) => out.on('end', res));
  const e = await writeRosterXlsx(ctx.database.db, systemActor(), { unitId: world.communeA.id }, out);
  await done;
  console.log(`export ${N}: ${Date.now() - t} ms`, e, bytes, `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}, 600_000);
