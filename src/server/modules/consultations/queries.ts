// What other modules (the public portal) may read of consultations: the open ones of a commune on a day. Typed;
// no other module names this module's tables.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { escapeLike } from '../org/tree.js';
import { joinUnitOn, latestPathOf } from '../org/branch.js';

export interface OpenConsultation {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  /** The name of the unit's parent (a village's commune, a commune's province), so the unit is named with it. */
  parentName: string | null;
  opensOn: string;
  closesOn: string;
}

type Row = { id: string; title: string; unit_id: string; unit_name: string; parent_name: string | null; opens_on: string; closes_on: string };
const present = (x: Row): OpenConsultation => ({ id: x.id, title: x.title, unitId: x.unit_id, unitName: x.unit_name, parentName: x.parent_name, opensOn: x.opens_on, closesOn: x.closes_on });

/**
 * The consultations open on `date` (opening day ≤ date ≤ closing day) put to the commune `communeId` or to one of
 * its villages — or, given `path`, to any unit under that branch path. The public answer page is /tham-van/<id>.
 */
export async function openConsultationsFor(exec: Executor, where: ({ communeId: string } | { path: string }) & { date: string }): Promise<OpenConsultation[]> {
  const branch = 'path' in where ? sql`${escapeLike(where.path) + '%'}` : sql`${latestPathOf(sql`${where.communeId}::uuid`)} || '%'`;
  const r = await exec.execute<Row>(sql`
    SELECT c.id, c.title, c.unit_id, u.name AS unit_name, u_parent.name AS parent_name, c.opens_on::text, c.closes_on::text
    FROM consultations c ${joinUnitOn(sql`c.unit_id`, where.date, 'u')}
    WHERE c.unit_path LIKE ${branch} AND c.opens_on <= ${where.date}::date AND c.closes_on >= ${where.date}::date
    ORDER BY c.closes_on, c.title`);
  return r.rows.map(present);
}

/**
 * The consultations of the branch `path` whose decision was taken, closed within the `days` before `date`, newest
 * first: their result and decision are on the public page /tham-van/<id> (the portal lists them under its articles).
 */
export async function decidedConsultationsFor(exec: Executor, where: { path: string; date: string; days: number; limit: number }): Promise<OpenConsultation[]> {
  const r = await exec.execute<Row>(sql`
    SELECT c.id, c.title, c.unit_id, u.name AS unit_name, u_parent.name AS parent_name, c.opens_on::text, c.closes_on::text
    FROM consultations c ${joinUnitOn(sql`c.unit_id`, where.date, 'u')}
    WHERE c.unit_path LIKE ${escapeLike(where.path) + '%'} AND c.decision IS NOT NULL
      AND c.closes_on < ${where.date}::date AND c.closes_on >= ${where.date}::date - ${where.days}::int
    ORDER BY c.closes_on DESC, c.title
    LIMIT ${where.limit}`);
  return r.rows.map(present);
}
