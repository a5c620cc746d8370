// The review policy written out as a table: role × action × where the record sits (the tree and the actors are
// in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import { A, A1, checkTable, lineageOf, N, outside, P, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { reviewPolicy, type ReviewAction } from './policy.js';

describe('review: reviewPolicy', () => {
  const otherInA1: Row<ReviewAction>[] = [
    //                            admin officer inspector secretary member
    ['review.read',               Y,    Y,      Y,        Y,        N],
    ['review.self',               N,    N,      N,        N,        N],
    ['review.selfOnBehalf',       N,    N,      N,        Y,        N],
    ['review.appraise',           N,    N,      N,        Y,        N],
    ['review.decide',             Y,    Y,      N,        N,        N],
    ['review.recheck',            Y,    N,      N,        N,        N],
    ['review.complain',           N,    N,      N,        Y,        N],
    ['review.import',             Y,    N,      N,        N,        N],
    ['review.cycle.open',         Y,    N,      N,        N,        N],
    ['review.cycle.close',        Y,    N,      N,        N,        N],
    ['review.template.read',      Y,    Y,      Y,        Y,        Y],
    ['review.template.edit',      Y,    N,      N,        N,        N],
    ['review.cycle.read',         Y,    Y,      Y,        Y,        Y],
    ['review.figures',            Y,    Y,      Y,        Y,        N],
    ['review.todo.selfOnBehalf',  N,    N,      N,        Y,        N],
    ['review.todo.appraise',      N,    N,      N,        Y,        N],
    ['review.todo.decide',        N,    Y,      N,        N,        N],
    ['review.todo.recheck',       Y,    N,      N,        N,        N],
    ['review.todo.overdue',       Y,    Y,      Y,        N,        N],
  ];
  checkTable('another person in cell A1', reviewPolicy, otherInA1, () => ({ path: A1, personId: 'someone-else' }));

  const selfInA1: Row<ReviewAction>[] = [
    //                            admin officer inspector secretary member
    ['review.read',               Y,    Y,      Y,        Y,        Y],
    ['review.self',               N,    N,      N,        Y,        Y],
    ['review.selfOnBehalf',       N,    N,      N,        Y,        N],
    ['review.appraise',           N,    N,      N,        Y,        N],
    ['review.decide',             Y,    Y,      N,        N,        N],
    ['review.recheck',            Y,    N,      N,        N,        N],
    ['review.complain',           N,    N,      N,        Y,        Y],
    ['review.import',             Y,    N,      N,        N,        N],
    ['review.cycle.open',         Y,    N,      N,        N,        N],
    ['review.cycle.close',        Y,    N,      N,        N,        N],
    ['review.template.read',      Y,    Y,      Y,        Y,        Y],
    ['review.template.edit',      Y,    N,      N,        N,        N],
    ['review.cycle.read',         Y,    Y,      Y,        Y,        Y],
    ['review.figures',            Y,    Y,      Y,        Y,        N],
    ['review.todo.selfOnBehalf',  N,    N,      N,        Y,        N],
    ['review.todo.appraise',      N,    N,      N,        Y,        N],
    ['review.todo.decide',        N,    Y,      N,        N,        N],
    ['review.todo.recheck',       Y,    N,      N,        N,        N],
    ['review.todo.overdue',       Y,    Y,      Y,        N,        N],
  ];
  checkTable('own record in cell A1', reviewPolicy, selfInA1, (role) => ({ path: A1, personId: `person-${role}` }));

  // Commune A (a cycle opened for it, the form of the commune): the officer's own unit, above the cell's roles.
  // Cycles and templates reach up the line; everything else stays in the branch.
  const communeA: Row<ReviewAction>[] = [
    //                            admin officer inspector secretary member
    ['review.read',               Y,    Y,      Y,        N,        N],
    ['review.self',               N,    N,      N,        N,        N],
    ['review.selfOnBehalf',       N,    N,      N,        N,        N],
    ['review.appraise',           N,    N,      N,        N,        N],
    ['review.decide',             Y,    Y,      N,        N,        N],
    ['review.recheck',            Y,    N,      N,        N,        N],
    ['review.complain',           N,    N,      N,        N,        N],
    ['review.import',             Y,    N,      N,        N,        N],
    ['review.cycle.open',         Y,    N,      N,        N,        N],
    ['review.cycle.close',        Y,    N,      N,        N,        N],
    ['review.template.read',      Y,    Y,      Y,        Y,        Y],
    ['review.template.edit',      Y,    N,      N,        N,        N],
    ['review.cycle.read',         Y,    Y,      Y,        Y,        Y],
    ['review.figures',            Y,    Y,      Y,        N,        N],
    ['review.todo.selfOnBehalf',  N,    N,      N,        N,        N],
    ['review.todo.appraise',      N,    N,      N,        N,        N],
    ['review.todo.decide',        N,    Y,      N,        N,        N],
    ['review.todo.recheck',       Y,    N,      N,        N,        N],
    ['review.todo.overdue',       Y,    Y,      Y,        N,        N],
  ];
  checkTable('commune A itself', reviewPolicy, communeA, () => ({ path: A, personId: null }));

  // The province: only the province roles hold it; the others reach it only through the line rules.
  const provinceP: Row<ReviewAction>[] = [
    //                            admin officer inspector secretary member
    ['review.read',               Y,    N,      Y,        N,        N],
    ['review.self',               N,    N,      N,        N,        N],
    ['review.selfOnBehalf',       N,    N,      N,        N,        N],
    ['review.appraise',           N,    N,      N,        N,        N],
    ['review.decide',             Y,    N,      N,        N,        N],
    ['review.recheck',            Y,    N,      N,        N,        N],
    ['review.complain',           N,    N,      N,        N,        N],
    ['review.import',             Y,    N,      N,        N,        N],
    ['review.cycle.open',         Y,    N,      N,        N,        N],
    ['review.cycle.close',        Y,    N,      N,        N,        N],
    ['review.template.read',      Y,    Y,      Y,        Y,        Y],
    ['review.template.edit',      Y,    N,      N,        N,        N],
    ['review.cycle.read',         Y,    Y,      Y,        Y,        Y],
    ['review.figures',            Y,    N,      Y,        N,        N],
    ['review.todo.selfOnBehalf',  N,    N,      N,        N,        N],
    ['review.todo.appraise',      N,    N,      N,        N,        N],
    ['review.todo.decide',        N,    N,      N,        N,        N],
    ['review.todo.recheck',       Y,    N,      N,        N,        N],
    ['review.todo.overdue',       Y,    N,      Y,        N,        N],
  ];
  checkTable('province P itself', reviewPolicy, provinceP, () => ({ path: P, personId: null }));

  // Under a unit that became the grant's unit (an old province, district or commune of the 2025 reform): its
  // results and cycles are read as the branch's history by the officers and inspectors; nothing else reaches it.
  const inLineage: Row<ReviewAction>[] = [
    //                            admin officer inspector secretary member
    ['review.read',               N,    N,      N,        N,        N],
    ['review.self',               N,    N,      N,        N,        N],
    ['review.selfOnBehalf',       N,    N,      N,        N,        N],
    ['review.appraise',           N,    N,      N,        N,        N],
    ['review.decide',             N,    N,      N,        N,        N],
    ['review.recheck',            N,    N,      N,        N,        N],
    ['review.complain',           N,    N,      N,        N,        N],
    ['review.import',             N,    N,      N,        N,        N],
    ['review.cycle.open',         N,    N,      N,        N,        N],
    ['review.cycle.close',        N,    N,      N,        N,        N],
    ['review.template.read',      N,    N,      N,        N,        N],
    ['review.template.edit',      N,    N,      N,        N,        N],
    ['review.cycle.read',         Y,    Y,      Y,        N,        N],
    ['review.figures',            Y,    Y,      Y,        N,        N],
    ['review.todo.selfOnBehalf',  N,    N,      N,        N,        N],
    ['review.todo.appraise',      N,    N,      N,        N,        N],
    ['review.todo.decide',        N,    N,      N,        N,        N],
    ['review.todo.recheck',       N,    N,      N,        N,        N],
    ['review.todo.overdue',       N,    N,      N,        N,        N],
  ];
  checkTable('in the lineage (a unit that became the grant\'s)', reviewPolicy, inLineage, (role) => ({ path: `${lineageOf(role)}x/`, personId: 'someone-else' }));

  // A sibling or cousin of each role's branch: nothing, not even the line rules (they reach up, never across).
  checkTable('other person out of branch', reviewPolicy, refusedAll(reviewPolicy), (role) => ({ path: outside[role], personId: 'someone-else' }));
  checkTable('self out of branch', reviewPolicy, refusedAll(reviewPolicy), (role) => ({ path: outside[role], personId: `person-${role}` }));
});
