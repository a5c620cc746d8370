// Who sees what on the home page. Tasks are each module's, scoped by that module's own policies; here only what the
// home page itself shows: the changes in a branch (who did what, from the audit trail, without before/after) and the
// branch's key figures.
import type { Policy } from '../../platform/access.js';

export type HomeAction = 'home.changes' | 'home.figures';

export const homePolicy: Policy<HomeAction> = {
  // Those who run a branch see what changed in it; a member has no branch to run.
  'home.changes': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }, { role: 'cell_secretary' }],
  // Everyone sees the figures of the unit they belong to or run (a member: their cell).
  'home.figures': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }, { role: 'cell_secretary' }, { role: 'member' }],
};
