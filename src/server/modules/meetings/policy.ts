// Who may do what with cell meetings. The target is the meeting's cell (its path); for a member's own answer to an
// invitation, also the invited person. The cell secretary runs their cell's meetings; the commune officer plans,
// oversees and reviews (scores) the meetings of the cells below; the province and the inspection committee read;
// members read their cell's meetings and answer their own invitation.
import { allowed, authorize, type Actor, type Policy, type Target } from '../../platform/access.js';
import type { MeetingCommandType } from '../../../domain/meetings.js';

export type MeetingAction = 'meeting.read' | 'meeting.plan' | 'meeting.run' | 'meeting.respond' | 'meeting.review' | 'meeting.oversee';

export const meetingPolicy: Policy<MeetingAction> = {
  'meeting.read': [
    { role: 'province_admin' },
    { role: 'commune_officer' },
    { role: 'inspection_officer' },
    { role: 'cell_secretary' },
    { role: 'member' },
  ],
  // The year's plan: the commune for its cells, the province for all, a secretary for their own cell.
  'meeting.plan': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'cell_secretary' }],
  'meeting.run': [{ role: 'cell_secretary' }],
  // One's own invitation: acknowledge it, or send apologies in advance.
  'meeting.respond': [
    { role: 'member', self: true },
    { role: 'cell_secretary', self: true },
  ],
  // The commune reviews its cells' meetings (never a review of a unit of its own level).
  'meeting.review': [{ role: 'commune_officer', reach: 'below' }],
  // Which cells missed a meeting, per month: those who follow a branch.
  'meeting.oversee': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }],
};

/** The action a command needs. */
export const actionOfCommand: Record<MeetingCommandType, MeetingAction> = {
  schedule: 'meeting.run',
  setAgenda: 'meeting.run',
  sendInvitations: 'meeting.run',
  acknowledge: 'meeting.respond',
  apologize: 'meeting.respond',
  recordHeld: 'meeting.run',
  attendance: 'meeting.run',
  minutes: 'meeting.run',
  resolution: 'meeting.run',
  addActionItem: 'meeting.run',
  followUp: 'meeting.run',
  score: 'meeting.run',
  review: 'meeting.review',
  cancel: 'meeting.run',
  studyDocument: 'meeting.run',
  attachDocument: 'meeting.run',
};

/** 404 outside the actor's branches, 403 when visible but not theirs to do. */
export const authorizeMeeting = (actor: Actor, action: MeetingAction, target: Target) => authorize(meetingPolicy, actor, action, target, 'Meeting');

/** The actions the actor may take on a meeting of the cell at `cellPath`, sent with it so the UI shows only those. */
export function meetingActions(actor: Actor, cellPath: string): MeetingAction[] {
  const acts: MeetingAction[] = [];
  for (const a of ['meeting.plan', 'meeting.run', 'meeting.review'] as const) if (allowed(meetingPolicy, actor, a, { path: cellPath })) acts.push(a);
  if (actor.personId && allowed(meetingPolicy, actor, 'meeting.respond', { path: cellPath, personId: actor.personId })) acts.push('meeting.respond');
  return acts;
}
