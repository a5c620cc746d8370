// Who may do what with party documents. Reading is the one rule that looks upward: a document registered by the
// province is read by everyone whose branch lies under the province (a cell studies the province's directive), and
// a branch also reads what was registered inside it — the `line` reach. Everything else is downward.
import type { SQLWrapper } from 'drizzle-orm';
import { allowed, authorize, grantsFor, scopeFor, type Actor, type Policy, type Target } from '../../platform/access.js';
import { AppError, notFound } from '../../platform/errors.js';

export type DocumentAction = 'document.read' | 'document.register' | 'document.edit' | 'document.send';
export type StudyAction = 'study.record' | 'study.follow' | 'study.remind';

/** Target: the register's unit (its path); for `document.send`, each unit the document is sent to. */
export const documentPolicy: Policy<DocumentAction> = {
  'document.read': [
    { role: 'province_admin', reach: 'line' },
    { role: 'commune_officer', reach: 'line' },
    { role: 'inspection_officer', reach: 'line' },
    { role: 'cell_secretary', reach: 'line' },
    { role: 'member', reach: 'line' },
  ],
  'document.register': [{ role: 'province_admin' }],
  'document.edit': [{ role: 'province_admin' }],
  // A commune officer passes a document on to the cells of their commune.
  'document.send': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

/** Target: a cell that must study a document (its path). */
export const studyPolicy: Policy<StudyAction> = {
  'study.record': [{ role: 'cell_secretary' }, { role: 'commune_officer' }, { role: 'province_admin' }],
  'study.follow': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }],
  'study.remind': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

/** 404 for a document the actor cannot read (they cannot learn it exists). */
export function authorizeRead(actor: Actor, ownerPath: string): void {
  if (!allowed(documentPolicy, actor, 'document.read', { path: ownerPath })) throw notFound('Document');
}

export const documentReadable = (actor: Actor, ownerPath: string) => allowed(documentPolicy, actor, 'document.read', { path: ownerPath });

/** The same rule as a predicate on a column holding the register's path, for lists. */
export const readableDocuments = (actor: Actor, ownerPath: SQLWrapper) => scopeFor(documentPolicy, actor, 'document.read', { path: ownerPath });

/** Acting on a document one can read: 403 when the rule does not allow it on the target. */
export function authorizeOn<A extends string>(policy: Policy<A>, actor: Actor, action: A, target: Target): void {
  if (!allowed(policy, actor, action, target)) throw new AppError('forbidden', `You may not ${action.replace('.', ' ')} here`);
}

/** A study row of a cell: 404 outside the actor's branches, 403 when the action is not theirs. */
export const authorizeStudy = (actor: Actor, action: StudyAction, cellPath: string) => authorize(studyPolicy, actor, action, { path: cellPath }, 'Dissemination');

/** The actions the actor may take on a document, sent with it so the UI shows only those. */
export function documentActions(actor: Actor, ownerPath: string): ('document.edit' | 'document.send')[] {
  const acts: ('document.edit' | 'document.send')[] = [];
  if (allowed(documentPolicy, actor, 'document.edit', { path: ownerPath })) acts.push('document.edit');
  // Sending needs a branch of one's own under the register to send to.
  if (sendUnitsFor(actor).length > 0 && documentReadable(actor, ownerPath)) acts.push('document.send');
  return acts;
}

/** The unit a dissemination is sent from: the narrowest grant that may send and holds every target. */
export function senderUnitFor(actor: Actor, targetPaths: string[]): string | null {
  const g = grantsFor(documentPolicy, actor, 'document.send')
    .filter((x) => targetPaths.every((p) => allowed(documentPolicy, { ...actor, grants: [x] }, 'document.send', { path: p })))
    .sort((a, b) => b.unitPath.length - a.unitPath.length)[0];
  return g?.unitId ?? null;
}

/** The cells whose study list the actor reads on their own page: the cells they hold a grant on that lets them record. */
export function ownCells(actor: Actor): { unitId: string; unitPath: string }[] {
  return actor.grants.filter((g) => g.unitKind === 'cell').map((g) => ({ unitId: g.unitId, unitPath: g.unitPath }));
}

/** The units whose register the actor may add documents to: where the register page offers "register". */
export function registerUnitsFor(actor: Actor): { id: string; name: string }[] {
  return grantsFor(documentPolicy, actor, 'document.register').map((g) => ({ id: g.unitId, name: g.unitName }));
}

/** The units the actor may send documents to from their own grants: what the send form starts from. */
export function sendUnitsFor(actor: Actor): { id: string; name: string }[] {
  return grantsFor(documentPolicy, actor, 'document.send').map((g) => ({ id: g.unitId, name: g.unitName }));
}

/** Who is sent the official message "study this document" for a cell: the accounts running the cell. */
export const studyNoticeRoles = ['cell_secretary'] as const;
