// The export's data rows (export-xml.ts) must be the XML ExcelJS writes for the same values through addRow, byte for
// byte, with the same style table: both workbooks are stored uncompressed and their sheet data compared.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { excelDate, rosterColumns } from './columns.js';
import { sheetRowWriter, type RowValue } from './export-xml.js';
import { FROZEN_HEADER, setupRosterSheet, styleHeaderRow } from './template.js';

async function workbookText(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet) => void): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { store: true } } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  const ws = wb.addWorksheet('Roster', FROZEN_HEADER);
  setupRosterSheet(ws);
  styleHeaderRow(ws.getRow(1));
  ws.getRow(1).commit();
  fill(wb, ws);
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks).toString('utf8');
}

const between = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to) + to.length);

// In the roster's column order: stt, name, birth, sex, ethnicity, card, joined, official, cccd, phone, education,
// theory, cell, position, posts, laptop.
const rows: RowValue[][] = [
  [1, 'Nguyễn Thị Xiến', '1980-02-29', 'Nữ', 'Kinh', '08595769', '2000-01-01', '2001-01-01', '008063513127', '0975939626', 'Đại học', 'Chưa có', '02470-025', 'Bí thư', 'Trưởng thôn; Khác', '2025-07-01'],
  [2, `Lò Văn <A> & "B" 'C'`, '1899-12-31', 'Nam', 'Tày', null, '1930-02-03', null, null, '', 'Không', 'Cao cấp', null, null, null, null],
  [3, 'Control\u0001\u001F\u007F chars\tand\nbreaks\r', '2099-12-31', 'Nam', 'Dao', 'A1', '2024-02-29', null, null, null, 'Tiến sĩ', 'Cử nhân', 'X', 'Chi ủy viên', null, '1970-01-01'],
];

describe('export rows', () => {
  it('are the XML and styles ExcelJS writes for the same values', async () => {
    const dates = rosterColumns.map((c) => c.kind === 'date');
    const exceljs = await workbookText((_, ws) => {
      for (const r of rows) ws.addRow(r.map((v, i) => (dates[i] ? excelDate(v as string | null) : v))).commit();
    });
    const ours = await workbookText((wb, ws) => {
      const writer = sheetRowWriter(wb, ws, rosterColumns, 2);
      for (const r of rows) writer.add(r);
      writer.flush();
    });
    expect(between(ours, '<sheetData>', '</sheetData>')).toContain('<row r="4" spans="1:16"');
    expect(between(ours, '<sheetData>', '</sheetData>')).toBe(between(exceljs, '<sheetData>', '</sheetData>'));
    expect(between(ours, '<cellXfs', '</cellXfs>')).toBe(between(exceljs, '<cellXfs', '</cellXfs>'));
    expect(ours).toContain('<c r="B3" t="str"><v>Lò Văn &lt;A&gt; &amp; &quot;B&quot; &apos;C&apos;</v></c>');
  });
});
