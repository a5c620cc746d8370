// Reading the tree for people: a unit with its ancestors, children and figures; the roots of a user's branches;
// search by name or code. Everything as of a date, and only inside the actor's branches.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { compareUnitNames, foldDiacritics } from '../../../domain/vietnamese.js';
import { actionsOn, authorize, branchesFor, scopeFor, visible, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { orgExtensions } from './extensions.js';
import { unitPolicy } from './policy.js';
import { orgUnits, orgUnitVersions } from './schema.js';
import { presentUnit } from './presenter.js';
import { findUnit, firstVersion, unitsAt, type UnitRow } from './tree.js';
import { lineage } from './history.js';

/**
 * Where a unit stands on the date asked: open, closed (merged, split, dissolved: on or before that date — or later,
 * which makes it read-only as of any date), or not yet formed (the date is before it began).
 */
export type UnitState = 'open' | 'closed' | 'not_yet';

export const stateOn = (unit: Pick<UnitRow, 'validFrom' | 'validTo'>, date: string): UnitState =>
  unit.validFrom > date ? 'not_yet' : unit.validTo && unit.validTo <= date ? 'closed' : 'open';

/** Secretary names and child counts for a set of units, in two queries. */
async function nodeDetails(db: Db, units: UnitRow[], date: string) {
  const ids = units.map((u) => u.id);
  if (ids.length === 0) return { secretaries: new Map<string, string>(), childCounts: new Map<string, number>() };
  const secretaries = await orgExtensions().secretaryNames(db, ids, date);
  const counts = await db
    .select({ parentId: orgUnitVersions.parentId, n: sql<number>`count(*)::int` })
    .from(orgUnitVersions)
    .where(and(inArray(orgUnitVersions.parentId, ids), sql`${orgUnitVersions.validFrom} <= ${date} AND (${orgUnitVersions.validTo} IS NULL OR ${orgUnitVersions.validTo} > ${date})`))
    .groupBy(orgUnitVersions.parentId);
  return {
    secretaries,
    childCounts: new Map(counts.map((c) => [c.parentId!, c.n])),
  };
}

async function asNodes(db: Db, units: UnitRow[], date: string, memberCounts: Map<string, number>) {
  const { secretaries, childCounts } = await nodeDetails(db, units, date);
  return units.map((u) => ({
    ...presentUnit(u),
    memberCount: memberCounts.get(u.id) ?? 0,
    secretaryName: secretaries.get(u.id) ?? null,
    childCount: childCounts.get(u.id) ?? 0,
  }));
}

const byName = compareUnitNames;

export async function getUnitView(db: Db, actor: Actor, id: string, date = todayIso()) {
  // A date before the unit began shows it as it first was, with what it was formed from: never a dead end.
  const unit = (await findUnit(db, id, date)) ?? (await firstVersion(db, id));
  if (!unit) throw notFound('Unit');
  authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
  const state = stateOn(unit, date);
  const { successors, predecessors } = await lineage(db, unit.id);
  const ancestorIds = unit.path.split('/').filter(Boolean).slice(0, -1);
  // Only ancestors inside the actor's branches are shown: a commune officer's breadcrumb starts at the commune.
  const ancestors = ancestorIds.length
    ? ((await unitsAt(db, date, inArray(orgUnits.id, ancestorIds))) as UnitRow[])
        .filter((a) => visible(actor, a.path))
        .sort((a, b) => a.depth - b.depth)
    : [];
  // A unit closed at any time is history: its past can be read, not reshaped (a back-dated rename would reopen it).
  const readOnly = !!unit.validTo || state === 'not_yet';
  // Before it was formed, its figures are the sum of the units that stood for it then (a new commune's old communes)
  // and those units are listed in place of its children, each with its own figures.
  const { figures, children: childFigures } = await orgExtensions().branchFigures(db, { unit, date });
  const children = (
    state === 'not_yet'
      ? childFigures.length
        ? ((await unitsAt(db, date, inArray(orgUnits.id, childFigures.map((c) => c.unitId)))) as UnitRow[]).filter((c) => visible(actor, c.path))
        : []
      : ((await unitsAt(db, date, eq(orgUnitVersions.parentId, unit.id))) as UnitRow[])
  ).sort(byName);
  const memberCounts = new Map(childFigures.map((c) => [c.unitId, c.figures.members]));
  // Named here for whoever may read the cell: a member sees only themselves in the people list.
  const secretaryName = unit.kind === 'cell' ? ((await orgExtensions().secretaryNames(db, [unit.id], date)).get(unit.id) ?? null) : null;
  return {
    unit: presentUnit(unit),
    secretaryName,
    state,
    successors,
    predecessors,
    ancestors: ancestors.map(presentUnit),
    children: await asNodes(db, children, date, memberCounts),
    figures,
    // With the unit's own actions, those on the members it holds: the UI offers "add member" and "import" here.
    actions: readOnly ? actionsOn(unitPolicy, actor, { path: unit.path }).filter((a) => a === 'unit.read' || a === 'unit.audit') : [
      ...actionsOn(unitPolicy, actor, { path: unit.path }),
      ...orgExtensions().personActionsAt(actor, unit),
    ],
  };
}

/** The top unit of each branch the actor holds (a wider grant hides a narrower one inside it). */
export async function listRoots(db: Db, actor: Actor, date = todayIso()) {
  const branches = branchesFor(unitPolicy, actor, 'unit.read');
  const granted = new Set(actor.grants.map((g) => g.unitId));
  const rootIds = [...new Set(branches.map((p) => p.split('/').filter(Boolean).pop()!))];
  if (rootIds.length === 0) return [];
  // Like a unit's page, a date outside a root's life answers the root as it stood (or first was), with its state.
  const units: UnitRow[] = [];
  for (const id of rootIds) {
    const u = (await findUnit(db, id, date)) ?? (await firstVersion(db, id));
    if (u) units.push(u);
  }
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.id, (await orgExtensions().figures(db, { path: u.path, date })).members);
  const nodes = await asNodes(db, units.sort(byName), date, counts);
  // The units that became a granted one (the lineage) are roots only on the dates they stood.
  return nodes.map((n, i) => ({ ...n, state: stateOn(units[i], date) })).filter((n) => n.state === 'open' || granted.has(n.id));
}

