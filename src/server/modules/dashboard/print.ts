// The dashboard as a PDF to print or file (issue 14, defect 11: "no print view or PDF of a dashboard"): the figures
// of the unit and of each of its children on the date, the unit named with its parent, the numbers written as the
// language writes them (vi-VN: 1.234 and 12,5 %), and the modules' figures of the unit. A4 landscape, in the Party's
// document format (platform/pdf.ts), Vietnamese or English (its words: pdf-i18n.ts). Who may print is who may read
// the dashboard (org's `unit.read`, through loadDashboard): outside the branch, 404. Kept out of routes.ts (the trend
// has its own work there).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateVi } from '../../../domain/dates.js';
import { textsIn } from '../../../domain/texts.js';
import { IsoDate } from '../../../domain/person.js';
import type { Executor } from '../../platform/db/index.js';
import { readFor } from '../../platform/db/replicas.js';
import { download, PDF_MIME } from '../../platform/downloads.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';
import { partyPdf, type PdfContent, placeOf } from '../../platform/pdf.js';
import { latestParentNameOf } from '../org/branch.js';
import type { Figures } from './figures.js';
import { pdfTexts } from './pdf-i18n.js';
import { loadDashboard } from './service.js';

type Lang = 'vi' | 'en';

/** The table's columns (named in pdf-i18n.ts as `column.<key>`): a count, a share (one decimal, %) or an average (one decimal). */
type Column = keyof typeof pdfTexts.vi extends infer K ? (K extends `column.${infer C}` ? C & keyof Figures : never) : never;
const columns: { key: Column; kind: 'int' | 'pct' | 'decimal' }[] = [
  { key: 'cells', kind: 'int' },
  { key: 'members', kind: 'int' },
  { key: 'fullMembers', kind: 'int' },
  { key: 'secretaries', kind: 'int' },
  { key: 'secretariesUniversityPct', kind: 'pct' },
  { key: 'secretariesTheoryPct', kind: 'pct' },
  { key: 'secretaryAverageAge', kind: 'decimal' },
  { key: 'secretariesVillageHeadPct', kind: 'pct' },
  { key: 'secretariesLaptopPct', kind: 'pct' },
  { key: 'cellsWithoutSecretary', kind: 'int' },
  { key: 'cellsUnderMinimum', kind: 'int' },
];

/** A figure as the language writes it: "1.234", "12,5 %" in Vietnamese; "1,234", "12.5%" in English; "—" when none. */
export function printNumber(value: number | null | undefined, kind: 'int' | 'pct' | 'decimal', lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  const digits = kind === 'int' && Number.isInteger(value) ? 0 : 1;
  const n = value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return kind === 'pct' ? (lang === 'vi' ? `${n} %` : `${n}%`) : n;
}

export async function dashboardPdf(
  exec: Executor,
  dashboard: Awaited<ReturnType<typeof loadDashboard>>['body'],
  lang: Lang,
): Promise<{ pdf: Buffer; fileName: string }> {
  const { t } = textsIn(pdfTexts, lang);
  const { unit, date, figures, children, moduleFigures } = dashboard;
  const parent = unit.parentId ? await latestParentNameOf(exec, unit.id) : null;
  const named = parent ? `${unit.name} · ${parent}` : unit.name;
  const day = formatDateVi(date);
  const row = (no: string, name: string, f: Figures, bold = false) => [
    { text: no, bold },
    { text: name, bold },
    ...columns.map((c) => ({ text: printNumber(f[c.key] as number | null, c.kind, lang), alignment: 'right', bold })),
  ];
  const table: PdfContent = {
    table: {
      headerRows: 1,
      widths: [20, '*', ...columns.map(() => 48)],
      body: [
        [{ text: t('no'), bold: true }, { text: t('unit'), bold: true }, ...columns.map((c) => ({ text: t(`column.${c.key}`), bold: true, alignment: 'center' }))],
        row('', t('whole', { name: unit.name }), figures, true),
        ...children.map((c, i) => row(String(i + 1), c.unit.name, c.figures)),
      ],
    },
    fontSize: 8,
  };
  const modules = moduleFigures.length
    ? [
        { text: t('modules'), bold: true, margin: [0, 12, 0, 4] },
        {
          table: {
            widths: ['*', 80],
            body: moduleFigures.map((m) => [m.label[lang], { text: printNumber(m.value, Number.isInteger(m.value ?? 0) ? 'int' : 'decimal', lang), alignment: 'right' }]),
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        },
      ]
    : [];
  const content: PdfContent[] = [
    { text: t('title'), bold: true, fontSize: 14, alignment: 'center' },
    { text: named, alignment: 'center', bold: true },
    { text: t('asOf', { date: day }), italics: true, alignment: 'center', margin: [0, 2, 0, 12] },
    table,
    ...modules,
    { columns: [{ width: '60%', text: '' }, { width: '40%', stack: [{ text: t('signer'), bold: true, alignment: 'center' }, { text: t('sign'), italics: true, alignment: 'center', fontSize: 9 }] }], margin: [0, 18, 0, 0] },
  ];
  const pdf = await partyPdf({
    issuer: unit.kind === 'cell' || unit.kind === 'commune' ? (parent ?? '') : '',
    unitName: unit.name,
    place: placeOf(unit.kind === 'cell' ? (parent ?? unit.name) : unit.name),
    date,
    title: `${t('title')} — ${named} — ${day}`,
    orientation: 'landscape',
    content,
  });
  return { pdf, fileName: t('file', { name: unit.name, date: day.replace(/\//g, '-') }) };
}

const PrintQuery = z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional(), lang: z.enum(['vi', 'en']).optional() });

export async function dashboardPrintRoutes(scope: FastifyInstance, { database, figureProviders }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dashboard/print.pdf',
    {
      schema: {
        ...operation('printDashboard', 'The dashboard (the unit and its children on a date) as a PDF to print', access.read),
        response: { 200: fileAnswer(PDF_MIME, 'The dashboard (PDF)'), ...errors(400, 401, 404) },
        tags: ['dashboard'],
        querystring: PrintQuery,
      },
    },
    async (request, reply) => {
      const exec = await readFor(database, request);
      const { lang: asked, ...query } = request.query;
      const lang = asked ?? (request.session?.user.locale === 'en' ? 'en' : 'vi');
      const { body } = await loadDashboard(exec, requireActor(request), query, figureProviders);
      const { pdf, fileName } = await dashboardPdf(exec, body, lang);
      return download(reply, fileName, PDF_MIME).send(pdf);
    },
  );
}
