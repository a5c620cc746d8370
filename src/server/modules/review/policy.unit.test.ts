// The review policy written out as a table: role × action × where the record sits (same tree and actors as
// modules/policies.unit.test.ts). Y = allowed, N = refused.
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../domain/enums.js';
import { allowed, type Actor, type Target } from '../../platform/access.js';
import { reviewPolicy, type ReviewAction } from './policy.js';

const Y = true;
const N = false;
const A1 = '/p/a/a1/';
const grantPath: Record<Role, string> = { province_admin: '/p/', commune_officer: '/p/a/', inspection_officer: '/p/', cell_secretary: A1, member: A1 };
const outside: Record<Role, string> = { province_admin: '/q/c/c1/', commune_officer: '/p/b/b1/', inspection_officer: '/q/c/c1/', cell_secretary: '/p/a/a2/', member: '/p/a/a2/' };
const columns = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'] as const;
const actorOf = (role: Role): Actor => ({
  userId: `user-${role}`,
  name: role,
  personId: `person-${role}`,
  grants: [{ role, unitId: role, unitPath: grantPath[role], unitName: role, unitKind: 'unit' }],
});
type Row = [ReviewAction, boolean, boolean, boolean, boolean, boolean];

function checkTable(name: string, table: Row[], target: (role: Role) => Target) {
  it(`${name}: one row per action, one column per role`, () => {
    expect([...columns].sort()).toEqual([...roles].sort());
    expect(table.map((r) => r[0]).sort()).toEqual(Object.keys(reviewPolicy).sort());
  });
  const cases = table.flatMap(([action, ...cells]) => columns.map((role, i) => ({ action, role, expected: cells[i] })));
  it.each(cases)(`${name}: $action by $role → $expected`, ({ action, role, expected }) => {
    expect(allowed(reviewPolicy, actorOf(role), action, target(role))).toBe(expected);
  });
}

describe('review: reviewPolicy', () => {
  const otherInA1: Row[] = [
    //                        admin officer inspector secretary member
    ['review.read',           Y,    Y,      Y,        Y,        N],
    ['review.self',           N,    N,      N,        N,        N],
    ['review.selfOnBehalf',   N,    N,      N,        Y,        N],
    ['review.appraise',       N,    N,      N,        Y,        N],
    ['review.decide',         Y,    Y,      N,        N,        N],
    ['review.recheck',        Y,    N,      N,        N,        N],
    ['review.complain',       N,    N,      N,        Y,        N],
    ['review.import',         Y,    N,      N,        N,        N],
    ['review.cycle.open',     Y,    N,      N,        N,        N],
    ['review.cycle.close',    Y,    N,      N,        N,        N],
    ['review.template.edit',  Y,    N,      N,        N,        N],
    ['review.figures',        Y,    Y,      Y,        Y,        N],
  ];
  checkTable('another person in cell A1', otherInA1, () => ({ path: A1, personId: 'someone-else' }));

  const selfInA1: Row[] = [
    //                        admin officer inspector secretary member
    ['review.read',           Y,    Y,      Y,        Y,        Y],
    ['review.self',           N,    N,      N,        Y,        Y],
    ['review.selfOnBehalf',   N,    N,      N,        Y,        N],
    ['review.appraise',       N,    N,      N,        Y,        N],
    ['review.decide',         Y,    Y,      N,        N,        N],
    ['review.recheck',        Y,    N,      N,        N,        N],
    ['review.complain',       N,    N,      N,        Y,        Y],
    ['review.import',         Y,    N,      N,        N,        N],
    ['review.cycle.open',     Y,    N,      N,        N,        N],
    ['review.cycle.close',    Y,    N,      N,        N,        N],
    ['review.template.edit',  Y,    N,      N,        N,        N],
    ['review.figures',        Y,    Y,      Y,        Y,        N],
  ];
  checkTable('own record in cell A1', selfInA1, (role) => ({ path: A1, personId: `person-${role}` }));

  const outOfBranch: Row[] = (Object.keys(reviewPolicy) as ReviewAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('other person out of branch', outOfBranch, (role) => ({ path: outside[role], personId: 'someone-else' }));
  checkTable('self out of branch', outOfBranch, (role) => ({ path: outside[role], personId: `person-${role}` }));
});
