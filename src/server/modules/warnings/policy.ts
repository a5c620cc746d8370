// Who may see and work a warning, and who sets the signals. A warning's path is its cell's path on the day it is
// read for (a moved cell's warning belongs to its new branch). As in case routing, nobody sees a warning about
// themselves, nor about the cell they belong to (a secretary never sees their own cell's): it does not exist for them.
import type { Policy, Rule, Target } from '../../platform/access.js';

export type WarningAction = 'warning.read' | 'warning.work';

export interface WarningTarget extends Target {
  cellId: string;
  subjectPersonId: string | null;
}

const notAboutActor: Pick<Rule, 'notAbout'> = { notAbout: { person: 'subjectPersonId', cell: 'cellId' } };

export const warningPolicy: Policy<WarningAction> = {
  'warning.read': [
    { role: 'province_admin', ...notAboutActor },
    { role: 'inspection_officer', ...notAboutActor },
    { role: 'commune_officer', ...notAboutActor },
  ],
  // Acknowledging, noting, assigning a follow-up and closing: the officers who handle their branch.
  'warning.work': [
    { role: 'inspection_officer', ...notAboutActor },
    { role: 'commune_officer', ...notAboutActor },
  ],
};

export type WarningSettingsAction = 'warning.settings.read' | 'warning.settings.edit';

/** The signals' settings of a province (target: the province's path): read by its overseers, set by its board. */
export const warningSettingsPolicy: Policy<WarningSettingsAction> = {
  'warning.settings.read': [{ role: 'province_admin' }, { role: 'inspection_officer' }, { role: 'commune_officer', reach: 'line' }],
  'warning.settings.edit': [{ role: 'province_admin' }],
};

/**
 * Who may be given a warning's follow-up: an active account holding a role that works warnings, on the warning's line
 * (its cell's commune or province); never a member of the warning's cell nor the person it is about (as for reading:
 * the warning does not exist for them). The picker lists exactly these, and the follow-up refuses anyone else.
 */
export const followUpAssignees = {
  roles: [...new Set(warningPolicy['warning.work'].map((r) => r.role))] as string[],
  exceptCellMembers: true,
  exceptSubject: true,
} as const;
