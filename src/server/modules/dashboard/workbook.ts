// The dashboard as a workbook: the table the page shows, one column a figure, for officers who report upward in Excel.
import { formatDateVi } from '../../../domain/dates.js';
import { newWorkbook, workbookBuffer } from '../../platform/excel.js';
import type { Figures } from './figures.js';

/** What the table shows: a unit and its figures on a date, and each of its children's. */
export interface DashboardTable {
  unit: { name: string };
  date: string;
  figures: Figures;
  children: { unit: { name: string }; figures: Figures; moduleValues?: (number | null)[] }[];
  /** The modules' figures (their Vietnamese label; the unit's value; each child's in `children[].moduleValues`). */
  moduleFigures?: { label: string; value: number | null }[];
}

/** The columns of the table, in order: header (Vietnamese), value, and whether it shows one decimal (percentages, average age). */
const columns: { header: string; width: number; value: (f: Figures) => number | null; decimal?: boolean }[] = [
  { header: 'Số chi bộ', width: 10, value: (f) => f.cells },
  { header: 'Số đảng viên', width: 12, value: (f) => f.members },
  { header: 'Đảng viên chính thức', width: 14, value: (f) => f.fullMembers },
  { header: 'Số bí thư chi bộ', width: 12, value: (f) => f.secretaries },
  { header: 'Bí thư có trình độ đại học trở lên (%)', width: 18, value: (f) => f.secretariesUniversityPct, decimal: true },
  { header: 'Bí thư có lý luận chính trị sơ cấp trở lên (%)', width: 18, value: (f) => f.secretariesTheoryPct, decimal: true },
  { header: 'Bí thư dưới 35 tuổi', width: 11, value: (f) => f.secretaryAgeBands.under35 },
  { header: 'Bí thư từ 35 đến 45 tuổi', width: 11, value: (f) => f.secretaryAgeBands.from35to45 },
  { header: 'Bí thư từ 46 đến 60 tuổi', width: 11, value: (f) => f.secretaryAgeBands.from46to60 },
  { header: 'Bí thư trên 60 tuổi', width: 11, value: (f) => f.secretaryAgeBands.over60 },
  { header: 'Tuổi bình quân của bí thư', width: 12, value: (f) => f.secretaryAverageAge, decimal: true },
  { header: 'Bí thư kiêm trưởng thôn, tổ trưởng tổ dân phố (%)', width: 18, value: (f) => f.secretariesVillageHeadPct, decimal: true },
  { header: 'Bí thư được cấp máy tính xách tay (%)', width: 16, value: (f) => f.secretariesLaptopPct, decimal: true },
  { header: 'Chi bộ chưa có bí thư', width: 12, value: (f) => f.cellsWithoutSecretary },
  { header: 'Chi bộ dưới 3 đảng viên chính thức', width: 14, value: (f) => f.cellsUnderMinimum },
];

export function dashboardTitle(unitName: string, date: string): string {
  return `Số liệu chi bộ, bí thư — ${unitName} — ngày ${formatDateVi(date)}`;
}

/** The dashboard table as a workbook: title row, header row, the unit's own row (bold), one row per child. */
export async function dashboardWorkbook(d: DashboardTable): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'chibo';
  const ws = wb.addWorksheet('Số liệu', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const extra = d.moduleFigures ?? [];
  ws.columns = [{ width: 6 }, { width: 40 }, ...columns.map((c) => ({ width: c.width })), ...extra.map(() => ({ width: 14 }))];
  const lastCol = columns.length + extra.length + 2;

  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = dashboardTitle(d.unit.name, d.date);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  const header = ws.getRow(2);
  header.values = ['STT', 'Đơn vị', ...columns.map((c) => c.header), ...extra.map((m) => m.label)];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 60;

  const addRow = (no: number | string, name: string, f: Figures, moduleValues: (number | null)[]) => {
    const row = ws.addRow([no, name, ...columns.map((c) => c.value(f)), ...moduleValues]);
    columns.forEach((c, i) => {
      if (c.decimal) row.getCell(i + 3).numFmt = '0.0';
    });
    moduleValues.forEach((v, i) => {
      if (v !== null && !Number.isInteger(v)) row.getCell(columns.length + 3 + i).numFmt = '0.0';
    });
    return row;
  };
  addRow('', d.unit.name, d.figures, extra.map((m) => m.value)).font = { bold: true };
  d.children.forEach((c, i) => addRow(i + 1, c.unit.name, c.figures, c.moduleValues ?? extra.map(() => null)));

  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 1; c <= lastCol; c++) {
      ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  return workbookBuffer(wb);
}
