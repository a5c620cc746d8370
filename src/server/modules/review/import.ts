// Results of the years before chibo, read from Excel: one row per person and year (party card number or CCCD,
// year, level in Vietnamese, optional score). Every bad row is reported (row, column, reason, code, params) and
// then nothing is applied; a good file is applied whole, in one transaction: per year, a closed cycle marked
// 'import' holding one participant (the person in their cell on 31/12 of that year) and one decision per row —
// so the figures and the trend read imported years like the others.
import { sql } from 'drizzle-orm';
import { reviewLevels, type ReviewLevel } from '../../../domain/review.js';
import { reviewIssueMessages } from '../../../domain/review-issues.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import { todayIso } from '../../../domain/dates.js';
import { authorize, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findUnit } from '../org/tree.js';
import { WORKBOOK_TOO_LARGE, eachSheetRow, newWorkbook, textOf, workbookBuffer, type Plain } from '../../platform/excel.js';
import { readCccd } from '../people/roster/columns.js';
import { cellOfPersonOn, everMemberUnder, persons, reviewGroup } from '../people/queries.js';
import { levelVi } from './pdf.js';
import { reviewPolicy } from './policy.js';
import { reviewCycles, reviewDecisions, reviewParticipants } from './schema.js';
import { ensureTemplateSet, provinceOf } from './templates.js';

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}

type Key = 'stt' | 'partyCardNo' | 'cccd' | 'fullName' | 'year' | 'level' | 'score';
export const importColumns: { key: Key; header: string; width: number; aliases?: string[] }[] = [
  { key: 'stt', header: 'STT', width: 6 },
  { key: 'partyCardNo', header: 'Số thẻ đảng viên', width: 18, aliases: ['So the', 'The dang vien'] },
  { key: 'cccd', header: 'Số CCCD', width: 16, aliases: ['CCCD', 'Can cuoc cong dan'] },
  { key: 'fullName', header: 'Họ và tên', width: 26, aliases: ['Ho ten'] },
  { key: 'year', header: 'Năm', width: 8 },
  { key: 'level', header: 'Xếp loại', width: 30, aliases: ['Muc xep loai'] },
  { key: 'score', header: 'Điểm', width: 8, aliases: ['Tong diem'] },
];
const fold = (s: string) => foldDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
const headerKey = new Map(importColumns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [fold(h), c.key] as const)));
const headerOf = (k: Key) => importColumns.find((c) => c.key === k)!.header;

/** Full labels of 366-QĐ/TW and the short ones people write ("Tốt", "Xuất sắc"). */
const levelByLabel = new Map<string, ReviewLevel>([
  ...reviewLevels.map((l) => [fold(levelVi[l]), l] as const),
  ['xuat sac', 'excellent'],
  ['tot', 'good'],
  ['hoan thanh', 'completed'],
  ['khong hoan thanh', 'not_completed'],
  ...reviewLevels.map((l) => [l.replace('_', ' '), l] as const),
]);

export async function importTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('Kết quả xếp loại');
  sheet.columns = importColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ stt: 1, partyCardNo: '', cccd: '', fullName: 'Nguyễn Văn A', year: new Date().getFullYear() - 1, level: levelVi.good, score: 85 });
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 100 }];
  for (const line of [
    'Mỗi dòng là kết quả xếp loại của một đảng viên trong một năm trước khi dùng chibo.',
    'Ghi số thẻ đảng viên hoặc số CCCD (12 chữ số); Năm; Xếp loại là một trong:',
    ...reviewLevels.map((l) => `   ${levelVi[l]}`),
    'Điểm (0–100) không bắt buộc. Nếu có dòng sai, không dòng nào được nhập: sửa các dòng được báo rồi tải lên lại.',
  ])
    help.addRow([line]);
  return workbookBuffer(wb);
}

interface Row {
  row: number;
  partyCardNo: string | null;
  cccd: string | null;
  year: number;
  level: ReviewLevel;
  score: number | null;
}

