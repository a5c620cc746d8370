// Access is to a branch of the tree. An actor holds role grants, each on a unit; the unit's current path is
// the branch. Rules per action live in each module's policy.ts; this file applies them the same way everywhere:
// outside every branch of the actor → 404 (you cannot learn it exists); inside but not allowed → 403.
//
// A rule is data — a role, how far from the grant's unit the record may sit, and conditions on the record's
// fields — so that the one rule yields both the check of one loaded record (`allowed`) and the SQL predicate
// of a list (`scopeFor`): the two cannot drift apart.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Role } from '../../domain/enums.js';
import { AppError, notFound } from './errors.js';

export interface Grant {
  role: Role;
  unitId: string;
  unitPath: string;
  unitName: string;
  unitKind: string;
  /**
   * The paths of the units that became the grant's unit (merged or split into it, and theirs before them, at any
   * date): their history is the unit's history. Read only by rules with `reach: 'lineage'`.
   */
  lineagePaths?: string[];
}

export interface Actor {
  userId: string | null;
  name: string | null;
  personId: string | null;
  grants: Grant[];
  requestId?: string;
  /** The CLI and the demo seed act for the whole database; no policy narrows them. */
  system?: boolean;
  /**
   * The cell the actor's person belongs to today, resolved by the module whose policy asks for it (`notAbout.cell`);
   * null when they belong to none. Left undefined elsewhere: a rule that needs it then refuses to guess.
   */
  ownCellId?: string | null;
}

/** The actor used by the CLI and the demo seed: every write still carries a name in the audit trail. */
export const systemActor = (name = 'system'): Actor => ({ userId: null, name, personId: null, grants: [], system: true });

/**
 * What a rule looks at: where the record sits in the tree, whose record it is when that matters, and the
 * record's fields a rule names (`where`, `notAbout`).
 */
export interface Target {
  path: string;
  personId?: string | null;
  readonly [field: string]: unknown;
}

export interface Rule {
  role: Role;
  /**
   * Where the record may sit, seen from the grant's unit: in its branch (the default), strictly below it (not
   * the unit itself), or on its line — in its branch or above it (what a province opened concerns its communes);
   * or its lineage — in its branch or in the branch of a unit that became it (the old communes, districts and
   * provinces before the 2025 reform, for reading their history).
   */
  reach?: 'branch' | 'below' | 'line' | 'lineage';
  /** Only the actor's own record: the target's `personId` is the actor's person. */
  self?: true;
  /** Only records whose fields hold these values, e.g. `{ route: 'commune' }`. */
  where?: Readonly<Record<string, string>>;
  /** Never a record about the actor: the target's fields that name the person, and the cell, it is about. */
  notAbout?: { person?: string; cell?: string };
}
export type Policy<A extends string> = Record<A, Rule[]>;

export const isUnder = (path: string, branch: string) => path.startsWith(branch);

/** The path of a record in no branch at all: only the system actor reaches it. */
export const noBranch = '';

export function visible(actor: Actor, path: string): boolean {
  if (actor.system) return true;
  return actor.grants.some((g) => isUnder(path, g.unitPath) || (g.lineagePaths ?? []).some((l) => isUnder(path, l)));
}

function reaches(rule: Rule, grant: Grant, path: string): boolean {
  switch (rule.reach ?? 'branch') {
    case 'branch':
      return isUnder(path, grant.unitPath);
    case 'below':
      return isUnder(path, grant.unitPath) && path !== grant.unitPath;
    case 'line':
      return path !== noBranch && (isUnder(path, grant.unitPath) || isUnder(grant.unitPath, path));
    case 'lineage':
      return isUnder(path, grant.unitPath) || (grant.lineagePaths ?? []).some((l) => isUnder(path, l));
  }
}

function ownCell(actor: Actor): string | null {
  if (actor.ownCellId === undefined) throw new Error("A rule needs the actor's own cell: resolve it before asking the policy");
  return actor.ownCellId;
}

function holds(rule: Rule, actor: Actor, target: Target): boolean {
  if (rule.self && !(actor.personId && actor.personId === target.personId)) return false;
  for (const [field, value] of Object.entries(rule.where ?? {})) if (target[field] !== value) return false;
  const about = rule.notAbout;
  if (about?.person && actor.personId && target[about.person] === actor.personId) return false;
  if (about?.cell) {
    const cell = ownCell(actor);
    if (cell && target[about.cell] === cell) return false;
  }
  return true;
}

export function allowed<A extends string>(policy: Policy<A>, actor: Actor, action: A, target: Target): boolean {
  if (actor.system) return true;
  return policy[action].some((rule) => actor.grants.some((grant) => grant.role === rule.role && reaches(rule, grant, target.path) && holds(rule, actor, target)));
}

/** Throws 404 when the target is outside every branch of the actor, 403 when visible but not allowed. */
export function authorize<A extends string>(policy: Policy<A>, actor: Actor, action: A, target: Target, what = 'Record'): void {
  if (!visible(actor, target.path)) throw notFound(what);
  if (!allowed(policy, actor, action, target)) throw new AppError('forbidden', `You may not ${action.replace('.', ' ')} here`);
}

/** The actions of `policy` the actor may take on the target: sent with records so the UI shows only those. */
export function actionsOn<A extends string>(policy: Policy<A>, actor: Actor, target: Target): A[] {
  return (Object.keys(policy) as A[]).filter((a) => allowed(policy, actor, a, target));
}

