// Who may do what with a supervision case. The target's path is the handling unit's; the route says whether the
// commune committee or the inspection committee handles it. Cell secretaries and members have no rule at all:
// the people a report is about never see it.
import type { CaseRoute } from '../../../domain/supervision.js';
import type { Policy, Rule, Target } from '../../platform/access.js';

export type CaseAction = 'case.read' | 'case.readIdentity' | 'case.handle';

export interface CaseTarget extends Target {
  route: CaseRoute;
}

const routedTo =
  (route: CaseRoute): Rule['when'] =>
  ({ target }) =>
    (target as CaseTarget).route === route;

export const casePolicy: Policy<CaseAction> = {
  // The province board oversees every case of its branch (without the reporter's identity); a commune officer
  // sees only the cases routed to the commune committee.
  'case.read': [{ role: 'province_admin' }, { role: 'inspection_officer' }, { role: 'commune_officer', when: routedTo('commune') }],
  // The reporter's identity: the inspection role, nobody else.
  'case.readIdentity': [{ role: 'inspection_officer' }],
  'case.handle': [
    { role: 'commune_officer', when: routedTo('commune') },
    { role: 'inspection_officer', when: routedTo('inspection') },
  ],
};

/** Warnings and figures: whoever reads cases of a branch. */
export const oversightRoles = ['province_admin', 'inspection_officer', 'commune_officer'] as const;
