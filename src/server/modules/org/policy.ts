// Who may read and reshape the tree. Commune officers reshape the cells of their commune, never the commune
// itself; the province board reshapes everything in the province.
import type { Policy, Rule } from '../../platform/access.js';

export type UnitAction = 'unit.read' | 'unit.create' | 'unit.rename' | 'unit.move' | 'unit.merge' | 'unit.split' | 'unit.dissolve' | 'unit.audit';

const belowOwnUnit: Rule['when'] = ({ grant, target }) => target.path !== grant.unitPath;
const reshape: Rule[] = [{ role: 'province_admin' }, { role: 'commune_officer', when: belowOwnUnit }];

export const unitPolicy: Policy<UnitAction> = {
  'unit.read': [
    { role: 'province_admin' },
    { role: 'commune_officer' },
    { role: 'inspection_officer' },
    { role: 'cell_secretary' },
    { role: 'member' },
  ],
  // The target of a create is the parent: a commune officer adds cells to their commune.
  'unit.create': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'unit.rename': reshape,
  'unit.move': reshape,
  'unit.merge': reshape,
  'unit.split': reshape,
  'unit.dissolve': reshape,
  'unit.audit': [{ role: 'province_admin' }],
};
