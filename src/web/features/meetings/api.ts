// The meetings module's API shapes, as the server declares them (generated types), its reads and query keys.
// Writes to a meeting go through the outbox (outbox.ts) as commands, so that they survive a lost connection.
import { api, call, type Answer } from '../../api/client';

export type MeetingDetail = Answer<'/api/meetings/{id}', 'get'>;
export type MeetingState = MeetingDetail['meeting']['state'];
export type MeetingMinutes = NonNullable<MeetingDetail['meeting']['minutes']>;
export type AttendanceStatus = NonNullable<MeetingDetail['members'][number]['attendance']>['status'];
export type ActionItem = MeetingDetail['actionItems'][number];
export type ScoreSheet = NonNullable<MeetingDetail['score']['self']>;
export type Warning = MeetingDetail['warnings'][number];
export type Calendar = Answer<'/api/meetings/cells/{cellId}/calendar', 'get'>;
export type Missed = Answer<'/api/meetings/missed', 'get'>;
export type Reminder = Answer<'/api/meetings/reminders', 'get'>[number];
export type CommandAnswer = Answer<'/api/meetings/{id}/commands', 'post'>;

export const meetingKey = (id: string) => ['meetings', 'meeting', id] as const;
export const calendarKey = (cellId: string, year: number) => ['meetings', 'calendar', cellId, year] as const;

export const getMeeting = (id: string) => call(api.GET('/api/meetings/{id}', { params: { path: { id } } }));
export const getCalendar = (cellId: string, year: number) =>
  call(api.GET('/api/meetings/cells/{cellId}/calendar', { params: { path: { cellId }, query: { year } } }));
export const getMissed = (unitId: string, year: number) => call(api.GET('/api/meetings/missed', { params: { query: { unitId, year } } }));
export const getReminders = () => call(api.GET('/api/meetings/reminders'));
export const planYear = (unitId: string, year: number) => call(api.POST('/api/meetings/plan', { body: { unitId, year } }));

export const stateColor: Record<MeetingState, string> = { held: 'green.8', missed: 'red.8', planned: 'blue.8', cancelled: 'gray.7' };
export const bandColor: Record<string, string> = { good: 'green.8', fair: 'teal.8', average: 'yellow.9', weak: 'red.8' };
