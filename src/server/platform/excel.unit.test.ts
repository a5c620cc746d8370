import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import { eachSheetRow, newWorkbook, textOf, workbookBuffer, type Plain } from './excel.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'excel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workbookFile(name: string): Promise<string> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('Danh sách');
  sheet.addRow(['Họ và tên', 'Năm', 'Ghi chú']);
  sheet.addRow([]);
  sheet.addRow([{ richText: [{ text: 'Nguyễn ' }, { text: 'Thị Ánh' }] }, { formula: '2000+25', result: 2025 }, '  ']);
  sheet.addRow([new Date(Date.UTC(1990, 4, 17)), 12.5, 'Đặng Văn Đức']);
  wb.addWorksheet('Hướng dẫn').addRow(['not read']);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await workbookBuffer(wb));
  return file;
}

describe('the Excel row reader', () => {
  it('streams the rows of the first sheet as plain values, empty rows skipped', async () => {
    const file = await workbookFile('a.xlsx');
    const rows: { n: number; values: Plain[] }[] = [];
    expect(await eachSheetRow(file, (values, n) => void rows.push({ n, values }))).toBe('read');
    expect(rows.map((r) => r.n)).toEqual([1, 3, 4]);
    expect(rows[1].values).toEqual(['Nguyễn Thị Ánh', 2025, null]);
    expect(rows[2].values.map(textOf)).toEqual(['1990-05-17', '12.5', 'Đặng Văn Đức']);
  });

  it('tells a file that is not a workbook', async () => {
    const file = path.join(dir, 'b.xlsx');
    fs.writeFileSync(file, 'Họ và tên;Năm\n');
    expect(await eachSheetRow(file, () => {})).toBe('not_xlsx');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])); // a zip header, no zip
    expect(await eachSheetRow(file, () => {})).toBe('not_xlsx');
  });

  it('leaves no temporary sheet file behind, whether the read ends well, is refused or the handler fails', async () => {
    const file = await workbookFile('tmp.xlsx'); // ExcelJS writes the sheets before the shared strings: they wait in a file
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() reads it on each call
    try {
      expect(await eachSheetRow(file, () => {})).toBe('read');
      expect(await eachSheetRow(file, () => {}, { maxInflatedBytes: 200 })).toBe('too_large');
      await expect(eachSheetRow(file, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("throws the row handler's own error rather than calling the file unreadable", async () => {
    const file = await workbookFile('c.xlsx');
    const boom = new Error('database down');
    await expect(eachSheetRow(file, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

/** A real workbook whose first sheet is replaced by one cell of `cellBytes` letters: a few hundred KB zipped. */
async function zipBomb(name: string, cellBytes: number, where: 'sheet' | 'sharedStrings'): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(await workbookFile(`${name}-base.xlsx`)));
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  async function* xml(head: string, tail: string) {
    yield Buffer.from(head);
    for (let sent = 0; sent < cellBytes; sent += chunk.length) yield chunk;
    yield Buffer.from(tail);
  }
  const sheetHead = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">';
  if (where === 'sheet') {
    zip.file('xl/worksheets/sheet1.xml', Readable.from(xml(`${sheetHead}<c r="A1" t="inlineStr"><is><t>`, '</t></is></c></row></sheetData></worksheet>')));
  } else {
    zip.file('xl/worksheets/sheet1.xml', `${sheetHead}<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`);
    zip.file('xl/sharedStrings.xml', Readable.from(xml('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', '</t></si></sst>')));
  }
  const file = path.join(dir, name);
  await pipeline(zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 9 } }), fs.createWriteStream(file));
  return file;
}

describe('a workbook that expands far beyond its size (a zip bomb)', () => {
  it.each(['sheet', 'sharedStrings'] as const)('is refused without holding it in memory: one 300 MB cell in the %s', async (where) => {
    const file = await zipBomb(`bomb-${where}.xlsx`, 300 * 1024 * 1024, where);
    expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const rows: unknown[] = [];
    try {
      expect(await eachSheetRow(file, (values) => void rows.push(values))).toBe('too_large');
    } finally {
      clearInterval(sampler);
    }
    expect(rows).toEqual([]);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);

  it('is refused past the total it may expand to, however small its cells', async () => {
    const file = await workbookFile('many.xlsx');
    expect(await eachSheetRow(file, () => {}, { maxInflatedBytes: 200 })).toBe('too_large');
    expect(await eachSheetRow(file, () => {})).toBe('read');
  });
});
