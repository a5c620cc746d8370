// Who may do what with a supervision case. The target's path is the handling unit's; the route says whether the
// commune committee or the inspection committee handles it. Cell secretaries and members have no rule at all,
// and no rule reaches a case about the actor or about their own cell: the people a report is about never see it.
import type { CaseRoute } from '../../../domain/supervision.js';
import type { Policy, Rule, Target } from '../../platform/access.js';

export type CaseAction = 'case.read' | 'case.readIdentity' | 'case.handle' | 'case.print';

export interface CaseTarget extends Target {
  route: CaseRoute;
  /** The cell the case is about. */
  cellId: string;
  /** The person it is about, when it names one. */
  subjectPersonId: string | null;
}

/** Whatever the role: not a case about oneself, nor about one's own cell (it does not exist for them: 404). */
const notAboutActor: Pick<Rule, 'notAbout'> = { notAbout: { person: 'subjectPersonId', cell: 'cellId' } };
const routedTo = (route: CaseRoute): Pick<Rule, 'where'> => ({ where: { route } });

export const casePolicy: Policy<CaseAction> = {
  // The province board oversees every case of its branch (without the reporter's identity); a commune officer
  // sees only the cases routed to the commune committee.
  'case.read': [
    { role: 'province_admin', ...notAboutActor },
    { role: 'inspection_officer', ...notAboutActor },
    { role: 'commune_officer', ...routedTo('commune'), ...notAboutActor },
  ],
  // A case as a PDF (print.ts): whoever reads it. The printout never carries the reporter's identity, whoever
  // prints it: a page on a desk leaves the system's access rules behind.
  'case.print': [
    { role: 'province_admin', ...notAboutActor },
    { role: 'inspection_officer', ...notAboutActor },
    { role: 'commune_officer', ...routedTo('commune'), ...notAboutActor },
  ],
  // The reporter's identity: the inspection role, nobody else.
  'case.readIdentity': [{ role: 'inspection_officer', ...notAboutActor }],
  'case.handle': [
    { role: 'commune_officer', ...routedTo('commune'), ...notAboutActor },
    { role: 'inspection_officer', ...routedTo('inspection'), ...notAboutActor },
  ],
};

export type OversightAction = 'supervision.figures' | 'supervision.rules.read' | 'supervision.rules.edit';

const overseers: Rule[] = [{ role: 'province_admin' }, { role: 'inspection_officer' }, { role: 'commune_officer' }];

/**
 * Pages over all the cases an actor reads (figures) and the channel's rules. They have no one record:
 * the question is whether the actor holds such a grant anywhere (`allowedSomewhere`); the rows stay those of
 * `case.read`. The rules are one set for the whole database: read by overseers, changed by a province board.
 */
export const oversightPolicy: Policy<OversightAction> = {
  'supervision.figures': overseers,
  'supervision.rules.read': overseers,
  'supervision.rules.edit': [{ role: 'province_admin' }],
};
