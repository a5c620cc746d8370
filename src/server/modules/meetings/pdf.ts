// The minutes as a PDF in the Party's format (biên bản họp chi bộ, 42-HD), through the kit's partyPdf: its header
// (the commune and the cell on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the dated place line on the right), then the
// meeting, attendance, the minutes' sections, the resolution's tasks and the signatures of the chair and the secretary.
import { formatDateVi } from '../../../domain/dates.js';
import { minutesSections, type MinutesSection } from '../../../domain/meetings.js';
import type { Executor } from '../../platform/db/index.js';
import { partyPdf, placeOf as placeOfCommune } from '../../platform/pdf.js';
import { latestParentNameOf } from '../org/branch.js';
import type { MeetingDetail } from './service.js';

export const sectionTitleVi: Record<MinutesSection, string> = {
  opening: 'Khai mạc, thông báo đảng viên dự họp',
  previousResults: 'Kết quả thực hiện nghị quyết kỳ trước',
  situation: 'Đánh giá tình hình, kết quả tháng và nhiệm vụ tháng tới',
  documentsStudied: 'Quán triệt văn bản, nghị quyết của cấp trên',
  discussion: 'Ý kiến thảo luận của đảng viên',
  criticism: 'Phê bình và tự phê bình',
  conclusions: 'Kết luận của chủ trì',
  closing: 'Biểu quyết, bế mạc',
};

const statusVi = { present: 'có mặt', excused: 'vắng có lý do', absent: 'vắng không lý do' } as const;

/** The place of the dated line: the commune's name without its "Đảng ủy xã/phường" prefix. */
export const placeOf = (commune: string | null) => placeOfCommune(commune ?? '').trim() || '…';

/** The issuing committee and the cell as the header names them: "ĐẢNG ỦY XÃ …", "CHI BỘ …". */
const committeeOf = (commune: string | null) => (commune && !/^Đảng ủy/i.test(commune) ? `Đảng ủy ${commune}` : (commune ?? ''));
const cellTitle = (cell: string) => (/^Chi bộ/i.test(cell) ? cell : `Chi bộ ${cell}`);

export async function minutesPdf(exec: Executor, d: MeetingDetail): Promise<Buffer> {
  const m = d.meeting;
  const commune = await latestParentNameOf(exec, m.cellId);
  const day = m.heldOn ?? m.plannedOn;
  const count = (s: string) => d.members.filter((x) => x.attendance?.status === s).length;
  const minutes = m.minutes ?? {};
  return partyPdf({
    issuer: committeeOf(commune),
    unitName: cellTitle(m.cell),
    place: placeOf(commune),
    date: day,
    title: `Biên bản họp chi bộ ${formatDateVi(day)}`,
    content: [
      { text: 'BIÊN BẢN', bold: true, fontSize: 14, alignment: 'center' },
      { text: `Sinh hoạt chi bộ ${m.kind === 'thematic' ? 'chuyên đề' : 'định kỳ'}${m.topic ? `: ${m.topic}` : ''}`, alignment: 'center', margin: [0, 2, 0, 14] },
      { text: `Thời gian: ${m.startsAt ? `${m.startsAt}, ` : ''}ngày ${formatDateVi(day)}${m.durationMinutes ? ` (${m.durationMinutes} phút)` : ''}. Địa điểm: ${m.location ?? '…'}` },
      { text: `Chủ trì: ${minutes.chair || '…'}. Thư ký: ${minutes.secretary || '…'}` },
      { text: `Tổng số đảng viên: ${d.members.length}; có mặt: ${count('present')}; vắng có lý do: ${count('excused')}; vắng không lý do: ${count('absent')}.` },
      ...(m.guests.length ? [{ text: `Khách mời: ${m.guests.join(', ')}` }] : []),
      ...d.members
        .filter((x) => x.attendance && x.attendance.status !== 'present')
        .map((x) => ({ text: `– ${x.fullName}: ${statusVi[x.attendance!.status]}${x.attendance!.reason ? ` (${x.attendance!.reason})` : ''}`, fontSize: 10 })),
      { text: 'NỘI DUNG', bold: true, margin: [0, 12, 0, 6] },
      ...d.agenda.map((a, i) => ({ text: `${i + 1}. ${a.title}` })),
      ...minutesSections
        .filter((s) => minutes.sections?.[s])
        .flatMap((s, i) => [{ text: `${i + 1}. ${sectionTitleVi[s]}`, bold: true, margin: [0, 8, 0, 2] }, { text: minutes.sections![s]! }]),
      ...(d.actionItems.length
        ? [
            { text: 'NHIỆM VỤ GIAO', bold: true, margin: [0, 12, 0, 6] },
            {
              table: {
                headerRows: 1,
                widths: [24, '*', 120, 70],
                body: [['TT', 'Nội dung', 'Người thực hiện', 'Thời hạn'].map((t) => ({ text: t, bold: true })), ...d.actionItems.map((a, i) => [String(i + 1), a.title, a.owner, formatDateVi(a.dueOn)])],
              },
              fontSize: 10,
            },
          ]
        : []),
      ...(m.resolutionText ? [{ text: 'NGHỊ QUYẾT', bold: true, margin: [0, 12, 0, 6] }, { text: m.resolutionText }] : []),
      {
        columns: [
          { width: '50%', stack: [{ text: 'THƯ KÝ', bold: true, alignment: 'center' }, { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9 }, { text: minutes.secretary ?? '', alignment: 'center', margin: [0, 40, 0, 0] }] },
          { width: '50%', stack: [{ text: 'CHỦ TRÌ', bold: true, alignment: 'center' }, { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9 }, { text: minutes.chair ?? '', alignment: 'center', margin: [0, 40, 0, 0] }] },
        ],
        margin: [0, 24, 0, 0],
      },
    ],
  });
}
