// Reshaping the tree without losing history: every operation closes versions on its date and opens new ones.
// Interval convention: [valid_from, valid_to) — a unit renamed on D has the old name until D-1.
import { issue } from '../../../domain/issues.js';
import { eq, inArray, sql } from 'drizzle-orm';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { CellKind, UnitKind } from '../../../domain/enums.js';
import { authorize, type Actor } from '../../platform/access.js';
import { recordAudit, type AuditInput } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { retryIfRaceLost } from '../../platform/db-errors.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { orgExtensions } from './extensions.js';
import { mayCreateRoot, unitPolicy, type UnitAction } from './policy.js';
import { orgUnits, orgUnitVersions } from './schema.js';
import { findUnit, firstVersion, unitsAt, type UnitRow } from './tree.js';
import { assertNameFree, assertNoLaterChange, assertParentStands } from './history.js';
import { presentUnit } from './presenter.js';

/** Which kinds may sit under which. */
// A district sat between the province and its communes until 1 July 2025 (the old tree; see reform.ts).
const childKinds: Record<UnitKind, UnitKind[]> = { province: ['district', 'commune', 'ward'], district: ['commune', 'ward'], commune: ['cell'], ward: ['cell'], cell: [] };

/**
 * Reshaping a unit holds its identity row until commit: two reshapes of one unit sent at once run one after the
 * other, and the second reads what the first left (a unit merged away is then not found). Several units are taken
 * in id order, so two merges of the same units cannot wait on each other.
 */
async function lockUnits(tx: Tx, ids: string[]): Promise<void> {
  await tx.execute(sql`SELECT id FROM org_units WHERE id = ANY(${sql.param([...new Set(ids)].sort())}::uuid[]) ORDER BY id FOR UPDATE`);
}

async function loadForAction(tx: Tx, actor: Actor, id: string, date: string, action: UnitAction): Promise<UnitRow> {
  await lockUnits(tx, [id]);
  const unit = await findUnit(tx, id, date);
  if (!unit) {
    // Dated before the unit began: in the reader's branch, say so (a merge dated before its units existed).
    const first = await firstVersion(tx, id);
    if (!first) throw notFound('Unit');
    authorize(unitPolicy, actor, action, { path: first.path }, 'Unit');
    throw invalid([{ ...issue('unit_not_yet', 'date'), params: { name: first.name, date: first.validFrom } }]);
  }
  if (unit.validTo && unit.validTo <= date) throw notFound('Unit');
  authorize(unitPolicy, actor, action, { path: unit.path }, 'Unit');
  if (unit.versionFrom > date) throw invalid([issue('unit_not_yet', 'date')]);
  return unit;
}

async function assertCodeFree(tx: Tx, code: string | null | undefined, date: string, exceptIds: string[] = []) {
  if (!code) return;
  const [taken] = await unitsAt(tx, date, eq(orgUnits.code, code));
  if (taken && !exceptIds.includes(taken.id)) throw conflict('This code is used by another unit', [issue('code_taken', 'code')]);
}

/**
 * Gives `unit` a new version from `date` with the given changes, and re-paths its whole subtree when the path
 * changes. A version that starts on `date` itself is corrected in place rather than closed the same day.
 */
async function reversion(tx: Tx, unit: UnitRow, date: string, change: { name?: string; parentId?: string | null; parentPath?: string }) {
  const name = change.name ?? unit.name;
  const parentId = change.parentId === undefined ? unit.parentId : change.parentId;
  const path = change.parentPath !== undefined ? `${change.parentPath}${unit.id}/` : unit.path;
  const depth = path.split('/').length - 3;
  if (unit.versionFrom === date) {
    await tx.update(orgUnitVersions).set({ name, nameFolded: foldDiacritics(name), parentId, path, depth }).where(eq(orgUnitVersions.id, unit.versionId));
  } else {
    // The new version holds the old one's interval only: a later version, or the unit's closing, still stands.
    await tx.update(orgUnitVersions).set({ validTo: date }).where(eq(orgUnitVersions.id, unit.versionId));
    await tx.insert(orgUnitVersions).values({ unitId: unit.id, name, nameFolded: foldDiacritics(name), parentId, path, depth, validFrom: date, validTo: unit.versionTo ?? null });
  }
  if (path !== unit.path) {
    const children = await unitsAt(tx, date, eq(orgUnitVersions.parentId, unit.id));
    for (const child of children as UnitRow[]) await reversion(tx, child, date, { parentPath: path });
  }
  return { ...unit, name, parentId, path, depth };
}

