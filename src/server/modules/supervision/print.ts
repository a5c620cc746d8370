// A case as a PDF to print or file (issue 14: "a print view or PDF of … a case"), in the Party's document format
// (platform/pdf.ts), in Vietnamese or English: what was reported, about which cell (named with its commune), who
// handles it, its deadlines, its history, the conversation with the reporter and the conclusion.
// Who may print is `case.print` in casePolicy (those who read the case; anyone else gets 404). The reporter's
// identity is never printed, whoever prints: a page on a desk leaves the system's access rules behind, and an
// anonymous reporter is only ever "anonymous". The print is audited like a view.
import { asc, eq } from 'drizzle-orm';
import { formatDateVi, todayIso } from '../../../domain/dates.js';
import { allowed, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { partyPdf, type PdfContent, placeOf } from '../../platform/pdf.js';
import { latestNames } from '../org/queries.js';
import { loadCase, presentListed } from './cases.js';
import { casePolicy } from './policy.js';
import { supervisionAttachments, supervisionMessages, supervisionTransitions } from './schema.js';

type Lang = 'vi' | 'en';

const words = {
  vi: {
    title: 'HỒ SƠ VỤ VIỆC GÓP Ý, PHẢN ÁNH',
    number: (n: number) => `Số: #${n}`,
    fields: {
      category: 'Loại',
      subject: 'Về ai, việc gì',
      cell: 'Chi bộ được phản ánh',
      handler: 'Nơi xử lý',
      received: 'Ngày nhận',
      status: 'Trạng thái',
      due: 'Hạn xử lý',
      extension: 'Lý do gia hạn',
      conclusion: 'Kết luận',
      measure: 'Biện pháp',
      concludedOn: 'Ngày kết luận',
      reporter: 'Người gửi',
      attachments: 'Tệp đính kèm',
    },
    reporter: { anonymous: 'Ẩn danh', named: 'Có danh tính (không in, được bảo vệ)' },
    attachments: (n: number) => (n === 0 ? 'Không có' : `${n.toLocaleString('vi-VN')} tệp (không in)`),
    overdue: 'quá hạn',
    escalated: (to: string, on: string) => `Đã chuyển lên ${to} ngày ${on}`,
    content: 'NỘI DUNG',
    history: 'QUÁ TRÌNH XỬ LÝ',
    historyHead: ['Ngày', 'Chuyển sang', 'Người thực hiện', 'Ghi chú'],
    messages: 'TRAO ĐỔI VỚI NGƯỜI GỬI',
    messagesHead: ['Ngày', 'Bên', 'Loại', 'Nội dung'],
    none: 'Không có.',
    printedOn: (d: string) => `In ngày ${d}`,
    category: { suggestion: 'Góp ý', criticism: 'Phê bình', complaint: 'Khiếu nại, phản ánh', denunciation: 'Tố cáo' } as Record<string, string>,
    subject: { cell: 'Chi bộ', secretary: 'Bí thư chi bộ', committee_member: 'Cấp ủy viên chi bộ', village: 'Việc của thôn, bản' } as Record<string, string>,
    status: { received: 'Đã nhận', accepted: 'Đã thụ lý', declined: 'Không thụ lý', verifying: 'Đang xác minh', concluded: 'Đã kết luận', closed: 'Đã đóng' } as Record<string, string>,
    route: { commune: 'Đảng ủy xã', inspection: 'Ủy ban kiểm tra' } as Record<string, string>,
    conclusion: { unfounded: 'Không đúng', partly_founded: 'Đúng một phần', founded: 'Đúng' } as Record<string, string>,
    measure: { none: 'Không', reminder: 'Nhắc nhở', criticism: 'Phê bình', discipline_proposed: 'Đề nghị kỷ luật', referred: 'Chuyển cơ quan chức năng' } as Record<string, string>,
    author: { reporter: 'Người gửi', officer: 'Cán bộ' } as Record<string, string>,
    kind: { question: 'Câu hỏi', answer: 'Trả lời', reply: 'Trả lời chính thức' } as Record<string, string>,
    signer: 'NGƯỜI IN',
    sign: '(Ký, ghi rõ họ tên)',
    file: (n: number, d: string) => `Vụ việc #${n} - ${d}.pdf`,
  },
  en: {
    title: 'FEEDBACK AND REPORTS: CASE FILE',
    number: (n: number) => `No. #${n}`,
    fields: {
      category: 'Category',
      subject: 'About',
      cell: 'Cell reported on',
      handler: 'Handled by',
      received: 'Received on',
      status: 'Status',
      due: 'Due on',
      extension: 'Reason for extension',
      conclusion: 'Conclusion',
      measure: 'Measure',
      concludedOn: 'Concluded on',
      reporter: 'Reporter',
      attachments: 'Attachments',
    },
    reporter: { anonymous: 'Anonymous', named: 'Named (not printed, protected)' },
    attachments: (n: number) => (n === 0 ? 'None' : `${n.toLocaleString('en-US')} file(s) (not printed)`),
    overdue: 'overdue',
    escalated: (to: string, on: string) => `Escalated to ${to} on ${on}`,
    content: 'WHAT WAS REPORTED',
    history: 'HANDLING',
    historyHead: ['Date', 'Moved to', 'By', 'Note'],
    messages: 'CONVERSATION WITH THE REPORTER',
    messagesHead: ['Date', 'Side', 'Kind', 'Text'],
    none: 'None.',
    printedOn: (d: string) => `Printed on ${d}`,
    category: { suggestion: 'Suggestion', criticism: 'Criticism', complaint: 'Complaint', denunciation: 'Denunciation' } as Record<string, string>,
    subject: { cell: 'The party cell', secretary: 'The cell secretary', committee_member: 'A cell committee member', village: 'A village matter' } as Record<string, string>,
    status: { received: 'Received', accepted: 'Accepted', declined: 'Declined', verifying: 'Verifying', concluded: 'Concluded', closed: 'Closed' } as Record<string, string>,
    route: { commune: 'Commune committee', inspection: 'Inspection committee' } as Record<string, string>,
    conclusion: { unfounded: 'Unfounded', partly_founded: 'Partly founded', founded: 'Founded' } as Record<string, string>,
    measure: { none: 'None', reminder: 'Reminder', criticism: 'Criticism', discipline_proposed: 'Discipline proposed', referred: 'Referred to the authorities' } as Record<string, string>,
    author: { reporter: 'Reporter', officer: 'Officer' } as Record<string, string>,
    kind: { question: 'Question', answer: 'Answer', reply: 'Official reply' } as Record<string, string>,
    signer: 'PRINTED BY',
    sign: '(Signature and full name)',
    file: (n: number, d: string) => `Case #${n} - ${d}.pdf`,
  },
};

/** The case as PDF bytes and its file name; 404 when the actor may not read (and so not print) it. */
export async function casePdf(db: Db, actor: Actor, id: string, lang: Lang): Promise<{ pdf: Buffer; fileName: string }> {
  const w = words[lang];
  const data = await db.transaction(async (tx) => {
    const { c, row, target, viewer } = await loadCase(tx, actor, id);
    if (!allowed(casePolicy, viewer, 'case.print', target)) throw notFound('Case');
    await recordAudit(tx, actor, { action: 'supervision.case.print', entityType: 'supervision_case', entityId: c.id, unitPath: target.path, after: { lang } });
    const history = await tx.select().from(supervisionTransitions).where(eq(supervisionTransitions.caseId, id)).orderBy(asc(supervisionTransitions.seq));
    const messages = await tx.select().from(supervisionMessages).where(eq(supervisionMessages.caseId, id)).orderBy(asc(supervisionMessages.seq));
    const files = await tx.select({ id: supervisionAttachments.id }).from(supervisionAttachments).where(eq(supervisionAttachments.caseId, id));
    const escalatedNames = await latestNames(tx, history.map((h) => h.escalatedToUnitId).filter((x): x is string => !!x));
    return { c, listed: presentListed(row, todayIso()), history, messages, files: files.length, escalatedNames };
  });
  const { c, listed, history, messages, escalatedNames } = data;
  const d = (iso: string | null) => (iso ? formatDateVi(iso) : '');
  const cell = listed.cell.parentName ? `${listed.cell.name} · ${listed.cell.parentName}` : listed.cell.name;
  const fields: [string, string][] = [
    [w.fields.category, w.category[c.category] ?? c.category],
    [w.fields.subject, w.subject[c.subject] ?? c.subject],
    [w.fields.cell, cell],
    [w.fields.handler, `${w.route[c.route] ?? c.route} — ${listed.handlingUnit.name}`],
    [w.fields.received, d(listed.receivedOn)],
    [w.fields.status, `${w.status[listed.status] ?? listed.status}${listed.overdue ? ` (${w.overdue})` : ''}${listed.escalatedTo && listed.escalatedOn ? `. ${w.escalated(listed.escalatedTo, d(listed.escalatedOn))}` : ''}`],
    [w.fields.due, d(listed.dueOn)],
    ...(c.extensionReason ? ([[w.fields.extension, c.extensionReason]] as [string, string][]) : []),
    ...(c.conclusion ? ([[w.fields.conclusion, w.conclusion[c.conclusion] ?? c.conclusion]] as [string, string][]) : []),
    ...(c.measure ? ([[w.fields.measure, w.measure[c.measure] ?? c.measure]] as [string, string][]) : []),
    ...(c.concludedOn ? ([[w.fields.concludedOn, d(c.concludedOn)]] as [string, string][]) : []),
    [w.fields.reporter, c.anonymous ? w.reporter.anonymous : w.reporter.named],
    [w.fields.attachments, w.attachments(data.files)],
  ];
  const heading = (text: string): PdfContent => ({ text, bold: true, margin: [0, 10, 0, 4] });
  const table = (widths: (number | string)[], head: string[], rows: string[][]): PdfContent => ({
    table: { headerRows: 1, widths, body: [head.map((text) => ({ text, bold: true })), ...rows] },
    fontSize: 9,
  });
  const content: PdfContent[] = [
    { text: w.title, bold: true, fontSize: 14, alignment: 'center' },
    { text: w.number(c.number), alignment: 'center', bold: true, margin: [0, 2, 0, 12] },
    { table: { widths: [130, '*'], body: fields.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'noBorders', fontSize: 10 },
    heading(w.content),
    { text: c.content, alignment: 'justify' },
    heading(w.history),
    history.length === 0
      ? { text: w.none, italics: true }
      : table(
          [62, 90, 110, '*'],
          w.historyHead,
          history.map((h) => [
            d(h.on),
            w.status[h.toStatus] ?? h.toStatus,
            h.byName ?? '',
            [h.note ?? '', h.escalatedToUnitId ? w.escalated(escalatedNames.get(h.escalatedToUnitId) ?? '', d(h.on)) : ''].filter(Boolean).join('. '),
          ]),
        ),
    heading(w.messages),
    messages.length === 0
      ? { text: w.none, italics: true }
      : table([62, 60, 80, '*'], w.messagesHead, messages.map((m) => [d(m.on), w.author[m.author] ?? m.author, w.kind[m.kind] ?? m.kind, m.body])),
    { text: w.printedOn(d(todayIso())), italics: true, fontSize: 9, margin: [0, 12, 0, 0] },
    { columns: [{ width: '50%', text: '' }, { width: '50%', stack: [{ text: w.signer, bold: true, alignment: 'center' }, { text: w.sign, italics: true, alignment: 'center', fontSize: 9 }] }], margin: [0, 18, 0, 0] },
  ];
  const handler = listed.handlingUnit.name;
  const pdf = await partyPdf({
    issuer: '',
    unitName: handler,
    place: placeOf(handler),
    title: `${w.title} ${w.number(c.number)}`,
    content,
  });
  return { pdf, fileName: w.file(c.number, formatDateVi(todayIso()).replace(/\//g, '-')) };
}
