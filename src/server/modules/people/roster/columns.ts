// The roster workbook's columns: Vietnamese headers, labels of coded values, and tolerant readers of cell
// values (diacritic-insensitive labels, Excel dates or dd/mm/yyyy text, CCCD typed as a number).
// The template, the import and the export all use this one list, so an export can be re-imported.
import { isIsoDate, parseDateVi } from '../../../../domain/dates.js';
import { cellPositions, concurrentPosts, educationLevels, sexes, theoryLevels } from '../../../../domain/enums.js';
import { foldDiacritics } from '../../../../domain/vietnamese.js';
import { EXCEL_EPOCH, isoOfDate, textOf, type Plain } from '../../../platform/excel.js';

export type ColumnKey =
  | 'stt'
  | 'fullName'
  | 'birthDate'
  | 'sex'
  | 'ethnicity'
  | 'partyCardNo'
  | 'joinedOn'
  | 'officialOn'
  | 'cccd'
  | 'phone'
  | 'education'
  | 'theoryLevel'
  | 'cellCode'
  | 'position'
  | 'posts'
  | 'laptopIssuedOn';

export type ColumnKind = 'index' | 'text' | 'date' | 'coded' | 'digits';

export interface RosterColumn {
  key: ColumnKey;
  header: string;
  kind: ColumnKind;
  /** The header must be present in an imported file. */
  requiredHeader: boolean;
  width: number;
  /** Coded values: code → Vietnamese label, in the order shown in drop-downs. */
  labels?: Record<string, string>;
  /** Other spellings accepted for the header. */
  aliases?: string[];
  help: string;
}

export const sexLabels: Record<(typeof sexes)[number], string> = { male: 'Nam', female: 'Nữ' };
export const educationLabels: Record<(typeof educationLevels)[number], string> = {
  none: 'Không',
  intermediate: 'Trung cấp',
  college: 'Cao đẳng',
  university: 'Đại học',
  master: 'Thạc sĩ',
  doctorate: 'Tiến sĩ',
};
export const theoryLabels: Record<(typeof theoryLevels)[number], string> = {
  none: 'Chưa có',
  elementary: 'Sơ cấp',
  intermediate: 'Trung cấp',
  advanced: 'Cao cấp',
  bachelor: 'Cử nhân',
};
export const positionLabels: Record<(typeof cellPositions)[number], string> = {
  secretary: 'Bí thư',
  deputy_secretary: 'Phó Bí thư',
  committee_member: 'Chi ủy viên',
};
// No commas in labels: Excel's inline drop-down lists are comma-separated.
export const postLabels: Record<(typeof concurrentPosts)[number], string> = {
  village_head: 'Trưởng thôn',
  front_committee_head: 'Trưởng ban công tác Mặt trận',
  commune_official: 'Cán bộ xã',
  other: 'Khác',
};

/** Extra spellings people type for coded values (folded form → code). */
const valueAliases: Partial<Record<ColumnKey, Record<string, string>>> = {
  education: { 'dh': 'university', 'cd': 'college', 'tc': 'intermediate', 'ths': 'master', 'ts': 'doctorate', 'chua co': 'none' },
  theoryLevel: { 'khong': 'none', 'sc': 'elementary', 'tc': 'intermediate', 'cc': 'advanced' },
  position: { 'bi thu chi bo': 'secretary', 'pho bi thu chi bo': 'deputy_secretary', 'chi uy': 'committee_member', 'uy vien': 'committee_member' },
  posts: { 'truong ban cong tac mat tran': 'front_committee_head', 'truong ban mat tran': 'front_committee_head', 'truong to dan pho': 'village_head', 'truong ban': 'village_head' },
};

