// The home policy written out as a table (the tree and the actors are in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import { A1, B1, checkTable, N, P, Y, type Row } from '../../test/policy-table.js';
import { homePolicy, type HomeAction } from './policy.js';

describe('home: homePolicy', () => {
  const cellA1: Row<HomeAction>[] = [
    //                admin officer inspector secretary member
    ['home.changes',  Y,    Y,      Y,        Y,        N],
    ['home.figures',  Y,    Y,      Y,        Y,        Y],
  ];
  checkTable('a cell of commune A', homePolicy, cellA1, () => ({ path: A1 }));

  const province: Row<HomeAction>[] = [
    //                admin officer inspector secretary member
    ['home.changes',  Y,    N,      Y,        N,        N],
    ['home.figures',  Y,    N,      Y,        N,        N],
  ];
  checkTable('the province itself', homePolicy, province, () => ({ path: P }));

  const cellB1: Row<HomeAction>[] = [
    //                admin officer inspector secretary member
    ['home.changes',  Y,    N,      Y,        N,        N],
    ['home.figures',  Y,    N,      Y,        N,        N],
  ];
  checkTable('a cell of commune B', homePolicy, cellB1, () => ({ path: B1 }));
});
