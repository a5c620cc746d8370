// A case as a PDF to print or file (issue 14: "a print view or PDF of … a case"), in the Party's document format
// (platform/pdf.ts), in Vietnamese or English (its words: pdf-i18n.ts): what was reported, about which cell (named
// with its commune), who handles it, its deadlines, its history, the conversation with the reporter and the conclusion.
// Who may print is `case.print` in casePolicy (those who read the case; anyone else gets 404). The reporter's
// identity is never printed, whoever prints: a page on a desk leaves the system's access rules behind, and an
// anonymous reporter is only ever "anonymous". The print is audited like a view.
import { asc, eq } from 'drizzle-orm';
import { formatDateVi, todayIso } from '../../../domain/dates.js';
import { textsIn } from '../../../domain/texts.js';
import { allowed, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { partyPdf, type PdfContent, placeOf } from '../../platform/pdf.js';
import { latestNames } from '../org/queries.js';
import { loadCase, presentListed } from './cases.js';
import { pdfTexts } from './pdf-i18n.js';
import { casePolicy } from './policy.js';
import { supervisionAttachments, supervisionMessages, supervisionTransitions } from './schema.js';

type Lang = 'vi' | 'en';

/** The case as PDF bytes and its file name; 404 when the actor may not read (and so not print) it. */
export async function casePdf(db: Db, actor: Actor, id: string, lang: Lang): Promise<{ pdf: Buffer; fileName: string }> {
  const { t, of } = textsIn(pdfTexts, lang);
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
    [t('field.category'), of('category', c.category)],
    [t('field.subject'), of('subject', c.subject)],
    [t('field.cell'), cell],
    [t('field.handler'), `${of('route', c.route)} — ${listed.handlingUnit.name}`],
    [t('field.received'), d(listed.receivedOn)],
    [t('field.status'), `${of('status', listed.status)}${listed.overdue ? ` (${t('overdue')})` : ''}${listed.escalatedTo && listed.escalatedOn ? `. ${t('escalated', { unit: listed.escalatedTo, date: d(listed.escalatedOn) })}` : ''}`],
    [t('field.due'), d(listed.dueOn)],
    ...(c.extensionReason ? ([[t('field.extension'), c.extensionReason]] as [string, string][]) : []),
    ...(c.conclusion ? ([[t('field.conclusion'), of('conclusion', c.conclusion)]] as [string, string][]) : []),
    ...(c.measure ? ([[t('field.measure'), of('measure', c.measure)]] as [string, string][]) : []),
    ...(c.concludedOn ? ([[t('field.concludedOn'), d(c.concludedOn)]] as [string, string][]) : []),
    [t('field.reporter'), c.anonymous ? t('reporter.anonymous') : t('reporter.named')],
    [t('field.attachments'), data.files === 0 ? t('attachments.none') : t('attachments.some', { count: data.files })],
  ];
  const heading = (text: string): PdfContent => ({ text, bold: true, margin: [0, 10, 0, 4] });
  const table = (widths: (number | string)[], head: string[], rows: string[][]): PdfContent => ({
    table: { headerRows: 1, widths, body: [head.map((text) => ({ text, bold: true })), ...rows] },
    fontSize: 9,
  });
  const content: PdfContent[] = [
    { text: t('title'), bold: true, fontSize: 14, alignment: 'center' },
    { text: t('number', { number: String(c.number) }), alignment: 'center', bold: true, margin: [0, 2, 0, 12] },
    { table: { widths: [130, '*'], body: fields.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'noBorders', fontSize: 10 },
    heading(t('content')),
    { text: c.content, alignment: 'justify' },
    heading(t('history')),
    history.length === 0
      ? { text: t('none'), italics: true }
      : table(
          [62, 90, 110, '*'],
          [t('history.date'), t('history.status'), t('history.by'), t('history.note')],
          history.map((h) => [
            d(h.on),
            of('status', h.toStatus),
            h.byName ?? '',
            [h.note ?? '', h.escalatedToUnitId ? t('escalated', { unit: escalatedNames.get(h.escalatedToUnitId) || '…', date: d(h.on) }) : ''].filter(Boolean).join('. '),
          ]),
        ),
    heading(t('messages')),
    messages.length === 0
      ? { text: t('none'), italics: true }
      : table([62, 60, 80, '*'], [t('messages.date'), t('messages.side'), t('messages.kind'), t('messages.text')], messages.map((m) => [d(m.on), of('author', m.author), of('kind', m.kind), m.body])),
    { text: t('printedOn', { date: d(todayIso()) }), italics: true, fontSize: 9, margin: [0, 12, 0, 0] },
    { columns: [{ width: '50%', text: '' }, { width: '50%', stack: [{ text: t('signer'), bold: true, alignment: 'center' }, { text: t('sign'), italics: true, alignment: 'center', fontSize: 9 }] }], margin: [0, 18, 0, 0] },
  ];
  const handler = listed.handlingUnit.name;
  const pdf = await partyPdf({
    issuer: '',
    unitName: handler,
    place: placeOf(handler),
    title: `${t('title')} ${t('number', { number: String(c.number) })}`,
    content,
  });
  return { pdf, fileName: t('file', { number: String(c.number), date: formatDateVi(todayIso()).replace(/\//g, '-') }) };
}
