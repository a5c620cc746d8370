// The channel's rules as data (supervision_rules): read by intake, extension, warnings; edited by the province
// admin. Changing a deadline applies to cases received afterwards: a case keeps the dates it was given.
import { sql } from 'drizzle-orm';
import { flattenRules, rulesFromRows, validateRules, type SupervisionRuleSet } from '../../../domain/supervision-rules.js';
import { allowedSomewhere, grantsFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { oversightPolicy } from './policy.js';
import { supervisionRules } from './schema.js';

export async function loadRules(exec: Executor): Promise<SupervisionRuleSet> {
  return rulesFromRows(await exec.select().from(supervisionRules));
}

/** Officers who see cases read the rules; only a province admin may change them. */
export async function readRules(db: Db, actor: Actor) {
  if (!allowedSomewhere(oversightPolicy, actor, 'supervision.rules.read')) throw notFound('Page');
  return { rules: await loadRules(db), editable: mayEdit(actor) };
}

const mayEdit = (actor: Actor) => allowedSomewhere(oversightPolicy, actor, 'supervision.rules.edit');

export async function updateRules(db: Db, actor: Actor, next: SupervisionRuleSet) {
  if (!allowedSomewhere(oversightPolicy, actor, 'supervision.rules.read')) throw notFound('Page');
  if (!mayEdit(actor)) throw notFound('Page');
  const issues = validateRules(next);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE supervision_rules IN EXCLUSIVE MODE`);
    const before = await loadRules(tx);
    const flat = flattenRules(next);
    await tx.delete(supervisionRules);
    await tx.insert(supervisionRules).values(Object.entries(flat).map(([key, value]) => ({ key, value })));
    const adminPath = grantsFor(oversightPolicy, actor, 'supervision.rules.edit')[0]?.unitPath ?? null;
    await recordAudit(tx, actor, { action: 'supervision.rules.update', entityType: 'supervision_rules', entityId: 'rules', unitPath: adminPath, before: flattenRules(before), after: flat });
  });
  return readRules(db, actor);
}
