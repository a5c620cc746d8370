// The congress policy written out as a table: role × action × where the cell sits (test/policy-table.ts).
import { describe } from 'vitest';
import { A1, B1, checkTable, lineageOf, N, outside, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { congressPolicy, type CongressAction } from './policy.js';

describe('people: congressPolicy (the target is the cell)', () => {
  // Cell A1: inside every role's branch.
  const cellA1: Row<CongressAction>[] = [
    //                  admin officer inspector secretary member
    ['congress.read',   Y,    Y,      Y,        Y,        Y],
    ['congress.record', Y,    Y,      N,        N,        N],
  ];
  checkTable('cell A1', congressPolicy, cellA1, () => ({ path: A1 }));

  // Cell B1: in the province's branch only.
  const cellB1: Row<CongressAction>[] = [
    //                  admin officer inspector secretary member
    ['congress.read',   Y,    N,      Y,        N,        N],
    ['congress.record', Y,    N,      N,        N,        N],
  ];
  checkTable('cell B1 (another commune)', congressPolicy, cellB1, () => ({ path: B1 }));

  // A cell as it stood under an old commune that became the grant's unit: read by the officers, recorded by none.
  const inLineage: Row<CongressAction>[] = [
    //                  admin officer inspector secretary member
    ['congress.read',   Y,    Y,      Y,        N,        N],
    ['congress.record', N,    N,      N,        N,        N],
  ];
  checkTable("in the lineage (a unit that became the grant's)", congressPolicy, inLineage, (role) => ({ path: `${lineageOf(role)}x/` }));

  checkTable('out of branch', congressPolicy, refusedAll(congressPolicy), (role) => ({ path: outside[role] }));
});
