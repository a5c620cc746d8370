// Open cases follow their cell (issue 17, defect 2): when the tree moves a cell to another commune (a move, a merge
// of communes, a split), the cases still open about it go to the committee of its new commune from that day, in the
// same transaction as the move, each with its audit event. Nothing about the reporter changes or is written: the
// event names the case and the two communes only. A cell merged into another (org's merge) hands its open cases to
// the cell it became: their cell is the successor from then on, and they go to the successor's commune. Each such
// move is dated (supervision_case_moves), so the signals read a day before the merge under the old cell. A founded
// case of the merged cell (concluded founded or partly, closed or not) keeps its record as concluded — its cell and
// committee do not change — but is dated to the successor too: what was found against the cell's people speaks
// against the cell they now belong to, from the merge day.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/db/index.js';
import { mergedOn, unitIdentities, versionsOn } from '../org/queries.js';
import { escapeLike } from '../org/tree.js';

/** Moves the open cases about the cells under `unitIds` (on `date`) to each cell's commune on that date. */
export async function rehomeOpenCases(tx: Tx, actor: Actor, input: { unitIds: string[]; date: string }): Promise<number> {
  if (!input.unitIds.length) return 0;
  const d = sql`${input.date}::date`;
  const roots = await tx.execute<{ path: string }>(sql`SELECT v.path FROM ${versionsOn(d)} v WHERE v.unit_id = ANY(${`{${input.unitIds.join(',')}}`}::uuid[])`);
  if (!roots.rows.length) return 0;
  const under = sql.join(roots.rows.map((r) => sql`v.path LIKE ${escapeLike(r.path) + '%'}`), sql` OR `);
  // Cells merged that day into a cell under the roots: their open cases are about the successor from now on.
  const following = await tx.execute<{ id: string; from_cell: string; to_cell: string }>(sql`
    SELECT c.id, c.cell_id AS from_cell, m.to_id AS to_cell
    FROM supervision_cases c
    JOIN ${mergedOn(d)} m ON m.from_id = c.cell_id
    JOIN ${versionsOn(d)} v ON v.unit_id = m.to_id
    WHERE (${under}) AND c.status IN ('received', 'accepted', 'verifying')
    ORDER BY c.id
    FOR UPDATE OF c`);
  const cellMoves = new Map(following.rows.map((f) => [f.id, f]));
  for (const f of following.rows) await tx.execute(sql`UPDATE supervision_cases SET cell_id = ${f.to_cell} WHERE id = ${f.id}`);
  const founded = await tx.execute<{ id: string; from_cell: string; to_cell: string; path: string }>(sql`
    SELECT c.id, c.cell_id AS from_cell, m.to_id AS to_cell, v.path
    FROM supervision_cases c
    JOIN ${mergedOn(d)} m ON m.from_id = c.cell_id
    JOIN ${versionsOn(d)} v ON v.unit_id = m.to_id
    WHERE (${under}) AND c.status IN ('concluded', 'closed') AND c.conclusion IN ('founded', 'partly_founded')
    ORDER BY c.id
    FOR UPDATE OF c`);
  const dated = [...following.rows, ...founded.rows];
  if (dated.length)
    await tx.execute(sql`
      INSERT INTO supervision_case_moves (case_id, moved_on, from_cell, to_cell)
      SELECT * FROM unnest(${`{${dated.map((f) => f.id).join(',')}}`}::uuid[], array_fill(${input.date}::date, ARRAY[${dated.length}::int]),
                           ${`{${dated.map((f) => f.from_cell).join(',')}}`}::uuid[], ${`{${dated.map((f) => f.to_cell).join(',')}}`}::uuid[])
      ON CONFLICT (case_id, moved_on) DO UPDATE SET to_cell = EXCLUDED.to_cell`);
  const moving = await tx.execute<{ id: string; from_unit: string; to_unit: string; to_path: string }>(sql`
    SELECT c.id, c.handling_unit_id AS from_unit, v.parent_id AS to_unit, pv.path AS to_path
    FROM supervision_cases c
    JOIN ${versionsOn(d)} v ON v.unit_id = c.cell_id
    JOIN ${unitIdentities} u ON u.id = v.unit_id AND u.kind = 'cell'
    JOIN ${versionsOn(d)} pv ON pv.unit_id = v.parent_id
    WHERE (${under}) AND c.status IN ('received', 'accepted', 'verifying') AND c.handling_unit_id <> v.parent_id
    ORDER BY c.id
    FOR UPDATE OF c`);
  for (const m of moving.rows) await tx.execute(sql`UPDATE supervision_cases SET handling_unit_id = ${m.to_unit} WHERE id = ${m.id}`);
  const cell = (id: string, side: 'from_cell' | 'to_cell') => (cellMoves.has(id) ? { cellId: cellMoves.get(id)![side] } : {});
  const events: { action: string; entityType: string; entityId: string; unitPath: string; before: Record<string, unknown>; after: Record<string, unknown> }[] = moving.rows.map((m) => ({ action: 'supervision.case.rehome', entityType: 'supervision_case', entityId: m.id, unitPath: m.to_path, before: { ...cell(m.id, 'from_cell'), handlingUnitId: m.from_unit }, after: { ...cell(m.id, 'to_cell'), handlingUnitId: m.to_unit, on: input.date } }));
  // A case whose cell merged into one of the same commune keeps its committee: only its cell changes.
  const rehomed = new Set(moving.rows.map((m) => m.id));
  if (following.rows.some((f) => !rehomed.has(f.id))) {
    const stay = following.rows.filter((f) => !rehomed.has(f.id));
    const handling = await tx.execute<{ id: string; handling_unit_id: string; path: string }>(sql`
      SELECT c.id, c.handling_unit_id, v.path FROM supervision_cases c JOIN ${versionsOn(d)} v ON v.unit_id = c.handling_unit_id
      WHERE c.id = ANY(${`{${stay.map((f) => f.id).join(',')}}`}::uuid[])`);
    for (const h of handling.rows)
      events.push({ action: 'supervision.case.rehome', entityType: 'supervision_case', entityId: h.id, unitPath: h.path, before: { ...cell(h.id, 'from_cell'), handlingUnitId: h.handling_unit_id }, after: { ...cell(h.id, 'to_cell'), handlingUnitId: h.handling_unit_id, on: input.date } });
  }
  for (const f of founded.rows)
    events.push({ action: 'supervision.case.rehome', entityType: 'supervision_case', entityId: f.id, unitPath: f.path, before: { cellId: f.from_cell }, after: { cellId: f.to_cell, on: input.date, recordKept: true } });
  if (events.length) await recordAudit(tx, actor, events);
  return events.length;
}
