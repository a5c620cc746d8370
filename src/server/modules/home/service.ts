// The home page of each role: what needs me now (every module's task providers, grouped and counted by them), what
// changed in my branch (the audit trail's recent events, as sentences on the web), and my branch's key figures.
import { todayIso } from '../../../domain/dates.js';
import { grantsFor, scopeFor, type Actor } from '../../platform/access.js';
import { readAuditEvents } from '../../platform/audit/read.js';
import type { Db } from '../../platform/db/index.js';
import type { TaskContext, TaskItem, TaskProvider } from '../../platform/module.js';
import { computeFigures } from '../dashboard/figures.js';
import { homePolicy } from './policy.js';

/** Events that say nothing to a reader of the branch (the demo's loading, views), or must not be shown to all of it (supervision's). */
const quiet = /^(supervision\.|notification\.|auth\.|user\.session|demo\.|.*\.view$|.*\.demo$|.*\.seed$)/;

export async function home(db: Db, actor: Actor, providers: readonly TaskProvider[], log: { warn: (o: object, m: string) => void }, context: TaskContext) {
  const settled = await Promise.allSettled(providers.map((p) => p(db, actor, context)));
  const tasks: TaskItem[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') tasks.push(...s.value);
    // One module failing leaves the others' tasks on the page.
    else log.warn({ err: s.reason }, 'a task provider failed');
  }
  tasks.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));

  const changesGrant = grantsFor(homePolicy, actor, 'home.changes')[0];
  const changes = changesGrant
    ? (
        await readAuditEvents(db, {
          scope: (path) => scopeFor(homePolicy, actor, 'home.changes', { path }),
          limit: 40,
        })
      )
        .filter((e) => !quiet.test(e.action))
        .slice(0, 10)
        .map((e) => ({ id: String(e.seq), at: e.at.toISOString(), actorName: e.actorName, action: e.action, entityType: e.entityType }))
    : [];

  const figuresGrant = grantsFor(homePolicy, actor, 'home.figures')[0];
  const figures = figuresGrant
    ? { unit: { id: figuresGrant.unitId, name: figuresGrant.unitName }, values: await computeFigures(db, { path: figuresGrant.unitPath, date: todayIso() }) }
    : null;
  return { tasks, changes, figures };
}
