import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it("throws the row handler's own error rather than calling the file unreadable", async () => {
    const file = await workbookFile('c.xlsx');
    const boom = new Error('database down');
    await expect(eachSheetRow(file, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
