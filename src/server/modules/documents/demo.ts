// The demo province's documents: the Party texts the domain names (21-NQ/TW, 26-CTr/TU implementing it, 16-ĐA/TU,
// 03-ĐA/TU, 01-CT/TU, 50-CT/TW with 42-HD/BTCTW, 366-QĐ/TW replacing 124-QĐ/TW with 43-HD/BTCTW), linked as they are,
// and two disseminations with a realistic spread: most cells studied on time, some late, some not at all.
// Numbers, dates and issuers are the real ones; titles and summaries are short illustrations, marked as such.
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { disseminate } from './dissemination.js';
import { createDocument, linkDocuments } from './service.js';
import type { DocumentLinkKind } from '../../../domain/documents.js';

const actor = systemActor('demo-seed');
const NOTE = 'Dữ liệu mẫu: số, ngày và cơ quan ban hành theo văn bản thật; trích yếu minh họa.';

const documents = [
  { key: 'nq21', typeCode: 'NQ', issuerCode: 'TW', number: 21, issuedOn: '2022-06-16', signer: 'T/M Ban Chấp hành Trung ương', title: 'Về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới' },
  { key: 'ctr26', typeCode: 'CTr', issuerCode: 'TU', number: 26, issuedOn: '2022-08-25', signer: 'T/M Ban Thường vụ Tỉnh ủy', title: 'Chương trình hành động thực hiện Nghị quyết số 21-NQ/TW của Hội nghị Trung ương 5 khóa XIII' },
  { key: 'da16', typeCode: 'ĐA', issuerCode: 'TU', number: 16, issuedOn: '2020-01-03', signer: 'T/M Ban Thường vụ Tỉnh ủy', title: 'Nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2020–2025', periodFrom: '2020-01-01', periodTo: '2025-12-31' },
  { key: 'da03', typeCode: 'ĐA', issuerCode: 'TU', number: 3, issuedOn: '2021-06-12', signer: 'T/M Ban Thường vụ Tỉnh ủy', title: 'Nâng cao chất lượng đội ngũ bí thư chi bộ thôn, bản, tổ dân phố' },
  { key: 'ct01', typeCode: 'CT', issuerCode: 'TU', number: 1, issuedOn: '2021-09-10', signer: 'T/M Ban Thường vụ Tỉnh ủy', title: 'Tăng cường vai trò bí thư chi bộ trong giám sát và phản biện của đảng viên và nhân dân' },
  { key: 'qd124', typeCode: 'QĐ', issuerCode: 'TW', number: 124, issuedOn: '2023-10-04', signer: 'T/M Bộ Chính trị', title: 'Về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị' },
  { key: 'qd366', typeCode: 'QĐ', issuerCode: 'TW', number: 366, issuedOn: '2025-08-30', signer: 'T/M Bộ Chính trị', title: 'Về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị' },
  { key: 'hd43', typeCode: 'HD', issuerCode: 'BTCTW', number: 43, issuedOn: '2025-10-31', signer: 'Ban Tổ chức Trung ương', title: 'Hướng dẫn thực hiện Quy định số 366-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng' },
  { key: 'ct50', typeCode: 'CT', issuerCode: 'TW', number: 50, issuedOn: '2025-07-23', signer: 'T/M Ban Bí thư', title: 'Về nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới' },
  { key: 'hd42', typeCode: 'HD', issuerCode: 'BTCTW', number: 42, issuedOn: '2025-10-28', signer: 'Ban Tổ chức Trung ương', title: 'Hướng dẫn nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị số 50-CT/TW' },
] as const;

const links: [from: string, to: string, kind: DocumentLinkKind][] = [
  ['ctr26', 'nq21', 'implements'],
  ['da03', 'nq21', 'implements'],
  ['qd366', 'qd124', 'replaces'],
  ['hd43', 'qd366', 'guides'],
  ['hd42', 'ct50', 'guides'],
];

/**
 * Registers the documents under the province's register and sends two of them to every commune: 26-CTr/TU 75 days
 * ago (deadline passed: ~78% studied on time, ~9% late, the rest not), 42-HD/BTCTW 12 days ago (~35% so far).
 */
export async function seedDocumentsDemo(db: Db, input: { provinceId: string; communeIds: string[] }): Promise<{ documents: number; studyRows: number }> {
  const today = todayIso();
  const ids = new Map<string, string>();
  for (const d of documents) {
    const { key, ...body } = d;
    const doc = await createDocument(db, actor, { ...body, unitId: input.provinceId, summary: NOTE });
    ids.set(key, doc.id);
  }
  for (const [from, to, kind] of links) await linkDocuments(db, actor, ids.get(from)!, { toId: ids.get(to)!, kind });
  return db.transaction(async (tx) => {
    const old = await disseminate(tx, actor, { documentId: ids.get('ctr26')!, unitIds: input.communeIds, sentOn: addDays(today, -75), deadline: addDays(today, -45), note: 'Quán triệt tại sinh hoạt chi bộ định kỳ' });
    const recent = await disseminate(tx, actor, { documentId: ids.get('hd42')!, unitIds: input.communeIds, sentOn: addDays(today, -12), deadline: addDays(today, 18), note: 'Quán triệt trước kỳ sinh hoạt tháng' });
    // A stable spread per cell (from its id), so the same demo shows the same figures.
    const bucket = sql`(('x' || substr(md5(cell_id::text), 1, 7))::bit(28)::int % 100)`;
    const a = await tx.execute(sql`
      UPDATE document_dissemination_cells SET
        studied_on = CASE WHEN ${bucket} < 78 THEN ${addDays(today, -70)}::date + (${bucket} % 20) ELSE ${addDays(today, -40)}::date + (${bucket} % 10) END,
        recorded_on = CASE WHEN ${bucket} < 78 THEN ${addDays(today, -70)}::date + (${bucket} % 20) + 1 ELSE ${addDays(today, -40)}::date + (${bucket} % 10) + 1 END,
        report = 'Đã quán triệt tại sinh hoạt chi bộ; xây dựng kế hoạch thực hiện của chi bộ'
      WHERE dissemination_id = ${old.id} AND ${bucket} < 87`);
    const b = await tx.execute(sql`
      UPDATE document_dissemination_cells SET studied_on = ${addDays(today, -10)}::date + (${bucket} % 9), recorded_on = ${addDays(today, -10)}::date + (${bucket} % 9),
        report = 'Đã quán triệt; phân công đảng viên theo dõi'
      WHERE dissemination_id = ${recent.id} AND ${bucket} < 35`);
    await recordAudit(tx, actor, { action: 'document.demo', entityType: 'document', entityId: ids.get('ctr26')!, after: { studyRows: (a.rowCount ?? 0) + (b.rowCount ?? 0) } });
    return { documents: documents.length, studyRows: (a.rowCount ?? 0) + (b.rowCount ?? 0) };
  });
}
