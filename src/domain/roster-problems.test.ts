import { describe, expect, it } from 'vitest';
import { rosterProblemPlace, rosterProblemText, rosterProblemTexts } from './roster-problems.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('roster import problems catalog', () => {
  it('has every code in both languages with the same placeholders', () => {
    expect(Object.keys(rosterProblemTexts.en).sort()).toEqual(Object.keys(rosterProblemTexts.vi).sort());
    for (const [code, vi] of Object.entries(rosterProblemTexts.vi)) expect(placeholders(rosterProblemTexts.en[code as keyof typeof rosterProblemTexts.en]), code).toEqual(placeholders(vi));
  });

  it('formats numbers for the language and places a problem', () => {
    const p = { row: 1234, column: 'Số thẻ đảng', code: 'duplicate_in_file', message: 'dup', params: { row: 1200 } };
    expect(rosterProblemText(p, 'vi')).toMatch(/^Dòng 1\.200 cũng là người này/);
    expect(rosterProblemText(p, 'en')).toMatch(/^Row 1,200 is the same person/);
    expect(rosterProblemPlace(p, 'vi')).toBe('Dòng 1.234, cột «Số thẻ đảng»');
    expect(rosterProblemPlace({ ...p, row: 0, column: '' }, 'en')).toBe('File');
  });

  it('keeps the stored message when a parameter is missing (a job stored before the codes had parameters)', () => {
    expect(rosterProblemText({ row: 2, column: 'Mã chi bộ', code: 'unknown_cell', message: 'No current party cell…' }, 'vi')).toBe('No current party cell…');
  });
});
