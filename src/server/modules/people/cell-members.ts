// What other modules ask about a cell's members without naming people's tables: who belonged to a cell on a day.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';

export interface CellMember {
  personId: string;
  fullName: string;
}

/** The members of the cell on `date` (membership in force that day), in Vietnamese name order. */
export async function cellMembersOn(exec: Executor, cellId: string, date: string): Promise<CellMember[]> {
  const r = await exec.execute<{ person_id: string; full_name: string }>(sql`
    SELECT p.id AS person_id, p.full_name FROM memberships m JOIN people p ON p.id = m.person_id
    WHERE m.unit_id = ${cellId} AND m.valid_from <= ${date}::date AND (m.valid_to IS NULL OR m.valid_to > ${date}::date)
    ORDER BY p.name_sort COLLATE "C", p.id`);
  return r.rows.map((x) => ({ personId: x.person_id, fullName: x.full_name }));
}

/** The names of people by id (any cell, any date): for labels of owners and attendees already checked elsewhere. */
export async function personNames(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await exec.execute<{ id: string; full_name: string }>(sql`SELECT id, full_name FROM people WHERE id = ANY(${sql`${`{${ids.join(',')}}`}::uuid[]`})`);
  return new Map(r.rows.map((x) => [x.id, x.full_name]));
}

/**
 * The members of a cell on a day, as a SQL piece yielding rows (person_id) — for bulk statements (demo data,
 * figures) that join members per row: `JOIN LATERAL ${memberRowsOn(sql`m.cell_id`, sql`m.held_on`)} mem ON true`.
 */
export const memberRowsOn = (cellId: SQL, date: SQL): SQL =>
  sql`(SELECT person_id FROM memberships WHERE unit_id = ${cellId} AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to > ${date}))`;
