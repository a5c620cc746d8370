// The dashboard as a PDF to print or file (issue 14, defect 11: "no print view or PDF of a dashboard"): the figures
// of the unit and of each of its children on the date, the unit named with its parent, the numbers written as the
// language writes them (vi-VN: 1.234 and 12,5 %), and the modules' figures of the unit. A4 landscape, in the Party's
// document format (platform/pdf.ts), Vietnamese or English. Who may print is who may read the dashboard (org's
// `unit.read`, through loadDashboard): outside the branch, 404. Kept out of routes.ts (the trend has its own work there).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateVi } from '../../../domain/dates.js';
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
import { loadDashboard } from './service.js';

type Lang = 'vi' | 'en';

/** The table's columns: a count, a share (one decimal, %) or an average (one decimal). */
const columns: { key: keyof Figures; kind: 'int' | 'pct' | 'decimal'; vi: string; en: string }[] = [
  { key: 'cells', kind: 'int', vi: 'Số chi bộ', en: 'Cells' },
  { key: 'members', kind: 'int', vi: 'Số đảng viên', en: 'Members' },
  { key: 'fullMembers', kind: 'int', vi: 'Đảng viên chính thức', en: 'Full members' },
  { key: 'secretaries', kind: 'int', vi: 'Số bí thư', en: 'Secretaries' },
  { key: 'secretariesUniversityPct', kind: 'pct', vi: 'Bí thư đại học trở lên', en: 'Secretaries with a degree' },
  { key: 'secretariesTheoryPct', kind: 'pct', vi: 'Bí thư có lý luận chính trị', en: 'Secretaries trained in theory' },
  { key: 'secretaryAverageAge', kind: 'decimal', vi: 'Tuổi bình quân bí thư', en: 'Secretaries’ average age' },
  { key: 'secretariesVillageHeadPct', kind: 'pct', vi: 'Bí thư kiêm trưởng thôn', en: 'Secretaries also village heads' },
  { key: 'secretariesLaptopPct', kind: 'pct', vi: 'Bí thư có máy tính', en: 'Secretaries with a laptop' },
  { key: 'cellsWithoutSecretary', kind: 'int', vi: 'Chi bộ chưa có bí thư', en: 'Cells without a secretary' },
  { key: 'cellsUnderMinimum', kind: 'int', vi: 'Chi bộ dưới 3 đảng viên chính thức', en: 'Cells under 3 full members' },
];

const words = {
  vi: {
    title: 'SỐ LIỆU CHI BỘ, BÍ THƯ CHI BỘ',
    asOf: (d: string) => `Tính đến ngày ${d}`,
    no: 'TT',
    unit: 'Đơn vị',
    whole: (name: string) => `Toàn ${name}`,
    modules: 'Số liệu các mặt công tác',
    signer: 'NGƯỜI LẬP BIỂU',
    sign: '(Ký, ghi rõ họ tên)',
    file: (name: string, d: string) => `Số liệu - ${name} - ${d}.pdf`,
  },
  en: {
    title: 'PARTY CELLS AND SECRETARIES: FIGURES',
    asOf: (d: string) => `As of ${d}`,
    no: 'No.',
    unit: 'Unit',
    whole: (name: string) => `${name}, whole`,
    modules: 'Other figures',
    signer: 'PREPARED BY',
    sign: '(Signature and full name)',
    file: (name: string, d: string) => `Figures - ${name} - ${d}.pdf`,
  },
};

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
  const w = words[lang];
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
        [{ text: w.no, bold: true }, { text: w.unit, bold: true }, ...columns.map((c) => ({ text: c[lang], bold: true, alignment: 'center' }))],
        row('', w.whole(unit.name), figures, true),
        ...children.map((c, i) => row(String(i + 1), c.unit.name, c.figures)),
      ],
    },
    fontSize: 8,
  };
  const modules = moduleFigures.length
    ? [
        { text: w.modules, bold: true, margin: [0, 12, 0, 4] },
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
    { text: w.title, bold: true, fontSize: 14, alignment: 'center' },
    { text: named, alignment: 'center', bold: true },
    { text: w.asOf(day), italics: true, alignment: 'center', margin: [0, 2, 0, 12] },
    table,
    ...modules,
    { columns: [{ width: '60%', text: '' }, { width: '40%', stack: [{ text: w.signer, bold: true, alignment: 'center' }, { text: w.sign, italics: true, alignment: 'center', fontSize: 9 }] }], margin: [0, 18, 0, 0] },
  ];
  const pdf = await partyPdf({
    issuer: unit.kind === 'cell' || unit.kind === 'commune' ? (parent ?? '') : '',
    unitName: unit.name,
    place: placeOf(unit.kind === 'cell' ? (parent ?? unit.name) : unit.name),
    date,
    title: `${w.title} — ${named} — ${day}`,
    orientation: 'landscape',
    content,
  });
  return { pdf, fileName: w.file(unit.name, day.replace(/\//g, '-')) };
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
