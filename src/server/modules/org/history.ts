// What a dated change must respect in the history already written: the changes dated after it (a later rename,
// move or closing stands, above all a closing), the name of a unit's siblings on that day, and the lineage of
// merged and split units (what a unit became, what it was formed from).
import { sql } from 'drizzle-orm';
import { issue } from '../../../domain/issues.js';
import type { Executor, Tx } from '../../platform/db/index.js';
import { AppError, conflict } from '../../platform/errors.js';
import { escapeLike, type UnitRow } from './tree.js';

/** A change dated after a given day: a new version of a unit (renamed, moved) or its closing. */
export interface LaterChange {
  unitId: string;
  /** The unit's name at that change. */
  name: string;
  on: string;
  what: 'changed' | 'closed';
  reason: string | null;
}

/**
 * The first change dated after `date` to `unit` or, with `subtree`, to any unit under it on or after that day. A
 * change that re-paths a subtree (move, merge, split, close) cannot be spliced in before one: the later versions
 * would keep the old path. A rename can (it only touches the unit's own interval).
 */
export async function laterChange(tx: Executor, unit: UnitRow, date: string, subtree: boolean): Promise<LaterChange | null> {
  const scope = subtree
    ? sql`(v.unit_id = ${unit.id} OR (v.path LIKE ${escapeLike(unit.path) + '%'} AND (v.valid_to IS NULL OR v.valid_to > ${date})))`
    : sql`v.unit_id = ${unit.id}`;
  const { rows } = await tx.execute<{ unit_id: string; name: string; on: string; what: 'changed' | 'closed'; reason: string | null }>(sql`
    SELECT * FROM (
      SELECT v.unit_id, v.name, v.valid_from::text AS on, 'changed' AS what, NULL::text AS reason
        FROM org_unit_versions v WHERE ${scope} AND v.valid_from > ${date}
      UNION ALL
      SELECT u.id, v.name, u.valid_to::text, 'closed', u.closed_reason
        FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id AND v.valid_to = u.valid_to
        WHERE ${scope} AND u.valid_to > ${date}
    ) c ORDER BY c.on, c.what DESC LIMIT 1`);
  const [r] = rows;
  return r ? { unitId: r.unit_id, name: r.name, on: r.on, what: r.what, reason: r.reason } : null;
}

/** The 409 that names the later change standing in the way. */
export function laterChangeConflict(change: LaterChange): AppError {
  const what = change.what === 'closed' ? `closed on ${change.on} (${change.reason ?? 'closed'})` : `changed on ${change.on}`;
  const message = `"${change.name}" was ${what}: a change dated before it cannot be placed; date it on or after ${change.on}`;
  const base = issue('later_change', 'date');
  return conflict(message, [{ ...base, params: { name: change.name, date: change.on, what: change.what, reason: change.reason ?? '' } }]);
}

/** Refuses when a change dated after `date` stands in the way (see laterChange). */
export async function assertNoLaterChange(tx: Tx, unit: UnitRow, date: string, subtree: boolean): Promise<void> {
  const change = await laterChange(tx, unit, date, subtree);
  if (change) throw laterChangeConflict(change);
}

/**
 * A unit placed under `parent` from `date` on (created, moved, formed by a merge or split) takes the parent's path
 * for good: a parent that later closes or moves would leave it behind. Refused with the 409 naming that change.
 */
export async function assertParentStands(tx: Tx, parent: UnitRow | null, date: string): Promise<void> {
  if (!parent) return;
  const { rows } = await tx.execute<{ name: string; on: string; what: 'changed' | 'closed'; reason: string | null }>(sql`
    SELECT * FROM (
      SELECT v.name, v.valid_from::text AS on, 'changed' AS what, NULL::text AS reason FROM org_unit_versions v
        WHERE v.unit_id = ${parent.id} AND v.valid_from > ${date} AND v.path <> ${parent.path}
      UNION ALL
      SELECT ${parent.name}, u.valid_to::text, 'closed', u.closed_reason FROM org_units u WHERE u.id = ${parent.id} AND u.valid_to > ${date}
    ) c ORDER BY c.on LIMIT 1`);
  const [r] = rows;
  if (r) throw laterChangeConflict({ unitId: parent.id, name: r.name, on: r.on, what: r.what, reason: r.reason });
}

/**
 * Two units of the same name under one parent on one day cannot be told apart (two "Thôn Pác Tấu" in a commune):
 * refused. Names compare without diacritics and case. `exceptIds`: the units the change replaces.
 */
export async function assertNameFree(tx: Tx, parentId: string | null, nameFolded: string, date: string, exceptIds: string[] = [], path = 'name'): Promise<void> {
  if (!parentId) return;
  const { rows } = await tx.execute<{ unit_id: string; name: string }>(sql`
    SELECT v.unit_id, v.name FROM org_unit_versions v
    WHERE v.parent_id = ${parentId} AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to > ${date})
      AND lower(v.name_folded) = lower(${nameFolded})
      ${exceptIds.length ? sql`AND v.unit_id <> ALL(${sql.param(exceptIds)}::uuid[])` : sql``}
    LIMIT 1`);
  if (rows[0]) {
    throw conflict(`"${rows[0].name}" is already there on this date; choose a name that tells them apart`, [
      { ...issue('name_taken_in_parent', path), params: { name: rows[0].name } },
    ]);
  }
}

