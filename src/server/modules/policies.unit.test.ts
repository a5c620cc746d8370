// Every policy written out as a table: role × action × where the record sits. A change to a policy must change
// a row here, on purpose. Y = allowed, N = refused.
//
// The tree used: province P, communes A and B, cells A1 and A2 under A, B1 under B; another province Q.
// Each role holds one grant, the one its account holds in the test world:
//   province_admin on P, commune_officer on A, inspection_officer on P, cell_secretary on A1, member on A1.
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../domain/enums.js';
import { allowed, type Actor, type Policy, type Target } from '../platform/access.js';
import { auditPolicy, type AuditAction } from './audit/policy.js';
import { unitPolicy, type UnitAction } from './org/policy.js';
import { personPolicy, type PersonAction } from './people/policy.js';
import { grantableRoles, userPolicy, type UserAction } from './users/policy.js';

const Y = true;
const N = false;

const P = '/p/';
const A = '/p/a/';
const A1 = '/p/a/a1/';
const A2 = '/p/a/a2/';
const B1 = '/p/b/b1/';
const Q1 = '/q/c/c1/';

const grantPath: Record<Role, string> = {
  province_admin: P,
  commune_officer: A,
  inspection_officer: P,
  cell_secretary: A1,
  member: A1,
};
/** The nearest cell outside each role's branch. */
const outside: Record<Role, string> = {
  province_admin: Q1,
  commune_officer: B1,
  inspection_officer: Q1,
  cell_secretary: A2,
  member: A2,
};

/** Every actor has a person record of their own, so "self" can be asked of each role. */
const actorOf = (role: Role): Actor => ({
  userId: `user-${role}`,
  name: role,
  personId: `person-${role}`,
  grants: [{ role, unitId: role, unitPath: grantPath[role], unitName: role, unitKind: 'unit' }],
});

/** Columns of every table, in this order. */
type Row<A extends string> = [A, boolean, boolean, boolean, boolean, boolean];
const columns = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'] as const satisfies readonly Role[];

function flatten<A extends string>(table: Row<A>[]) {
  return table.flatMap(([action, ...cells]) => columns.map((role, i) => ({ action, role, expected: cells[i] })));
}

/** Checks that a table has one row per action of the policy, no more, and covers every role. */
function coversPolicy<A extends string>(policy: Policy<A>, table: Row<A>[]) {
  expect([...columns].sort()).toEqual([...roles].sort());
  expect(table.map((r) => r[0]).sort()).toEqual(Object.keys(policy).sort());
}

function checkTable<A extends string>(name: string, policy: Policy<A>, table: Row<A>[], target: (role: Role) => Target) {
  it(`${name}: the table lists every action and every role`, () => coversPolicy(policy, table));
  it.each(flatten(table))(`${name}: $action by $role → $expected`, ({ action, role, expected }) => {
    expect(allowed(policy, actorOf(role), action, target(role))).toBe(expected);
  });
}