/** Whether the actor may take `action` on some record at all: for pages that have no one record (warnings, settings). */
export function allowedSomewhere<A extends string>(policy: Policy<A>, actor: Actor, action: A): boolean {
  return actor.system === true || grantsFor(policy, actor, action).length > 0;
}

/** The grants under which `action` is allowed on some records, in the actor's order, without those nested in a wider one. */
export function grantsFor<A extends string>(policy: Policy<A>, actor: Actor, action: A): Grant[] {
  const roles = new Set(policy[action].map((r) => r.role));
  const grants = actor.grants.filter((g) => roles.has(g.role));
  return grants.filter((g) => !grants.some((h) => h.unitPath !== g.unitPath && isUnder(g.unitPath, h.unitPath)));
}

/** Branch prefixes of the grants that allow `action` at all: where a list may look (each row still meets `scopeFor`). */
export function branchesFor<A extends string>(policy: Policy<A>, actor: Actor, action: A): string[] {
  if (actor.system) return ['/'];
  // A rule reaching the lineage adds the branches of the units that became the grant's unit.
  const lineage = new Set(policy[action].filter((r) => r.reach === 'lineage').map((r) => r.role));
  return grantsFor(policy, actor, action).flatMap((g) => [g.unitPath, ...(lineage.has(g.role) ? (g.lineagePaths ?? []) : [])]);
}

/** The unit a page opens on when none is asked for: the first of the actor's grants that allows `action`. */
export function homeUnitFor<A extends string>(policy: Policy<A>, actor: Actor, action: A): string | undefined {
  return grantsFor(policy, actor, action)[0]?.unitId;
}

/** SQL expressions for the fields a policy's rules look at: the record's path, its person, and any `where` field. */
export type ScopeColumns = { path: SQLWrapper; personId?: SQLWrapper } & { readonly [field: string]: SQLWrapper | undefined };

interface ScopeParts {
  /** Branches where every record is allowed. */
  whole: string[];
  /** Grants whose rule allows only some records of (or around) their branch. */
  partial: { rule: Rule; grant: Grant }[];
}

function scopeParts<A extends string>(policy: Policy<A>, actor: Actor, action: A): ScopeParts {
  const whole: string[] = [];
  const partial: ScopeParts['partial'] = [];
  for (const rule of policy[action])
    for (const grant of actor.grants) {
      if (grant.role !== rule.role) continue;
      if (rule.self && !actor.personId) continue; // never holds
      const unconditional = (rule.reach ?? 'branch') === 'branch' && !rule.self && !rule.where && !rule.notAbout;
      if (unconditional) whole.push(grant.unitPath);
      else partial.push({ rule, grant });
    }
  const widest = whole.filter((p, i) => whole.indexOf(p) === i && !whole.some((q) => q !== p && isUnder(p, q)));
  // A condition inside a branch already allowed whole adds nothing (a secretary who is also a member of the cell).
  const needed = partial.filter(({ rule, grant }) => rule.reach === 'line' || !widest.some((b) => isUnder(grant.unitPath, b)));
  return { whole: widest, partial: needed };
}

/** Whether the list scope of `action` is whole branches only, i.e. `scopeFor` is a prefix match on `branchesFor`. */
export function wholeBranches<A extends string>(policy: Policy<A>, actor: Actor, action: A): boolean {
  return actor.system === true || scopeParts(policy, actor, action).partial.length === 0;
}

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function column(columns: ScopeColumns, field: string): SQLWrapper {
  const c = columns[field];
  if (!c) throw new Error(`The list scope needs a column for "${field}"`);
  return c;
}

function rulePredicate(rule: Rule, grant: Grant, actor: Actor, columns: ScopeColumns): SQL {
  const path = columns.path;
  const branch = sql`${path} LIKE ${likePrefix(grant.unitPath)}`;
  const parts: SQL[] = [];
  switch (rule.reach ?? 'branch') {
    case 'branch':
      parts.push(branch);
      break;
    case 'below':
      parts.push(branch, sql`${path} <> ${grant.unitPath}`);
      break;
    case 'line':
      parts.push(sql`(${branch} OR (starts_with(${grant.unitPath}, ${path}) AND ${path} <> ${noBranch}))`);
      break;
    case 'lineage':
      parts.push(sql`(${sql.join([branch, ...(grant.lineagePaths ?? []).map((l) => sql`${path} LIKE ${likePrefix(l)}`)], sql` OR `)})`);
      break;
  }
  if (rule.self) parts.push(sql`${column(columns, 'personId')} = ${actor.personId}`);
  for (const [field, value] of Object.entries(rule.where ?? {})) parts.push(sql`${column(columns, field)} = ${value}`);
  const about = rule.notAbout;
  if (about?.person && actor.personId) parts.push(sql`${column(columns, about.person)} IS DISTINCT FROM ${actor.personId}`);
  if (about?.cell) {
    const cell = ownCell(actor);
    if (cell) parts.push(sql`${column(columns, about.cell)} IS DISTINCT FROM ${cell}`);
  }
  return sql`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The SQL predicate, over `columns`, of the records the actor may take `action` on: the same rules as `allowed`,
 * one disjunct per branch allowed whole and per grant whose rule carries a condition. `false` when none.
 */
export function scopeFor<A extends string>(policy: Policy<A>, actor: Actor, action: A, columns: ScopeColumns): SQL {
  if (actor.system) return sql`true`;
  const { whole, partial } = scopeParts(policy, actor, action);
  const parts = [...whole.map((b) => sql`${columns.path} LIKE ${likePrefix(b)}`), ...partial.map(({ rule, grant }) => rulePredicate(rule, grant, actor, columns))];
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}
