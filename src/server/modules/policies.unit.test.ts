// Every policy written out as a table: role × action × where the record sits (the tree and the actors are in
// test/policy-table.ts). A change to a policy must change a row here, on purpose. Y = allowed, N = refused.
// The tables of review and supervision sit beside their policies; the last test checks that every policy
// exported by a policy.ts has a table somewhere.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../domain/enums.js';
import { A, A1, actorOf, checkTable, columns, lineageOf, N, outside, P, refusedAll, Y, type Row } from '../test/policy-table.js';
import { systemActor } from '../platform/access.js';
import { auditPolicy, type AuditAction } from './audit/policy.js';
import { mayCreateRoot, unitPolicy, type UnitAction } from './org/policy.js';
import { personPolicy, type PersonAction } from './people/policy.js';
import { grantPolicy, userPolicy, type UserAction } from './users/policy.js';

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

  // A unit under one that became the grant's unit (an old district's commune before the 2025 reform): its history
  // is read by those who read the branch from above; nobody reshapes it through the lineage.
  const inLineage: Row<UnitAction>[] = [
    //                   admin officer inspector secretary member
    ['unit.read',        Y,    Y,      Y,        N,        N],
    ['unit.create',      N,    N,      N,        N,        N],
    ['unit.rename',      N,    N,      N,        N,        N],
    ['unit.move',        N,    N,      N,        N,        N],
    ['unit.merge',       N,    N,      N,        N,        N],
    ['unit.split',       N,    N,      N,        N,        N],
    ['unit.dissolve',    N,    N,      N,        N,        N],
    ['unit.audit',       N,    N,      N,        N,        N],
  ];
  checkTable('in the lineage (a unit that became the grant\'s)', unitPolicy, inLineage, (role) => ({ path: `${lineageOf(role)}x/` }));
});

describe('org: mayCreateRoot (a root has no parent to be in a branch of)', () => {
  it.each(columns)('%s may not create a root, not even a province', (role) => {
    expect(mayCreateRoot(actorOf(role), 'province')).toBe(N);
  });
  it('the system actor (the command line) creates a province as a root, and nothing else', () => {
    expect(mayCreateRoot(systemActor(), 'province')).toBe(Y);
    expect(mayCreateRoot(systemActor(), 'commune')).toBe(N);
    expect(mayCreateRoot(systemActor(), 'cell')).toBe(N);
  });
});

describe('users: userPolicy (the target is the unit the account is granted on)', () => {
  const inBranch: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           Y,    Y,      N,        N,        N],
    ['user.create',         Y,    Y,      N,        N,        N],
    ['user.resetPassword',  Y,    Y,      N,        N,        N],
    ['user.resetTwoFactor', Y,    Y,      N,        N,        N],
  ];
  checkTable('cell A1', userPolicy, inBranch, () => ({ path: A1 }));

  // An account on commune A itself is a peer of the officer: seen, not managed.
  const communeA: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           Y,    Y,      N,        N,        N],
    ['user.create',         Y,    N,      N,        N,        N],
    ['user.resetPassword',  Y,    N,      N,        N,        N],
    ['user.resetTwoFactor', Y,    N,      N,        N,        N],
  ];
  checkTable('commune A itself', userPolicy, communeA, () => ({ path: A }));

  const outOfBranch: Row<UserAction>[] = [
    //                      admin officer inspector secretary member
    ['user.read',           N,    N,      N,        N,        N],
    ['user.create',         N,    N,      N,        N,        N],
    ['user.resetPassword',  N,    N,      N,        N,        N],
    ['user.resetTwoFactor', N,    N,      N,        N,        N],
  ];
  checkTable('out of branch', userPolicy, outOfBranch, (role) => ({ path: outside[role] }));

  // Which role each grantor may hand out, on a unit of their branch (the action is the role granted).
  const grantsInA1: Row<Role>[] = [
    // role granted ↓        admin officer inspector secretary member   (the grantor)
    ['province_admin',       Y,    N,      N,        N,        N],
    ['commune_officer',      Y,    N,      N,        N,        N],
    ['inspection_officer',   Y,    N,      N,        N,        N],
    ['editor',               Y,    N,      N,        N,        N],
    ['cell_secretary',       Y,    Y,      N,        N,        N],
    ['member',               Y,    Y,      N,        N,        N],
  ];
  checkTable('grantPolicy in cell A1', grantPolicy, grantsInA1, () => ({ path: A1, kind: 'cell' }));
  // On commune A itself: a cell's roles are held on a cell only, and the officer grants nothing on their own unit.
  const grantsOnCommuneA: Row<Role>[] = [
    // role granted ↓        admin officer inspector secretary member   (the grantor)
    ['province_admin',       Y,    N,      N,        N,        N],
    ['commune_officer',      Y,    N,      N,        N,        N],
    ['inspection_officer',   Y,    N,      N,        N,        N],
    ['editor',               Y,    N,      N,        N,        N],
    ['cell_secretary',       N,    N,      N,        N,        N],
    ['member',               N,    N,      N,        N,        N],
  ];
  checkTable('grantPolicy on commune A itself', grantPolicy, grantsOnCommuneA, () => ({ path: A, kind: 'commune' }));
  checkTable('grantPolicy out of branch', grantPolicy, refusedAll(grantPolicy), (role) => ({ path: outside[role], kind: 'cell' }));
  it('grantPolicy has one action per role', () => expect(Object.keys(grantPolicy).sort()).toEqual([...roles].sort()));
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

describe('every policy has a table', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const all = files(root);
  const policies = all
    .filter((f) => path.basename(f) === 'policy.ts')
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/export const (\w+): Policy</g)].map((m) => m[1]));
  const tabled = new Set(
    all.filter((f) => f.endsWith('.unit.test.ts')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/check(?:Table|Somewhere)\([^,]+,\s*(\w+),/g)].map((m) => m[1])),
  );

  it('finds the policies', () => expect(policies.length).toBeGreaterThanOrEqual(8));
  it.each(policies)('%s is written out as a table', (name) => expect(tabled.has(name)).toBe(true));
  it('columns are the roles', () => expect([...columns].sort()).toEqual([...roles].sort()));
});
