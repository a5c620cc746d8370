// What other modules (the public portal) may read of consultations: the open ones of a commune on a day. Typed;
// no other module names this module's tables.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { escapeLike } from '../org/tree.js';
import { joinUnitOn, latestPathOf } from '../org/branch.js';
import { resultOf, type ResultLevel } from '../../../domain/consultations.js';
import { optionCounts } from './service.js';
import { resultThresholds } from './thresholds.js';

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

/** A decided consultation as the portal publishes it: the question, its unit, the result and the decision. */
export interface PublishedDecision {
  id: string;
  title: string;
  question: string;
  unitName: string;
  /** The unit's parent (a village's commune, a commune's province), so the unit is named with it. */
  parentName: string | null;
  closesOn: string;
  decidedOn: string;
  decision: string;
  followUp: string | null;
  eligible: number;
  participants: number;
  /** Participants over the eligible, in % with one decimal; null when nobody was eligible. */
  participation: number | null;
  /** The consensus level by the thresholds in force (consensus, majority, none, or low_turnout). */
  level: ResultLevel;
}

/**
 * The decided consultations of the branch `path` (all, without one), newest decision first, a page at a time: only
 * those closed before `date` whose decision is dated on or before it — a decision written ahead for a day to come,
 * like an open consultation, is not published. Each with its result, read like its own public page /tham-van/<id>.
 */
export async function publishedDecisions(exec: Executor, where: { path?: string; date: string; limit: number; offset: number }): Promise<{ items: PublishedDecision[]; total: number }> {
  const r = await exec.execute<Row & { question: string; decided_on: string; decision: string; follow_up: string | null; eligible: number; total: number }>(sql`
    SELECT c.id, c.title, c.question, c.unit_id, u.name AS unit_name, u_parent.name AS parent_name, c.opens_on::text, c.closes_on::text,
      c.decided_on::text, c.decision, c.follow_up, (c.eligible_members + c.households)::int AS eligible, count(*) OVER ()::int AS total
    FROM consultations c ${joinUnitOn(sql`c.unit_id`, where.date, 'u')}
    WHERE ${where.path ? sql`c.unit_path LIKE ${escapeLike(where.path) + '%'}` : sql`true`} AND c.decision IS NOT NULL
      AND c.closes_on < ${where.date}::date AND c.decided_on <= ${where.date}::date
    ORDER BY c.decided_on DESC, c.closes_on DESC, c.id
    LIMIT ${where.limit} OFFSET ${where.offset}`);
  if (!r.rows.length) return { items: [], total: 0 };
  const { levels, minTurnout } = await resultThresholds(exec);
  const items = await Promise.all(
    r.rows.map(async (x) => {
      const result = resultOf(x.eligible, await optionCounts(exec, x.id), levels, minTurnout);
      return {
        id: x.id,
        title: x.title,
        question: x.question,
        unitName: x.unit_name,
        parentName: x.parent_name,
        closesOn: x.closes_on,
        decidedOn: x.decided_on,
        decision: x.decision,
        followUp: x.follow_up,
        eligible: result.eligible,
        participants: result.participants,
        participation: result.participation,
        level: result.level,
      };
    }),
  );
  return { items, total: r.rows[0]!.total };
}
