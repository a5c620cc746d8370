// The warnings policies written out as tables: role × action × where the warning's cell sits (the tree and the actors
// are in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A1, B1, checkTable, N, outside, ownCellOf, P, personOf, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { warningPolicy, warningSettingsPolicy, type WarningAction, type WarningSettingsAction } from './policy.js';

describe('warnings: warningPolicy', () => {
  const at = (path: string, over: { cellId?: string; subjectPersonId?: string | null } = {}) => () => ({ path, cellId: 'some-cell', subjectPersonId: null, ...over });
  const cellA1: Row<WarningAction>[] = [
    //                 admin officer inspector secretary member
    ['warning.read',   Y,    Y,      Y,        N,        N],
    ['warning.work',   N,    Y,      Y,        N,        N],
  ];
  checkTable('a cell of commune A', warningPolicy, cellA1, at(A1));
  const cellB1: Row<WarningAction>[] = [
    ['warning.read',   Y,    N,      Y,        N,        N],
    ['warning.work',   N,    N,      Y,        N,        N],
  ];
  checkTable('a cell of commune B', warningPolicy, cellB1, at(B1));
  checkTable('out of branch', warningPolicy, refusedAll(warningPolicy), (role: Role) => ({ path: outside[role], cellId: 'some-cell', subjectPersonId: null }));
  // Nobody sees a warning about themselves, nor about the cell they belong to.
  checkTable('about the reader', warningPolicy, refusedAll(warningPolicy), (role: Role) => ({ path: A1, cellId: 'some-cell', subjectPersonId: personOf(role) }));
  checkTable('about the reader’s own cell', warningPolicy, refusedAll(warningPolicy), (role: Role) => ({ path: A1, cellId: ownCellOf(role), subjectPersonId: null }));
});

describe('warnings: warningSettingsPolicy', () => {
  const province: Row<WarningSettingsAction>[] = [
    //                          admin officer inspector secretary member
    ['warning.settings.read',   Y,    Y,      Y,        N,        N],
    ['warning.settings.edit',   Y,    N,      N,        N,        N],
  ];
  checkTable('the province', warningSettingsPolicy, province, () => ({ path: P }));
  checkTable('another province', warningSettingsPolicy, refusedAll(warningSettingsPolicy), () => ({ path: '/q/' }));
});