export const rosterColumns: RosterColumn[] = [
  { key: 'stt', header: 'STT', kind: 'index', requiredHeader: false, width: 6, help: 'Số thứ tự; không bắt buộc, không được nhập vào hệ thống.' },
  { key: 'fullName', header: 'Họ và tên', kind: 'text', requiredHeader: true, width: 26, aliases: ['Họ tên', 'Họ và tên đảng viên'], help: 'Bắt buộc. Họ, tên đệm và tên, ví dụ: Nguyễn Thị Xiến.' },
  { key: 'birthDate', header: 'Ngày sinh', kind: 'date', requiredHeader: true, width: 12, help: 'Bắt buộc. Ngày dạng dd/mm/yyyy (hoặc ô kiểu ngày của Excel).' },
  { key: 'sex', header: 'Giới tính', kind: 'coded', requiredHeader: true, width: 10, labels: sexLabels, help: 'Bắt buộc. Nam hoặc Nữ.' },
  { key: 'ethnicity', header: 'Dân tộc', kind: 'text', requiredHeader: true, width: 12, help: 'Bắt buộc. Ví dụ: Kinh, Tày, Dao, Mông.' },
  { key: 'partyCardNo', header: 'Số thẻ đảng', kind: 'text', requiredHeader: false, width: 14, aliases: ['Số thẻ đảng viên', 'Số thẻ'], help: 'Số thẻ đảng viên (4–20 chữ số hoặc chữ cái). Dùng để nhận ra đảng viên đã có khi nhập lại. Cần có số thẻ đảng hoặc số CCCD.' },
  { key: 'joinedOn', header: 'Ngày vào Đảng', kind: 'date', requiredHeader: true, width: 14, aliases: ['Ngày kết nạp'], help: 'Bắt buộc. Ngày kết nạp vào Đảng, dd/mm/yyyy; khi vào Đảng phải đủ 18 tuổi.' },
  { key: 'officialOn', header: 'Ngày chính thức', kind: 'date', requiredHeader: false, width: 14, help: 'Ngày trở thành đảng viên chính thức, sau ngày vào Đảng; để trống nếu là đảng viên dự bị.' },
  { key: 'cccd', header: 'Số CCCD', kind: 'digits', requiredHeader: false, width: 15, aliases: ['CCCD', 'Số căn cước công dân', 'Số căn cước'], help: 'Số căn cước công dân, đúng 12 chữ số (nên định dạng ô là Văn bản để giữ số 0 ở đầu).' },
  { key: 'phone', header: 'Số điện thoại', kind: 'text', requiredHeader: false, width: 14, aliases: ['Điện thoại', 'SĐT'], help: 'Không bắt buộc.' },
  { key: 'education', header: 'Trình độ chuyên môn', kind: 'coded', requiredHeader: false, width: 16, labels: educationLabels, aliases: ['Trình độ', 'Chuyên môn'], help: 'Chọn trong danh sách: Không, Trung cấp, Cao đẳng, Đại học, Thạc sĩ, Tiến sĩ. Để trống là Không.' },
  { key: 'theoryLevel', header: 'Lý luận chính trị', kind: 'coded', requiredHeader: false, width: 16, labels: theoryLabels, aliases: ['Trình độ lý luận chính trị', 'Lý luận'], help: 'Chọn trong danh sách: Chưa có, Sơ cấp, Trung cấp, Cao cấp, Cử nhân. Để trống là Chưa có.' },
  { key: 'cellCode', header: 'Mã chi bộ', kind: 'text', requiredHeader: false, width: 14, help: 'Mã của chi bộ (đang hoạt động) thuộc đơn vị nhập. Khi nhập vào một chi bộ có thể để trống.' },
  { key: 'position', header: 'Chức vụ trong chi bộ', kind: 'coded', requiredHeader: false, width: 16, labels: positionLabels, aliases: ['Chức vụ'], help: 'Bí thư, Phó Bí thư hoặc Chi ủy viên; để trống nếu không giữ chức vụ. Mỗi chi bộ chỉ có một Bí thư.' },
  { key: 'posts', header: 'Kiêm nhiệm', kind: 'coded', requiredHeader: false, width: 24, labels: postLabels, help: 'Chức danh kiêm nhiệm: Trưởng thôn, Trưởng ban công tác Mặt trận, Cán bộ xã, Khác. Nhiều chức danh ngăn cách bằng dấu chấm phẩy (;).' },
  { key: 'laptopIssuedOn', header: 'Ngày cấp máy tính xách tay', kind: 'date', requiredHeader: false, width: 16, aliases: ['Ngày cấp máy tính'], help: 'Ngày được cấp máy tính xách tay, dd/mm/yyyy; để trống nếu chưa được cấp.' },
];

/** The sheet's letter of the i-th column (0 → A, 26 → AA), for cell references. */
export function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const columnByKey = Object.fromEntries(rosterColumns.map((c) => [c.key, c])) as Record<ColumnKey, RosterColumn>;
export const headerOf = (key: ColumnKey) => columnByKey[key].header;

const headerLookup = new Map<string, ColumnKey>();
for (const c of rosterColumns) for (const h of [c.header, ...(c.aliases ?? [])]) headerLookup.set(foldHeader(h), c.key);