/** Ends a unit on `date`: its open version and the unit itself. */
async function closeUnit(tx: Tx, unit: UnitRow, date: string, reason: string, successorIds: string[] | null) {
  if (unit.versionFrom === date) throw invalid([issue('end_on_start_day', 'date')]);
  await assertNoLaterChange(tx, unit, date, true);
  await tx.update(orgUnitVersions).set({ validTo: date }).where(eq(orgUnitVersions.id, unit.versionId));
  await tx.update(orgUnits).set({ validTo: date, closedReason: reason, successorIds }).where(eq(orgUnits.id, unit.id));
}

async function insertUnit(
  tx: Tx,
  input: { kind: UnitKind; cellKind?: CellKind | null; name: string; code?: string | null; date: string; parent: UnitRow | null },
) {
  const [unit] = await tx
    .insert(orgUnits)
    .values({ kind: input.kind, cellKind: input.kind === 'cell' ? (input.cellKind ?? 'village') : null, code: input.code ?? null, validFrom: input.date })
    .returning();
  const path = `${input.parent?.path ?? '/'}${unit.id}/`;
  await tx.insert(orgUnitVersions).values({
    unitId: unit.id,
    name: input.name,
    nameFolded: foldDiacritics(input.name),
    parentId: input.parent?.id ?? null,
    path,
    depth: input.parent ? input.parent.depth + 1 : 0,
    validFrom: input.date,
  });
  return (await findUnit(tx, unit.id, input.date))!;
}


const audited = (u: UnitRow) => ({ ...presentUnit(u), path: u.path });

export async function createUnit(
  db: Db,
  actor: Actor,
  input: { parentId: string | null; kind: UnitKind; cellKind?: CellKind | null; name: string; code?: string | null; validFrom: string },
) {
  return db.transaction(async (tx) => {
    let parent: UnitRow | null = null;
    if (input.parentId) {
      parent = await loadForAction(tx, actor, input.parentId, input.validFrom, 'unit.create');
      if (!childKinds[parent.kind].includes(input.kind))
        throw invalid([issue('wrong_parent_kind', 'kind')]);
    } else if (!mayCreateRoot(actor, input.kind)) {
      // Only the system (CLI, seed) creates a root, and a root is a province.
      throw new AppError('forbidden', 'Only a province can be a root, and only from the command line');
    }
    await assertCodeFree(tx, input.code, input.validFrom);
    await assertParentStands(tx, parent, input.validFrom);
    await assertNameFree(tx, parent?.id ?? null, foldDiacritics(input.name), input.validFrom);
    const unit = await insertUnit(tx, { ...input, date: input.validFrom, parent });
    await recordAudit(tx, actor, { action: 'unit.create', entityType: 'unit', entityId: unit.id, unitPath: unit.path, after: audited(unit) });
    return unit;
  });
}

export async function renameUnit(db: Db, actor: Actor, id: string, input: { name: string; date: string }) {
  return db.transaction(async (tx) => {
    const unit = await loadForAction(tx, actor, id, input.date, 'unit.rename');
    if (unit.name === input.name) throw invalid([issue('same_name', 'name')]);
    await assertNameFree(tx, unit.parentId, foldDiacritics(input.name), input.date, [unit.id]);
    const after = await reversion(tx, unit, input.date, { name: input.name });
    await recordAudit(tx, actor, { action: 'unit.rename', entityType: 'unit', entityId: id, unitPath: unit.path, before: audited(unit), after: audited(after) });
    return (await findUnit(tx, id, input.date))!;
  });
}

// Moves, merges and splits can take the tree across provinces, and the hooks of other modules (org_change_hooks) then
// lock what they keep per province in the order of org's statements: two such reshapes in opposite directions can
// deadlock. PostgreSQL cancels one; it is run again (retryIfRaceLost), as its callback is database work only.
export async function moveUnit(db: Db, actor: Actor, id: string, input: { parentId: string; date: string }) {
  return retryIfRaceLost(() => db.transaction(async (tx) => {
    const unit = await loadForAction(tx, actor, id, input.date, 'unit.move');
    const parent = await loadForAction(tx, actor, input.parentId, input.date, 'unit.create');
    if (!childKinds[parent.kind].includes(unit.kind)) throw invalid([issue('wrong_parent_kind', 'parentId')]);
    if (parent.path.startsWith(unit.path)) throw invalid([issue('move_under_itself', 'parentId')]);
    if (parent.id === unit.parentId) throw invalid([issue('same_parent', 'parentId')]);
    await assertNoLaterChange(tx, unit, input.date, true);
    await assertParentStands(tx, parent, input.date);
    await assertNameFree(tx, parent.id, foldDiacritics(unit.name), input.date, [unit.id], 'parentId');
    const after = await reversion(tx, unit, input.date, { parentId: parent.id, parentPath: parent.path });
    await orgExtensions().unitsMoved(tx, actor, { unitIds: [id], date: input.date });
    await recordAudit(tx, actor, { action: 'unit.move', entityType: 'unit', entityId: id, unitPath: after.path, before: audited(unit), after: audited(after) });
    return (await findUnit(tx, id, input.date))!;
  }));
}

