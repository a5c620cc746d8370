// The job view's row problems read as sentences in the page's language, from the module's catalog.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { rosterProblemTexts } from '../../../domain/roster-problems.js';
import { problemText } from './problems.js';

// What module.tsx declares as the imports feature's catalogs (the test project does not compile .tsx).
const catalogs = { vi: { imports: { problems: rosterProblemTexts.vi } }, en: { imports: { problems: rosterProblemTexts.en } } };

describe('roster import problems on the page', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'vi', fallbackLng: 'vi', resources: { vi: { translation: catalogs.vi }, en: { translation: catalogs.en } }, interpolation: { escapeValue: false } });
  const date = { row: 3, column: 'Ngày sinh', code: 'invalid_date', message: '"31/02/1980" is not a date; write it as dd/mm/yyyy', params: { value: '31/02/1980' } };
  const dup = { row: 7, column: 'Số thẻ đảng', code: 'duplicate_in_file', message: 'The same party card number is on row 5', params: { row: 5 } };

  it('says what is wrong and what to do, naming the column, in Vietnamese', () => {
    const t = i18n.getFixedT('vi');
    expect(problemText(t, date)).toBe('«31/02/1980» ở cột «Ngày sinh» không phải là một ngày có thật. Hãy viết theo dạng dd/mm/yyyy, ví dụ 25/03/1980.');
    expect(problemText(t, dup)).toMatch(/^Dòng 5 cũng là người này \(trùng ở cột «Số thẻ đảng»\)/);
  });

  it('and in English', () => {
    expect(problemText(i18n.getFixedT('en'), date)).toBe('«31/02/1980» in the column «Ngày sinh» is not a real date. Write it as dd/mm/yyyy, e.g. 25/03/1980.');
  });

  it("falls back to the server's message for a code the catalog lacks", () => {
    expect(problemText(i18n.getFixedT('vi'), { row: 2, column: 'X', code: 'something_new', message: 'Something new' })).toBe('Something new');
  });
});
