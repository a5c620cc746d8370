// The demo province's congresses of the 2020–2025 term and after (issue 16), on the secretaries' terms the registry's
// demo generated: most cells held theirs on 15/08/2020, about one in 25 later (autumn 2020 to early 2021: the terms
// elected then move to that day); about one in 30 replaced its secretary mid-term (2022–2023, a member of the cell
// then — its deputy first — taking over until the next congress, not at a congress); and nearly every cell held its
// 2025 congress on 20/06/2025 — about one in 40 has not, and stands past its congress date. Bulk statements, a stable
// hash per cell (no Math.random). And the members' five years: a few leaving (deaths, transfers out, expulsions)
// and moving between the cells of their commune from 2020 to 2024, on top of those joining the generator gives.
import { sql, type SQL } from 'drizzle-orm';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { todayIso } from '../../../domain/dates.js';
import { unitIdentities, versionsOn } from '../org/queries.js';

const actor = systemActor('demo-seed');
const C2020 = '2020-08-15';
const C2025 = '2025-06-20';
const hash = (s: SQL) => sql`(('x' || substr(md5(${s}), 1, 7))::bit(28)::int)`;

export type PeopleHistoryCounts = { congresses: number; lateTerms: number; replacedMidTerm: number; leftOrDied: number; moved: number };

/**
 * The descriptor's demo hook, for a province seeded without its history: the demo seed (demo/seed.ts) applies the
 * same history inside its own transaction, before the figures are built once (the hook then finds it done).
 */
