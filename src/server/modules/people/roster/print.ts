// A unit's roster as a printable PDF (issue 14: "a print view or PDF of a unit's roster"): the members on a date,
// grouped by cell, in the Party's document format (platform/pdf.ts), in Vietnamese or English (its words:
// pdf-i18n.ts). Who may print is who may export the roster (`roster.export` in personPolicy: the branch and
// downward). It carries what a sign-in sheet needs — name, birth date, sex, cell position, joining date — and never a
// CCCD, a phone number or a party card number: a printed page leaves the system's access rules behind.
import { sql } from 'drizzle-orm';
import { formatDateVi } from '../../../../domain/dates.js';
import { textsIn } from '../../../../domain/texts.js';
import type { Actor } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/index.js';
import { invalid } from '../../../platform/errors.js';
import { partyPdf, type PdfContent, placeOf } from '../../../platform/pdf.js';
import { latestParentNameOf } from '../../org/branch.js';
import { unitsAt, unitWhere } from '../../org/tree.js';
import { authorizeRosterExport, rosterQuery } from './export.js';
import { pdfTexts } from './pdf-i18n.js';

/** Above this many members a printout is no use (and pdfmake holds it all in memory): the Excel export is for that. */
export const PRINT_MAX_MEMBERS = 3000;

const POSITION_RANK = ['secretary', 'deputy_secretary', 'committee_member'] as const;

type Row = { id: string; full_name: string; birth_date: string | null; sex: string; joined_on: string | null; path: string; position_rank: number | null };

/** The roster of `unitId` on `date` as PDF bytes; 404/403 as the roster export; 400 above PRINT_MAX_MEMBERS. */
export async function rosterPdf(db: Db, actor: Actor, input: { unitId: string; date: string; lang: 'vi' | 'en' }): Promise<{ pdf: Buffer; unitName: string }> {
  const unit = await authorizeRosterExport(db, actor, { unitId: input.unitId, date: input.date });
  const { t } = textsIn(pdfTexts, input.lang);
  const found = await db.execute<Row>(sql.raw(`SELECT id, full_name, birth_date::text, sex, joined_on::text, path, position_rank FROM (${rosterQuery(unit.path, input.date)}) r LIMIT ${PRINT_MAX_MEMBERS + 1}`));
  if (found.rows.length > PRINT_MAX_MEMBERS)
    throw invalid([{ path: 'unitId', code: 'roster_too_large_to_print', message: `More than ${PRINT_MAX_MEMBERS} members: print a commune or a cell, or export the workbook`, params: { max: PRINT_MAX_MEMBERS } }]);
  // The cells of the branch on that date, to name each group (a cell prints as one group under its own name).
  const cells = unit.kind === 'cell' ? [unit] : await unitsAt(db, input.date, unitWhere.cellsUnder(unit.path));
  const cellOf = (path: string) => cells.filter((c) => path.startsWith(c.path)).sort((a, b) => b.path.length - a.path.length)[0];
  const groups = new Map<string, { name: string; rows: Row[] }>();
  for (const r of found.rows) {
    const c = cellOf(r.path);
    const key = c?.id ?? '';
    if (!groups.has(key)) groups.set(key, { name: c?.name ?? unit.name, rows: [] });
    groups.get(key)!.rows.push(r);
  }
  const ordered = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const parent = unit.kind === 'cell' ? await latestParentNameOf(db, unit.id) : null;
  const date = formatDateVi(input.date);
  const table = (rows: Row[]): PdfContent => ({
    table: {
      headerRows: 1,
      widths: [24, '*', 62, 46, 80, 70],
      body: [
        [t('head.no'), t('head.name'), t('head.birthDate'), t('head.sex'), t('head.position'), t('head.joinedOn')].map((text) => ({ text, bold: true })),
        ...rows.map((r, i) => [
          String(i + 1),
          r.full_name,
          r.birth_date ? formatDateVi(r.birth_date) : '',
          r.sex === 'male' || r.sex === 'female' ? t(`sex.${r.sex}`) : '',
          r.position_rank ? t(`position.${POSITION_RANK[Number(r.position_rank) - 1]}`) : '',
          r.joined_on ? formatDateVi(r.joined_on) : '',
        ]),
      ],
    },
    fontSize: 9,
    margin: [0, 0, 0, 10],
  });
  const content: PdfContent[] = [
    { text: t('title'), bold: true, fontSize: 14, alignment: 'center' },
    { text: `${unit.name}${parent ? ` · ${parent}` : ''}`, alignment: 'center', bold: true },
    { text: t('asOf', { date }), italics: true, alignment: 'center', margin: [0, 2, 0, 12] },
    ...(found.rows.length === 0
      ? [{ text: t('none'), italics: true }]
      : ordered.flatMap((g) => (ordered.length > 1 || unit.kind !== 'cell' ? [{ text: t('group', { cell: g.name, count: g.rows.length }), bold: true, margin: [0, 6, 0, 4] }, table(g.rows)] : [table(g.rows)]))),
    { text: t('total', { count: found.rows.length }), bold: true, margin: [0, 4, 0, 0] },
    { columns: [{ width: '50%', text: '' }, { width: '50%', stack: [{ text: t('signer'), bold: true, alignment: 'center' }, { text: t('sign'), italics: true, alignment: 'center', fontSize: 9 }] }], margin: [0, 24, 0, 0] },
  ];
  const issuer = parent ?? unit.name;
  const pdf = await partyPdf({
    issuer: unit.kind === 'cell' ? (parent && !/^Đảng ủy/i.test(parent) ? `Đảng ủy ${parent}` : (parent ?? '')) : '',
    unitName: unit.kind === 'cell' && !/^Chi bộ/i.test(unit.name) ? `Chi bộ ${unit.name}` : unit.name,
    place: placeOf(issuer),
    date: input.date,
    title: `${t('title')} — ${unit.name} — ${date}`,
    content,
  });
  return { pdf, unitName: unit.name };
}