function foldHeader(s: string): string {
  return foldDiacritics(s).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The column a header cell names, diacritics, case, punctuation and a trailing "(*)" ignored. */
export function columnOfHeader(text: string): ColumnKey | undefined {
  return headerLookup.get(foldHeader(text.replace(/\(\s*\*\s*\)/g, '')));
}

// ---------------------------------------------------------------------------------------------------------
// Reading cell values

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; code: string; params?: Record<string, string | number> };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string, code: string, params?: Record<string, string | number>): Parsed<never> => ({ ok: false, message, code, ...(params ? { params } : {}) });
/** A cell's value as the person typed it, for a message ("«31/02/2024» is not a real date"). */
const shown = (v: Plain): string => (v instanceof Date ? (Number.isNaN(v.getTime()) ? '?' : v.toISOString().slice(0, 10)) : String(v));

/** A date from an Excel date cell, a date serial, or text dd/mm/yyyy (also yyyy-mm-dd). */
export function readDate(v: Plain): Parsed<string | null> {
  if (v === null) return ok(null);
  let iso: string | null = null;
  if (v instanceof Date) iso = Number.isNaN(v.getTime()) ? null : isoOfDate(v);
  else if (typeof v === 'number') iso = v >= 1 && v < 2958466 ? isoOfDate(new Date(EXCEL_EPOCH + Math.floor(v) * 86_400_000)) : null;
  else {
    const s = String(v).trim();
    iso = parseDateVi(s) ?? (isIsoDate(s) ? s : null);
    if (!iso) return bad(`"${s}" is not a date; write it as dd/mm/yyyy`, 'invalid_date', { value: s });
  }
  if (!iso || !isIsoDate(iso)) return bad('Not a real date; write it as dd/mm/yyyy', 'invalid_date', { value: shown(v) });
  if (iso < '1900-01-01') return bad('The date is before 1900', 'date_before_1900', { value: iso });
  return ok(iso);
}

/**
 * CCCD: a number loses its leading zeros in Excel, so a numeric cell is padded back to 12 digits. A CCCD
 * starts with a province code 001–096, so at most two zeros can have been lost: shorter numbers are errors.
 */
export function readCccd(v: Plain): Parsed<string | null> {
  if (v === null) return ok(null);
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1e9 || v >= 1e12) return bad('A citizen ID (CCCD) has exactly 12 digits', 'cccd_format');
    s = v.toFixed(0).padStart(12, '0');
  } else s = (textOf(v) ?? '').replace(/[\s.]/g, '');
  if (!/^\d{12}$/.test(s)) return bad('A citizen ID (CCCD) has exactly 12 digits', 'cccd_format');
  return ok(s);
}

/** Phone: a numeric cell lost its leading 0 (Vietnamese numbers start with 0). */
export function readPhone(v: Plain): string | null {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) {
    const s = v.toFixed(0);
    return s.length === 9 ? `0${s}` : s;
  }
  return textOf(v);
}

const labelLookup = new Map<ColumnKey, Map<string, string>>();
for (const c of rosterColumns) {
  if (!c.labels) continue;
  const m = new Map<string, string>();
  for (const [code, label] of Object.entries(c.labels)) {
    m.set(foldDiacritics(label), code);
    m.set(foldDiacritics(code.replace(/_/g, ' ')), code);
  }
  for (const [alias, code] of Object.entries(valueAliases[c.key] ?? {})) m.set(foldDiacritics(alias), code);
  labelLookup.set(c.key, m);
}

/** A coded value from its Vietnamese label (or code), ignoring case and diacritics. */
export function readCoded(key: ColumnKey, v: Plain): Parsed<string | null> {
  const s = textOf(v);
  if (s === null) return ok(null);
  const code = labelLookup.get(key)?.get(foldDiacritics(s));
  if (code) return ok(code);
  const allowed = Object.values(columnByKey[key].labels ?? {}).join(', ');
  return bad(`"${s}" is not a known value; use one of: ${allowed}`, 'unknown_choice', { value: s, allowed });
}

/** Several coded values in one cell, separated by ';' or ','. */
export function readCodedList(key: ColumnKey, v: Plain): Parsed<string[]> {
  const s = textOf(v);
  if (s === null) return ok([]);
  const out: string[] = [];
  for (const part of s.split(/[;,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const r = readCoded(key, part);
    if (!r.ok) return r;
    if (r.value && !out.includes(r.value)) out.push(r.value);
  }
  return ok(out);
}

/** Excel date cell value for a 'YYYY-MM-DD' date: UTC midnight, so no time zone shifts it a day. */
export function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export const DATE_FORMAT = 'dd/mm/yyyy';
