// The review figures and the list of results of a branch as one .xlsx workbook (two sheets).
import { newWorkbook, workbookBuffer } from '../../platform/excel.js';
import { reviewLevels } from '../../../domain/review.js';
import type { Template } from '../../../domain/review.js';
import type { ReviewFigures } from './figures.js';
import type { PresentedParticipant } from './participants.js';
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
  const wb = await newWorkbook();
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
  return workbookBuffer(wb);
}

const formTitleVi: Record<string, string> = { '01': 'BÁO CÁO KIỂM ĐIỂM TẬP THỂ', '2A': 'BẢN KIỂM ĐIỂM CÁ NHÂN', '2B': 'BẢN KIỂM ĐIỂM CÁ NHÂN', '2C': 'BẢN KIỂM ĐIỂM CÁ NHÂN' };

/** The individual form (Mẫu 2A/2B/2C) or the cell's report (Mẫu 01) as one sheet: the same content as the PDF. */
export async function reviewFormWorkbook(input: { participant: PresentedParticipant; template: Template; year: number; communeName: string }): Promise<Buffer> {
  const { participant: p, template, year } = input;
  const self = p.self;
  const isCell = p.kind === 'cell';
  const lv = (l: string | null | undefined) => (l ? levelVi[l as keyof typeof levelVi] : '—');
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet(`Mẫu ${template.form}`);
  sheet.columns = [{ width: 6 }, { width: 60 }, { width: 12 }, { width: 12 }, { width: 40 }];
  sheet.addRow([input.communeName.toUpperCase(), null, null, `Mẫu ${template.form}`]);
  sheet.addRow([p.unitName.toUpperCase()]).font = { bold: true };
  sheet.addRow(['ĐẢNG CỘNG SẢN VIỆT NAM']).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([formTitleVi[template.form]]).font = { bold: true, size: 14 };
  sheet.addRow([`Đánh giá, xếp loại chất lượng năm ${year}`]);
  sheet.addRow(isCell ? ['Tổ chức đảng:', p.unitName] : ['Họ và tên:', p.fullName ?? '']);
  if (!isCell) sheet.addRow(['Chi bộ:', p.unitName]);
  sheet.addRow([]);
  sheet.addRow(['I. TỰ ĐÁNH GIÁ THEO TIÊU CHÍ (thang điểm 100)']).font = { bold: true };
  const head = sheet.addRow(['TT', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Giải trình']);
  head.font = { bold: true };
  for (const c of template.criteria) {
    const s = self?.scores.find((x) => x.code === c.code);
    sheet.addRow([c.code, c.title, c.maxPoints, s ? s.points : null, s?.note ?? '']).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([null, 'Tổng cộng', 100, self ? self.total : null]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(['II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ']).font = { bold: true };
  sheet.addRow([null, 'Tổng số nhiệm vụ', self?.tasksTotal ?? null]);
  sheet.addRow([null, 'Hoàn thành chậm', self?.tasksLate ?? null]);
  sheet.addRow([null, 'Vượt kế hoạch', self?.tasksExceeding ?? null]);
  sheet.addRow([null, isCell ? 'Có đảng viên bị kỷ luật' : 'Bị kỷ luật trong năm', self ? (self.disciplined ? 'có' : 'không') : '—']);
  sheet.addRow([null, 'Khắc phục hạn chế, khuyết điểm đã chỉ ra', self ? (self.shortcomingsFixed ? 'đã khắc phục' : 'chưa khắc phục') : '—']);
  sheet.addRow([]);
  sheet.addRow(['III. XẾP LOẠI']).font = { bold: true };
  sheet.addRow([null, 'Tự xếp loại (theo điểm và điều kiện)', lv(self?.allowedLevel)]);
  sheet.addRow([
    null,
    'Chi bộ đề xuất',
    lv(p.appraisal?.proposedLevel),
    p.appraisal ? `họp ngày ${p.appraisal.meetingDate}, có mặt ${p.appraisal.present}, tán thành ${p.appraisal.votesFor}, không tán thành ${p.appraisal.votesAgainst}` : '',
  ]);
  sheet.addRow([null, p.decision?.kind === 'recheck' ? 'Cấp trên phúc tra' : 'Cấp có thẩm quyền quyết định', lv(p.decision?.level), p.decision?.reason ?? '']);
  if (p.complaint) sheet.addRow([null, 'Khiếu nại', p.complaint.reason]);
  return workbookBuffer(wb);
}
