// What people offers other modules as SQL pieces, to inline in their own statements (no extra round trip, the same
// plan as writing the join out), and as typed reads: persons, their memberships, positions, posts and equipment are
// named here and in people's own files only. Every `d` is an SQL date expression.
import { sql, type SQL } from 'drizzle-orm';
import { actionsOn, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { allVersions, versionsOn } from '../org/queries.js';
import { congressPolicy, personPolicy, type CongressAction, type PersonAction } from './policy.js';

const inForce = (alias: string, d: SQL) =>
  sql`${sql.raw(alias)}.valid_from <= ${d} AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to > ${d})`;

/**
 * Persons as a FROM item: id, full_name, name_folded, name_sort, birth_date, sex, ethnicity, party_card_no,
 * joined_on, official_on, cccd, phone, education, theory_level, status, status_date.
 */
/**
 * The kinds of writes (audit actions' first words) that change what these reads answer: the registry's people,
 * memberships and posts (`person.*`), a roster import, a congress's election. A signal that reads them names them in
 * its `reads` (platform/signals.ts).
 */
export const PEOPLE_WRITES = ['person', 'roster', 'congress'] as const;

export const persons: SQL = sql`(SELECT * FROM people)`;

/** A person's full name, as a scalar subquery. */
export const personName = (personId: SQL): SQL => sql`(SELECT full_name FROM people WHERE id = ${personId})`;

/** The memberships in force on `d` as a FROM item: id, person_id, unit_id (the cell), valid_from, valid_to. */
export const membershipsOn = (d: SQL): SQL => sql`(SELECT * FROM memberships pm WHERE ${inForce('pm', d)})`;

/** Whether the cell `cellId` has any member on `d`. */
export const cellHasMembers = (cellId: SQL, d: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM memberships pm WHERE pm.unit_id = ${cellId} AND ${inForce('pm', d)})`;

/** The secretaries' terms in force on `d` as a FROM item: id, person_id, unit_id (the cell), valid_from, valid_to. */
export const secretaryTermsOn = (d: SQL): SQL =>
  sql`(SELECT * FROM position_terms pt WHERE pt.position = 'secretary' AND ${inForce('pt', d)})`;

/** The secretaries' terms in force on some day from `first` to `last` (both included), as a FROM item: for readings of several days at once. */
export const secretaryTermsSpan = (first: string, last: string): SQL =>
  sql`(SELECT * FROM position_terms pt WHERE pt.position = 'secretary' AND pt.valid_from <= ${last}::date AND (pt.valid_to IS NULL OR pt.valid_to > ${first}::date))`;

/** Whether the person holds the concurrent post `post` (village_head, commune_official, …) on `d`. */
export const holdsPost = (personId: SQL, post: string, d: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM concurrent_posts cp WHERE cp.person_id = ${personId} AND cp.post = ${post} AND ${inForce('cp', d)})`;

/** Whether the person holds an issued laptop on `d` (issued on or before, not returned by then). */
export const holdsLaptop = (personId: SQL, d: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM equipment_issues e
                WHERE e.person_id = ${personId} AND e.kind = 'laptop' AND e.issued_on <= ${d}
                  AND (e.returned_on IS NULL OR e.returned_on > ${d}))`;

/**
 * Who takes part in a review, and as what: the person's group in the review of the cell on `d` — 'secretary' (the
 * cell's secretary on `d`), 'member_2ab' (a commune official), else 'member_2c'.
 */
export const reviewGroup = (personId: SQL, cellId: SQL, d: SQL): SQL => sql`CASE
          WHEN EXISTS (SELECT 1 FROM position_terms t WHERE t.person_id = ${personId} AND t.unit_id = ${cellId} AND t.position = 'secretary' AND ${inForce('t', d)}) THEN 'secretary'
          WHEN ${holdsPost(personId, 'commune_official', d)} THEN 'member_2ab'
          ELSE 'member_2c'
        END`;

/** Whether the person was ever a member of a cell whose path (at any time) lies under `path`. */
export const everMemberUnder = (personId: SQL, path: string): SQL =>
  sql`EXISTS (SELECT 1 FROM memberships m JOIN ${allVersions} v ON v.unit_id = m.unit_id WHERE m.person_id = ${personId} AND v.path LIKE ${path + '%'})`;

/**
 * The person's cell on `d` under `path` (the latest membership begun, if several), as a one-row subquery for
 * `LEFT JOIN LATERAL … ON true`: unit_id, name, path, parent_id of the cell's version on `d`.
 */
export const cellOfPersonOn = (personId: SQL, d: SQL, path: string): SQL => sql`(
        SELECT v.unit_id, v.name, v.path, v.parent_id FROM memberships m
        JOIN ${versionsOn(d)} v ON v.unit_id = m.unit_id
        WHERE m.person_id = ${personId} AND ${inForce('m', d)}
          AND v.path LIKE ${path + '%'}
        ORDER BY m.valid_from DESC LIMIT 1
      )`;

/** The secretary of a cell on `date` (a person id), or null. */
export async function secretaryOf(exec: Executor, cellId: string, date: string): Promise<string | null> {
  const rows = await exec.execute<{ person_id: string }>(sql`
    SELECT person_id FROM position_terms
    WHERE unit_id = ${cellId} AND position = 'secretary' AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date})
    LIMIT 1`);
  return rows.rows[0]?.person_id ?? null;
}

/** The cell whose secretary the person is on `date` (a unit id), or null: who may enter the secretaries' contest. */
export async function secretaryCellOf(exec: Executor, personId: string, date: string): Promise<string | null> {
  const rows = await exec.execute<{ unit_id: string }>(sql`
    SELECT unit_id FROM position_terms
    WHERE person_id = ${personId} AND position = 'secretary' AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date})
    ORDER BY valid_from DESC LIMIT 1`);
  return rows.rows[0]?.unit_id ?? null;
}

/** The secretaries' names of units on `date`, by unit id. */
export async function secretaryNames(exec: Executor, unitIds: string[], date: string): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const secretaries = await exec.execute<{ unit_id: string; full_name: string }>(sql`
    SELECT t.unit_id, p.full_name FROM position_terms t JOIN people p ON p.id = t.person_id
    WHERE t.position = 'secretary' AND t.unit_id IN ${unitIds} AND t.valid_from <= ${date} AND (t.valid_to IS NULL OR t.valid_to > ${date})`);
  return new Map(secretaries.rows.map((r) => [r.unit_id, r.full_name]));
}

const unitScopedPersonActions: PersonAction[] = ['person.create', 'roster.import', 'roster.export'];

/** The actions on the persons of a unit that the tree view offers there: add a member (in a cell), import, export. */
export const personActionsAt = (actor: Actor, unit: { path: string; kind: string }): (PersonAction | CongressAction)[] => [
  ...actionsOn(personPolicy, actor, { path: unit.path }).filter((a) => unitScopedPersonActions.includes(a) && (a !== 'person.create' || unit.kind === 'cell')),
  // A cell's page offers recording its congress.
  ...(unit.kind === 'cell' ? actionsOn(congressPolicy, actor, { path: unit.path }).filter((a) => a === 'congress.record') : []),
];

/**
 * The terms of the given cell positions in force on `d` as a FROM item: person_id, unit_id (the cell), position,
 * valid_from (when the term began). With no positions, every membership in force (position null): "all members".
 */
export const positionHoldersOn = (d: SQL, positions: readonly string[]): SQL =>
  positions.length === 0
    ? sql`(SELECT pm.person_id, pm.unit_id, NULL::text AS position, pm.valid_from FROM memberships pm WHERE ${inForce('pm', d)})`
    : sql`(SELECT pt.person_id, pt.unit_id, pt.position::text AS position, pt.valid_from FROM position_terms pt
            WHERE pt.position::text IN ${positions} AND ${inForce('pt', d)})`;
