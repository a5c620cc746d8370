// Reminders in-app: what the current user must do in the open cycles, each step with its deadline, and — for
// the levels above — the steps overdue in their branch, cell by cell. One set-based statement for all cycles.
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { allowed, scopeFor, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { hasActiveAccount } from '../users/queries.js';
import { listCycles } from './cycles.js';
import { reviewPolicy, type ReviewAction } from './policy.js';

export type TodoStep = 'self' | 'selfOnBehalf' | 'appraise' | 'decide' | 'recheck';
export type OverdueStep = 'self' | 'appraise' | 'decide';

export interface TodoItem {
  cycleId: string;
  cycleTitle: string;
  step: TodoStep;
  unitId: string;
  unitName: string;
  /** How many records wait for this step. */
  count: number;
  due: string | null;
  overdue: boolean;
}

export interface OverdueItem {
  cycleId: string;
  cycleTitle: string;
  step: OverdueStep;
  unitId: string;
  unitName: string;
  missing: number;
  due: string;
}

type Agg = {
  cycle_id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  own_self: number;
  on_behalf_self: number;
  self_missing: number;
  appraisal_missing: number;
  decision_missing: number;
  appraisal_ready: number;
  decision_ready: number;
  complaints_waiting: number;
};

/** Whose duty each step is, as reviewPolicy says (the others who may take it see it as overdue, not as their task). */
const duty: Record<Exclude<TodoStep, 'self'>, ReviewAction> = {
  selfOnBehalf: 'review.todo.selfOnBehalf',
  appraise: 'review.todo.appraise',
  decide: 'review.todo.decide',
  recheck: 'review.todo.recheck',
};

export async function reviewTodo(db: Db, actor: Actor): Promise<{ items: TodoItem[]; overdue: OverdueItem[] }> {
  const cycles = (await listCycles(db, actor)).filter((c) => c.status === 'open');
  if (cycles.length === 0) return { items: [], overdue: [] };
  const scope = scopeFor(reviewPolicy, actor, 'review.read', { path: sql`p.unit_path`, personId: sql`p.person_id` });
  const { rows } = await db.execute<Agg>(sql`
    SELECT p.cycle_id, p.unit_id, p.unit_name, p.unit_path,
      count(*) FILTER (WHERE p.person_id = ${actor.personId} AND s.id IS NULL)::int AS own_self,
      count(*) FILTER (WHERE s.id IS NULL AND (p.kind = 'cell'
        OR NOT ${hasActiveAccount(sql`p.person_id`)}))::int AS on_behalf_self,
      count(*) FILTER (WHERE s.id IS NULL)::int AS self_missing,
      count(*) FILTER (WHERE a.id IS NULL)::int AS appraisal_missing,
      count(*) FILTER (WHERE d.id IS NULL)::int AS decision_missing,
      count(*) FILTER (WHERE a.id IS NULL AND s.id IS NOT NULL)::int AS appraisal_ready,
      count(*) FILTER (WHERE d.id IS NULL AND a.id IS NOT NULL)::int AS decision_ready,
      count(k.id) FILTER (WHERE k.recheck_id IS NULL)::int AS complaints_waiting
    FROM review_participants p
    LEFT JOIN review_self_assessments s ON s.participant_id = p.id
    LEFT JOIN review_appraisals a ON a.participant_id = p.id
    LEFT JOIN review_decisions d ON d.participant_id = p.id AND d.superseded_by IS NULL
    LEFT JOIN review_complaints k ON k.participant_id = p.id
    WHERE p.cycle_id = ANY(${sql.param(cycles.map((c) => c.id))}::uuid[]) AND ${scope}
    GROUP BY p.cycle_id, p.unit_id, p.unit_name, p.unit_path
    ORDER BY p.unit_name`);
  const today = todayIso();
  const holds = (action: ReviewAction, path: string) => allowed(reviewPolicy, actor, action, { path });
  const watches = (path: string) => holds('review.todo.overdue', path);
  const items: TodoItem[] = [];
  const overdue: OverdueItem[] = [];
  for (const r of rows) {
    const c = cycles.find((x) => x.id === r.cycle_id)!;
    const base = { cycleId: c.id, cycleTitle: c.title, unitId: r.unit_id, unitName: r.unit_name };
    const add = (step: TodoStep, count: number, due: string | null) => {
      if (count > 0) items.push({ ...base, step, count, due, overdue: !!due && today > due });
    };
    add('self', r.own_self, c.selfDue);
    if (holds(duty.selfOnBehalf, r.unit_path)) add('selfOnBehalf', r.on_behalf_self, c.selfDue);
    // Only what can be done now (defect 6): a record is appraised once self-assessed and decided once appraised
    // (steps.ts refuses either before) — not 50 "decide" lines before anyone self-assessed.
    if (holds(duty.appraise, r.unit_path)) add('appraise', r.appraisal_ready, c.cellDue);
    if (holds(duty.decide, r.unit_path)) add('decide', r.decision_ready, c.decisionDue);
    if (holds(duty.recheck, r.unit_path)) add('recheck', r.complaints_waiting, null);
    if (watches(r.unit_path)) {
      for (const [step, missing, due] of [
        ['self', r.self_missing, c.selfDue],
        ['appraise', r.appraisal_missing, c.cellDue],
        ['decide', r.decision_missing, c.decisionDue],
      ] as const) {
        if (missing > 0 && today > due) overdue.push({ ...base, step, missing, due });
      }
    }
  }
  // Overdue first, then by deadline.
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  overdue.sort((a, b) => a.due.localeCompare(b.due) || a.unitName.localeCompare(b.unitName));
  return { items, overdue };
}
