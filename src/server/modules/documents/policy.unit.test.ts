// The documents policies written out as tables: role × action × where the register or the cell sits (the tree and
// the actors are in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A, A1, B1, checkTable, N, outside, P, Y, type Row } from '../../test/policy-table.js';
import { documentPolicy, studyPolicy, type DocumentAction, type StudyAction } from './policy.js';

describe('documents: documentPolicy', () => {
  // The province's register: read by everyone under it; kept by the province board.
  const provinceRegister: Row<DocumentAction>[] = [
    //                     admin officer inspector secretary member
    ['document.read',      Y,    Y,      Y,        Y,        Y],
    ['document.register',  Y,    N,      N,        N,        N],
    ['document.edit',      Y,    N,      N,        N,        N],
    ['document.send',      Y,    N,      N,        N,        N],
  ];
  checkTable('the province register', documentPolicy, provinceRegister, () => ({ path: P }));

  // A target inside commune A: where a document may be sent, and a register held by commune A.
  const communeA: Row<DocumentAction>[] = [
    //                     admin officer inspector secretary member
    ['document.read',      Y,    Y,      Y,        Y,        Y],
    ['document.register',  Y,    N,      N,        N,        N],
    ['document.edit',      Y,    N,      N,        N,        N],
    ['document.send',      Y,    Y,      N,        N,        N],
  ];
  checkTable('commune A', documentPolicy, communeA, () => ({ path: A }));

  // A register or a target in another branch: the line from the actor's unit up and down does not reach it.
  const cellB1: Row<DocumentAction>[] = [
    //                     admin officer inspector secretary member
    ['document.read',      Y,    N,      Y,        N,        N],
    ['document.register',  Y,    N,      N,        N,        N],
    ['document.edit',      Y,    N,      N,        N,        N],
    ['document.send',      Y,    N,      N,        N,        N],
  ];
  checkTable('cell B1 (outside the commune officer, secretary and member)', documentPolicy, cellB1, () => ({ path: B1 }));

  const outOfBranch: Row<DocumentAction>[] = (Object.keys(documentPolicy) as DocumentAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('out of branch', documentPolicy, outOfBranch, (role: Role) => ({ path: outside[role] === B1 ? '/q/c/c1/' : outside[role] }));
});

describe('documents: studyPolicy', () => {
  const cellA1: Row<StudyAction>[] = [
    //                 admin officer inspector secretary member
    ['study.record',   Y,    Y,      N,        Y,        N],
    ['study.follow',   Y,    Y,      Y,        N,        N],
    ['study.remind',   Y,    Y,      N,        N,        N],
  ];
  checkTable('a cell in branch', studyPolicy, cellA1, () => ({ path: A1 }));
  const outOfBranch: Row<StudyAction>[] = (Object.keys(studyPolicy) as StudyAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('a cell out of branch', studyPolicy, outOfBranch, (role: Role) => ({ path: outside[role] }));
});
