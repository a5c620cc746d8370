// How access.ts applies a policy: branch visibility, rules and their conditions, 404 before 403, the actions sent
// with a record, the branch prefixes and the SQL predicate of lists, and the system actor that no policy narrows.
// That the predicate selects exactly the records `allowed` passes is checked against PostgreSQL in
// modules/policies.scope.test.ts.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/enums.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  actionsOn,
  allowed,
  allowedSomewhere,
  authorize,
  branchesFor,
  grantsFor,
  homeUnitFor,
  isUnder,
  noBranch,
  scopeFor,
  systemActor,
  visible,
  wholeBranches,
  type Actor,
  type Grant,
  type Policy,
} from './access.js';
import { AppError } from './errors.js';

// A province P with communes A and B; A has cells A1 and A2, B has B1. Another province Q stands apart.
const P = '/p/';
const A = '/p/a/';
const A1 = '/p/a/a1/';
const A2 = '/p/a/a2/';
const B = '/p/b/';
const B1 = '/p/b/b1/';
const Q1 = '/q/c/c1/';

const grant = (role: Role, unitPath: string): Grant => {
  const unitId = unitPath.split('/').filter(Boolean).pop()!;
  return { role, unitId, unitPath, unitName: unitId.toUpperCase(), unitKind: 'unit' };
};
const actor = (grants: Grant[], personId: string | null = null): Actor => ({ userId: 'u1', name: 'Tester', personId, grants });

type Action = 'thing.read' | 'thing.edit' | 'thing.own' | 'thing.never';
const policy: Policy<Action> = {
  'thing.read': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'member' }],
  'thing.edit': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
  'thing.own': [{ role: 'member', self: true }],
  'thing.never': [],
};

function caught(fn: () => void): AppError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  return undefined;
}

describe('isUnder', () => {
  it.each([
    [A1, A, true],
    [A, A, true],
    [A, A1, false],
    [B1, A, false],
    [A1, P, true],
    [Q1, P, false],
  ])('%s under %s → %s', (path, branch, expected) => {
    expect(isUnder(path, branch)).toBe(expected);
  });

  it('does not take a sibling whose id starts with the same characters for a descendant', () => {
    // Paths end with "/", so "/p/a/" is not a prefix of "/p/ab/".
    expect(isUnder('/p/ab/', A)).toBe(false);
  });
});

describe('visible', () => {
  const officerA = actor([grant('commune_officer', A)]);
  it.each([
    [A, true],
    [A1, true],
    [A2, true],
    [P, false],
    [B, false],
    [B1, false],
    [Q1, false],
  ])('a commune officer of A sees %s → %s', (path, expected) => {
    expect(visible(officerA, path)).toBe(expected);
  });

  it('sees nothing without grants', () => {
    expect(visible(actor([]), A1)).toBe(false);
  });

  it('sees the union of several grants', () => {
    const twoCells = actor([grant('cell_secretary', A1), grant('member', B1)]);
    expect([A1, B1, A2, A, B].map((p) => visible(twoCells, p))).toEqual([true, true, false, false, false]);
  });

  it('does not depend on the role: any grant makes its branch visible', () => {
    // Visibility decides 404 vs 403; what may be done is the policy's business.
    expect(visible(actor([grant('member', A1)]), A1)).toBe(true);
  });
});