/** Reads the first sheet: a header row (the sheet's first), then one result per row; problems of each row on its own. */
async function readRows(filePath: string): Promise<{ rows: Row[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const rows: Row[] = [];
  const thisYear = Number(todayIso().slice(0, 4));
  let index: Map<Key, number> | null = null;
  const headerProblems = (at: Map<Key, number>): ImportProblem[] => {
    const missing: ImportProblem[] = [];
    for (const k of ['year', 'level'] as const)
      if (!at.has(k)) missing.push({ row: 1, column: headerOf(k), code: 'missing_column', message: `The column "${headerOf(k)}" is missing` });
    if (!at.has('partyCardNo') && !at.has('cccd'))
      missing.push({ row: 1, column: headerOf('partyCardNo'), code: 'missing_column', message: `The column "${headerOf('partyCardNo')}" or "${headerOf('cccd')}" is missing` });
    return missing;
  };
  let fatal = false; // a missing column: the rows are not read
  const read = await eachSheetRow(filePath, (values, rowNumber) => {
    if (fatal) return;
    if (!index) {
      index = new Map();
      if (rowNumber === 1)
        values.forEach((v, i) => {
          const k = headerKey.get(fold(textOf(v) ?? ''));
          if (k && !index!.has(k)) index!.set(k, i);
        });
      problems.push(...headerProblems(index));
      fatal = problems.length > 0;
      if (rowNumber === 1 || fatal) return;
    }
    const at = index;
    const value = (k: Key): Plain => (at.has(k) ? (values[at.get(k)!] ?? null) : null);
    const keys: Key[] = ['partyCardNo', 'cccd', 'year', 'level', 'score'];
    if (keys.every((k) => value(k) === null)) return;
    const bad = (k: Key, code: string, message: string, params?: ImportProblem['params']) => problems.push({ row: rowNumber, column: headerOf(k), code, message, params });
    const before = problems.length;
    const partyCardNo = textOf(value('partyCardNo'))?.replace(/\s/g, '') ?? null;
    const cccd = readCccd(value('cccd'));
    if (!cccd.ok) bad('cccd', cccd.code, cccd.message);
    if (!partyCardNo && !(cccd.ok && cccd.value)) bad('partyCardNo', 'review_import_no_key', 'Give the party card number or the CCCD');
    const yearText = textOf(value('year'));
    const year = Number(yearText);
    if (!yearText) bad('year', 'required', 'The year is required');
    else if (!Number.isInteger(year) || year < 2000 || year > thisYear) bad('year', 'review_import_year', `The year must be a year from 2000 to ${thisYear}`, { max: thisYear });
    const levelText = textOf(value('level'));
    const level = levelText ? levelByLabel.get(fold(levelText)) : undefined;
    if (!levelText) bad('level', 'required', 'The level is required');
    else if (!level) bad('level', 'review_import_level', `Unknown level "${levelText}"`, { value: levelText });
    const scoreText = textOf(value('score'));
    const score = scoreText === null ? null : Number(scoreText);
    if (score !== null && (!Number.isInteger(score) || score < 0 || score > 100)) bad('score', 'review_import_score', 'The score is a whole number from 0 to 100');
    if (problems.length === before) rows.push({ row: rowNumber, partyCardNo, cccd: cccd.ok ? cccd.value : null, year, level: level!, score });
  });
  if (read === 'not_xlsx') throw new AppError('unsupported_media_type', 'The file is not an Excel .xlsx workbook');
  if (read === 'too_large') throw new AppError('too_large', WORKBOOK_TOO_LARGE);
  if (read === 'no_sheet') return { rows: [], problems: [{ row: 1, column: '', code: 'empty_file', message: 'The workbook has no sheet' }] };
  if (fatal) return { rows: [], problems };
  // An empty sheet has no header either.
  if (!index) return { rows: [], problems: headerProblems(new Map()) };
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: '', code: 'empty_file', message: 'The file holds no result' });
  return { rows, problems };
}

type Found = { row: number; person_id: string | null; full_name: string | null; cell_id: string | null; cell_name: string | null; cell_path: string | null; commune_id: string | null; grp: string | null };

