// Who may do what with party documents. Reading is the one rule that looks upward: a document registered by the
// province is read by everyone whose branch lies under the province (a cell studies the province's directive), and
// a branch also reads what was registered inside it. Everything else is downward, as everywhere in chibo.
import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/enums.js';
import { allowed, isUnder, type Actor, type Policy, type Target } from '../../platform/access.js';
import { AppError, notFound } from '../../platform/errors.js';

export type DocumentAction = 'document.register' | 'document.edit' | 'document.send';
export type StudyAction = 'study.record' | 'study.follow' | 'study.remind';

/** Target: the register's unit (its path). */
export const documentPolicy: Policy<DocumentAction> = {
  'document.register': [{ role: 'province_admin' }],
  'document.edit': [{ role: 'province_admin' }],
  // Target: each unit the document is sent to. A commune officer passes a document on to the cells of their commune.
  'document.send': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

/** Target: a cell that must study a document (its path). */
export const studyPolicy: Policy<StudyAction> = {
  'study.record': [{ role: 'cell_secretary' }, { role: 'commune_officer' }, { role: 'province_admin' }],
  'study.follow': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }],
  'study.remind': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

const readers: readonly Role[] = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'];

/** A document registered at `ownerPath` is readable when it lies above or inside one of the actor's branches. */
export function documentReadable(actor: Actor, ownerPath: string): boolean {
  if (actor.system) return true;
  return actor.grants.some((g) => readers.includes(g.role) && (isUnder(g.unitPath, ownerPath) || isUnder(ownerPath, g.unitPath)));
}

/** The same rule as a predicate on a column holding the owner's path, for lists. */
export function readableDocuments(actor: Actor, ownerPath: SQL): SQL {
  if (actor.system) return sql`true`;
  const paths = actor.grants.filter((g) => readers.includes(g.role)).map((g) => g.unitPath);
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`(${p} LIKE ${ownerPath} || '%' OR ${ownerPath} LIKE ${p.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'})`),
    sql` OR `,
  )})`;
}

/** 404 for a document the actor cannot read (they cannot learn it exists). */
export function authorizeRead(actor: Actor, ownerPath: string): void {
  if (!documentReadable(actor, ownerPath)) throw notFound('Document');
}

/** Acting on a document one can read: 403 when the rule does not allow it on the target. */
export function authorizeOn<A extends string>(policy: Policy<A>, actor: Actor, action: A, target: Target): void {
  if (!allowed(policy, actor, action, target)) throw new AppError('forbidden', `You may not ${action.replace('.', ' ')} here`);
}

/** The actions the actor may take on a document, sent with it so the UI shows only those. */
export function documentActions(actor: Actor, ownerPath: string): string[] {
  const acts: string[] = [];
  if (allowed(documentPolicy, actor, 'document.edit', { path: ownerPath })) acts.push('document.edit');
  // Sending needs a branch of one's own to send to: any grant that may send.
  if (actor.system || actor.grants.some((g) => documentPolicy['document.send'].some((r) => r.role === g.role) && isUnder(g.unitPath, ownerPath))) acts.push('document.send');
  return acts;
}

/** The unit a dissemination is sent from: the narrowest grant that may send and holds every target. */
export function senderUnitFor(actor: Actor, targetPaths: string[]): string | null {
  const g = actor.grants
    .filter((x) => documentPolicy['document.send'].some((r) => r.role === x.role) && targetPaths.every((p) => isUnder(p, x.unitPath)))
    .sort((a, b) => b.unitPath.length - a.unitPath.length)[0];
  return g?.unitId ?? null;
}

/** The cells whose study list the actor reads on their own page: the cells they hold a grant on. */
export function ownCells(actor: Actor): { unitId: string; unitPath: string }[] {
  return actor.grants.filter((g) => g.unitKind === 'cell').map((g) => ({ unitId: g.unitId, unitPath: g.unitPath }));
}

/** The units whose register the actor may add documents to: where the register page offers "register". */
export function registerUnitsFor(actor: Actor): { id: string; name: string }[] {
  return actor.grants
    .filter((g) => allowed(documentPolicy, actor, 'document.register', { path: g.unitPath }))
    .map((g) => ({ id: g.unitId, name: g.unitName }));
}

/** The units the actor may send documents to from their own grants: what the send form starts from. */
export function sendUnitsFor(actor: Actor): { id: string; name: string }[] {
  return actor.grants
    .filter((g) => allowed(documentPolicy, actor, 'document.send', { path: g.unitPath }))
    .map((g) => ({ id: g.unitId, name: g.unitName }));
}
