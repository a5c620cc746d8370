// What org asks of the modules built on the tree. Reshaping a unit moves its members (people's), the tree view shows
// members, secretaries and figures (people's, the dashboard's) and a unit's history its audit trail (audit's). Those
// modules import org, so org may not import them (no module cycles): they hand org these functions once, when the
// modules are registered (modules/index.ts), before any route is built or called.
import type { ZodType } from 'zod';
import type { Actor } from '../../platform/access.js';
import type { Executor, Tx } from '../../platform/db/index.js';

export interface OrgExtensions {
  /** The ids of the persons who are members of `unitId` on `date`. */
  memberIds(exec: Executor, unitId: string, date: string): Promise<string[]>;
  /** Moves the members of a unit (all, or `personIds`) to another from `date`, with their positions; how many moved. */
  moveMembers(tx: Tx, actor: Actor, input: { fromUnitId: string; toUnitId: string; date: string; personIds?: string[]; keepSecretary: boolean }): Promise<number>;
  /** After a reshape moved units (and the cells under them) on `date`: what hangs off a cell follows it (open cases). */
  unitsMoved(tx: Tx, actor: Actor, input: { unitIds: string[]; date: string }): Promise<number>;
  /** The secretaries' names of units on `date`, by unit id. */
  secretaryNames(exec: Executor, unitIds: string[], date: string): Promise<Map<string, string>>;
  /** The actions on the persons of a unit the tree view offers there ("add member", "import", "export"). */
  personActionsAt(actor: Actor, unit: { path: string; kind: string }): string[];
  /** The figures of a node and of each of its children on `date` (opaque to org, but for the members counted). */
  branchFigures(exec: Executor, input: { unit: { id: string; path: string }; date: string }): Promise<{ figures: unknown; children: { unitId: string; figures: { members: number } }[] }>;
  /** The figures of the branch at `path` on `date`. */
  figures(exec: Executor, input: { path: string; date: string }): Promise<{ members: number }>;
  /** The shape of the figures, for the routes' answers. */
  FiguresSchema: ZodType;
  /** The audit events of one entity, newest first, as the actor may read them. */
  listAuditEvents(exec: Executor, actor: Actor, query: { entityType: string; entityId: string; limit: number }): Promise<{ items: unknown[] }>;
  /** The shape of an audit event, for the routes' answers. */
  AuditEventSchema: ZodType;
}

let extensions: OrgExtensions | undefined;

/** Called once by the module registry. */
export function extendOrg(given: OrgExtensions): void {
  extensions = given;
}

export function orgExtensions(): OrgExtensions {
  if (!extensions) throw new Error('org is used before the modules were registered (modules/index.ts)');
  return extensions;
}
