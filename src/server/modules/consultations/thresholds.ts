// The thresholds as data: the leading share for consensus and for a majority (consultation_consensus_levels) and
// the minimum turnout (consultation_settings). Read by every result; read by officers who run consultations; set
// as a whole by a province admin, audited. A change recomputes every stats row in the same transaction (trigger,
// migration consultations_turnout), so the dashboard never counts a consensus by the old thresholds.
import { sql } from 'drizzle-orm';
import { ConsensusThresholds, DEFAULT_THRESHOLDS, levelsOf, thresholdIssues, type ConsensusLevel } from '../../../domain/consultations.js';
import { allowedSomewhere, grantsFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { thresholdsPolicy } from './policy.js';
import { consultationConsensusLevels, consultationSettings } from './schema.js';

/** The thresholds in force (the defaults where a row is missing). */
export async function loadThresholds(exec: Executor): Promise<ConsensusThresholds> {
  const [levels, settings] = await Promise.all([exec.select().from(consultationConsensusLevels), exec.select().from(consultationSettings)]);
  const share = (code: string, fallback: number) => Number(levels.find((l) => l.code === code)?.minShare ?? fallback);
  return {
    consensus: share('consensus', DEFAULT_THRESHOLDS.consensus),
    majority: share('majority', DEFAULT_THRESHOLDS.majority),
    minTurnout: Number(settings[0]?.minTurnout ?? DEFAULT_THRESHOLDS.minTurnout),
  };
}

/** What a result needs: the levels (highest first) and the minimum turnout. */
export async function resultThresholds(exec: Executor): Promise<{ levels: ConsensusLevel[]; minTurnout: number }> {
  const t = await loadThresholds(exec);
  return { levels: levelsOf(t), minTurnout: t.minTurnout };
}

const mayEdit = (actor: Actor) => allowedSomewhere(thresholdsPolicy, actor, 'consultation.thresholds.edit');

export async function readThresholds(db: Db, actor: Actor) {
  if (!allowedSomewhere(thresholdsPolicy, actor, 'consultation.thresholds.read')) throw notFound('Page');
  return { thresholds: await loadThresholds(db), editable: mayEdit(actor) };
}

/** Replaces the thresholds as a whole: each number in 0–100 (the schema), majority below consensus; audited. */
export async function updateThresholds(db: Db, actor: Actor, next: ConsensusThresholds) {
  if (!allowedSomewhere(thresholdsPolicy, actor, 'consultation.thresholds.read')) throw notFound('Page');
  if (!mayEdit(actor)) throw notFound('Page');
  const issues = thresholdIssues(next);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    // One change at a time: twenty at once are applied one after another, each whole.
    await tx.execute(sql`LOCK TABLE consultation_settings IN EXCLUSIVE MODE`);
    const before = await loadThresholds(tx);
    await tx
      .insert(consultationConsensusLevels)
      .values(levelsOf(next).map((l) => ({ code: l.code, minShare: l.minShare })))
      .onConflictDoUpdate({ target: consultationConsensusLevels.code, set: { minShare: sql`excluded.min_share` } });
    await tx
      .insert(consultationSettings)
      .values({ id: true, minTurnout: next.minTurnout })
      .onConflictDoUpdate({ target: consultationSettings.id, set: { minTurnout: next.minTurnout } });
    const adminPath = grantsFor(thresholdsPolicy, actor, 'consultation.thresholds.edit')[0]?.unitPath ?? null;
    await recordAudit(tx, actor, { action: 'consultation.thresholds.update', entityType: 'consultation_thresholds', entityId: 'thresholds', unitPath: adminPath, before, after: next });
  });
  return readThresholds(db, actor);
}
