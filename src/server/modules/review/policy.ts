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
  | 'review.template.edit'
  | 'review.figures';

const self: Rule['when'] = ({ actor, target }) => !!actor.personId && actor.personId === target.personId;
const officers: Rule[] = [{ role: 'province_admin' }, { role: 'commune_officer' }];

export const reviewPolicy: Policy<ReviewAction> = {
  // Members see their own; the secretary the cell's; officers and inspectors their branch.
  'review.read': [...officers, { role: 'inspection_officer' }, { role: 'cell_secretary' }, { role: 'member', when: self }],
  // The person fills their own form (a secretary is a person too).
  'review.self': [{ role: 'member', when: self }, { role: 'cell_secretary', when: self }],
  // The secretary fills for a member without an account, and the cell's own form 01 (no personId).
  'review.selfOnBehalf': [{ role: 'cell_secretary' }],
  'review.appraise': [{ role: 'cell_secretary' }],
  // The committee one level up decides: the commune for its cells and their members.
  'review.decide': officers,
  // A person contests their own level (the secretary for the cell, or for a member without an account); the
  // re-check is one level above the commune that decided: the province.
  'review.complain': [{ role: 'member', when: self }, { role: 'cell_secretary' }],
  'review.recheck': [{ role: 'province_admin' }],
  // Results of the years before chibo, read from Excel.
  'review.import': [{ role: 'province_admin' }],
  'review.cycle.open': [{ role: 'province_admin' }],
  'review.cycle.close': [{ role: 'province_admin' }],
  'review.template.edit': [{ role: 'province_admin' }],
  'review.figures': [...officers, { role: 'inspection_officer' }, { role: 'cell_secretary' }],
};
