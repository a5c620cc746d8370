// Cell meetings (Chỉ thị 50-CT/TW, Hướng dẫn 42-HD/BTCTW): the plan of a year, the deadlines of the paperwork, the
// minimum length, the quality score. Every number is data (MeetingRules, the score template): the migration seeds
// today's values and a province corrects them there. Pure: no I/O, shared by server and web.
import { z } from 'zod';
import { addDays } from './supervision.js';
import { IsoDate } from './person.js';
import { storableText } from './documents.js';

export const meetingKinds = ['regular', 'thematic'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const attendanceStatuses = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export interface MeetingRules {
  /** Materials reach the members at least this many days before the meeting. */
  materialsDaysBefore: number;
  /** The resolution is published at most this many days after the meeting. */
  resolutionDaysAfter: number;
  /** Cells with fewer members meet at least `minMinutesSmall`, others `minMinutesLarge`. */
  largeCellMembers: number;
  minMinutesSmall: number;
  minMinutesLarge: number;
  /** Regular meetings a month, thematic meetings a quarter. */
  regularPerMonth: number;
  thematicPerQuarter: number;
  /** A planned meeting not recorded this many days after its day reminds the secretary; after the second, the commune. */
  remindSecretaryAfterDays: number;
  remindCommuneAfterDays: number;
}

export const defaultMeetingRules: MeetingRules = {
  materialsDaysBefore: 1,
  resolutionDaysAfter: 2,
  largeCellMembers: 30,
  minMinutesSmall: 90,
  minMinutesLarge: 120,
  regularPerMonth: 1,
  thematicPerQuarter: 1,
  remindSecretaryAfterDays: 3,
  remindCommuneAfterDays: 7,
};

/** Who a planned meeting not recorded yet reminds on `today`: nobody yet, its secretary, or (later) the commune too. */
export function reminderLevel(plannedOn: string, today: string, rules: Pick<MeetingRules, 'remindSecretaryAfterDays' | 'remindCommuneAfterDays'> = defaultMeetingRules): 'secretary' | 'commune' | null {
  if (addDays(plannedOn, rules.remindCommuneAfterDays) <= today) return 'commune';
  if (addDays(plannedOn, rules.remindSecretaryAfterDays) <= today) return 'secretary';
  return null;
}

/** A planned meeting of the year: its slot makes the plan idempotent (one regular a month, one thematic a quarter). */
export interface PlannedSlot {
  kind: MeetingKind;
  slot: string;
  plannedOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The year's plan of one cell: a regular meeting each month on `regularDay` (the 5th by habit), and a thematic one
 * each quarter in its middle month on `thematicDay` (the 20th) — both moved by the secretary later.
 */
export function yearPlan(year: number, rules: Pick<MeetingRules, 'regularPerMonth' | 'thematicPerQuarter'> = defaultMeetingRules, regularDay = 5, thematicDay = 20): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  for (let m = 1; m <= 12; m++)
    for (let i = 0; i < rules.regularPerMonth; i++) out.push({ kind: 'regular', slot: `${year}-${pad(m)}${i ? `-${i + 1}` : ''}`, plannedOn: `${year}-${pad(m)}-${pad(Math.min(28, regularDay + i * 14))}` });
  for (let q = 1; q <= 4; q++)
    for (let i = 0; i < rules.thematicPerQuarter; i++)
      out.push({ kind: 'thematic', slot: `${year}-Q${q}${i ? `-${i + 1}` : ''}`, plannedOn: `${year}-${pad(q * 3 - 1 + i)}-${pad(thematicDay)}` });
  return out;
}

export interface Warning {
  code: string;
  message: string;
}

/** Materials sent on `sentOn` for a meeting on `meetingOn`: late when fewer than `materialsDaysBefore` days before. */
export function materialsWarning(sentOn: string, meetingOn: string, rules: MeetingRules = defaultMeetingRules): Warning | null {
  if (sentOn <= addDays(meetingOn, -rules.materialsDaysBefore)) return null;
  return { code: 'materials_late', message: `Materials should reach the members at least ${rules.materialsDaysBefore} day(s) before the meeting` };
}

/** A resolution published on `publishedOn` for a meeting held on `heldOn`: late after `resolutionDaysAfter` days. */
export function resolutionWarning(publishedOn: string, heldOn: string, rules: MeetingRules = defaultMeetingRules): Warning | null {
  if (publishedOn <= addDays(heldOn, rules.resolutionDaysAfter)) return null;
  return { code: 'resolution_late', message: `The resolution should be published within ${rules.resolutionDaysAfter} days after the meeting` };
}

export const minimumMinutes = (members: number, rules: MeetingRules = defaultMeetingRules) => (members < rules.largeCellMembers ? rules.minMinutesSmall : rules.minMinutesLarge);

export function durationWarning(minutes: number, members: number, rules: MeetingRules = defaultMeetingRules): Warning | null {
  const min = minimumMinutes(members, rules);
  return minutes >= min ? null : { code: 'meeting_too_short', message: `A meeting of this cell lasts at least ${min} minutes` };
}

/** The quality template (42-HD): criteria with their maximum points, and bands by minimum total — seeded as data. */
export interface Criterion {
  code: string;
  labelVi: string;
  labelEn: string;
  maxPoints: number;
}
export interface Band {
  code: string;
  minScore: number;
}

export type ScoreSheet = Record<string, number>;

/** Every criterion scored once, within 0..max; returns field issues (path `scores.<code>`). */
export function scoreIssues(scores: ScoreSheet, criteria: Criterion[]): { path: string; code: string; message: string }[] {
  const issues: { path: string; code: string; message: string }[] = [];
  const known = new Set(criteria.map((c) => c.code));
  for (const k of Object.keys(scores)) if (!known.has(k)) issues.push({ path: `scores.${k}`, code: 'score_criterion_unknown', message: 'Unknown criterion' });
  for (const c of criteria) {
    const v = scores[c.code];
    if (v === undefined) issues.push({ path: `scores.${c.code}`, code: 'score_missing', message: 'Score every criterion' });
    else if (!Number.isFinite(v) || v < 0 || v > c.maxPoints) issues.push({ path: `scores.${c.code}`, code: 'score_out_of_range', message: `Between 0 and ${c.maxPoints}` });
  }
  return issues;
}

export const scoreTotal = (scores: ScoreSheet) => Math.round(Object.values(scores).reduce((a, b) => a + b, 0) * 10) / 10;

/** The band of a total: the highest band whose minimum it reaches (Good ≥ 90, Fair 70–89, Average 50–69, Weak < 50). */
export function bandOf(total: number, bands: Band[]): string {
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((b) => total >= b.minScore) ?? sorted[sorted.length - 1]!).code;
}