export async function searchUnits(db: Db, actor: Actor, input: { q: string; kind?: string; date?: string }) {
  const date = input.date ?? todayIso();
  const q = foldDiacritics(input.q);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = (await unitsAt(
    db,
    date,
    and(
      scopeFor(unitPolicy, actor, 'unit.read', { path: orgUnitVersions.path }),
      // An empty query lists the top of the branch first: what a picker shows before anything is typed.
      q ? sql`(${orgUnitVersions.nameFolded} LIKE ${like} OR ${orgUnits.code} = ${input.q.trim()})` : undefined,
      input.kind ? (input.kind === 'commune' ? inArray(orgUnits.kind, ['commune', 'ward']) : eq(orgUnits.kind, input.kind as UnitRow['kind'])) : undefined,
    ),
  )
    .orderBy(orgUnitVersions.depth, orgUnitVersions.nameFolded)
    .limit(20)) as UnitRow[];
  // Same names are common (three "Bản Cốc Cọn"): each result names its parent, as it stood on the date.
  const parentIds = [...new Set(rows.map((u) => u.parentId).filter((id): id is string => !!id))];
  const parents = parentIds.length ? new Map(((await unitsAt(db, date, inArray(orgUnits.id, parentIds))) as UnitRow[]).map((p) => [p.id, p.name])) : new Map<string, string>();
  return (q ? rows.sort(byName) : rows).map((u) => ({ ...presentUnit(u), path: u.path, parentName: (u.parentId && parents.get(u.parentId)) || null }));
}
