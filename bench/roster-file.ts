// Writes a roster workbook of N generated members in the template's columns (rosterColumns), the way an
// office fills it in Excel: shared strings, date cells formatted dd/mm/yyyy, CCCD as text.
// Identifiers never collide with the demo data: CCCDs start with 096 (Cà Mau — the demo only uses its own
// province 008 and a dozen northern birth codes) and party card numbers have 9 characters (the demo's have 8).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { educationLabels, postLabels, rosterColumns, sexLabels, theoryLabels } from '../src/server/modules/people/roster/columns.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ma', 'Nông', 'Hà', 'Triệu', 'Lục', 'Đàm', 'Quan'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Xuân', 'Hữu', 'Công', 'Thanh', 'Ngọc', 'Tiến'];
const MIDDLE_F = ['Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Hồng', 'Minh', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hùng', 'Khánh', 'Long', 'Mạnh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Toàn', 'Trung', 'Tuấn', 'Việt'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Liên', 'Linh', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Phượng', 'Thảo', 'Thủy', 'Trang', 'Vân', 'Yến'];
const ETHNICITY: [string, number][] = [['Kinh', 45], ['Tày', 25], ['Dao', 12], ['Mông', 8], ['Nùng', 4], ['Sán Chay', 3], ['Sán Dìu', 2], ['Cao Lan', 1]];
const EDUCATION: [string, number][] = [
  [educationLabels.none, 30], [educationLabels.intermediate, 30], [educationLabels.college, 12], [educationLabels.university, 25], [educationLabels.master, 3],
];
const THEORY: [string, number][] = [[theoryLabels.none, 35], [theoryLabels.elementary, 40], [theoryLabels.intermediate, 20], [theoryLabels.advanced, 5]];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RosterFileInput {
  file: string;
  rows: number;
  /** Codes of current cells of the import commune; rows are spread over them in turn. */
  cellCodes: string[];
  /** First serial of this file's identifiers: files of one run must not overlap. */
  serialBase: number;
  seed?: number;
}

const DAY = 86_400_000;

export async function writeRosterFile(input: RosterFileInput): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  const rng = mulberry32(input.seed ?? input.serialBase + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const pickW = (xs: [string, number][]) => {
    let r = rng() * xs.reduce((s, x) => s + x[1], 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[0][0];
  };
  const now = Date.now();
  const utcDay = (t: number) => {
    const d = new Date(t);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  };

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input.file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách đảng viên');
  ws.columns = rosterColumns.map((c) => ({
    key: c.key,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.kind === 'digits' ? { numFmt: '@' } : {},
  }));
  const header = ws.addRow(rosterColumns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  for (let i = 0; i < input.rows; i++) {
    const serial = input.serialBase + i;
    const female = rng() < 0.32;
    const given = female ? pick(GIVEN_F) : pick(GIVEN_M);
    const fullName = `${pick(FAMILY)} ${female ? pick(MIDDLE_F) : pick(MIDDLE_M)} ${given}`;
    const birthYear = 1950 + Math.floor(rng() * 50); // 1950–1999
    const birth = Date.UTC(birthYear, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28));
    // Joined at 19–40, at least two years ago; full member a year after for almost everyone.
    const latestJoin = now - 2 * 365 * DAY;
    const joined = Math.min(birth + (19 + Math.floor(rng() * 22)) * 365.25 * DAY, latestJoin - Math.floor(rng() * 200) * DAY);
    const official = rng() < 0.97 ? joined + (365 + Math.floor(rng() * 60)) * DAY : null;
    const cs = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const cccd = `096${cs}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
    const card = `96${String(serial).padStart(7, '0')}`;
    const phone = `0${pick(['9', '8', '3'])}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
    const row = ws.addRow({
      stt: i + 1,
      fullName,
      birthDate: utcDay(birth),
      sex: female ? sexLabels.female : sexLabels.male,
      ethnicity: pickW(ETHNICITY),
      partyCardNo: card,
      joinedOn: utcDay(joined),
      officialOn: official === null ? null : utcDay(official),
      cccd: rng() < 0.95 ? cccd : null,
      phone: rng() < 0.8 ? phone : null,
      education: pickW(EDUCATION),
      theoryLevel: pickW(THEORY),
      cellCode: input.cellCodes[i % input.cellCodes.length],
      position: rng() < 0.04 ? 'Chi ủy viên' : null,
      posts: rng() < 0.03 ? postLabels.other : null,
      laptopIssuedOn: rng() < 0.02 ? utcDay(now - Math.floor(rng() * 700) * DAY) : null,
    });
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { bytes: fs.statSync(input.file).size, ms: performance.now() - started };
}