describe('people: personPolicy (the target is a person, placed in their cell)', () => {
  // Another person's record in cell A1 — inside every role's branch.
  const otherInA1: Row<PersonAction>[] = [
    //                    admin officer inspector secretary member
    ['person.read',       Y,    Y,      Y,        Y,        N],
    ['person.readCccd',   Y,    Y,      Y,        N,        N],
    ['person.create',     Y,    Y,      N,        Y,        N],
    ['person.update',     Y,    Y,      N,        Y,        N],
    ['person.transfer',   Y,    Y,      N,        N,        N],
    ['person.close',      Y,    Y,      N,        N,        N],
    ['person.positions',  Y,    Y,      N,        N,        N],
    ['person.posts',      Y,    Y,      N,        Y,        N],
    ['person.equipment',  Y,    Y,      N,        N,        N],
    ['roster.import',     Y,    Y,      N,        N,        N],
    ['roster.export',     Y,    Y,      Y,        Y,        N],
  ];
  checkTable('other person in branch', personPolicy, otherInA1, () => ({ path: A1, personId: 'someone-else' }));

  // The actor's own record, in cell A1.
  const selfInA1: Row<PersonAction>[] = [
    //                    admin officer inspector secretary member
    ['person.read',       Y,    Y,      Y,        Y,        Y],
    ['person.readCccd',   Y,    Y,      Y,        Y,        Y],
    ['person.create',     Y,    Y,      N,        Y,        N],
    ['person.update',     Y,    Y,      N,        Y,        N],
    ['person.transfer',   Y,    Y,      N,        N,        N],
    ['person.close',      Y,    Y,      N,        N,        N],
    ['person.positions',  Y,    Y,      N,        N,        N],
    ['person.posts',      Y,    Y,      N,        Y,        N],
    ['person.equipment',  Y,    Y,      N,        N,        N],
    ['roster.import',     Y,    Y,      N,        N,        N],
    ['roster.export',     Y,    Y,      Y,        Y,        N],
  ];
  checkTable('self in branch', personPolicy, selfInA1, (role) => ({ path: A1, personId: `person-${role}` }));

  // Out of branch nothing is allowed — not even one's own record seen through a cell outside the branch.
  const outOfBranch: Row<PersonAction>[] = [
    //                    admin officer inspector secretary member
    ['person.read',       N,    N,      N,        N,        N],
    ['person.readCccd',   N,    N,      N,        N,        N],
    ['person.create',     N,    N,      N,        N,        N],
    ['person.update',     N,    N,      N,        N,        N],
    ['person.transfer',   N,    N,      N,        N,        N],
    ['person.close',      N,    N,      N,        N,        N],
    ['person.positions',  N,    N,      N,        N,        N],
    ['person.posts',      N,    N,      N,        N,        N],
    ['person.equipment',  N,    N,      N,        N,        N],
    ['roster.import',     N,    N,      N,        N,        N],
    ['roster.export',     N,    N,      N,        N,        N],
  ];
  checkTable('other person out of branch', personPolicy, outOfBranch, (role) => ({ path: outside[role], personId: 'someone-else' }));
  checkTable('self out of branch', personPolicy, outOfBranch, (role) => ({ path: outside[role], personId: `person-${role}` }));
});

describe('org: unitPolicy (the target is the unit; for unit.create, the parent)', () => {
  // Cell A1: below the grant of admin, officer and inspector; the very unit of the secretary's and member's grant.
  const cellA1: Row<UnitAction>[] = [
    //                   admin officer inspector secretary member
    ['unit.read',        Y,    Y,      Y,        Y,        Y],
    ['unit.create',      Y,    Y,      N,        N,        N],
    ['unit.rename',      Y,    Y,      N,        N,        N],
    ['unit.move',        Y,    Y,      N,        N,        N],
    ['unit.merge',       Y,    Y,      N,        N,        N],
    ['unit.split',       Y,    Y,      N,        N,        N],
    ['unit.dissolve',    Y,    Y,      N,        N,        N],
    ['unit.audit',       Y,    N,      N,        N,        N],
  ];
  checkTable('cell A1', unitPolicy, cellA1, () => ({ path: A1 }));

  // Commune A itself: the officer's own unit (read and add cells, never reshape); above the secretary and member.
  const communeA: Row<UnitAction>[] = [
    //                   admin officer inspector secretary member
    ['unit.read',        Y,    Y,      Y,        N,        N],
    ['unit.create',      Y,    Y,      N,        N,        N],
    ['unit.rename',      Y,    N,      N,        N,        N],
    ['unit.move',        Y,    N,      N,        N,        N],
    ['unit.merge',       Y,    N,      N,        N,        N],
    ['unit.split',       Y,    N,      N,        N,        N],
    ['unit.dissolve',    Y,    N,      N,        N,        N],
    ['unit.audit',       Y,    N,      N,        N,        N],
  ];
  checkTable('commune A itself', unitPolicy, communeA, () => ({ path: A }));

  // The province itself: the admin reshapes it too (the rule has no `when` for admins).
  const province: Row<UnitAction>[] = [
    //                   admin officer inspector secretary member
    ['unit.read',        Y,    N,      Y,        N,        N],
    ['unit.create',      Y,    N,      N,        N,        N],
    ['unit.rename',      Y,    N,      N,        N,        N],
    ['unit.move',        Y,    N,      N,        N,        N],
    ['unit.merge',       Y,    N,      N,        N,        N],
    ['unit.split',       Y,    N,      N,        N,        N],
    ['unit.dissolve',    Y,    N,      N,        N,        N],
    ['unit.audit',       Y,    N,      N,        N,        N],
  ];
  checkTable('province P itself', unitPolicy, province, () => ({ path: P }));

  const outOfBranch: Row<UnitAction>[] = [
    //                   admin officer inspector secretary member
    ['unit.read',        N,    N,      N,        N,        N],
    ['unit.create',      N,    N,      N,        N,        N],
    ['unit.rename',      N,    N,      N,        N,        N],
    ['unit.move',        N,    N,      N,        N,        N],
    ['unit.merge',       N,    N,      N,        N,        N],
    ['unit.split',       N,    N,      N,        N,        N],
    ['unit.dissolve',    N,    N,      N,        N,        N],
    ['unit.audit',       N,    N,      N,        N,        N],
  ];
  checkTable('out of branch', unitPolicy, outOfBranch, (role) => ({ path: outside[role] }));
});