describe('allowed', () => {
  it('allows a listed role inside its branch', () => {
    expect(allowed(policy, actor([grant('commune_officer', A)]), 'thing.read', { path: A1 })).toBe(true);
  });
  it('refuses a listed role outside its branch', () => {
    expect(allowed(policy, actor([grant('commune_officer', A)]), 'thing.read', { path: B1 })).toBe(false);
  });
  it('refuses a role the action does not list, even inside the branch', () => {
    expect(allowed(policy, actor([grant('inspection_officer', P)]), 'thing.read', { path: A1 })).toBe(false);
  });
  it('refuses everyone an action with no rules (deny by default)', () => {
    expect(allowed(policy, actor([grant('province_admin', P)]), 'thing.never', { path: A1 })).toBe(false);
  });
  it('refuses an actor without grants', () => {
    expect(allowed(policy, actor([]), 'thing.read', { path: A1 })).toBe(false);
  });

  it('applies `reach: below` with the grant that matched: a commune officer edits below the commune, not the commune itself', () => {
    const officerA = actor([grant('commune_officer', A)]);
    expect(allowed(policy, officerA, 'thing.edit', { path: A1 })).toBe(true);
    expect(allowed(policy, officerA, 'thing.edit', { path: A })).toBe(false);
  });

  it('applies `self` to the person of the record: self yes, another person no, no personId no', () => {
    const member = actor([grant('member', A1)], 'person-1');
    expect(allowed(policy, member, 'thing.own', { path: A1, personId: 'person-1' })).toBe(true);
    expect(allowed(policy, member, 'thing.own', { path: A1, personId: 'person-2' })).toBe(false);
    expect(allowed(policy, member, 'thing.own', { path: A1 })).toBe(false);
    // Their own record seen through a cell outside their branch is still out of reach.
    expect(allowed(policy, member, 'thing.own', { path: A2, personId: 'person-1' })).toBe(false);
    // An actor with no person is never "self", even against a record with no person.
    expect(allowed(policy, actor([grant('member', A1)]), 'thing.own', { path: A1, personId: null })).toBe(false);
  });

  it('lets any one grant satisfy the rule: a wider grant allows what a narrower one does not', () => {
    const both = actor([grant('commune_officer', A), grant('province_admin', P)]);
    expect(allowed(policy, both, 'thing.edit', { path: A })).toBe(true);
  });

  it('does not let a role on one branch lend its rights to another grant of another role', () => {
    // Officer of B and member of A1: in A1 they are only a member.
    const mixed = actor([grant('commune_officer', B), grant('member', A1)]);
    expect(allowed(policy, mixed, 'thing.edit', { path: A1 })).toBe(false);
    expect(allowed(policy, mixed, 'thing.read', { path: A1 })).toBe(true);
    expect(allowed(policy, mixed, 'thing.edit', { path: B1 })).toBe(true);
  });
});

describe('authorize', () => {
  const officerA = actor([grant('commune_officer', A)]);

  it('passes silently when allowed', () => {
    expect(() => authorize(policy, officerA, 'thing.edit', { path: A1 })).not.toThrow();
  });

  it('throws 404 not_found outside every branch, naming only the kind of record', () => {
    const e = caught(() => authorize(policy, officerA, 'thing.read', { path: B1 }, 'Unit'));
    expect(e?.code).toBe('not_found');
    expect(e?.status).toBe(404);
    expect(e?.message).toBe('Unit not found');
  });

  it('throws 404, not 403, outside the branch even for an action the role could never take', () => {
    const e = caught(() => authorize(policy, officerA, 'thing.never', { path: B1 }));
    expect(e?.status).toBe(404);
  });

  it('throws 403 forbidden inside the branch when the policy does not allow the action', () => {
    const e = caught(() => authorize(policy, officerA, 'thing.edit', { path: A }));
    expect(e?.code).toBe('forbidden');
    expect(e?.status).toBe(403);
    expect(e?.message).toBe('You may not thing edit here');
  });

  it('throws 403 for a visible record the role has no rule for', () => {
    const inspector = actor([grant('inspection_officer', P)]);
    expect(caught(() => authorize(policy, inspector, 'thing.read', { path: A1 }))?.status).toBe(403);
  });

  it('throws 404 for an actor with no grants at all', () => {
    expect(caught(() => authorize(policy, actor([]), 'thing.read', { path: A1 }))?.status).toBe(404);
  });

  it('uses "Record" when the caller names nothing', () => {
    expect(caught(() => authorize(policy, officerA, 'thing.read', { path: Q1 }))?.message).toBe('Record not found');
  });
});

