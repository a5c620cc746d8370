// Training of secretaries: the shapes of the input shared by the API and the web forms, and the pure rules
// (completion by attendance share and final score; the theory level a passed course gives).
import { z } from 'zod';
import { storableText } from './documents.js';
import { theoryLevels, type TheoryLevel } from './enums.js';
import { IsoDate } from './person.js';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(storableText, { message: 'Contains characters that cannot be stored', params: { code: 'unstorable_text' } });

export const Code = z.string().regex(/^[a-z0-9_]{1,40}$/, 'Unknown code');

export const SessionBody = z.strictObject({
  heldOn: IsoDate,
  hours: z.number().min(0.5).max(12),
  topic: Text(300).pipe(z.string().min(1)),
});
export type SessionBody = z.infer<typeof SessionBody>;

export const CourseBody = z.strictObject({
  title: Text(300).pipe(z.string().min(2)),
  kindCode: Code,
  organizerUnitId: z.uuid(),
  targetGroup: Code,
  startsOn: IsoDate,
  endsOn: IsoDate,
  place: Text(300).pipe(z.string().min(1)),
  capacity: z.number().int().min(1).max(2000),
  /** Seats on the waiting list once the course is full; beyond them an enrolment is refused. */
  waitlistCapacity: z.number().int().min(0).max(2000).default(20),
  /** Completion rules; omitted: the kind's own. */
  minAttendancePct: z.number().int().min(0).max(100).optional(),
  minScore: z.number().min(0).max(10).nullish(),
  sessions: z.array(SessionBody).max(60).default([]),
});
export type CourseBody = z.infer<typeof CourseBody>;

/** A change of an open course: any of these fields; sessions are added one by one (SessionBody). */
export const CourseEditBody = z
  .strictObject({
    title: Text(300).pipe(z.string().min(2)).optional(),
    startsOn: IsoDate.optional(),
    endsOn: IsoDate.optional(),
    place: Text(300).pipe(z.string().min(1)).optional(),
    capacity: z.number().int().min(1).max(2000).optional(),
    waitlistCapacity: z.number().int().min(0).max(2000).optional(),
    minAttendancePct: z.number().int().min(0).max(100).optional(),
    minScore: z.number().min(0).max(10).nullish(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change', params: { code: 'nothing_to_change' } });
export type CourseEditBody = z.infer<typeof CourseEditBody>;

export const CancelCourseBody = z.strictObject({ reason: Text(500).pipe(z.string().min(3)) });

export const EnrolBody = z.strictObject({ personIds: z.array(z.uuid()).min(1).max(500) });
export const AttendanceBody = z.strictObject({
  entries: z.array(z.strictObject({ personId: z.uuid(), present: z.boolean() })).min(1).max(2000),
});
export const ScoreBody = z.strictObject({ score: z.number().min(0).max(10).nullable() });
export const RevokeBody = z.strictObject({ reason: Text(500).pipe(z.string().min(3)) });

export type EnrolmentStatus = 'enrolled' | 'waiting' | 'withdrawn';
export type TrainingResult = 'passed' | 'failed';

/** Passed when present at least at the share of the sessions the course asks, and, when it asks one, the score reached. */
export function completionResult(rule: { minAttendancePct: number; minScore: number | null }, got: { attendancePct: number; score: number | null }): TrainingResult {
  if (got.attendancePct + 1e-9 < rule.minAttendancePct) return 'failed';
  if (rule.minScore !== null && (got.score === null || got.score < rule.minScore)) return 'failed';
  return 'passed';
}

export const attendancePct = (present: number, sessions: number) => (sessions === 0 ? 100 : Math.round((1000 * present) / sessions) / 10);

/** A passed theory course raises the level it gives; it never lowers one already held (bachelor counts with advanced). */
export function raisedTheoryLevel(current: TheoryLevel, given: TheoryLevel): TheoryLevel | null {
  return theoryLevels.indexOf(given) > theoryLevels.indexOf(current) && !(current === 'bachelor') ? given : null;
}

/** The text a certificate's signature covers: every field the public page shows, in a fixed order. */
export function certificatePayload(c: {
  code: string;
  personName: string;
  courseTitle: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  attendancePct: number;
  score: number | null;
  result: string;
  issuedOn: string;
  expiresOn: string | null;
}): string {
  return ['chibo-cert-v1', c.code, c.personName, c.courseTitle, c.startsOn, c.endsOn, String(c.hours), String(c.attendancePct), c.score === null ? '' : String(c.score), c.result, c.issuedOn, c.expiresOn ?? ''].join('\n');
}

export type CertificateStatus = 'valid' | 'revoked' | 'expired';
export function certificateStatus(c: { revokedOn: string | null; expiresOn: string | null }, today: string): CertificateStatus {
  if (c.revokedOn) return 'revoked';
  if (c.expiresOn && c.expiresOn < today) return 'expired';
  return 'valid';
}
