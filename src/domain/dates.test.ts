import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ageOn, formatDateVi, isIsoDate, parseDateVi, placeDateLine, todayIso } from './dates.js';

const pad2 = (n: number) => String(n).padStart(2, '0');
// Random real dates 1900–2100 built without the code under test (Date.UTC rolls over invalid days,
// so we keep only those that survive the round trip).
const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`);

describe('formatDateVi', () => {
  it('formats ISO dates and Dates as dd/mm/yyyy', () => {
    expect(formatDateVi('2025-02-14')).toBe('14/02/2025');
    expect(formatDateVi('2025-02-14T10:00:00Z')).toBe('14/02/2025');
    expect(formatDateVi(new Date(2025, 1, 4))).toBe('04/02/2025'); // local midnight, as node-pg gives DATEs
  });

  it('gives empty text for missing or invalid input', () => {
    expect(formatDateVi(null)).toBe('');
    expect(formatDateVi(undefined)).toBe('');
    expect(formatDateVi('')).toBe('');
    expect(formatDateVi('2023-02-29')).toBe('');
    expect(formatDateVi(new Date(NaN))).toBe('');
  });
});

describe('parseDateVi', () => {
  it('parses dd/mm/yyyy and its variants', () => {
    expect(parseDateVi('14/02/2025')).toBe('2025-02-14');
    expect(parseDateVi('4/2/2025')).toBe('2025-02-04');
    expect(parseDateVi(' 04-02-2025 ')).toBe('2025-02-04');
    expect(parseDateVi('04.02.2025')).toBe('2025-02-04');
    expect(parseDateVi('29/02/2024')).toBe('2024-02-29');
    expect(parseDateVi('29/02/2000')).toBe('2000-02-29');
  });

  it('rejects dates that do not exist and malformed text', () => {
    for (const s of ['31/02/2024', '29/02/2023', '29/02/1900', '31/04/2025', '00/01/2025', '01/13/2025',
      '01/00/2025', '1/1/25', '01/02-2025', '2025-02-14', '14/02/2025x', '', 'abc']) {
      expect(parseDateVi(s), s).toBeNull();
    }
  });

  it('round-trips with formatDateVi for any date 1900–2100', () => {
    fc.assert(fc.property(isoDate, (iso) => {
      expect(parseDateVi(formatDateVi(iso))).toBe(iso);
    }), { numRuns: 2000 });
  });

  it('rejects invalid day/month combinations and accepts exactly the real ones', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1900, max: 2100 }),
      (d, m, y) => {
        const real = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
        expect(parseDateVi(`${d}/${m}/${y}`) !== null).toBe(exists);
      }), { numRuns: 2000 });
  });
});

describe('isIsoDate', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-29')).toBe(false);
    expect(isIsoDate('2024-02-29T00:00:00Z')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
  });

  it('accepts every generated date', () => {
    fc.assert(fc.property(isoDate, (iso) => isIsoDate(iso)));
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1990-05-20', '2025-05-19')).toBe(34);
    expect(ageOn('1990-05-20', '2025-05-20')).toBe(35);
    expect(ageOn('1990-05-20', '2025-12-31')).toBe(35);
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('rejects invalid dates', () => {
    expect(() => ageOn('2023-02-29', '2025-01-01')).toThrow(RangeError);
  });
});

describe('todayIso', () => {
  it('uses the Vietnam calendar day by default', () => {
    const lateUtc = new Date('2025-02-13T20:00:00Z'); // already 03:00 on the 14th in Hanoi
    expect(todayIso(undefined, lateUtc)).toBe('2025-02-14');
    expect(todayIso('UTC', lateUtc)).toBe('2025-02-13');
    expect(isIsoDate(todayIso())).toBe(true);
  });

  it('turns the day at midnight in Hanoi, remembered answer or not', () => {
    expect(todayIso(undefined, new Date('2025-02-13T16:59:59.999Z'))).toBe('2025-02-13');
    expect(todayIso(undefined, new Date('2025-02-13T17:00:00.000Z'))).toBe('2025-02-14');
    expect(todayIso(undefined, new Date('2025-02-13T17:00:30.000Z'))).toBe('2025-02-14');
    expect(todayIso(undefined, new Date('2025-02-13T16:59:30.000Z'))).toBe('2025-02-13');
    // a time zone with a 45-minute offset (Nepal, UTC+5:45) turns on a minute boundary too
    expect(todayIso('Asia/Kathmandu', new Date('2025-02-13T18:14:59.000Z'))).toBe('2025-02-13');
    expect(todayIso('Asia/Kathmandu', new Date('2025-02-13T18:15:00.000Z'))).toBe('2025-02-14');
  });
});

describe('placeDateLine', () => {
  it('writes the dated place line of official reports', () => {
    expect(placeDateLine('Tuyên Quang', '2025-02-14')).toBe('Tuyên Quang, ngày 14 tháng 02 năm 2025');
    expect(placeDateLine('Hà Giang', '2025-11-05')).toBe('Hà Giang, ngày 05 tháng 11 năm 2025');
  });
});
