// Who may read and reshape the tree. Commune officers reshape the cells of their commune, never the commune
// itself; the province board reshapes everything in the province.
import type { UnitKind } from '../../../domain/enums.js';
import type { Actor, Policy, Rule } from '../../platform/access.js';

export type UnitAction = 'unit.read' | 'unit.create' | 'unit.rename' | 'unit.move' | 'unit.merge' | 'unit.split' | 'unit.dissolve' | 'unit.audit';

const reshape: Rule[] = [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }];

export const unitPolicy: Policy<UnitAction> = {
  // A branch's history includes the units that became it (the old communes, districts and provinces of the 2025
  // reform): read-only, as closed units are.
  'unit.read': [
    { role: 'province_admin', reach: 'lineage' },
    { role: 'commune_officer', reach: 'lineage' },
    { role: 'inspection_officer', reach: 'lineage' },
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

/** A root of the tree is a province, created from the command line only: no grant reaches above a province. */
export const mayCreateRoot = (actor: Actor, kind: UnitKind) => actor.system === true && kind === 'province';