/** A + B → C: C opens under A's parent; children, members and positions of A and B move to C; A and B close. */
export async function mergeUnits(
  db: Db,
  actor: Actor,
  input: { sourceIds: string[]; name: string; code?: string | null; cellKind?: CellKind | null; date: string },
) {
  if (new Set(input.sourceIds).size < 2) throw invalid([issue('merge_two_units', 'sourceIds')]);
  return retryIfRaceLost(() => db.transaction(async (tx) => {
    await lockUnits(tx, input.sourceIds);
    const sources: UnitRow[] = [];
    for (const id of input.sourceIds) sources.push(await loadForAction(tx, actor, id, input.date, 'unit.merge'));
    if (new Set(sources.map((s) => s.kind === 'ward' ? 'commune' : s.kind)).size > 1) throw invalid([issue('merge_same_kind', 'sourceIds')]);
    const parent = sources[0].parentId ? (await findUnit(tx, sources[0].parentId, input.date))! : null;
    if (parent) authorize(unitPolicy, actor, 'unit.create', { path: parent.path }, 'Unit');
    await assertCodeFree(tx, input.code, input.date, input.sourceIds);
    for (const source of sources) await assertNoLaterChange(tx, source, input.date, true);
    await assertParentStands(tx, parent, input.date);
    await assertNameFree(tx, parent?.id ?? null, foldDiacritics(input.name), input.date, input.sourceIds);
    const merged = await insertUnit(tx, { kind: sources[0].kind, cellKind: input.cellKind ?? sources[0].cellKind as CellKind | null, name: input.name, code: input.code, date: input.date, parent });
    const events: AuditInput[] = [];
    for (const source of sources) {
      await moveChildren(tx, source, merged, input.date);
      const moved = await orgExtensions().moveMembers(tx, actor, { fromUnitId: source.id, toUnitId: merged.id, date: input.date, keepSecretary: source === sources[0] });
      await closeUnit(tx, source, input.date, 'merged', [merged.id]);
      events.push({ action: 'unit.close', entityType: 'unit', entityId: source.id, unitPath: source.path, before: audited(source), after: { closedReason: 'merged', validTo: input.date, successorIds: [merged.id], movedMembers: moved } });
    }
    await orgExtensions().unitsMoved(tx, actor, { unitIds: [merged.id], date: input.date });
    events.push({ action: 'unit.merge', entityType: 'unit', entityId: merged.id, unitPath: merged.path, after: { ...audited(merged), sourceIds: input.sourceIds } });
    await recordAudit(tx, actor, events);
    return merged;
  }));
}

async function moveChildren(tx: Tx, from: UnitRow, to: UnitRow, date: string) {
  const children = await unitsAt(tx, date, eq(orgUnitVersions.parentId, from.id));
  for (const child of children as UnitRow[]) await reversion(tx, child, date, { parentId: to.id, parentPath: to.path });
}

