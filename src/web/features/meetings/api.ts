// The meetings module's API shapes, as the server declares them (routes.ts), and its reads. Written against the
// current client (`api<T>`); the generated client replaces these types at the merge.
import { api } from '../../api/client';

export type MeetingState = 'held' | 'missed' | 'planned' | 'cancelled';
export type AttendanceStatus = 'present' | 'excused' | 'absent';
export interface Warning {
  code: string;
  message: string;
}

export interface Calendar {
  cellId: string;
  cellName: string;
  year: number;
  months: { month: string; meetings: { id: string; kind: 'regular' | 'thematic'; plannedOn: string; heldOn: string | null; state: MeetingState; band: string | null }[] }[];
  actions: string[];
}

export interface Missed {
  unitId: string;
  unitName: string;
  year: number;
  months: { month: string; cells: number; missed: { cellId: string; cell: string }[] }[];
  quarters: { quarter: string; cells: number; missed: { cellId: string; cell: string }[] }[];
}

export interface ActionItem {
  id: string;
  title: string;
  ownerPersonId: string;
  owner: string;
  dueOn: string;
  status: 'open' | 'done' | 'dropped';
  doneOn: string | null;
  followUpNote: string | null;
  overdue: boolean;
}
export interface ScoreSheet {
  scores: Record<string, number>;
  total: number;
  band: string;
}
export interface MeetingMinutes {
  chair?: string;
  secretary?: string;
  sections?: Record<string, string>;
}

export interface MeetingDetail {
  meeting: {
    id: string;
    cellId: string;
    cell: string;
    kind: 'regular' | 'thematic';
    slot: string | null;
    plannedOn: string;
    startsAt: string | null;
    location: string | null;
    topic: string | null;
    status: 'planned' | 'held' | 'cancelled';
    state: MeetingState;
    cancelReason: string | null;
    heldOn: string | null;
    durationMinutes: number | null;
    invitationMessage: string | null;
    invitationsSentOn: string | null;
    guests: string[];
    minutes: MeetingMinutes | null;
    resolutionText: string | null;
    resolutionPublishedOn: string | null;
    version: number;
  };
  agenda: { title: string }[];
  carriedItems: (ActionItem & { fromMeetingOn: string })[];
  members: {
    personId: string;
    fullName: string;
    invitation: { sentOn: string; acknowledgedAt: string | null; apologyReason: string | null } | null;
    attendance: { status: AttendanceStatus; reason: string | null } | null;
  }[];
  materials: { id: string; fileName: string; mime: string; size: number; sentOn: string; late: boolean }[];
  actionItems: ActionItem[];
  studies: { disseminationId: string; number: string; title: string; deadline: string; studiedOn: string | null; state: 'studied' | 'studied_late' | 'pending' | 'overdue' }[];
  score: {
    criteria: { code: string; labelVi: string; labelEn: string; maxPoints: number }[];
    bands: { code: string; minScore: number }[];
    self: ScoreSheet | null;
    review: (ScoreSheet & { note: string | null; closedOn: string | null }) | null;
  };
  rules: { materialsDaysBefore: number; resolutionDaysAfter: number; largeCellMembers: number; minMinutesSmall: number; minMinutesLarge: number };
  warnings: Warning[];
  actions: string[];
}

export interface CommandAnswer {
  commandId: string;
  meetingId: string;
  version: number;
  warnings: Warning[];
  replayed: boolean;
}

export const meetingKey = (id: string) => ['meetings', 'meeting', id] as const;
export const calendarKey = (cellId: string, year: number) => ['meetings', 'calendar', cellId, year] as const;

export const getMeeting = (id: string) => api<MeetingDetail>(`/api/meetings/${id}`);
export const getCalendar = (cellId: string, year: number) => api<Calendar>(`/api/meetings/cells/${cellId}/calendar`, { query: { year } });
export const getMissed = (unitId: string, year: number) => api<Missed>('/api/meetings/missed', { query: { unitId, year } });
export interface Reminder {
  id: string;
  cellId: string;
  cell: string;
  kind: 'regular' | 'thematic';
  plannedOn: string;
  level: 'secretary' | 'commune';
  yours: boolean;
}
export const getReminders = () => api<Reminder[]>('/api/meetings/reminders');
export const planYear = (unitId: string, year: number) => api<{ cells: number; created: number }>('/api/meetings/plan', { method: 'POST', body: { unitId, year } });

export const stateColor: Record<MeetingState, string> = { held: 'green.8', missed: 'red.8', planned: 'blue.8', cancelled: 'gray.6' };
export const bandColor: Record<string, string> = { good: 'green.8', fair: 'teal.8', average: 'yellow.9', weak: 'red.8' };
