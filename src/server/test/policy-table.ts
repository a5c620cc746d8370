// Writing a policy out as a table: role × action × where the record sits. Y = allowed, N = refused.
//
// The tree used: province P, communes A and B, cells A1 and A2 under A, B1 under B; another province Q.
// Each role holds one grant, the one its account holds in the test world:
//   province_admin on P, commune_officer on A, inspection_officer on P, cell_secretary on A1, member on A1,
//   editor on A (a commune's communication staff).
// A table written before the editor role (five columns) states that the editor may do none of it: a missing last
// column reads N, and is checked like any other.
// Every actor has a person of their own (`person-<role>`) and belongs to a cell (`cell-of-<role>`), so "self"
// and "about the actor's own cell" can be asked of each role.
import { expect, it } from 'vitest';
import { roles, type Role } from '../../domain/enums.js';
import { allowed, allowedSomewhere, type Actor, type Policy, type Target } from '../platform/access.js';

export const Y = true;
export const N = false;

export const P = '/p/';
export const A = '/p/a/';
export const A1 = '/p/a/a1/';
export const A2 = '/p/a/a2/';
export const B1 = '/p/b/b1/';
export const Q1 = '/q/c/c1/';

export const grantPath: Record<Role, string> = {
  province_admin: P,
  commune_officer: A,
  inspection_officer: P,
  cell_secretary: A1,
  member: A1,
  editor: A,
};
/** The nearest cell outside each role's branch (a sibling or a cousin, never an ancestor). */
export const outside: Record<Role, string> = {
  province_admin: Q1,
  commune_officer: B1,
  inspection_officer: Q1,
  cell_secretary: A2,
  member: A2,
  editor: B1,
};

export const personOf = (role: Role) => `person-${role}`;
export const ownCellOf = (role: Role) => `cell-of-${role}`;

/** Under a unit that became the grant's unit (an old commune of the 2025 reform): the grant's lineage. */
export const lineageOf = (role: Role) => `/old/${role}/`;

export const actorOf = (role: Role): Actor => ({
  userId: `user-${role}`,
  name: role,
  personId: personOf(role),
  ownCellId: ownCellOf(role),
  grants: [{ role, unitId: role, unitPath: grantPath[role], unitName: role, unitKind: 'unit', lineagePaths: [lineageOf(role)] }],
});

/** The columns of every table, in this order. */
export const columns = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member', 'editor'] as const satisfies readonly Role[];
export type Row<A extends string> = [A, boolean, boolean, boolean, boolean, boolean] | [A, boolean, boolean, boolean, boolean, boolean, boolean];

function flatten<A extends string>(table: Row<A>[]) {
  return table.flatMap(([action, ...cells]) => columns.map((role, i) => ({ action, role, expected: cells[i] ?? N })));
}

function coversPolicy<A extends string>(policy: Policy<A>, table: Row<A>[]) {
  expect([...columns].sort()).toEqual([...roles].sort());
  expect(table.map((r) => r[0]).sort()).toEqual(Object.keys(policy).sort());
}

/** One table: one row per action of the policy (no more, no fewer), one column per role. */
export function checkTable<A extends string>(name: string, policy: Policy<A>, table: Row<A>[], target: (role: Role) => Target) {
  it(`${name}: the table lists every action and every role`, () => coversPolicy(policy, table));
  it.each(flatten(table))(`${name}: $action by $role → $expected`, ({ action, role, expected }) => {
    expect(allowed(policy, actorOf(role), action, target(role))).toBe(expected);
  });
}

/** For pages without one record: whether each role may take the action anywhere at all. */
export function checkSomewhere<A extends string>(name: string, policy: Policy<A>, table: Row<A>[]) {
  it(`${name}: the table lists every action and every role`, () => coversPolicy(policy, table));
  it.each(flatten(table))(`${name}: $action by $role → $expected`, ({ action, role, expected }) => {
    expect(allowedSomewhere(policy, actorOf(role), action)).toBe(expected);
  });
}

/** The table of a place where nothing is allowed. */
export const refusedAll = <A extends string>(policy: Policy<A>): Row<A>[] => (Object.keys(policy) as A[]).map((a) => [a, N, N, N, N, N]);
