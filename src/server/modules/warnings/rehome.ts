// A merged cell's warning follows the cell it became (issue 17): when org merges cells, the work on each source cell's
// open warning (acknowledgement, follow-up, notes) goes to the successor's warning, in the merge's transaction, with
// an audit event naming only the two subject keys and the day. Supervision moves the open cases themselves
// (supervision/rehome.ts), so the successor's warning counts them. A closed warning stays with its old cell: there is
// nothing open to carry, and its closing evidence belongs to that cell's record.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/db/index.js';
import { mergedOn, versionsOn } from '../org/queries.js';
import { warningStates } from './schema.js';
import { recordStateDay } from './work.js';

/** Moves the open warning states of the cells merged on `date` into cells among `unitIds` (or under them). */
export async function rehomeWarningStates(tx: Tx, actor: Actor, input: { unitIds: string[]; date: string }): Promise<number> {
  if (!input.unitIds.length) return 0;
  const d = sql`${input.date}::date`;
  const ids = `{${input.unitIds.join(',')}}`;
  const merges = await tx.execute<{ from_id: string; to_id: string; path: string }>(sql`
    SELECT m.from_id, m.to_id, v.path FROM ${mergedOn(d)} m JOIN ${versionsOn(d)} v ON v.unit_id = m.to_id
    WHERE EXISTS (SELECT 1 FROM ${versionsOn(d)} r WHERE r.unit_id = ANY(${ids}::uuid[]) AND starts_with(v.path, r.path))
    ORDER BY m.from_id`);
  if (!merges.rows.length) return 0;
  const keys = merges.rows.map((m) => `cell:${m.from_id}`);
  const states = await tx.select().from(warningStates).where(inArray(warningStates.subjectKey, keys)).orderBy(warningStates.subjectKey).for('update');
  let moved = 0;
  for (const state of states) {
    if (state.status === 'closed') continue;
    const m = merges.rows.find((r) => `cell:${r.from_id}` === state.subjectKey)!;
    const toKey = `cell:${m.to_id}`;
    const [target] = await tx.select().from(warningStates).where(eq(warningStates.subjectKey, toKey)).for('update');
    if (!target) {
      // The successor's warning had no work yet: this work becomes its.
      await tx.update(warningStates).set({ subjectKey: toKey }).where(eq(warningStates.id, state.id));
    } else {
      // Two flagged cells merged: the successor's work keeps its state and takes the other's notes after its own,
      // and the follow-up when it has none; the acknowledgement stands if either had one.
      const [{ top }] = (await tx.execute<{ top: number }>(sql`SELECT COALESCE(MAX(seq), 0)::int AS top FROM warning_notes WHERE state_id = ${target.id}`)).rows;
      await tx.execute(sql`UPDATE warning_notes SET state_id = ${target.id}, seq = seq + ${top} WHERE state_id = ${state.id}`);
      await tx
        .update(warningStates)
        .set({
          status: target.status === 'open' && state.status === 'acknowledged' ? 'acknowledged' : target.status,
          acknowledgedOn: target.acknowledgedOn ?? state.acknowledgedOn,
          acknowledgedBy: target.acknowledgedBy ?? state.acknowledgedBy,
          followUpUserId: target.followUpUserId ?? state.followUpUserId,
          followUpBy: target.followUpUserId ? target.followUpBy : state.followUpBy,
        })
        .where(eq(warningStates.id, target.id));
      await tx.delete(warningStates).where(eq(warningStates.id, state.id));
    }
    const [carried] = await tx.select().from(warningStates).where(eq(warningStates.subjectKey, toKey));
    await recordStateDay(tx, carried, input.date);
    await recordAudit(tx, actor, {
      action: 'warning.rehome',
      entityType: 'warning',
      entityId: toKey,
      unitPath: m.path,
      before: { subjectKey: state.subjectKey, status: state.status },
      after: { subjectKey: toKey, on: input.date },
    });
    moved++;
  }
  return moved;
}