/** Where a meeting stands on a day: held, missed (its planned day is past by `graceDays` and nothing recorded), planned. */
export type MeetingState = 'held' | 'missed' | 'planned' | 'cancelled';
export function meetingState(m: { status: string; plannedOn: string }, today: string, graceDays = 7): MeetingState {
  if (m.status === 'held') return 'held';
  if (m.status === 'cancelled') return 'cancelled';
  return addDays(m.plannedOn, graceDays) < today ? 'missed' : 'planned';
}

/** The minutes on the 42-HD structure: the sections of a biên bản họp chi bộ. */
export const minutesSections = ['opening', 'previousResults', 'situation', 'documentsStudied', 'discussion', 'criticism', 'conclusions', 'closing'] as const;
export type MinutesSection = (typeof minutesSections)[number];

export const MeetingText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(storableText, { message: 'Contains characters that cannot be stored', params: { code: 'unstorable_text' } });

export const Minutes = z.strictObject({
  chair: MeetingText(200).default(''),
  secretary: MeetingText(200).default(''),
  sections: z
    .strictObject({
      opening: MeetingText(20_000),
      previousResults: MeetingText(20_000),
      situation: MeetingText(20_000),
      documentsStudied: MeetingText(20_000),
      discussion: MeetingText(20_000),
      criticism: MeetingText(20_000),
      conclusions: MeetingText(20_000),
      closing: MeetingText(20_000),
    } satisfies Record<MinutesSection, unknown>)
    .partial()
    .default({}),
});
export type Minutes = z.infer<typeof Minutes>;

const Time = z.string().refine((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t), { message: 'HH:MM', params: { code: 'not_a_time' } });

