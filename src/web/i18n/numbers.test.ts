// Issue 14, defect 11: "128555" without separators. Every amount in a translated sentence is grouped vi-VN.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { amountFormatter } from './numbers.js';

const make = async (lng: string) => {
  const i = i18next.createInstance();
  await i.use(amountFormatter).init({
    lng,
    resources: {
      vi: { translation: { open: 'Mở đợt cho {{count}} đảng viên, {{cells}} chi bộ', year: 'Năm {{year}}', pct: '{{percent}} %', row: 'Dòng {{row}}' } },
      en: { translation: { open: 'Open for {{count}} members, {{cells}} cells' } },
    },
    interpolation: { escapeValue: false, alwaysFormat: true },
  });
  return i;
};

describe('numbers in sentences', () => {
  it('are grouped the Vietnamese way, and the English way in English', async () => {
    const vi = await make('vi');
    expect(vi.t('open', { count: 128555, cells: 5012 })).toBe('Mở đợt cho 128.555 đảng viên, 5.012 chi bộ');
    expect(vi.t('pct', { percent: 35.25 })).toBe('35,25 %');
    const en = await make('en');
    expect(en.t('open', { count: 128555, cells: 5012 })).toBe('Open for 128,555 members, 5,012 cells');
  });

  it('leave labels alone: a year, a row of a file', async () => {
    const vi = await make('vi');
    expect(vi.t('year', { year: 2025 })).toBe('Năm 2025');
    expect(vi.t('row', { row: 12345 })).toBe('Dòng 12345');
  });
});
