// Who may do what with village consultations. The target is the consultation's unit (a cell or a commune), by its
// path. A commune officer opens and runs consultations in their commune (the commune itself or its villages); a
// cell secretary in their own cell. Reading looks along the line: a member of a village reads the consultations
// of their commune too (a question put to the whole commune concerns them). Answering online with one's account
// is for members and secretaries on the line (the service then checks the person is on the eligible list).
import { actionsOn, allowed, grantsFor, scopeFor, type Actor, type Policy } from '../../platform/access.js';
import type { SQLWrapper } from 'drizzle-orm';
import { forbidden, notFound } from '../../platform/errors.js';

export type ConsultationAction = 'consultation.read' | 'consultation.open' | 'consultation.manage' | 'consultation.tally' | 'consultation.answer';

export const consultationPolicy: Policy<ConsultationAction> = {
  'consultation.read': [
    { role: 'province_admin' },
    { role: 'commune_officer' },
    { role: 'inspection_officer' },
    { role: 'cell_secretary', reach: 'line' },
    { role: 'member', reach: 'line' },
  ],
  'consultation.open': [{ role: 'commune_officer' }, { role: 'cell_secretary' }],
  // Ballot codes, documents, the decision and its follow-up.
  'consultation.manage': [{ role: 'commune_officer' }, { role: 'cell_secretary' }],
  // The room's tally from the in-person meeting.
  'consultation.tally': [{ role: 'cell_secretary' }, { role: 'commune_officer' }],
  'consultation.answer': [
    { role: 'member', reach: 'line' },
    { role: 'cell_secretary', reach: 'line' },
  ],
};

export type ThresholdsAction = 'consultation.thresholds.read' | 'consultation.thresholds.edit';

/**
 * The consensus thresholds and minimum turnout: one set for the whole database, no record of a branch. Those who
 * read consultations read them (`allowedSomewhere`); a province board changes them.
 */
export const thresholdsPolicy: Policy<ThresholdsAction> = {
  'consultation.thresholds.read': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }, { role: 'cell_secretary' }],
  'consultation.thresholds.edit': [{ role: 'province_admin' }],
};

/** 404 when the actor may not read the consultation (they cannot learn it exists), 403 when they read it but may not do this. */
export function authorizeConsultation(actor: Actor, action: ConsultationAction, path: string): void {
  if (!allowed(consultationPolicy, actor, 'consultation.read', { path })) throw notFound('Consultation');
  if (!allowed(consultationPolicy, actor, action, { path })) throw forbidden(`You may not ${action.replace('.', ' ')} here`);
}

/** The consultations the actor may read, as a predicate on the column holding the unit's path. */
export const readableConsultations = (actor: Actor, path: SQLWrapper) => scopeFor(consultationPolicy, actor, 'consultation.read', { path });

/** What the actor may do with a consultation, sent with it so the UI shows only that. */
export const consultationActions = (actor: Actor, path: string) => actionsOn(consultationPolicy, actor, { path });

/** The branches under which the actor may open consultations (their grants' units). */
export const openBranchesFor = (actor: Actor) => grantsFor(consultationPolicy, actor, 'consultation.open').map((g) => ({ id: g.unitId, path: g.unitPath, name: g.unitName, kind: g.unitKind }));
