import { describe, expect, it } from 'vitest';
import {
  areasMeet,
  bandOf,
  commandAreas,
  defaultMeetingRules,
  durationWarning,
  materialsWarning,
  meetingState,
  MeetingCommand,
  minimumMinutes,
  reminderLevel,
  resolutionWarning,
  scoreIssues,
  scoreTotal,
  yearPlan,
} from './meetings.js';

const bands = [
  { code: 'good', minScore: 90 },
  { code: 'fair', minScore: 70 },
  { code: 'average', minScore: 50 },
  { code: 'weak', minScore: 0 },
];

describe('meeting rules', () => {
  it('plans 12 regular meetings and 4 thematic ones a year, one slot each', () => {
    const plan = yearPlan(2026);
    expect(plan.filter((p) => p.kind === 'regular')).toHaveLength(12);
    expect(plan.filter((p) => p.kind === 'thematic').map((p) => p.plannedOn)).toEqual(['2026-02-20', '2026-05-20', '2026-08-20', '2026-11-20']);
    expect(new Set(plan.map((p) => p.slot)).size).toBe(16);
  });
  it('warns when materials arrive less than a day before', () => {
    expect(materialsWarning('2026-03-04', '2026-03-05')).toBeNull();
    expect(materialsWarning('2026-03-05', '2026-03-05')?.code).toBe('materials_late');
    expect(materialsWarning('2026-03-03', '2026-03-05', { ...defaultMeetingRules, materialsDaysBefore: 3 })?.code).toBe('materials_late');
  });
  it('warns when the resolution is published later than 2 days after', () => {
    expect(resolutionWarning('2026-03-07', '2026-03-05')).toBeNull();
    expect(resolutionWarning('2026-03-08', '2026-03-05')?.code).toBe('resolution_late');
  });
  it('needs 90 minutes under 30 members, 120 from 30', () => {
    expect(minimumMinutes(29)).toBe(90);
    expect(minimumMinutes(30)).toBe(120);
    expect(durationWarning(90, 12)).toBeNull();
    expect(durationWarning(100, 35)?.code).toBe('meeting_too_short');
  });
  it('bands a total: Good ≥ 90, Fair 70–89, Average 50–69, Weak < 50', () => {
    expect([95, 90, 89.5, 70, 69, 50, 49.9, 0].map((t) => bandOf(t, bands))).toEqual(['good', 'good', 'fair', 'fair', 'average', 'average', 'weak', 'weak']);
  });
  it('checks a score sheet against the criteria', () => {
    const criteria = [
      { code: 'time', labelVi: '', labelEn: '', maxPoints: 5 },
      { code: 'conduct', labelVi: '', labelEn: '', maxPoints: 30 },
    ];
    expect(scoreIssues({ time: 5, conduct: 30 }, criteria)).toEqual([]);
    expect(scoreIssues({ time: 6, other: 1 }, criteria).map((i) => i.code).sort()).toEqual(['score_criterion_unknown', 'score_missing', 'score_out_of_range']);
    expect(scoreTotal({ time: 4.5, conduct: 28 })).toBe(32.5);
  });
  it('reminds the secretary 3 days after an unrecorded meeting, then the commune after 7', () => {
    expect(reminderLevel('2026-03-05', '2026-03-07')).toBeNull();
    expect(reminderLevel('2026-03-05', '2026-03-08')).toBe('secretary');
    expect(reminderLevel('2026-03-05', '2026-03-12')).toBe('commune');
  });
  it('calls a planned meeting missed a week after its day', () => {
    expect(meetingState({ status: 'planned', plannedOn: '2026-03-05' }, '2026-03-12')).toBe('planned');
    expect(meetingState({ status: 'planned', plannedOn: '2026-03-05' }, '2026-03-13')).toBe('missed');
    expect(meetingState({ status: 'held', plannedOn: '2026-03-05' }, '2027-01-01')).toBe('held');
  });
  it('lets two commands conflict only when they touch the same part', () => {
    const a = commandAreas({ type: 'attendance', entries: [{ personId: 'p1', status: 'present' }] } as never, null);
    const b = commandAreas({ type: 'attendance', entries: [{ personId: 'p2', status: 'absent' }] } as never, null);
    expect(areasMeet(a, b)).toBe(false);
    expect(areasMeet(a, commandAreas({ type: 'attendance', entries: [{ personId: 'p1', status: 'absent' }] } as never, null))).toBe(true);
    expect(areasMeet(['minutes'], ['minutes'])).toBe(true);
  });
  it('refuses NUL characters and lone surrogates in text', () => {
    const base = { commandId: crypto.randomUUID(), clientId: crypto.randomUUID(), baseVersion: 1 };
    expect(MeetingCommand.safeParse({ ...base, command: { type: 'apologize', reason: 'ốm' } }).success).toBe(true);
    expect(MeetingCommand.safeParse({ ...base, command: { type: 'apologize', reason: 'a\u0000b' } }).success).toBe(false);
    expect(MeetingCommand.safeParse({ ...base, command: { type: 'apologize', reason: 'a\uD800b' } }).success).toBe(false);
  });
});
