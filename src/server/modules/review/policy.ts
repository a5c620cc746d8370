// Who may do what in the yearly review, within which branch. The target's path is the participant's cell (or,
// for cycles and templates, the unit that opened them); `personId` is the person being reviewed.
import type { Policy, Rule } from '../../platform/access.js';

export type ReviewAction =
  | 'review.read'
  | 'review.self'
  | 'review.selfOnBehalf'
  | 'review.appraise'
  | 'review.decide'
  | 'review.recheck'
  | 'review.complain'
  | 'review.import'
  | 'review.cycle.open'
  | 'review.cycle.close'
  | 'review.template.read'
  | 'review.template.edit'
  | 'review.cycle.read'
  | 'review.figures'
  | 'review.todo.selfOnBehalf'
  | 'review.todo.appraise'
  | 'review.todo.decide'
  | 'review.todo.recheck'
  | 'review.todo.overdue';

const officers: Rule[] = [{ role: 'province_admin' }, { role: 'commune_officer' }];
/** Everyone whose branch the thing touches: it lies in their branch, or above it (a cycle the province opened). */
const onTheirLine: Rule[] = (['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'] as const).map((role) => ({ role, reach: 'line' }));
/**
 * The past of a branch (issue 16): the results of the units that became the officer's unit — the old province,
 * district or commune of the 2025 reform — are read as the unit's own history. Read-only: nobody decides through
 * the lineage.
 */
const lineageReaders: Rule[] = (['province_admin', 'commune_officer', 'inspection_officer'] as const).map((role) => ({ role, reach: 'lineage' }));

export const reviewPolicy: Policy<ReviewAction> = {
  // Members see their own; the secretary the cell's; officers and inspectors their branch.
  'review.read': [...officers, { role: 'inspection_officer' }, { role: 'cell_secretary' }, { role: 'member', self: true }],
  // The person fills their own form (a secretary is a person too).
  'review.self': [{ role: 'member', self: true }, { role: 'cell_secretary', self: true }],
  // The secretary fills for a member without an account, and the cell's own form 01 (no personId).
  'review.selfOnBehalf': [{ role: 'cell_secretary' }],
  'review.appraise': [{ role: 'cell_secretary' }],
  // The committee one level up decides: the commune for its cells and their members.
  'review.decide': officers,
  // A person contests their own level (the secretary for the cell, or for a member without an account); the
  // re-check is one level above the commune that decided: the province.
  'review.complain': [{ role: 'member', self: true }, { role: 'cell_secretary' }],
  'review.recheck': [{ role: 'province_admin' }],
  // Results of the years before chibo, read from Excel.
  'review.import': [{ role: 'province_admin' }],
  'review.cycle.open': [{ role: 'province_admin' }],
  'review.cycle.close': [{ role: 'province_admin' }],
  // The criteria of a province's year: read by all who take part in it, edited by the province board.
  'review.template.read': onTheirLine,
  'review.template.edit': [{ role: 'province_admin' }],
  // A cycle concerns the actor when one of its branches and one of their grants lie one within the other.
  'review.cycle.read': [...onTheirLine, ...lineageReaders],
  'review.figures': [...lineageReaders, { role: 'cell_secretary' }],
  // Reminders: whose duty each step is (others who may take it see it only as overdue in their branch).
  'review.todo.selfOnBehalf': [{ role: 'cell_secretary' }],
  'review.todo.appraise': [{ role: 'cell_secretary' }],
  'review.todo.decide': [{ role: 'commune_officer' }],
  'review.todo.recheck': [{ role: 'province_admin' }],
  // Who watches a branch's deadlines from above.
  'review.todo.overdue': [...officers, { role: 'inspection_officer' }],
};
