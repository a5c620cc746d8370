// Access is to a branch of the tree. An actor holds role grants, each on a unit; the unit's current path is
// the branch. Rules per action live in each module's policy.ts; this file applies them the same way everywhere:
// outside every branch of the actor → 404 (you cannot learn it exists); inside but not allowed → 403.
import type { Role } from '../../domain/enums.js';
import { AppError, notFound } from './errors.js';

export interface Grant {
  role: Role;
  unitId: string;
  unitPath: string;
  unitName: string;
  unitKind: string;
}

export interface Actor {
  userId: string | null;
  name: string | null;
  personId: string | null;
  grants: Grant[];
  requestId?: string;
  /** The CLI and the demo seed act for the whole database; no policy narrows them. */
  system?: boolean;
}

/** The actor used by the CLI and the demo seed: every write still carries a name in the audit trail. */
export const systemActor = (name = 'system'): Actor => ({ userId: null, name, personId: null, grants: [], system: true });

/** What a rule looks at: where the record sits in the tree, and whose record it is when that matters. */
export interface Target {
  path: string;
  personId?: string | null;
}

export type Rule = {
  role: Role;
  /** Extra condition beyond "the record is in the grant's branch". */
  when?: (ctx: { actor: Actor; grant: Grant; target: Target }) => boolean;
};
export type Policy<A extends string> = Record<A, Rule[]>;

export const isUnder = (path: string, branch: string) => path.startsWith(branch);

export function visible(actor: Actor, path: string): boolean {
  if (actor.system) return true;
  return actor.grants.some((g) => isUnder(path, g.unitPath));
}

export function allowed<A extends string>(policy: Policy<A>, actor: Actor, action: A, target: Target): boolean {
  if (actor.system) return true;
  return policy[action].some((rule) =>
    actor.grants.some(
      (grant) => grant.role === rule.role && isUnder(target.path, grant.unitPath) && (!rule.when || rule.when({ actor, grant, target })),
    ),
  );
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

/** Branch prefixes of the grants that allow `action` at all: list queries filter on these. */
export function branchesFor<A extends string>(policy: Policy<A>, actor: Actor, action: A): string[] {
  if (actor.system) return ['/'];
  const roles = new Set(policy[action].map((r) => r.role));
  const paths = actor.grants.filter((g) => roles.has(g.role)).map((g) => g.unitPath);
  // Drop branches already covered by a wider one.
  return paths.filter((p) => !paths.some((q) => q !== p && isUnder(p, q)));
}
