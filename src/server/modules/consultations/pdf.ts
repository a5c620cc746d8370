// The printable sheet of ballot codes: the Party's header, the question, and one cut-out slip per code with the
// public answer page's address. The codes exist only here: the database keeps their hashes.
import { formatDateVi } from '../../../domain/dates.js';
import { formatBallot } from '../../../domain/consultations.js';
import { partyPdf, placeOf } from '../../platform/pdf.js';

export function ballotSheet(input: { title: string; question: string; unitName: string; communeName: string; closesOn: string; codes: string[]; from: number; answerUrl: string }): Promise<Buffer> {
  const slips = input.codes.map((code, i) => ({
    stack: [
      { text: `Phiếu số ${input.from + i} — ${input.unitName}`, fontSize: 8 },
      { text: formatBallot(code), fontSize: 16, bold: true, margin: [0, 4, 0, 4] },
      { text: `Trả lời tại: ${input.answerUrl} — hạn ${formatDateVi(input.closesOn)}`, fontSize: 8 },
      { text: 'Mỗi mã dùng một lần. Mã không ghi tên người trả lời.', fontSize: 7, italics: true },
    ],
    margin: [4, 6, 4, 6],
  }));
  const rows: unknown[][] = [];
  for (let i = 0; i < slips.length; i += 2) rows.push([slips[i], slips[i + 1] ?? '']);
  return partyPdf({
    issuer: input.communeName,
    unitName: input.unitName,
    place: placeOf(input.communeName),
    title: `Mã phiếu tham vấn — ${input.title}`,
    content: [
      { text: 'PHIẾU MÃ TRẢ LỜI THAM VẤN', bold: true, alignment: 'center', margin: [0, 12, 0, 4] },
      { text: input.title, bold: true, alignment: 'center' },
      { text: input.question, margin: [0, 8, 0, 8] },
      { table: { widths: ['*', '*'], dontBreakRows: true, body: rows }, layout: { hLineStyle: () => ({ dash: { length: 4 } }), vLineStyle: () => ({ dash: { length: 4 } }) } },
    ],
  });
}
