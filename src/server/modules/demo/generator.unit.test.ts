// The demo generator alone (no database): deterministic, realistic figures, rows the database constraints accept.
import { beforeAll, describe, expect, it } from 'vitest';
import { foldDiacritics, nameSortKey } from '../../../domain/vietnamese.js';
import {
  DEMO_REFERENCE_DATE,
  DEMO_TABLE_ORDER,
  DEMO_UNITS_FROM,
  generateDemo,
  officialCommunes,
  type DemoBatch,
  type DemoLogin,
  type DemoOptions,
  type DemoRows,
} from './generator.js';

function collect(options: DemoOptions): { rows: DemoRows; batches: DemoBatch[]; logins: DemoLogin[] } {
  const rows: DemoRows = { orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [] };
  const batches: DemoBatch[] = [];
  let logins: DemoLogin[] = [];
  for (const b of generateDemo(options)) {
    batches.push(b);
    for (const t of DEMO_TABLE_ORDER) for (const r of b[t]) (rows[t] as object[]).push(r);
    if (b.logins) logins = b.logins;
  }
  return { rows, batches, logins };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ageAt = (birth: string, at = DEMO_REFERENCE_DATE) => {
  const years = Number(at.slice(0, 4)) - Number(birth.slice(0, 4));
  return at.slice(5) < birth.slice(5) ? years - 1 : years;
};
const pct = (n: number, of: number) => (100 * n) / of;
const open = (r: { validTo?: string | null }) => r.validTo == null;
const UNIV = new Set(['university', 'master', 'doctorate']);

describe('demo generator: determinism', () => {
  it('gives the same rows for the same seed, other rows for another seed', () => {
    const a = collect({ seed: 7, communeLimit: 3 });
    const b = collect({ seed: 7, communeLimit: 3 });
    const c = collect({ seed: 8, communeLimit: 3 });
    expect(JSON.stringify(b.batches)).toBe(JSON.stringify(a.batches));
    expect(c.rows.people[0].id).not.toBe(a.rows.people[0].id);
    expect(c.rows.people.map((p) => p.fullName).join()).not.toBe(a.rows.people.map((p) => p.fullName).join());
    expect(c.rows.orgUnits.map((u) => u.id)).not.toEqual(a.rows.orgUnits.map((u) => u.id));
  });

  it('does not change a commune when more communes are generated after it', () => {
    const few = collect({ seed: 'x', communeLimit: 3 }).batches.filter((b) => b.scope === 'commune');
    const more = collect({ seed: 'x', communeLimit: 5 }).batches.filter((b) => b.scope === 'commune');
    for (const i of [0, 1]) expect(JSON.stringify(more[i])).toBe(JSON.stringify(few[i]));
  });

  it('streams one batch per commune, the province first and the accounts last', () => {
    const { batches } = collect({ seed: 1, communeLimit: 4, cellsPerCommune: 5, membersPerCell: 8 });
    expect(batches.map((b) => b.scope)).toEqual(['province', 'commune', 'commune', 'commune', 'commune', 'accounts']);
    expect(batches[1].orgUnits.filter((u) => u.kind !== 'cell')).toHaveLength(1);
  });

  it('scales the sizes with the options', () => {
    const { rows } = collect({ seed: 1, communeLimit: 10, cellsPerCommune: 10, membersPerCell: 10 });
    const cells = rows.orgUnits.filter((u) => u.kind === 'cell').length;
    expect(cells).toBeGreaterThanOrEqual(70);
    expect(cells).toBeLessThanOrEqual(130);
    const active = rows.people.filter((p) => p.status === 'active').length;
    expect(active / cells).toBeGreaterThan(7);
    expect(active / cells).toBeLessThan(13);
  });

  it('generates other provinces from the official list', () => {
    const { batches } = collect({ seed: 1, provinceCodes: ['01', '08'], communeLimit: 1, cellsPerCommune: 3, membersPerCell: 5 });
    const provinces = batches.filter((b) => b.scope === 'province').map((b) => b.unit!.name);
    expect(provinces).toEqual(['Thành phố Hà Nội', 'Tỉnh Tuyên Quang']);
    const cards = batches.flatMap((b) => b.people).filter((p) => p.partyCardNo).map((p) => p.partyCardNo!.slice(0, 2));
    expect(new Set(cards)).toEqual(new Set(['01', '08']));
    expect(() => [...generateDemo({ provinceCodes: ['99'] })]).toThrow(/Unknown province/);
  });
});

describe('demo generator: the province of Tuyên Quang', () => {
  let rows: DemoRows;
  let logins: DemoLogin[];
  const personById = new Map<string, DemoRows['people'][number]>();
  const unitById = new Map<string, DemoRows['orgUnits'][number]>();
  let currentCells: string[];
  const membersOf = new Map<string, string[]>(); // cell → people with an open membership
  const fullOf = new Map<string, number>();
  const secretaryOf = new Map<string, string>(); // cell → current secretary

  beforeAll(() => {
    ({ rows, logins } = collect({ seed: 2025 }));
    for (const p of rows.people) personById.set(p.id!, p);
    for (const u of rows.orgUnits) unitById.set(u.id!, u);
    currentCells = rows.orgUnits.filter((u) => u.kind === 'cell' && open(u)).map((u) => u.id!);
    for (const m of rows.memberships.filter(open)) {
      membersOf.set(m.unitId, [...(membersOf.get(m.unitId) ?? []), m.personId]);
      if (personById.get(m.personId)!.officialOn) fullOf.set(m.unitId, (fullOf.get(m.unitId) ?? 0) + 1);
    }
    for (const t of rows.positionTerms) if (t.position === 'secretary' && open(t)) secretaryOf.set(t.unitId, t.personId);
  }, 60_000);

  it('has the 124 official communes and wards, ~40 cells each', () => {
    const communes = rows.orgUnits.filter((u) => u.kind === 'commune' || u.kind === 'ward');
    expect(communes).toHaveLength(124);
    expect(communes.filter((u) => u.kind === 'ward')).toHaveLength(7);
    expect(new Set(communes.map((u) => u.code))).toEqual(new Set(officialCommunes('08').map((c) => c.code)));
    expect(rows.orgUnits.filter((u) => u.kind === 'province').map((u) => u.code)).toEqual(['08']);
    const perCommune = new Map<string, number>();
    for (const v of rows.orgUnitVersions) if (v.depth === 2 && open(v)) perCommune.set(v.parentId!, (perCommune.get(v.parentId!) ?? 0) + 1);
    const counts = [...perCommune.values()];
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...counts)).toBeLessThanOrEqual(60);
    expect(currentCells.length).toBeGreaterThan(4500);
    expect(currentCells.length).toBeLessThan(5500);
  });

  it('has ~25 members a cell, 124k–136k members in all', () => {
    const active = rows.people.filter((p) => p.status === 'active').length;
    expect(active).toBeGreaterThanOrEqual(124_000);
    expect(active).toBeLessThanOrEqual(136_000);
    const sizes = currentCells.map((c) => membersOf.get(c)?.length ?? 0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(70);
    const under3 = currentCells.filter((c) => (fullOf.get(c) ?? 0) < 3).length;
    expect(pct(under3, currentCells.length)).toBeGreaterThan(0.8);
    expect(pct(under3, currentCells.length)).toBeLessThan(3.5);
    const vacant = currentCells.filter((c) => !secretaryOf.has(c)).length;
    expect(pct(vacant, currentCells.length)).toBeGreaterThan(1.5);
    expect(pct(vacant, currentCells.length)).toBeLessThan(5);
  });

  it('names units as the official list and villages do', () => {
    const names = rows.orgUnitVersions.filter((v) => v.depth === 2).map((v) => v.name);
    expect(names.some((n) => /^Thôn [A-ZĐÀ-Ỹ]/u.test(n))).toBe(true);
    expect(names.some((n) => /^Bản /.test(n))).toBe(true);
    expect(names.some((n) => /^Tổ dân phố \d+$/.test(n))).toBe(true);
    expect(names.some((n) => /^Thôn \d+$/.test(n))).toBe(true);
    expect(rows.orgUnitVersions.filter((v) => v.nameFolded !== foldDiacritics(v.name))).toEqual([]);
    const cellCodes = rows.orgUnits.filter((u) => u.kind === 'cell').map((u) => u.code!);
    expect(new Set(cellCodes).size).toBe(cellCodes.length);
    expect(cellCodes.filter((c) => !/^\d{5}-\d{3}$/.test(c))).toEqual([]);
    const kinds = new Set(rows.orgUnits.map((u) => u.cellKind));
    for (const k of ['village', 'residential_group', 'school', 'agency']) expect(kinds.has(k as never)).toBe(true);
  });

  it('builds the tree paths from the root and keeps history for a few cells', () => {
    const versions = new Map<string, DemoRows['orgUnitVersions']>();
    for (const v of rows.orgUnitVersions) versions.set(v.unitId, [...(versions.get(v.unitId) ?? []), v]);
    const currentPath = (id: string) => versions.get(id)!.find(open)?.path ?? versions.get(id)!.at(-1)!.path;
    const wrongPath = rows.orgUnitVersions.filter(
      (v) => v.path !== (v.parentId ? `${currentPath(v.parentId)}${v.unitId}/` : `/${v.unitId}/`) || v.path.split('/').length - 3 !== v.depth,
    );
    expect(wrongPath).toEqual([]);
    expect(rows.orgUnits.filter((u) => u.validFrom !== DEMO_UNITS_FROM)).toEqual([]);
    const renamed = [...versions.values()].filter((vs) => vs.length > 1);
    expect(renamed).toHaveLength(2);
    for (const vs of renamed) {
      expect(vs[0].validTo).toBe(vs[1].validFrom);
      expect(vs[0].validTo! > DEMO_UNITS_FROM).toBe(true);
      expect(vs[0].name).not.toBe(vs[1].name);
    }
    const merged = rows.orgUnits.filter((u) => u.validTo);
    expect(merged).toHaveLength(1);
    expect(merged[0].closedReason).toBe('merged');
    expect(unitById.get(merged[0].successorIds![0])!.kind).toBe('cell');
    expect(rows.memberships.filter((m) => m.unitId === merged[0].id && open(m))).toHaveLength(0);
    expect(rows.positionTerms.filter((t) => t.unitId === merged[0].id && open(t))).toHaveLength(0);
  });

  it('gives every person a unique 12-digit citizen ID (or none) and a unique party card', () => {
    const cccds = rows.people.map((p) => p.cccd).filter((c): c is string => c != null);
    expect(cccds.filter((c) => !/^\d{12}$/.test(c))).toEqual([]);
    expect(new Set(cccds).size).toBe(cccds.length);
    expect(pct(rows.people.length - cccds.length, rows.people.length)).toBeGreaterThan(8);
    expect(pct(rows.people.length - cccds.length, rows.people.length)).toBeLessThan(12);
    expect(pct(cccds.filter((c) => c.startsWith('008')).length, cccds.length)).toBeGreaterThan(80);
    // digit 4: century and sex; digits 5–6: the year of birth
    const wrong = rows.people.filter((p) => {
      if (!p.cccd) return false;
      const year = Number(p.birthDate.slice(0, 4));
      return Number(p.cccd[3]) !== (year >= 2000 ? 2 : 0) + (p.sex === 'female' ? 1 : 0) || p.cccd.slice(4, 6) !== p.birthDate.slice(2, 4);
    });
    expect(wrong).toEqual([]);
    const cards = rows.people.map((p) => p.partyCardNo).filter((c): c is string => c != null);
    expect(cards.filter((c) => !/^08\d{6}$/.test(c))).toEqual([]);
    expect(new Set(cards).size).toBe(cards.length);
    expect(rows.people.filter((p) => (p.partyCardNo == null) !== (p.officialOn == null))).toEqual([]);
    const phones = rows.people.map((p) => p.phone).filter((x): x is string => x != null);
    expect(phones.filter((ph) => !/^0[39]\d{8}$/.test(ph))).toEqual([]);
    expect(pct(phones.length, rows.people.length)).toBeGreaterThan(75);
    expect(pct(phones.length, rows.people.length)).toBeLessThan(85);
  });

  it('has realistic people: Vietnamese names, ethnic mix, ages, joining and becoming official', () => {
    for (const p of rows.people.slice(0, 5000)) {
      expect(p.nameFolded).toBe(foldDiacritics(p.fullName));
      expect(p.nameSort).toBe(nameSortKey(p.fullName));
      expect(p.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
    }
    expect(pct(rows.people.filter((p) => /[^\x00-\x7f]/.test(p.fullName)).length, rows.people.length)).toBeGreaterThan(80);
    const ethnic = new Map<string, number>();
    for (const p of rows.people) ethnic.set(p.ethnicity, (ethnic.get(p.ethnicity) ?? 0) + 1);
    for (const e of ['Tày', 'Kinh', 'Dao', 'Mông', 'Nùng', 'Sán Chay', 'Giáy', 'Lô Lô', 'Pà Thẻn']) expect(ethnic.get(e) ?? 0).toBeGreaterThan(100);
    expect(pct(ethnic.get('Tày')!, rows.people.length)).toBeGreaterThan(20);
    expect(pct(ethnic.get('Kinh')!, rows.people.length)).toBeLessThan(40);

    const active = rows.people.filter((p) => p.status === 'active');
    let probationary = 0;
    let midAge = 0;
    const problems: string[] = [];
    for (const p of active) {
      const age = ageAt(p.birthDate);
      if (age < 19 || age > 90) problems.push(`${p.id} aged ${age}`);
      if (age >= 30 && age <= 65) midAge++;
      const joinAge = ageAt(p.birthDate, p.joinedOn);
      if (joinAge < 18 || joinAge > 45) problems.push(`${p.id} joined at ${joinAge}`);
      if (p.joinedOn > DEMO_REFERENCE_DATE) problems.push(`${p.id} joins in the future`);
      if (p.officialOn == null) {
        probationary++;
        if (ageAt(p.joinedOn) !== 0) problems.push(`${p.id} probationary for over a year`);
      } else if (p.officialOn < p.joinedOn || p.officialOn > DEMO_REFERENCE_DATE || Number(p.officialOn.slice(0, 4)) - Number(p.joinedOn.slice(0, 4)) !== 1) {
        problems.push(`${p.id} official on ${p.officialOn}, joined ${p.joinedOn}`);
      }
    }
    expect(problems).toEqual([]);
    expect(pct(midAge, active.length)).toBeGreaterThan(60);
    expect(pct(probationary, active.length)).toBeGreaterThan(3.5);
    expect(pct(probationary, active.length)).toBeLessThan(7);
    const gone = rows.people.filter((p) => p.status !== 'active');
    expect(pct(gone.length, rows.people.length)).toBeGreaterThan(0.6);
    expect(pct(gone.length, rows.people.length)).toBeLessThan(2);
    expect(gone.filter((p) => !p.statusDate)).toEqual([]);
    const secretaryIds = new Set(secretaryOf.values());
    const members = active.filter((p) => !secretaryIds.has(p.id!));
    expect(pct(members.filter((p) => UNIV.has(p.education)).length, members.length)).toBeGreaterThan(7);
    expect(pct(members.filter((p) => UNIV.has(p.education)).length, members.length)).toBeLessThan(14);
    expect(pct(members.filter((p) => p.theoryLevel === 'none' || p.theoryLevel === 'elementary').length, members.length)).toBeGreaterThan(85);
  });

  it('keeps every dated interval well-formed and never overlapping where the rules say one at a time', () => {
    for (const t of ['orgUnitVersions', 'memberships', 'positionTerms', 'concurrentPosts'] as const) {
      expect((rows[t] as { validFrom: string; validTo?: string | null }[]).filter((r) => r.validTo != null && r.validTo <= r.validFrom)).toEqual([]);
    }
    const overlaps = (list: { validFrom: string; validTo?: string | null }[]) => {
      const s = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
      return s.some((x, i) => i > 0 && (s[i - 1].validTo == null || s[i - 1].validTo! > x.validFrom));
    };
    const byPerson = new Map<string, DemoRows['memberships']>();
    for (const m of rows.memberships) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
    expect([...byPerson.values()].filter(overlaps)).toEqual([]);
    expect(byPerson.size).toBe(rows.people.length);
    const secretaries = new Map<string, DemoRows['positionTerms']>();
    for (const t of rows.positionTerms.filter((x) => x.position === 'secretary')) secretaries.set(t.unitId, [...(secretaries.get(t.unitId) ?? []), t]);
    expect([...secretaries.values()].filter(overlaps)).toEqual([]);
    // Active people are members today; those who left or died are not.
    expect(rows.people.filter((p) => byPerson.get(p.id!)!.some(open) !== (p.status === 'active'))).toEqual([]);
    // Membership starts at joining or later.
    expect(rows.memberships.filter((m) => m.validFrom < personById.get(m.personId)!.joinedOn)).toEqual([]);
    const history = [...byPerson.values()].filter((l) => l.length > 1).length;
    expect(pct(history, rows.people.length)).toBeGreaterThan(2);
  });

  it('makes secretaries full members of their cell, with the reported qualifications', () => {
    const byPerson = new Map<string, DemoRows['memberships']>();
    for (const m of rows.memberships) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
    const bad = rows.positionTerms.filter((t) => {
      const p = personById.get(t.personId)!;
      if (!p.officialOn || p.officialOn > t.validFrom) return true;
      // A membership of the same cell covers the whole term.
      return !byPerson.get(t.personId)!.some(
        (m) => m.unitId === t.unitId && m.validFrom <= t.validFrom && (m.validTo == null || (t.validTo != null && t.validTo <= m.validTo)),
      );
    });
    expect(bad).toEqual([]);
    const current = [...secretaryOf.values()].map((id) => personById.get(id)!);
    expect(pct(current.filter((p) => UNIV.has(p.education)).length, current.length)).toBeGreaterThan(30);
    expect(pct(current.filter((p) => UNIV.has(p.education)).length, current.length)).toBeLessThan(40);
    expect(pct(current.filter((p) => p.theoryLevel !== 'none').length, current.length)).toBeGreaterThan(45);
    expect(pct(current.filter((p) => p.theoryLevel !== 'none').length, current.length)).toBeLessThan(56);
    const bands = [0, 0, 0, 0];
    for (const p of current) {
      const a = ageAt(p.birthDate);
      bands[a < 35 ? 0 : a <= 45 ? 1 : a <= 60 ? 2 : 3]++;
    }
    const expected = [10, 30, 45, 15];
    bands.forEach((b, i) => expect(Math.abs(pct(b, current.length) - expected[i])).toBeLessThan(4));
    const starts = new Set(rows.positionTerms.filter((x) => x.position === 'secretary').map((t) => t.validFrom));
    expect([...starts].sort()).toEqual(['2015-07-10', '2020-08-15', '2025-06-20']);
    expect(rows.positionTerms.filter((t) => t.position === 'secretary' && t.validTo).length).toBeGreaterThan(1000);

    // "Two shoulders": ~30% of secretaries are also the village head, from the same day.
    const heads = rows.concurrentPosts.filter((c) => c.post === 'village_head' && open(c));
    const secTerms = new Map(rows.positionTerms.filter((t) => t.position === 'secretary' && open(t)).map((t) => [t.personId, t]));
    const both = heads.filter((h) => secTerms.has(h.personId));
    expect(pct(both.length, current.length)).toBeGreaterThan(25);
    expect(pct(both.length, current.length)).toBeLessThan(35);
    for (const h of both) expect(h.validFrom).toBe(secTerms.get(h.personId)!.validFrom);
  });

  it('elects deputies in some cells and committees only with 9 or more full members', () => {
    const deputies = rows.positionTerms.filter((t) => t.position === 'deputy_secretary' && open(t));
    expect(deputies.length).toBeGreaterThan(1000);
    const committee = rows.positionTerms.filter((t) => t.position === 'committee_member' && open(t));
    expect(committee.length).toBeGreaterThan(1000);
    expect(committee.filter((t) => fullOf.get(t.unitId)! < 9)).toEqual([]);
  });

  it('issues laptops to every secretary in about a third of the communes', () => {
    const parentOf = new Map(rows.orgUnitVersions.filter(open).map((v) => [v.unitId, v.parentId]));
    const withLaptop = new Set(rows.equipmentIssues.map((e) => e.personId));
    const communes = new Map<string, { secretaries: number; laptops: number }>();
    for (const [cell, person] of secretaryOf) {
      const c = parentOf.get(cell)!;
      const e = communes.get(c) ?? { secretaries: 0, laptops: 0 };
      e.secretaries++;
      if (withLaptop.has(person)) e.laptops++;
      communes.set(c, e);
    }
    const equipped = [...communes.values()].filter((c) => c.laptops > 0);
    for (const c of equipped) expect(c.laptops).toBe(c.secretaries);
    expect(pct(equipped.length, communes.size)).toBeGreaterThan(25);
    expect(pct(equipped.length, communes.size)).toBeLessThan(42);
    for (const e of rows.equipmentIssues) {
      expect(e.kind).toBe('laptop');
      expect(e.issuedOn >= '2023-01-01' && e.issuedOn <= '2024-12-31').toBe(true);
    }
  });

  it('uses unique v4-format ids everywhere', () => {
    const ids = DEMO_TABLE_ORDER.flatMap((t) => (rows[t] as { id?: string }[]).map((r) => r.id!));
    expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('creates the demo accounts on real units and people', () => {
    expect(logins.map((l) => l.username)).toEqual(['admin', 'canbo.xa', 'canbo.xa2', 'kiemtra', 'bientap', 'bithu', 'dangvien']);
    expect(rows.users).toHaveLength(7);
    expect(rows.roleGrants).toHaveLength(7);
    const by = Object.fromEntries(logins.map((l) => [l.username, l]));
    expect(by['canbo.xa'].unitName).toBe('Xã Minh Quang');
    expect(by['canbo.xa2'].unitId).not.toBe(by['canbo.xa'].unitId);
    expect(unitById.get(by['canbo.xa2'].unitId)!.kind).toMatch(/commune|ward/);
    expect(by.admin.role).toBe('province_admin');
    expect(by.kiemtra.role).toBe('inspection_officer');
    expect(by.bientap.role).toBe('editor');
    const cell = by.bithu.unitId;
    expect(by.dangvien.unitId).toBe(cell);
    const cellVersion = rows.orgUnitVersions.find((v) => v.unitId === cell && open(v))!;
    expect(cellVersion.parentId).toBe(by['canbo.xa'].unitId);
    expect(secretaryOf.get(cell)).toBe(by.bithu.personId);
    expect(membersOf.get(cell)).toContain(by.dangvien.personId);
    expect(rows.positionTerms.some((t) => t.personId === by.dangvien.personId)).toBe(false);
    const users = new Map(rows.users.map((u) => [u.username, u]));
    expect(users.get('bithu')!.personId).toBe(by.bithu.personId);
    expect(users.get('dangvien')!.personId).toBe(by.dangvien.personId);
    expect(users.get('admin')!.personId).toBeNull();
  });
});