describe('actionsOn', () => {
  it('lists exactly the allowed actions, in policy order', () => {
    expect(actionsOn(policy, actor([grant('commune_officer', A)]), { path: A1 })).toEqual(['thing.read', 'thing.edit']);
    expect(actionsOn(policy, actor([grant('commune_officer', A)]), { path: A })).toEqual(['thing.read']);
    expect(actionsOn(policy, actor([grant('member', A1)], 'me'), { path: A1, personId: 'me' })).toEqual(['thing.read', 'thing.own']);
    expect(actionsOn(policy, actor([grant('member', A1)], 'me'), { path: A1, personId: 'other' })).toEqual(['thing.read']);
  });
  it('is empty outside the branch', () => {
    expect(actionsOn(policy, actor([grant('province_admin', P)]), { path: Q1 })).toEqual([]);
  });
  it('is every action of the policy for the system actor', () => {
    expect(actionsOn(policy, systemActor(), { path: Q1 })).toEqual(['thing.read', 'thing.edit', 'thing.own', 'thing.never']);
  });
});

describe('branchesFor', () => {
  it('gives the branches of the grants whose role the action lists', () => {
    const a = actor([grant('commune_officer', A), grant('inspection_officer', B)]);
    expect(branchesFor(policy, a, 'thing.read')).toEqual([A]);
  });

  it('gives nothing when no grant qualifies (a list query then matches nothing)', () => {
    expect(branchesFor(policy, actor([grant('inspection_officer', P)]), 'thing.read')).toEqual([]);
    expect(branchesFor(policy, actor([grant('province_admin', P)]), 'thing.never')).toEqual([]);
    expect(branchesFor(policy, actor([]), 'thing.read')).toEqual([]);
  });

  it('drops a branch nested in a wider one, whatever the order of the grants', () => {
    expect(branchesFor(policy, actor([grant('member', A1), grant('province_admin', P)]), 'thing.read')).toEqual([P]);
    expect(branchesFor(policy, actor([grant('province_admin', P), grant('commune_officer', A), grant('member', A1)]), 'thing.read')).toEqual([P]);
    expect(branchesFor(policy, actor([grant('commune_officer', A), grant('member', A1), grant('member', B1)]), 'thing.read')).toEqual([A, B1]);
  });

  it('keeps sibling and unrelated branches side by side', () => {
    expect(branchesFor(policy, actor([grant('commune_officer', A), grant('commune_officer', B), grant('province_admin', '/q/')]), 'thing.read')).toEqual([A, B, '/q/']);
  });

  it('ignores conditions: the branch is returned, the rule is checked per record', () => {
    expect(branchesFor(policy, actor([grant('member', A1)]), 'thing.own')).toEqual([A1]);
  });
});

describe('the system actor', () => {
  const system = systemActor('cli');

  it('has a name for the audit trail, no user, no person, no grants', () => {
    expect(system).toEqual({ userId: null, name: 'cli', personId: null, grants: [], system: true });
    expect(systemActor().name).toBe('system');
  });

  it('sees and may do everything, even an action no rule allows', () => {
    expect(visible(system, Q1)).toBe(true);
    expect(allowed(policy, system, 'thing.never', { path: Q1 })).toBe(true);
    expect(() => authorize(policy, system, 'thing.never', { path: Q1 })).not.toThrow();
  });

  it('is not impersonated by an ordinary actor with no grants', () => {
    const plain = { ...system, system: false };
    expect(visible(plain, A1)).toBe(false);
    expect(caught(() => authorize(policy, plain, 'thing.read', { path: A1 }))?.status).toBe(404);
  });
});

describe('conditions as data', () => {
  type Act = 'case.read' | 'plan.read';
  const rules: Policy<Act> = {
    'case.read': [{ role: 'commune_officer', where: { route: 'commune' }, notAbout: { person: 'subjectId', cell: 'cellId' } }],
    'plan.read': [{ role: 'member', reach: 'line' }],
  };
  const officer = (ownCellId?: string | null): Actor => ({ ...actor([grant('commune_officer', A)], 'me'), ownCellId });

  it('`where` compares the record\'s field with the value', () => {
    expect(allowed(rules, officer(null), 'case.read', { path: A1, route: 'commune', cellId: 'a1' })).toBe(true);
    expect(allowed(rules, officer(null), 'case.read', { path: A1, route: 'inspection', cellId: 'a1' })).toBe(false);
  });

  it('`notAbout` hides the records about the actor and about their own cell', () => {
    const t = { path: A1, route: 'commune', cellId: 'a1', subjectId: 'someone' };
    expect(allowed(rules, officer('a2'), 'case.read', t)).toBe(true);
    expect(allowed(rules, officer('a1'), 'case.read', t)).toBe(false);
    expect(allowed(rules, officer(null), 'case.read', { ...t, subjectId: 'me' })).toBe(false);
  });

  it('refuses to guess the actor\'s own cell when nobody resolved it', () => {
    expect(() => allowed(rules, officer(undefined), 'case.read', { path: A1, route: 'commune', cellId: 'a1' })).toThrow(/own cell/);
  });

  it('`reach: line` takes the grant\'s branch and the units above it, not the siblings', () => {
    const m = actor([grant('member', A1)]);
    expect([A1, A, P, A2, B, Q1, noBranch].map((path) => allowed(rules, m, 'plan.read', { path }))).toEqual([true, true, true, false, false, false, false]);
  });
});

