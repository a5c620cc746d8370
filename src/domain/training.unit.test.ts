// The pure rules of training: completion by attendance share and score, the theory level a pass gives, the
// certificate's status and the text its signature covers.
import { describe, expect, it } from 'vitest';
import { attendancePct, certificatePayload, certificateStatus, completionResult, CourseBody, raisedTheoryLevel } from './training.js';

describe('training rules', () => {
  it('passes at the attendance share and the score the course asks, not below', () => {
    expect(completionResult({ minAttendancePct: 80, minScore: null }, { attendancePct: 80, score: null })).toBe('passed');
    expect(completionResult({ minAttendancePct: 80, minScore: null }, { attendancePct: 79.9, score: null })).toBe('failed');
    expect(completionResult({ minAttendancePct: 80, minScore: 5 }, { attendancePct: 100, score: null })).toBe('failed');
    expect(completionResult({ minAttendancePct: 80, minScore: 5 }, { attendancePct: 100, score: 4.9 })).toBe('failed');
    expect(completionResult({ minAttendancePct: 80, minScore: 5 }, { attendancePct: 100, score: 5 })).toBe('passed');
    expect(attendancePct(2, 3)).toBe(66.7);
    expect(attendancePct(0, 0)).toBe(100);
  });

  it('raises a theory level, never lowers it', () => {
    expect(raisedTheoryLevel('none', 'elementary')).toBe('elementary');
    expect(raisedTheoryLevel('intermediate', 'elementary')).toBeNull();
    expect(raisedTheoryLevel('bachelor', 'advanced')).toBeNull();
  });

  it('says revoked before expired, and signs every field it shows', () => {
    expect(certificateStatus({ revokedOn: '2025-01-01', expiresOn: '2020-01-01' }, '2025-06-01')).toBe('revoked');
    expect(certificateStatus({ revokedOn: null, expiresOn: '2025-05-31' }, '2025-06-01')).toBe('expired');
    expect(certificateStatus({ revokedOn: null, expiresOn: null }, '2025-06-01')).toBe('valid');
    const c = { code: 'BD2025-AAAAA-BBBBB', personName: 'Nguyễn Thị Xiến', courseTitle: 'Sơ cấp', startsOn: '2025-01-01', endsOn: '2025-01-05', hours: 40, attendancePct: 90, score: 7.5, result: 'passed', issuedOn: '2025-01-06', expiresOn: null };
    expect(certificatePayload({ ...c, hours: 41 })).not.toBe(certificatePayload(c));
    expect(certificatePayload({ ...c, personName: 'Nguyễn Thị Xiên' })).not.toBe(certificatePayload(c));
  });

  it('refuses an impossible date and a NUL byte in a course, naming the field', () => {
    const base = { title: 'Lớp', kindCode: 'party_work', organizerUnitId: '00000000-0000-4000-8000-000000000001', targetGroup: 'secretaries', startsOn: '2025-01-01', endsOn: '2025-01-02', place: 'X', capacity: 10 };
    const bad = CourseBody.safeParse({ ...base, startsOn: '2025-02-30', place: 'a\u0000b' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['place', 'startsOn']);
  });
});