export async function seedCongressDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const [{ done }] = (await tx.execute<{ done: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM cell_congresses) AS done`)).rows;
    if (done) return {};
    const made = await applyPeopleHistory(tx, ctx.provinceId);
    await recordAudit(tx, actor, { action: 'congress.demo', entityType: 'unit', entityId: ctx.provinceId, unitPath: `/${ctx.provinceId}/`, after: made });
    return made;
  });
}

/** The congresses and the members' five years of a demo province (see the head of this file), in the caller's transaction. */
export async function applyPeopleHistory(tx: Executor, provinceId: string): Promise<PeopleHistoryCounts> {
  const ctx = { provinceId };
  {
    // The province's cells today, each with its commune and its place among the commune's cells (k of n).
    await tx.execute(sql`CREATE TEMP TABLE demo_cells ON COMMIT DROP AS
      SELECT v.unit_id AS id, ${hash(sql`v.unit_id::text`)} AS h, v.parent_id,
        (row_number() OVER (PARTITION BY v.parent_id ORDER BY v.unit_id) - 1)::int AS k, (count(*) OVER (PARTITION BY v.parent_id))::int AS n
      FROM ${versionsOn(sql`${todayIso()}::date`)} v
      JOIN ${unitIdentities} u ON u.id = v.unit_id AND u.kind = 'cell' WHERE v.path LIKE ${`/${ctx.provinceId}/%`}`);
    await tx.execute(sql`CREATE INDEX ON demo_cells (id)`);
    await tx.execute(sql`CREATE INDEX ON demo_cells (parent_id, k)`);
    await tx.execute(sql`ANALYZE demo_cells`);
    // Late congresses of 2020: the terms elected on 15/08/2020 begin (and the terms before end) on the later day.
    const late = sql`(SELECT id, (${C2020}::date + 20 + h % 160) AS day FROM demo_cells WHERE h % 25 = 0)`;
    const lateRows = await tx.execute(sql`UPDATE position_terms t SET valid_from = l.day FROM ${late} l WHERE t.unit_id = l.id AND t.valid_from = ${C2020}::date`);
    // (in that order: a secretary's terms never overlap, not even within the statement)
    await tx.execute(sql`UPDATE position_terms t SET valid_to = l.day FROM ${late} l WHERE t.unit_id = l.id AND t.valid_to = ${C2020}::date`);
    // Mid-term replacements: the secretary elected in 2020 hands over in 2022–2023 to a full member of the cell
    // then (still there when the term ends), the deputy first; the new term runs until the old one would have.
    await tx.execute(sql`CREATE TEMP TABLE demo_handovers ON COMMIT DROP AS
      WITH old AS (
        SELECT t.id, t.unit_id, t.person_id, t.valid_to, (date '2022-03-01' + c.h % 500) AS mid, c.h
        FROM position_terms t JOIN demo_cells c ON c.id = t.unit_id AND c.h % 30 = 1
        WHERE t.position = 'secretary' AND t.valid_from BETWEEN ${C2020}::date AND date '2021-03-01'
      ), pick AS (
        SELECT DISTINCT ON (o.id) o.id AS old_id, o.unit_id, o.mid, o.valid_to, m.person_id
        FROM old o JOIN memberships m ON m.unit_id = o.unit_id AND m.valid_from <= o.mid AND (m.valid_to IS NULL OR m.valid_to >= coalesce(o.valid_to, date '9999-12-31'))
        JOIN people p ON p.id = m.person_id AND p.official_on IS NOT NULL AND p.official_on <= o.mid
        WHERE m.person_id <> o.person_id
          AND NOT EXISTS (SELECT 1 FROM position_terms x WHERE x.person_id = m.person_id AND x.position = 'secretary')
        ORDER BY o.id, EXISTS (SELECT 1 FROM position_terms d WHERE d.person_id = m.person_id AND d.unit_id = o.unit_id AND d.position = 'deputy_secretary') DESC,
          ${hash(sql`m.person_id::text`)}
      ) SELECT * FROM pick`);
    await tx.execute(sql`UPDATE position_terms t SET valid_to = p.mid FROM demo_handovers p WHERE t.id = p.old_id`);
    const replaced = await tx.execute(sql`
      INSERT INTO position_terms (person_id, unit_id, position, valid_from, valid_to)
      SELECT p.person_id, p.unit_id, 'secretary', p.mid, p.valid_to FROM demo_handovers p`);
    // The congresses: the 2020 term's where a secretary was elected at it (on 15/08/2020 or the late day)…
    const c2020 = await tx.execute(sql`
      INSERT INTO cell_congresses (cell_id, held_on, term_from, term_to, secretary_id, deputy_id)
      SELECT DISTINCT ON (t.unit_id) t.unit_id, t.valid_from, 2020, 2025, t.person_id,
        (SELECT d.person_id FROM position_terms d WHERE d.unit_id = t.unit_id AND d.position = 'deputy_secretary' AND d.valid_from = t.valid_from LIMIT 1)
      FROM position_terms t JOIN demo_cells c ON c.id = t.unit_id
      WHERE t.position = 'secretary' AND t.valid_from BETWEEN ${C2020}::date AND date '2021-03-01'
      ORDER BY t.unit_id, t.valid_from`);
    // …and the 2025 term's, with those in office from that day (re-elected or newly elected), but in one cell in 40.
    const c2025 = await tx.execute(sql`
      INSERT INTO cell_congresses (cell_id, held_on, term_from, term_to, secretary_id, deputy_id)
      SELECT DISTINCT ON (t.unit_id) t.unit_id, ${C2025}::date, 2025, 2030, t.person_id,
        (SELECT d.person_id FROM position_terms d WHERE d.unit_id = t.unit_id AND d.position = 'deputy_secretary'
           AND d.valid_from <= ${C2025}::date AND (d.valid_to IS NULL OR d.valid_to > ${C2025}::date) AND d.person_id <> t.person_id LIMIT 1)
      FROM position_terms t JOIN demo_cells c ON c.id = t.unit_id AND c.h % 40 <> 3
      WHERE t.position = 'secretary' AND t.valid_from <= ${C2025}::date AND (t.valid_to IS NULL OR t.valid_to > ${C2025}::date)
      ORDER BY t.unit_id, t.valid_from DESC`);
    // Members leaving over the five years, in small numbers: in one cell in four (the figures of the cells touched are
    // rebuilt at commit: fewer cells, a quicker start), about 8 % of those in the cell since before 2020 who never
    // held a position or post — three in five died, the others left (transferred out of the province, or expelled:
    // the record says 'left' for both) — on a day from March 2020 to the end of 2024; their membership ends that day.
    await tx.execute(sql`CREATE TEMP TABLE demo_leavers ON COMMIT DROP AS
      SELECT m.id AS membership_id, m.person_id, (date '2020-03-01' + x.h % 1760) AS day, CASE WHEN x.h % 10 < 6 THEN 'deceased' ELSE 'left' END AS status
      FROM memberships m JOIN demo_cells c ON c.id = m.unit_id AND c.h % 4 = 0 JOIN people p ON p.id = m.person_id AND p.status = 'active'
      CROSS JOIN LATERAL (SELECT ${hash(sql`m.person_id::text`)} AS h) x
      WHERE m.valid_to IS NULL AND m.valid_from < date '2020-01-01' AND x.h % 1000 < 80
        AND NOT EXISTS (SELECT 1 FROM position_terms t WHERE t.person_id = m.person_id)
        AND NOT EXISTS (SELECT 1 FROM concurrent_posts o WHERE o.person_id = m.person_id)`);
    await tx.execute(sql`UPDATE memberships m SET valid_to = l.day FROM demo_leavers l WHERE m.id = l.membership_id`);
    const leavers = await tx.execute(sql`UPDATE people p SET status = l.status, status_date = l.day, updated_at = now() FROM demo_leavers l WHERE p.id = l.person_id`);
    // Members moving to another cell of their commune (today's): in another one cell in four, about 5 % of the same
    // kind, from 2021 to 2024.
    await tx.execute(sql`CREATE TEMP TABLE demo_moves ON COMMIT DROP AS
      SELECT m.id AS membership_id, m.person_id, (date '2021-01-01' + x.h % 1400) AS day,
        (SELECT o.id FROM demo_cells o WHERE o.parent_id = c.parent_id AND o.k = (c.k + 1 + x.h % (c.n - 1)) % c.n) AS to_cell
      FROM memberships m JOIN demo_cells c ON c.id = m.unit_id AND c.n > 1 AND c.h % 4 = 1
      JOIN people p ON p.id = m.person_id AND p.status = 'active'
      CROSS JOIN LATERAL (SELECT ${hash(sql`m.person_id::text`)} AS h) x
      WHERE m.valid_to IS NULL AND m.valid_from < date '2020-06-01' AND x.h % 1000 < 50
        AND NOT EXISTS (SELECT 1 FROM position_terms t WHERE t.person_id = m.person_id)
        AND NOT EXISTS (SELECT 1 FROM concurrent_posts o WHERE o.person_id = m.person_id)`);
    await tx.execute(sql`DELETE FROM demo_moves WHERE to_cell IS NULL`);
    await tx.execute(sql`UPDATE memberships m SET valid_to = v.day FROM demo_moves v WHERE m.id = v.membership_id`);
    const moves = await tx.execute(sql`INSERT INTO memberships (person_id, unit_id, valid_from) SELECT person_id, to_cell, day FROM demo_moves`);
    const made = {
      congresses: (c2020.rowCount ?? 0) + (c2025.rowCount ?? 0), lateTerms: lateRows.rowCount ?? 0, replacedMidTerm: replaced.rowCount ?? 0,
      leftOrDied: leavers.rowCount ?? 0, moved: moves.rowCount ?? 0,
    };
    return made;
  }
}
