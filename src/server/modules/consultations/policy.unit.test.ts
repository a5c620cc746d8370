// The consultations policy written out as tables: role × action × where the consultation's unit sits (the tree and
// the actors are in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A, A1, A2, checkSomewhere, checkTable, N, outside, Y, type Row } from '../../test/policy-table.js';
import { consultationPolicy, thresholdsPolicy, type ConsultationAction, type ThresholdsAction } from './policy.js';

describe('consultations: consultationPolicy', () => {
  // A village of commune A: its secretary and the commune run it; its members answer.
  const villageA1: Row<ConsultationAction>[] = [
    //                        admin officer inspector secretary member
    ['consultation.read',     Y,    Y,      Y,        Y,        Y],
    ['consultation.open',     N,    Y,      N,        Y,        N],
    ['consultation.manage',   N,    Y,      N,        Y,        N],
    ['consultation.tally',    N,    Y,      N,        Y,        N],
    ['consultation.answer',   N,    N,      N,        Y,        Y],
  ];
  checkTable('a village in branch', consultationPolicy, villageA1, () => ({ path: A1 }));

  // A question put to the whole commune A: the officer runs it; the village's secretary and members read and answer.
  const communeA: Row<ConsultationAction>[] = [
    //                        admin officer inspector secretary member
    ['consultation.read',     Y,    Y,      Y,        Y,        Y],
    ['consultation.open',     N,    Y,      N,        N,        N],
    ['consultation.manage',   N,    Y,      N,        N,        N],
    ['consultation.tally',    N,    Y,      N,        N,        N],
    ['consultation.answer',   N,    N,      N,        Y,        Y],
  ];
  checkTable('the commune', consultationPolicy, communeA, () => ({ path: A }));

  // A neighbouring village of the same commune: not the secretary's nor the member's.
  const villageA2: Row<ConsultationAction>[] = [
    //                        admin officer inspector secretary member
    ['consultation.read',     Y,    Y,      Y,        N,        N],
    ['consultation.open',     N,    Y,      N,        N,        N],
    ['consultation.manage',   N,    Y,      N,        N,        N],
    ['consultation.tally',    N,    Y,      N,        N,        N],
    ['consultation.answer',   N,    N,      N,        N,        N],
  ];
  checkTable('another village of the commune', consultationPolicy, villageA2, () => ({ path: A2 }));

  const outOfBranch: Row<ConsultationAction>[] = (Object.keys(consultationPolicy) as ConsultationAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('out of branch', consultationPolicy, outOfBranch, (role: Role) => ({ path: outside[role] === A2 ? '/q/c/c1/' : outside[role] }));
});

describe('consultations: thresholdsPolicy (one set for the whole database)', () => {
  const table: Row<ThresholdsAction>[] = [
    //                                 admin officer inspector secretary member editor
    ['consultation.thresholds.read',   Y,    Y,      Y,        Y,        N,     N],
    ['consultation.thresholds.edit',   Y,    N,      N,        N,        N,     N],
  ];
  checkSomewhere('anywhere', thresholdsPolicy, table);
});
