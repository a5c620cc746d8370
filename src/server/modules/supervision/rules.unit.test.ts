// The rules as data (defaults, stored rows, validation), distinct reporters of a matter, the monthly trend.
import { describe, expect, it } from 'vitest';
import { defaultRules, flattenRules, rulesFromRows, validateRules } from '../../../domain/supervision-rules.js';
import { SUPERVISION_RULES } from '../../../domain/supervision.js';
import { byMonth } from './figures.js';
import { reporterKey } from './signals.js';

describe('supervision rules', () => {
  it('default to the constants and round-trip through rows', () => {
    const d = defaultRules();
    expect(d.deadlines.complaint).toEqual({ acknowledgeDays: 10, concludeDays: 30, extensionDays: SUPERVISION_RULES.extensionDays });
    expect(rulesFromRows([])).toEqual(d);
    const changed = { ...d, deadlines: { ...d.deadlines, criticism: { ...d.deadlines.criticism, concludeDays: 45 } } };
    expect(rulesFromRows(Object.entries(flattenRules(changed)).map(([key, value]) => ({ key, value })))).toEqual(changed);
    expect(rulesFromRows([{ key: 'deadline.complaint.acknowledgeDays', value: 5 }, { key: 'nonsense', value: 1 }]).deadlines.complaint.acknowledgeDays).toBe(5);
  });

  it('report every problem at once', () => {
    const r = defaultRules();
    r.deadlines.suggestion.acknowledgeDays = -1;
    r.deadlines.denunciation = { acknowledgeDays: 20, concludeDays: 10, extensionDays: 0 };
    expect(validateRules(r).map((i) => `${i.path}:${i.code}`)).toEqual([
      'deadlines.suggestion.acknowledgeDays:rule_range',
      'deadlines.denunciation.concludeDays:rule_order',
    ]);
    expect(validateRules(defaultRules())).toEqual([]);
  });
});

describe('reporters of a matter', () => {
  const base = { id: 'x', anonymous: false, reporter_user_id: null, reporter_name: null, reporter_contact: null };
  it('are a member account, else a normalized name and contact; each anonymous report is its own', () => {
    expect(reporterKey({ ...base, reporter_user_id: 'u1', reporter_name: 'A' })).toBe(reporterKey({ ...base, id: 'y', reporter_user_id: 'u1', reporter_name: 'B' }));
    expect(reporterKey({ ...base, reporter_name: 'Hà Thị Mai', reporter_contact: '0912 345 678' })).toBe(reporterKey({ ...base, reporter_name: ' hà thị  mai ', reporter_contact: '0912.345.678' }));
    expect(reporterKey({ ...base, anonymous: true })).not.toBe(reporterKey({ ...base, id: 'y', anonymous: true }));
  });
});

describe('trend', () => {
  it('counts per month and category over 12 months, empty months included', () => {
    const t = byMonth([{ received_on: '2026-11-02', category: 'complaint' }, { received_on: '2026-11-20', category: 'complaint' }, { received_on: '2026-01-05', category: 'suggestion' }, { received_on: '2025-01-05', category: 'suggestion' }], '2026-11-25');
    expect(t).toHaveLength(12);
    expect(t[0].month).toBe('2025-12');
    expect(t[11]).toEqual({ month: '2026-11', counts: { suggestion: 0, criticism: 0, complaint: 2, denunciation: 0 } });
    expect(t[1].counts.suggestion).toBe(1);
  });
});
