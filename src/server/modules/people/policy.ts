// Who may do what with member records, within which branch. The target's path is the person's cell.
import type { Policy, Rule } from '../../platform/access.js';

export type PersonAction =
  | 'person.read' | 'person.readCccd' | 'person.create' | 'person.update' | 'person.transfer' | 'person.close'
  | 'person.positions' | 'person.posts' | 'person.equipment'
  | 'roster.import' | 'roster.export';

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

export type CongressAction = 'congress.read' | 'congress.record';

/**
 * A cell's congresses and the secretaries it elected (the target's path is the cell's). Read by whoever reads the
 * cell's members, and through the lineage by the officers (a cell's congress of 2020 under its old commune); recorded
 * by the officers who manage the cell's positions (a commune officer for the cells of the commune).
 */
export const congressPolicy: Policy<CongressAction> = {
  'congress.read': [
    { role: 'province_admin', reach: 'lineage' },
    { role: 'commune_officer', reach: 'lineage' },
    { role: 'inspection_officer', reach: 'lineage' },
    { role: 'cell_secretary' },
    { role: 'member' },
  ],
  'congress.record': officers,
};
