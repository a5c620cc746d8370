// Calendar dates as plain 'YYYY-MM-DD' strings (no time, no zone) and their Vietnamese forms.
// Working on strings avoids the off-by-one-day bugs of converting through Date and UTC.

const pad2 = (n: number) => String(n).padStart(2, '0');

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const daysInMonth = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= daysInMonth;
}

function toIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Year, month, day of a real 'YYYY-MM-DD' date, or null. */
function partsOf(s: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? [y, mo, d] : null;
}

function mustParse(iso: string): [number, number, number] {
  const p = partsOf(iso);
  if (!p) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return p;
}

/**
 * The dates chibo records at all — births, memberships, units, equipment, reviews: none before 1900 or after 2100.
 * A date outside is a typing slip (1800 for 1980, 9999 for "no end"), refused rather than stored.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
export const isPlausibleDate = (iso: string) => iso >= EARLIEST_DATE && iso <= LATEST_DATE;

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(s: string): boolean {
  return partsOf(s) !== null;
}

/**
 * 'YYYY-MM-DD' (a longer ISO timestamp is cut to its date) or Date → 'dd/mm/yyyy'; '' when empty
 * or not a date. A Date is read in local time because node-pg turns DATE columns into local midnight.
 */
export function formatDateVi(iso: string | Date | null | undefined): string {
  if (iso == null) return '';
  if (iso instanceof Date) {
    if (Number.isNaN(iso.getTime())) return '';
    iso = toIso(iso.getFullYear(), iso.getMonth() + 1, iso.getDate());
  }
  const p = partsOf(iso.slice(0, 10));
  if (!p) return '';
  const [y, m, d] = p;
  return `${pad2(d)}/${pad2(m)}/${String(y).padStart(4, '0')}`;
}

/** 'dd/mm/yyyy' (also d/m/yyyy, with '/', '-' or '.') → 'YYYY-MM-DD'; null unless a real date. */
export function parseDateVi(s: string): string | null {
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
  return isRealDate(y, mo, d) ? toIso(y, mo, d) : null;
}

/**
 * Completed years from birth to the given day. Someone born on 29 February completes a year
 * on 1 March in non-leap years.
 */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = mustParse(birthIso);
  const [y, m, d] = mustParse(onIso);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

// Building an Intl.DateTimeFormat costs ~0.5 ms, more than the rest of a small request: one per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date where the app's users live (the server may run in UTC). */
// The last answer per time zone and minute: every time zone's offset is a whole number of minutes, so a day never
// starts inside a minute, and formatting a date costs more than many a request's own work (~0.05 ms).
const lastDay = new Map<string, { minute: number; day: string }>();

export function todayIso(timeZone = 'Asia/Ho_Chi_Minh', now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastDay.get(timeZone);
  if (last?.minute === minute) return last.day;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const day = toIso(get('year'), get('month'), get('day'));
  lastDay.set(timeZone, { minute, day });
  return day;
}

/** Dated place line of official reports: "Tuyên Quang, ngày 14 tháng 02 năm 2025". */
export function placeDateLine(place: string, iso: string): string {
  const [y, m, d] = mustParse(iso);
  return `${place.trim()}, ngày ${pad2(d)} tháng ${pad2(m)} năm ${y}`;
}