/** The commands a phone sends; each carries its own id and the version it last saw (the outbox). */
export const MeetingCommandBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('schedule'), plannedOn: IsoDate, startsAt: Time.nullish(), location: MeetingText(300).nullish(), topic: MeetingText(500).nullish() }),
  z.strictObject({ type: z.literal('setAgenda'), items: z.array(z.strictObject({ title: MeetingText(500).pipe(z.string().min(1)) })).max(50) }),
  z.strictObject({ type: z.literal('sendInvitations'), message: MeetingText(2000).default(''), guests: z.array(MeetingText(200).pipe(z.string().min(1))).max(20).default([]) }),
  z.strictObject({ type: z.literal('acknowledge') }),
  z.strictObject({ type: z.literal('apologize'), reason: MeetingText(1000).pipe(z.string().min(1)) }),
  z.strictObject({ type: z.literal('recordHeld'), heldOn: IsoDate, startsAt: Time.nullish(), durationMinutes: z.number().int().min(1).max(24 * 60) }),
  z.strictObject({
    type: z.literal('attendance'),
    entries: z
      .array(z.strictObject({ personId: z.uuid(), status: z.enum(attendanceStatuses), reason: MeetingText(1000).nullish() }))
      .min(1)
      .max(500),
    /**
     * "The rest are present": only members with nothing recorded yet get these entries, decided when the command is
     * applied — a tap that reached the server a moment earlier (or from another phone) is never overwritten.
     */
    onlyUnrecorded: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('minutes'), minutes: Minutes }),
  z.strictObject({ type: z.literal('resolution'), text: MeetingText(50_000).pipe(z.string().min(1)), publishedOn: IsoDate }),
  z.strictObject({ type: z.literal('addActionItem'), itemId: z.uuid(), title: MeetingText(1000).pipe(z.string().min(1)), ownerPersonId: z.uuid(), dueOn: IsoDate }),
  z.strictObject({ type: z.literal('followUp'), itemId: z.uuid(), status: z.enum(['open', 'done', 'dropped']), note: MeetingText(2000).default('') }),
  z.strictObject({ type: z.literal('score'), scores: z.record(z.string().max(40), z.number()) }),
  z.strictObject({ type: z.literal('review'), scores: z.record(z.string().max(40), z.number()), note: MeetingText(2000).default(''), close: z.boolean().default(false) }),
  z.strictObject({ type: z.literal('cancel'), reason: MeetingText(1000).pipe(z.string().min(1)) }),
  /** A document sent to the cell was studied (quán triệt) in this meeting: ticks it off the dissemination list. */
  z.strictObject({ type: z.literal('studyDocument'), disseminationId: z.uuid(), report: MeetingText(5000).nullish() }),
  /** A party document sent to the cell, attached from the register as a material (by reference, not a file). */
  z.strictObject({ type: z.literal('attachDocument'), disseminationId: z.uuid() }),
]);
export type MeetingCommandBody = z.infer<typeof MeetingCommandBody>;
export type MeetingCommandType = MeetingCommandBody['type'];

export const MeetingCommand = z.strictObject({
  commandId: z.uuid(),
  /** The phone or browser that queued it: its own earlier commands never conflict with it. */
  clientId: z.uuid(),
  baseVersion: z.number().int().min(0),
  command: MeetingCommandBody,
});
export type MeetingCommand = z.infer<typeof MeetingCommand>;

/** What a command touches: two commands conflict only when one's areas meet the other's (the conflict rule). */
export function commandAreas(c: MeetingCommandBody, actorPersonId: string | null): string[] {
  switch (c.type) {
    case 'attendance':
      // Filling in the unrecorded touches nothing anyone recorded: it meets no other command.
      return c.onlyUnrecorded ? [] : c.entries.map((e) => `attendance:${e.personId}`);
    case 'acknowledge':
    case 'apologize':
      return [`invitation:${actorPersonId ?? '?'}`];
    case 'addActionItem':
    case 'followUp':
      return [`actionItem:${c.itemId}`];
    case 'schedule':
    case 'recordHeld':
    case 'cancel':
      return ['schedule'];
    case 'setAgenda':
      return ['agenda'];
    case 'studyDocument':
      return [`study:${c.disseminationId}`];
    case 'attachDocument':
      return [`documentMaterial:${c.disseminationId}`];
    case 'sendInvitations':
      return ['invitations'];
    default:
      return [c.type];
  }
}

export const areasMeet = (a: string[], b: string[]) => a.some((x) => b.includes(x));