/** Checks a file against the database and applies it when every row is good; `applied: false` with the problems otherwise. */
/** `filePath`: the uploaded workbook, read as a stream; the caller removes it. */
export async function importResults(db: Db, actor: Actor, input: { unitId: string; filePath: string }) {
  const unit = await findUnit(db, input.unitId, todayIso());
  if (!unit) throw notFound('Unit');
  authorize(reviewPolicy, actor, 'review.import', { path: unit.path }, 'Unit');
  const { rows, problems } = await readRows(input.filePath);
  if (problems.length) return { applied: false as const, errors: problems, imported: 0 };
  return db.transaction(async (tx) => {
    // Each row's person (by card or CCCD, among people ever in the branch) and their cell on 31/12 of the year.
    const { rows: found } = await tx.execute<Found>(sql`
      WITH input AS (
        SELECT * FROM unnest(${sql.param(rows.map((r) => r.row))}::int[], ${sql.param(rows.map((r) => r.partyCardNo ?? ''))}::text[],
          ${sql.param(rows.map((r) => r.cccd ?? ''))}::text[], ${sql.param(rows.map((r) => r.year))}::int[]) AS i(row, card, cccd, year)
      ), person AS (
        SELECT i.row, i.year, p.id, p.full_name FROM input i
        LEFT JOIN ${persons} p ON (i.card <> '' AND p.party_card_no = i.card) OR (i.card = '' AND p.cccd = i.cccd)
        WHERE p.id IS NULL OR ${everMemberUnder(sql`p.id`, unit.path)}
      )
      SELECT i.row, ps.id AS person_id, ps.full_name, c.unit_id AS cell_id, c.name AS cell_name, c.path AS cell_path, c.parent_id AS commune_id,
        CASE WHEN c.unit_id IS NULL THEN NULL ELSE ${reviewGroup(sql`ps.id`, sql`c.unit_id`, sql`make_date(i.year, 12, 31)`)} END AS grp
      FROM input i
      LEFT JOIN person ps ON ps.row = i.row
      LEFT JOIN LATERAL ${cellOfPersonOn(sql`ps.id`, sql`make_date(i.year, 12, 31)`, unit.path)} c ON true`);
    const byRow = new Map(found.map((f) => [f.row, f]));
    const years = [...new Set(rows.map((r) => r.year))];
    const provinceId = provinceOf(unit.path);
    const { rows: cycles } = await tx.execute<{ id: string; year: number; source: string }>(sql`
      SELECT id, year, source FROM review_cycles WHERE kind = 'yearly' AND year = ANY(${sql.param(years)}::int[]) AND unit_path LIKE ${`/${provinceId}/%`}`);
    const { rows: existing } = await tx.execute<{ person_id: string; year: number }>(sql`
      SELECT p.person_id, c.year FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id
      WHERE c.source = 'import' AND c.year = ANY(${sql.param(years)}::int[]) AND p.person_id IS NOT NULL AND c.unit_path LIKE ${`/${provinceId}/%`}`);
    const seen = new Map<string, number>();
    for (const r of rows) {
      const f = byRow.get(r.row)!;
      const key = r.partyCardNo ? headerOf('partyCardNo') : headerOf('cccd');
      const bad = (column: string, code: string, message: string, params?: ImportProblem['params']) => problems.push({ row: r.row, column, code, message, params });
      if (cycles.some((c) => c.year === r.year && c.source === 'chibo'))
        bad(headerOf('year'), 'import_year_has_cycle', reviewIssueMessages.import_year_has_cycle, { year: r.year });
      if (!f.person_id) {
        bad(key, 'review_import_unknown_person', 'No member with this party card number or CCCD in your branch');
        continue;
      }
      if (!f.cell_id) bad(headerOf('year'), 'review_import_no_cell', `The member was in no party cell of your branch on 31/12/${r.year}`, { year: r.year });
      const k = `${f.person_id}:${r.year}`;
      if (seen.has(k)) bad(key, 'review_import_duplicate', `The same member and year as row ${seen.get(k)}`, { row: seen.get(k)! });
      else seen.set(k, r.row);
      if (existing.some((e) => e.person_id === f.person_id && e.year === r.year)) bad(headerOf('year'), 'review_import_exists', `A result of ${r.year} was already imported for this member`, { year: r.year });
    }
    if (problems.length) return { applied: false as const, errors: problems.sort((a, b) => a.row - b.row), imported: 0 };

    for (const year of years) {
      const ref = `${year}-12-31`;
      let cycleId = cycles.find((c) => c.year === year && c.source === 'import')?.id;
      if (!cycleId) {
        const set = await ensureTemplateSet(tx, actor, provinceId, `/${provinceId}/`, year);
        const province = await findUnit(tx, provinceId, todayIso());
        const [cycle] = await tx
          .insert(reviewCycles)
          .values({
            unitId: provinceId,
            unitPath: `/${provinceId}/`,
            year,
            kind: 'yearly',
            title: `Kết quả xếp loại năm ${year} (nhập từ Excel)`,
            branchIds: [province?.id ?? provinceId],
            branchPaths: [`/${provinceId}/`],
            referenceDate: ref,
            selfDue: ref,
            cellDue: ref,
            decisionDue: ref,
            complaintDays: 0,
            templateSetId: set.id,
            cap: set.cap,
            templates: set.templates,
            status: 'closed',
            source: 'import',
            closedAt: new Date(),
          })
          .returning();
        cycleId = cycle.id;
      }
      const ofYear = rows.filter((r) => r.year === year);
      const inserted = await tx
        .insert(reviewParticipants)
        .values(
          ofYear.map((r) => {
            const f = byRow.get(r.row)!;
            return {
              cycleId: cycleId!,
              kind: 'person' as const,
              personId: f.person_id!,
              fullName: f.full_name,
              unitId: f.cell_id!,
              unitName: f.cell_name!,
              unitPath: f.cell_path!,
              communeId: f.commune_id!,
              group: f.grp as 'secretary' | 'member_2c' | 'member_2ab',
            };
          }),
        )
        .returning({ id: reviewParticipants.id, personId: reviewParticipants.personId });
      await tx.insert(reviewDecisions).values(
        ofYear.map((r) => ({
          participantId: inserted.find((p) => p.personId === byRow.get(r.row)!.person_id)!.id,
          level: r.level,
          score: r.score,
          reason: 'Nhập từ Excel',
          decidedBy: actor.userId,
        })),
      );
    }
    await recordAudit(tx, actor, {
      action: 'review.import',
      entityType: 'review_import',
      entityId: unit.id,
      unitPath: unit.path,
      after: { years, rows: rows.length },
    });
    return { applied: true as const, errors: [] as ImportProblem[], imported: rows.length };
  });
}