describe('scopeFor: the list predicate', () => {
  const dialect = new PgDialect();
  const text = (actorOf: Actor, action: Action) => {
    const q = dialect.sqlToQuery(scopeFor(policy, actorOf, action, { path: sql`t.path`, personId: sql`t.person_id` }));
    return { sql: q.sql, params: q.params };
  };

  it('is a prefix match per branch when the rules are whole branches', () => {
    expect(text(actor([grant('commune_officer', A), grant('commune_officer', B)]), 'thing.read')).toEqual({ sql: '(t.path LIKE $1 OR t.path LIKE $2)', params: [`${A}%`, `${B}%`] });
  });

  it('drops a branch nested in a wider one, and a condition inside a branch allowed whole', () => {
    expect(text(actor([grant('member', A1), grant('commune_officer', A)], 'me'), 'thing.read')).toEqual({ sql: '(t.path LIKE $1)', params: [`${A}%`] });
  });

  it('carries each condition of the rule into the SQL', () => {
    expect(text(actor([grant('member', A1)], 'me'), 'thing.own')).toEqual({ sql: '((t.path LIKE $1 AND t.person_id = $2))', params: [`${A1}%`, 'me'] });
    expect(text(actor([grant('commune_officer', A)]), 'thing.edit')).toEqual({ sql: '((t.path LIKE $1 AND t.path <> $2))', params: [`${A}%`, A] });
  });

  it('escapes LIKE wildcards in a path', () => {
    expect(text(actor([grant('province_admin', '/p_1%/')]), 'thing.read').params).toEqual(['/p\\_1\\%/%']);
  });

  it('is false when nothing is allowed, true for the system actor', () => {
    expect(text(actor([grant('member', A1)]), 'thing.own').sql).toBe('false');
    expect(text(actor([grant('inspection_officer', P)]), 'thing.read').sql).toBe('false');
    expect(text(systemActor(), 'thing.never').sql).toBe('true');
  });

  it('says when it is whole branches only', () => {
    expect(wholeBranches(policy, actor([grant('province_admin', P)]), 'thing.read')).toBe(true);
    expect(wholeBranches(policy, actor([grant('member', A1)], 'me'), 'thing.own')).toBe(false);
    expect(wholeBranches(policy, systemActor(), 'thing.own')).toBe(true);
  });

  it('needs a column for every field a rule names', () => {
    expect(() => scopeFor(policy, actor([grant('member', A1)], 'me'), 'thing.own', { path: sql`t.path` })).toThrow(/personId/);
  });
});

describe('grantsFor, allowedSomewhere and homeUnitFor', () => {
  it('keep the grants of the roles the action lists, the widest when nested, in the actor\'s order', () => {
    const a = actor([grant('inspection_officer', P), grant('member', B1), grant('commune_officer', A), grant('member', A1)]);
    expect(grantsFor(policy, a, 'thing.read').map((g) => g.unitPath)).toEqual([B1, A]);
    expect(homeUnitFor(policy, a, 'thing.read')).toBe('b1');
    expect(allowedSomewhere(policy, a, 'thing.read')).toBe(true);
    expect(allowedSomewhere(policy, a, 'thing.never')).toBe(false);
    expect(allowedSomewhere(policy, systemActor(), 'thing.never')).toBe(true);
    expect(homeUnitFor(policy, actor([]), 'thing.read')).toBeUndefined();
  });
});
