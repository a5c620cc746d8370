// The meetings policy written out as a table: role × action × where the meeting's cell sits (the tree and the actors
// are in test/policy-table.ts). Y = allowed, N = refused. `meeting.respond` is asked about the actor's own invitation.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A, A1, checkTable, N, outside, P, personOf, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { meetingPolicy, type MeetingAction } from './policy.js';

describe('meetings: meetingPolicy', () => {
  const cellA1: Row<MeetingAction>[] = [
    //                  admin officer inspector secretary member
    ['meeting.read',     Y,    Y,      Y,        Y,        Y],
    ['meeting.plan',     Y,    Y,      N,        Y,        N],
    ['meeting.run',      N,    N,      N,        Y,        N],
    ['meeting.respond',  N,    N,      N,        Y,        Y],
    ['meeting.review',   N,    Y,      N,        N,        N],
    ['meeting.oversee',  Y,    Y,      Y,        N,        N],
  ];
  checkTable("a meeting of cell A1, the actor's own invitation", meetingPolicy, cellA1, (role: Role) => ({ path: A1, personId: personOf(role) }));

  // Someone else's invitation: nobody answers it for them.
  const othersInvitation: Row<MeetingAction>[] = [
    ['meeting.read',     Y,    Y,      Y,        Y,        Y],
    ['meeting.plan',     Y,    Y,      N,        Y,        N],
    ['meeting.run',      N,    N,      N,        Y,        N],
    ['meeting.respond',  N,    N,      N,        N,        N],
    ['meeting.review',   N,    Y,      N,        N,        N],
    ['meeting.oversee',  Y,    Y,      Y,        N,        N],
  ];
  checkTable("cell A1, another member's invitation", meetingPolicy, othersInvitation, () => ({ path: A1, personId: 'someone-else' }));

  // The commune itself (its plan, its missed list): the officer plans and oversees, reviews only cells below.
  const communeA: Row<MeetingAction>[] = [
    ['meeting.read',     Y,    Y,      Y,        N,        N],
    ['meeting.plan',     Y,    Y,      N,        N,        N],
    ['meeting.run',      N,    N,      N,        N,        N],
    ['meeting.respond',  N,    N,      N,        N,        N],
    ['meeting.review',   N,    N,      N,        N,        N],
    ['meeting.oversee',  Y,    Y,      Y,        N,        N],
  ];
  checkTable('commune A', meetingPolicy, communeA, () => ({ path: A }));

  const province: Row<MeetingAction>[] = [
    ['meeting.read',     Y,    N,      Y,        N,        N],
    ['meeting.plan',     Y,    N,      N,        N,        N],
    ['meeting.run',      N,    N,      N,        N,        N],
    ['meeting.respond',  N,    N,      N,        N,        N],
    ['meeting.review',   N,    N,      N,        N,        N],
    ['meeting.oversee',  Y,    N,      Y,        N,        N],
  ];
  checkTable('the province', meetingPolicy, province, () => ({ path: P }));

  checkTable('a cell out of branch', meetingPolicy, refusedAll(meetingPolicy), (role: Role) => ({ path: outside[role], personId: personOf(role) }));
});