export interface LinkedUnit {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  /** The day the link was made: the merge or split. */
  on: string;
}

/**
 * What a unit became (the units that took it over when it merged or split) and what it was formed from (the units
 * whose successors it is), each with its name on the day of the change.
 */
export async function lineage(exec: Executor, unitId: string): Promise<{ successors: LinkedUnit[]; predecessors: LinkedUnit[] }> {
  const { rows } = await exec.execute<{ side: 'successor' | 'predecessor'; id: string; name: string; kind: string; code: string | null; on: string }>(sql`
    SELECT 'successor' AS side, s.id, (SELECT ov.name FROM org_unit_versions ov WHERE ov.unit_id = s.id ORDER BY ov.valid_from LIMIT 1) AS name,
           s.kind, s.code, u.valid_to::text AS on
      FROM org_units u JOIN org_units s ON s.id = ANY(u.successor_ids) WHERE u.id = ${unitId}
    UNION ALL
    SELECT 'predecessor', p.id, (SELECT ov.name FROM org_unit_versions ov WHERE ov.unit_id = p.id ORDER BY ov.valid_from DESC LIMIT 1),
           p.kind, p.code, p.valid_to::text
      FROM org_units p, org_units self WHERE self.id = ${unitId}::uuid AND p.successor_ids @> ARRAY[self.id]
        -- of its level: a district closed into the new province is not what the province was formed from
        AND (CASE WHEN p.kind IN ('commune', 'ward') THEN 'commune' ELSE p.kind END) = (CASE WHEN self.kind IN ('commune', 'ward') THEN 'commune' ELSE self.kind END)
    ORDER BY 1, 3`);
  const pick = (side: string) => rows.filter((r) => r.side === side).map(({ id, name, kind, code, on }) => ({ id, name, kind, code, on }));
  return { successors: pick('successor'), predecessors: pick('predecessor') };
}

/** One line of a unit's history, told as a sentence by the web (units.story.<kind>, vi and en). */
export interface StoryLine {
  kind: 'formed' | 'renamed' | 'moved' | 'closed';
  on: string;
  /** The unit's name from that day (formed, renamed, moved) or until it (closed). */
  name: string;
  previousName: string | null;
  /** The parent from that day, and before it (moved), with their names on that day. */
  parent: { id: string; name: string } | null;
  previousParent: { id: string; name: string } | null;
  /** formed: the units it was formed from; closed: the units it became. */
  units: LinkedUnit[];
  /** closed: merged, split, dissolved. */
  reason: string | null;
}

/** The history of a unit as dated events, oldest first: formed (from …), renamed, moved, closed (into …). */
export async function unitStory(exec: Executor, unitId: string): Promise<StoryLine[]> {
  const { rows } = await exec.execute<{ name: string; valid_from: string; valid_to: string | null; parent_id: string | null; parent_name: string | null; unit_valid_to: string | null; closed_reason: string | null }>(sql`
    SELECT v.name, v.valid_from::text, v.valid_to::text, v.parent_id,
           (SELECT pv.name FROM org_unit_versions pv WHERE pv.unit_id = v.parent_id AND pv.valid_from <= v.valid_from
             ORDER BY pv.valid_from DESC LIMIT 1) AS parent_name,
           u.valid_to::text AS unit_valid_to, u.closed_reason
    FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE v.unit_id = ${unitId} ORDER BY v.valid_from`);
  if (!rows.length) return [];
  const { successors, predecessors } = await lineage(exec, unitId);
  const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  const lines: StoryLine[] = [];
  rows.forEach((v, i) => {
    const parent = ref(v.parent_id, v.parent_name);
    if (i === 0) {
      const from = predecessors.filter((p) => p.on === v.valid_from);
      lines.push({ kind: 'formed', on: v.valid_from, name: v.name, previousName: null, parent, previousParent: null, units: from, reason: null });
      return;
    }
    const prev = rows[i - 1];
    if (prev.name !== v.name) lines.push({ kind: 'renamed', on: v.valid_from, name: v.name, previousName: prev.name, parent, previousParent: null, units: [], reason: null });
    if (prev.parent_id !== v.parent_id)
      lines.push({ kind: 'moved', on: v.valid_from, name: v.name, previousName: null, parent, previousParent: ref(prev.parent_id, prev.parent_name), units: [], reason: null });
  });
  const last = rows[rows.length - 1];
  if (last.unit_valid_to) {
    lines.push({ kind: 'closed', on: last.unit_valid_to, name: last.name, previousName: null, parent: ref(last.parent_id, last.parent_name), previousParent: null, units: successors, reason: last.closed_reason });
  }
  return lines;
}