/** A → P1…Pn: every current member goes to exactly one part (and every child unit, for a commune). */
export async function splitUnit(
  db: Db,
  actor: Actor,
  id: string,
  input: { date: string; parts: { name: string; code?: string | null; personIds: string[]; childIds?: string[] }[] },
) {
  return retryIfRaceLost(() => db.transaction(async (tx) => {
    const unit = await loadForAction(tx, actor, id, input.date, 'unit.split');
    const issues = [];
    if (input.parts.length < 2) issues.push(issue('split_two_parts', 'parts'));
    const members = new Set(await orgExtensions().memberIds(tx, unit.id, input.date));
    const children = new Set(((await unitsAt(tx, input.date, eq(orgUnitVersions.parentId, unit.id))) as UnitRow[]).map((c) => c.id));
    const assigned = new Map<string, number>();
    const assignedChildren = new Map<string, number>();
    input.parts.forEach((part, i) => {
      if (!part.name.trim()) issues.push(issue('required', `parts.${i}.name`));
      for (const p of part.personIds) {
        if (!members.has(p)) issues.push(issue('split_person_not_member', `parts.${i}.personIds`));
        if (assigned.has(p)) issues.push(issue('split_person_twice', `parts.${i}.personIds`));
        assigned.set(p, i);
      }
      for (const c of part.childIds ?? []) {
        if (!children.has(c)) issues.push(issue('split_child_unknown', `parts.${i}.childIds`));
        assignedChildren.set(c, i);
      }
    });
    const missing = [...members].filter((m) => !assigned.has(m));
    if (missing.length) issues.push(issue('split_unassigned_members', 'parts'));
    const missingChildren = [...children].filter((c) => !assignedChildren.has(c));
    if (missingChildren.length) issues.push(issue('split_unassigned_children', 'parts'));
    const folded = input.parts.map((p) => foldDiacritics(p.name.trim()));
    folded.forEach((f, i) => { if (folded.indexOf(f) !== i) issues.push(issue('name_taken_in_parent', `parts.${i}.name`)); });
    if (issues.length) throw invalid(issues);
    await assertNoLaterChange(tx, unit, input.date, true);
    const parent = unit.parentId ? (await findUnit(tx, unit.parentId, input.date))! : null;
    await assertParentStands(tx, parent, input.date);
    const created: UnitRow[] = [];
    for (const [i, part] of input.parts.entries()) {
      await assertNameFree(tx, parent?.id ?? null, folded[i], input.date, [unit.id], `parts.${i}.name`);
      await assertCodeFree(tx, part.code, input.date, [unit.id]);
      created.push(await insertUnit(tx, { kind: unit.kind, cellKind: unit.cellKind as CellKind | null, name: part.name.trim(), code: part.code, date: input.date, parent }));
    }
    for (const [childId, i] of assignedChildren) {
      const child = (await findUnit(tx, childId, input.date))!;
      await reversion(tx, child, input.date, { parentId: created[i].id, parentPath: created[i].path });
    }
    for (let i = 0; i < created.length; i++) {
      await orgExtensions().moveMembers(tx, actor, { fromUnitId: unit.id, toUnitId: created[i].id, date: input.date, personIds: input.parts[i].personIds, keepSecretary: true });
    }
    await orgExtensions().unitsMoved(tx, actor, { unitIds: created.map((c) => c.id), date: input.date });
    await closeUnit(tx, unit, input.date, 'split', created.map((c) => c.id));
    await recordAudit(tx, actor, [
      { action: 'unit.split', entityType: 'unit', entityId: unit.id, unitPath: unit.path, before: audited(unit), after: { closedReason: 'split', validTo: input.date, successorIds: created.map((c) => c.id) } },
      ...created.map((c, i) => ({ action: 'unit.create', entityType: 'unit', entityId: c.id, unitPath: c.path, after: { ...audited(c), splitFrom: unit.id, personIds: input.parts[i].personIds } })),
    ]);
    return created;
  }));
}

export async function dissolveUnit(db: Db, actor: Actor, id: string, input: { date: string; reason: string }) {
  return db.transaction(async (tx) => {
    const unit = await loadForAction(tx, actor, id, input.date, 'unit.dissolve');
    const issues = [];
    if ((await orgExtensions().memberIds(tx, unit.id, input.date)).length) issues.push(issue('dissolve_has_members', 'id'));
    if ((await unitsAt(tx, input.date, eq(orgUnitVersions.parentId, unit.id))).length) issues.push(issue('dissolve_has_children', 'id'));
    if (issues.length) throw new AppError('conflict', issues[0].message, issues);
    await closeUnit(tx, unit, input.date, 'dissolved', null);
    await recordAudit(tx, actor, { action: 'unit.dissolve', entityType: 'unit', entityId: id, unitPath: unit.path, before: audited(unit), after: { validTo: input.date, reason: input.reason } });
    return (await findUnit(tx, id, input.date))!;
  });
}

/** Version history of one unit, oldest first, with the parent's name at each version's start. */
export async function unitVersions(db: Db, id: string) {
  const rows = await db.select().from(orgUnitVersions).where(eq(orgUnitVersions.unitId, id)).orderBy(orgUnitVersions.validFrom);
  const parentIds = [...new Set(rows.map((r) => r.parentId).filter((p): p is string => !!p))];
  const parents = parentIds.length
    ? await db.selectDistinctOn([orgUnitVersions.unitId], { id: orgUnitVersions.unitId, name: orgUnitVersions.name }).from(orgUnitVersions).where(inArray(orgUnitVersions.unitId, parentIds)).orderBy(orgUnitVersions.unitId, sql`${orgUnitVersions.validFrom} DESC`)
    : [];
  const names = new Map(parents.map((p) => [p.id, p.name]));
  return rows.map((r) => ({ validFrom: r.validFrom, validTo: r.validTo, name: r.name, parentId: r.parentId, parentName: r.parentId ? (names.get(r.parentId) ?? null) : null }));
}