describe('users: userPolicy (the target is the unit the account is granted on)', () => {
  const inBranch: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           Y,    Y,      N,        N,        N],
    ['user.create',         Y,    Y,      N,        N,        N],
    ['user.resetPassword',  Y,    Y,      N,        N,        N],
  ];
  checkTable('cell A1', userPolicy, inBranch, () => ({ path: A1 }));

  // An account on commune A itself: the policy has no `when`, so the officer manages it too.
  const communeA: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           Y,    Y,      N,        N,        N],
    ['user.create',         Y,    Y,      N,        N,        N],
    ['user.resetPassword',  Y,    Y,      N,        N,        N],
  ];
  checkTable('commune A itself', userPolicy, communeA, () => ({ path: A }));

  const outOfBranch: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           N,    N,      N,        N,        N],
    ['user.create',         N,    N,      N,        N,        N],
    ['user.resetPassword',  N,    N,      N,        N,        N],
  ];
  checkTable('out of branch', userPolicy, outOfBranch, (role) => ({ path: outside[role] }));

  describe('grantableRoles: which role each grantor may hand out', () => {
    const table: [Role, boolean, boolean, boolean, boolean, boolean][] = [
      // grantor →           admin officer inspector secretary member   (may grant the row's role)
      ['province_admin',     Y,    N,      N,        N,        N],
      ['commune_officer',    Y,    N,      N,        N,        N],
      ['inspection_officer', Y,    N,      N,        N,        N],
      ['cell_secretary',     Y,    Y,      N,        N,        N],
      ['member',             Y,    Y,      N,        N,        N],
    ];
    it('the table lists every role', () => {
      expect(table.map((r) => r[0]).sort()).toEqual([...roles].sort());
    });
    it.each(table.flatMap(([granted, ...cells]) => columns.map((grantor, i) => ({ grantor, granted, expected: cells[i] }))))(
      '$grantor grants $granted → $expected',
      ({ grantor, granted, expected }) => {
        const list = (grantableRoles as Partial<Record<Role, readonly Role[]>>)[grantor] ?? [];
        expect(list.includes(granted)).toBe(expected);
      },
    );
  });
});

describe('audit: auditPolicy (the target is the branch of the recorded event)', () => {
  const inBranch: Row<AuditAction>[] = [
    //               admin officer inspector secretary member
    ['audit.read',   Y,    N,      N,        N,        N],
  ];
  checkTable('cell A1', auditPolicy, inBranch, () => ({ path: A1 }));

  const outOfBranch: Row<AuditAction>[] = [
    //               admin officer inspector secretary member
    ['audit.read',   N,    N,      N,        N,        N],
  ];
  checkTable('out of branch', auditPolicy, outOfBranch, (role) => ({ path: outside[role] }));
});
