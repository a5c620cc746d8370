// The supervision policies written out as tables: role × action × where the case sits, which body it is routed
// to, and whether it is about the actor (the tree and the actors are in test/policy-table.ts). Y = allowed,
// N = refused. The target's path is the handling unit's.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A1, checkSomewhere, checkTable, N, outside, ownCellOf, personOf, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { casePolicy, oversightPolicy, type CaseAction, type CaseTarget, type OversightAction } from './policy.js';
import type { CaseRoute } from '../../../domain/supervision.js';

const caseAt = (path: string, route: CaseRoute, about: Partial<Pick<CaseTarget, 'cellId' | 'subjectPersonId'>> = {}): CaseTarget => ({
  path,
  route,
  cellId: 'some-cell',
  subjectPersonId: 'someone-else',
  ...about,
});

describe('supervision: casePolicy', () => {
  // A case routed to the commune committee, about another cell and another person.
  const routedToCommune: Row<CaseAction>[] = [
    //                     admin officer inspector secretary member
    ['case.read',          Y,    Y,      Y,        N,        N],
    ['case.readIdentity',  N,    N,      Y,        N,        N],
    ['case.handle',        N,    Y,      N,        N,        N],
    ['case.print',         Y,    Y,      Y,        N,        N],
  ];
  checkTable('routed to the commune in branch', casePolicy, routedToCommune, () => caseAt(A1, 'commune'));

  // Routed to the inspection committee: the commune officer does not even see it.
  const routedToInspection: Row<CaseAction>[] = [
    //                     admin officer inspector secretary member
    ['case.read',          Y,    N,      Y,        N,        N],
    ['case.readIdentity',  N,    N,      Y,        N,        N],
    ['case.handle',        N,    N,      Y,        N,        N],
    ['case.print',         Y,    N,      Y,        N,        N],
  ];
  checkTable('routed to inspection in branch', casePolicy, routedToInspection, () => caseAt(A1, 'inspection'));

  // About the actor's own cell, or about the actor: it does not exist for them, whatever their role and the route.
  for (const route of ['commune', 'inspection'] as const) {
    checkTable(`about the own cell (${route})`, casePolicy, refusedAll(casePolicy), (role: Role) => caseAt(A1, route, { cellId: ownCellOf(role) }));
    checkTable(`about the actor (${route})`, casePolicy, refusedAll(casePolicy), (role: Role) => caseAt(A1, route, { subjectPersonId: personOf(role) }));
    checkTable(`out of branch (${route})`, casePolicy, refusedAll(casePolicy), (role: Role) => caseAt(outside[role], route));
  }
});

describe('supervision: oversightPolicy (figures, the channel rules)', () => {
  const table: Row<OversightAction>[] = [
    //                         admin officer inspector secretary member
    ['supervision.figures',    Y,    Y,      Y,        N,        N],
    ['supervision.rules.read', Y,    Y,      Y,        N,        N],
    ['supervision.rules.edit', Y,    N,      N,        N,        N],
  ];
  // The pages have no one record: what counts is a grant anywhere; the same table holds in branch.
  checkSomewhere('anywhere', oversightPolicy, table);
  checkTable('in branch', oversightPolicy, table, () => ({ path: A1 }));
  checkTable('out of branch', oversightPolicy, refusedAll(oversightPolicy), (role) => ({ path: outside[role] }));
});
