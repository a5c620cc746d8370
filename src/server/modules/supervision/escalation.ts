// Escalation as a recorded fact: a case past the deadline of its current state is escalated, once, to the unit
// above its handling unit. The sweep writes the day and the unit on the case, a history entry (status
// unchanged) and an audit event by the system. It runs when the server starts and every 10 minutes after
// (`startEscalationSweep`); `sweepEscalations` is the same pass for a command line or a test.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { repeatWhileRunning } from '../../platform/periodic.js';
import type { Db } from '../../platform/db/index.js';
import { unitVersion } from '../org/queries.js';
import { digestAnonymousDays } from './digest.js';
import { nextSeq } from './intake.js';
import { supervisionTransitions } from './schema.js';

export const SWEEP_EVERY_MS = 10 * 60_000;

/** Escalates every overdue case not yet escalated; returns the ids escalated. */
export async function sweepEscalations(db: Db, today = todayIso()): Promise<string[]> {
  const actor = systemActor('supervision.sweep');
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ id: string; status: string; up_id: string | null; up_path: string | null; handling_path: string }>(sql`
      SELECT c.id, c.status, hv.parent_id AS up_id, upv.path AS up_path, hv.path AS handling_path
      FROM supervision_cases c
      JOIN LATERAL ${unitVersion(sql`c.handling_unit_id`, ['parent_id', 'path'])} hv ON true
      LEFT JOIN LATERAL ${unitVersion(sql`hv.parent_id`, ['path'])} upv ON true
      WHERE c.escalated_on IS NULL
        AND ((c.status = 'received' AND c.acknowledge_by < ${today}) OR (c.status IN ('accepted', 'verifying') AND c.conclude_by < ${today}))
      ORDER BY c.id
      FOR UPDATE OF c SKIP LOCKED`);
    const done: string[] = [];
    for (const r of due.rows) {
      // A commune with no unit above (a root) has nowhere to escalate to: the case stays overdue, unrecorded.
      if (!r.up_id) continue;
      await tx.execute(sql`UPDATE supervision_cases SET escalated_on = ${today}, escalated_to_unit_id = ${r.up_id} WHERE id = ${r.id}`);
      await tx.insert(supervisionTransitions).values({
        caseId: r.id,
        seq: await nextSeq(tx, supervisionTransitions, r.id),
        fromStatus: r.status,
        toStatus: r.status,
        on: today,
        byName: actor.name,
        escalatedToUnitId: r.up_id,
      });
      await recordAudit(tx, actor, {
        action: 'supervision.case.escalate',
        entityType: 'supervision_case',
        entityId: r.id,
        unitPath: r.handling_path,
        after: { escalatedTo: r.up_id, on: today, status: r.status },
      });
      done.push(r.id);
    }
    return done;
  });
}

/** Runs the sweep shortly after the app is ready and every SWEEP_EVERY_MS (platform/periodic.ts). */
export function startEscalationSweep(app: FastifyInstance, db: Db, everyMs = SWEEP_EVERY_MS) {
  const run = () =>
    sweepEscalations(db)
      .then(
        (ids) => ids.length && app.log.info({ escalated: ids.length }, 'supervision: overdue cases escalated'),
        // The error of a failed query may carry case text in its parameters: log only that it failed.
        () => app.log.error('supervision: escalation sweep failed'),
      )
      // The same pass counts the anonymous reports of the days that are over (digest.ts).
      .then(() => digestAnonymousDays(db))
      .then(
        (days) => days.length && app.log.info({ days: days.length }, 'supervision: anonymous reports counted into the audit trail'),
        () => app.log.error('supervision: anonymous digest failed'),
      );
  repeatWhileRunning(app, run, everyMs);
}
