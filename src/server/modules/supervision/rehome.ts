// Open cases follow their cell (issue 17, defect 2): when the tree moves a cell to another commune (a move, a merge
// of communes, a split), the cases still open about it go to the committee of its new commune from that day, in the
// same transaction as the move, each with its audit event. Nothing about the reporter changes or is written: the
// event names the case and the two communes only.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/db/index.js';
import { unitIdentities, versionsOn } from '../org/queries.js';
import { escapeLike } from '../org/tree.js';

/** Moves the open cases about the cells under `unitIds` (on `date`) to each cell's commune on that date. */
export async function rehomeOpenCases(tx: Tx, actor: Actor, input: { unitIds: string[]; date: string }): Promise<number> {
  if (!input.unitIds.length) return 0;
  const d = sql`${input.date}::date`;
  const roots = await tx.execute<{ path: string }>(sql`SELECT v.path FROM ${versionsOn(d)} v WHERE v.unit_id = ANY(${`{${input.unitIds.join(',')}}`}::uuid[])`);
  if (!roots.rows.length) return 0;
  const under = sql.join(roots.rows.map((r) => sql`v.path LIKE ${escapeLike(r.path) + '%'}`), sql` OR `);
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
  if (moving.rows.length)
    await recordAudit(
      tx,
      actor,
      moving.rows.map((m) => ({ action: 'supervision.case.rehome', entityType: 'supervision_case', entityId: m.id, unitPath: m.to_path, before: { handlingUnitId: m.from_unit }, after: { handlingUnitId: m.to_unit, on: input.date } })),
    );
  return moving.rows.length;
}
