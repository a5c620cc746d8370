// The review forms as PDF in the Party's document format: the individual form (Mẫu 2A/2B/2C) and the
// collective report of a cell (Mẫu 01), on the platform's Party document (header, fonts, page).
import { formatDateVi } from '../../../domain/dates.js';
import type { ReviewLevel, Template } from '../../../domain/review.js';
import type { PresentedParticipant } from './participants.js';
import { partyPdf } from '../../platform/pdf.js';

export const levelVi: Record<ReviewLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

const formTitle: Record<Template['form'], string> = {
  '01': 'BÁO CÁO KIỂM ĐIỂM TẬP THỂ',
  '2A': 'BẢN KIỂM ĐIỂM CÁ NHÂN',
  '2B': 'BẢN KIỂM ĐIỂM CÁ NHÂN',
  '2C': 'BẢN KIỂM ĐIỂM CÁ NHÂN',
};

export interface FormInput {
  participant: PresentedParticipant;
  template: Template;
  year: number;
  communeName: string;
  /** The place of the dated line (the commune's name without its prefix). */
  place: string;
}

export async function reviewFormPdf(input: FormInput): Promise<Buffer> {
  const { participant: p, template, year } = input;
  const self = p.self;
  const isCell = p.kind === 'cell';
  const scoreRows = template.criteria.map((c) => {
    const s = self?.scores.find((x) => x.code === c.code);
    return [c.code, c.title, String(c.maxPoints), s ? String(s.points) : '', s?.note ?? ''];
  });
  const level = (l: ReviewLevel | null | undefined) => (l ? levelVi[l] : '—');
  return partyPdf({
    issuer: input.communeName,
    unitName: p.unitName,
    place: input.place,
    title: `${formTitle[template.form]} ${year}`,
    formLabel: `Mẫu ${template.form}`,
    content: [
      { text: formTitle[template.form], bold: true, fontSize: 14, alignment: 'center' },
      { text: `Đánh giá, xếp loại chất lượng năm ${year}`, alignment: 'center', margin: [0, 2, 0, 14] },
      isCell
        ? { text: [{ text: 'Tổ chức đảng: ', bold: true }, p.unitName] }
        : { stack: [{ text: [{ text: 'Họ và tên: ', bold: true }, p.fullName ?? ''] }, { text: [{ text: 'Chi bộ: ', bold: true }, p.unitName] }] },
      { text: 'I. TỰ ĐÁNH GIÁ THEO TIÊU CHÍ (thang điểm 100)', bold: true, margin: [0, 12, 0, 6] },
      {
        table: {
          headerRows: 1,
          widths: [24, '*', 40, 40, 120],
          body: [
            ['TT', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Giải trình'].map((t) => ({ text: t, bold: true, alignment: 'center' })),
            ...scoreRows,
            [{ text: 'Tổng cộng', colSpan: 2, bold: true }, '', '100', { text: self ? String(self.total) : '', bold: true }, ''],
          ],
        },
        fontSize: 10,
      },
      { text: 'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ', bold: true, margin: [0, 12, 0, 6] },
      {
        ul: [
          `Tổng số nhiệm vụ: ${self?.tasksTotal ?? '—'}; hoàn thành chậm: ${self?.tasksLate ?? '—'}; vượt kế hoạch: ${self?.tasksExceeding ?? '—'}`,
          `${isCell ? 'Có đảng viên bị kỷ luật' : 'Bị kỷ luật trong năm'}: ${self ? (self.disciplined ? 'có' : 'không') : '—'}`,
          `Khắc phục hạn chế, khuyết điểm đã chỉ ra: ${self ? (self.shortcomingsFixed ? 'đã khắc phục' : 'chưa khắc phục') : '—'}`,
        ],
      },
      ...(self?.summary ? [{ text: self.summary, margin: [0, 6, 0, 0] }] : []),
      { text: 'III. XẾP LOẠI', bold: true, margin: [0, 12, 0, 6] },
      {
        ul: [
          `Tự xếp loại (theo điểm và điều kiện): ${level(self?.allowedLevel as ReviewLevel | undefined)}`,
          p.appraisal
            ? `Chi bộ đề xuất: ${level(p.appraisal.proposedLevel)} — họp ngày ${formatDateVi(p.appraisal.meetingDate)}, có mặt ${p.appraisal.present}, tán thành ${p.appraisal.votesFor}, không tán thành ${p.appraisal.votesAgainst}`
            : 'Chi bộ đề xuất: —',
          `Cấp có thẩm quyền quyết định: ${level(p.decision?.level as ReviewLevel | undefined)}${p.decision?.reason ? ` (${p.decision.reason})` : ''}`,
        ],
      },
      {
        columns: [
          { width: '50%', text: '' },
          { width: '50%', stack: [{ text: isCell ? 'T/M CHI BỘ' : 'NGƯỜI TỰ KIỂM ĐIỂM', bold: true, alignment: 'center' }, { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9 }] },
        ],
        margin: [0, 24, 0, 0],
      },
    ],
  });
}
