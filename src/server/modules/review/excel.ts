// The review figures and the list of results of a branch as one .xlsx workbook (two sheets).
import ExcelJS from 'exceljs';
import { reviewLevels } from '../../../domain/review.js';
import type { ReviewFigures } from './figures.js';
import { levelVi } from './pdf.js';

export interface ResultRow {
  fullName: string | null;
  unitName: string;
  kind: 'person' | 'cell';
  group: string;
  total: number | null;
  proposed: string | null;
  final: string | null;
}

const groupVi: Record<string, string> = { secretary: 'Bí thư chi bộ', member_2c: 'Đảng viên (Mẫu 2C)', member_2ab: 'Đảng viên (Mẫu 2A/2B)', cell: 'Chi bộ (Mẫu 01)' };

export async function reviewWorkbook(f: ReviewFigures, results: ResultRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Tổng hợp');
  sheet.columns = [{ width: 34 }, ...reviewLevels.map(() => ({ width: 16 })), { width: 16 }, { width: 18 }];
  sheet.addRow([`Kết quả đánh giá, xếp loại năm ${f.year} — ${f.unit.name}`]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const head = sheet.addRow(['Đối tượng', ...reviewLevels.map((l) => levelVi[l]), 'Đã quyết định', 'Tốt trở lên (%)']);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  const line = (label: string, g: ReviewFigures['secretaries']) => {
    sheet.addRow([label, ...reviewLevels.map((l) => g.counts[l]), g.decided, g.goodOrBetterPct]);
    sheet.addRow([`   tỉ lệ (%)`, ...reviewLevels.map((l) => g.pct[l]), null, null]).font = { italic: true };
  };
  line('Bí thư chi bộ', f.secretaries);
  line('Đảng viên (không kể bí thư)', f.members);
  line('Tất cả đảng viên', f.allPeople);
  line('Chi bộ', f.cells);
  sheet.addRow([]);
  sheet.addRow(['Tỉ lệ xuất sắc trong mỗi đảng bộ cơ sở', 'Xuất sắc', 'Tốt trở lên', 'Được phép', 'Đạt']).font = { bold: true };
  for (const c of f.caps) sheet.addRow([c.name, c.excellent, c.goodOrBetter, c.allowed, c.ok ? 'Đạt' : 'Vượt']);

  const list = wb.addWorksheet('Danh sách');
  list.columns = [
    { header: 'Họ và tên / Tổ chức', width: 30 },
    { header: 'Chi bộ', width: 28 },
    { header: 'Nhóm', width: 22 },
    { header: 'Tự chấm', width: 10 },
    { header: 'Chi bộ đề xuất', width: 28 },
    { header: 'Xếp loại cuối cùng', width: 28 },
  ];
  list.getRow(1).font = { bold: true };
  const vi = (l: string | null) => (l ? levelVi[l as keyof typeof levelVi] : '');
  for (const r of results) list.addRow([r.kind === 'cell' ? r.unitName : r.fullName, r.unitName, groupVi[r.group] ?? r.group, r.total, vi(r.proposed), vi(r.final)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
