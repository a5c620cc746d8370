// Who may do what with member records, within which branch. The target's path is the person's cell.
import type { Policy, Rule } from '../../platform/access.js';

export type PersonAction =
  | 'person.read'
  | 'person.readCccd'
  | 'person.create'
  | 'person.update'
  | 'person.transfer'
  | 'person.close'
  | 'person.positions'
  | 'person.posts'
  | 'person.equipment'
  | 'roster.import'
  | 'roster.export';

const officers: Rule[] = [{ role: 'province_admin' }, { role: 'commune_officer' }];

export const personPolicy: Policy<PersonAction> = {
  'person.read': [...officers, { role: 'inspection_officer' }, { role: 'cell_secretary' }, { role: 'member', self: true }],
  // The citizen ID is personal data: officers and the person themself, not the whole cell.
  'person.readCccd': [...officers, { role: 'inspection_officer' }, { role: 'member', self: true }, { role: 'cell_secretary', self: true }],
  'person.create': [...officers, { role: 'cell_secretary' }],
  'person.update': [...officers, { role: 'cell_secretary' }],
  'person.transfer': officers,
  'person.close': officers,
  'person.positions': officers,
  'person.posts': [...officers, { role: 'cell_secretary' }],
  'person.equipment': officers,
  'roster.import': officers,
  'roster.export': [...officers, { role: 'inspection_officer' }, { role: 'cell_secretary' }],
};
