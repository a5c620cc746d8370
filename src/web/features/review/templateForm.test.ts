// The criteria templates draft: the four groups in order, every problem at once on its field, the server's paths
// placed on the nearest field shown, and a translation for every code the screen can show.
import { describe, expect, it } from 'vitest';
import { defaultTemplateSet, reviewGroups } from '../../../domain/review.js';
import { reviewIssueMessages } from '../../../domain/review-issues.js';
import { templateSetProblems } from '../../../server/modules/review/rules.js';
import en from './i18n/en.json' with { type: 'json' };
import vi from './i18n/vi.json' with { type: 'json' };
import { criteriaSum, draftProblems, newCriterion, placeProblems, shownPaths, toBody, toDraft, toInt, type Draft } from './templateForm.js';

const draft = (): Draft => toDraft(defaultTemplateSet);
const codesAt = (d: Draft) => draftProblems(d).map((p) => `${p.path}:${p.code}`);

describe('criteria templates draft', () => {
  it('holds the four groups in order, a missing one from the default set, and goes back unchanged', () => {
    const shuffled = { cap: defaultTemplateSet.cap, templates: [...defaultTemplateSet.templates].reverse().slice(0, 3) };
    const d = toDraft(shuffled);
    expect(d.templates.map((t) => t.group)).toEqual([...reviewGroups]);
    expect(toBody(draft())).toEqual(defaultTemplateSet);
    expect(draftProblems(draft())).toEqual([]);
  });

  it('reads typed numbers as whole numbers only', () => {
    expect([toInt(5), toInt('12'), toInt(' 7 '), toInt(''), toInt('1.5'), toInt(2.5), toInt('x')].map(String)).toEqual(['5', '12', '7', 'NaN', 'NaN', 'NaN', 'NaN']);
  });

  it('finds a sum of 99 on the criteria list, with the sum', () => {
    const d = draft();
    d.templates[0].criteria[0].maxPoints = 14;
    expect(criteriaSum(d.templates[0])).toBe(99);
    expect(draftProblems(d)).toEqual([{ path: 'templates.0.criteria', code: 'template_sum_100', params: { sum: 99 } }]);
  });

  it('finds every problem at once, each on its field', () => {
    const d = draft();
    d.cap.percent = 120;
    const sec = d.templates[0];
    sec.criteria[1].code = sec.criteria[0].code;
    sec.criteria[2].title = '  ';
    sec.criteria[3].maxPoints = '';
    sec.thresholds.good = 95;
    d.templates[1].conditions.completedMaxLatePct = -1;
    d.templates[2].criteria.push(newCriterion());
    d.templates[3].criteria = [];
    expect(codesAt(d)).toEqual([
      'cap.percent:int_range',
      'templates.0.criteria.0.code:template_duplicate_code',
      'templates.0.criteria.1.code:template_duplicate_code',
      'templates.0.criteria.2.title:required',
      'templates.0.criteria.3.maxPoints:required',
      'templates.0.criteria:template_sum_100',
      'templates.0.thresholds:template_thresholds_order',
      'templates.1.conditions.completedMaxLatePct:int_range',
      'templates.2.criteria.4.code:required',
      'templates.2.criteria.4.title:required',
      'templates.2.criteria.4.maxPoints:required',
      'templates.3.criteria:no_criteria',
    ]);
  });

  it('finds whatever the server refuses too (same rules, same paths)', () => {
    const d = draft();
    d.templates[1].criteria[0].maxPoints = 30;
    d.templates[2].thresholds.completed = 80;
    const server = templateSetProblems(toBody(d)).map((p) => `${p.path}:${p.code}`);
    expect(server.every((s) => codesAt(d).includes(s))).toBe(true);
  });

  it('places the server paths on the nearest field shown, the rest apart', () => {
    const d = draft();
    const { byPath, rest } = placeProblems(
      [
        { path: 'templates.0.criteria', code: 'template_sum_100' },
        { path: 'templates.1.criteria.2.maxPoints', code: 'too_big' },
        { path: 'templates.1.criteria.9.maxPoints', code: 'too_big' },
        { path: 'templates.2.form', code: 'invalid_value' },
        { path: 'templates', code: 'template_groups' },
        { path: 'unitId', code: 'invalid_format' },
      ],
      shownPaths(d),
    );
    expect(Object.fromEntries(Object.entries(byPath).map(([k, v]) => [k, v.map((p) => p.code)]))).toEqual({
      'templates.0.criteria': ['template_sum_100'],
      'templates.1.criteria.2.maxPoints': ['too_big'],
      'templates.1.criteria': ['too_big'],
      'templates.2': ['invalid_value'],
    });
    expect(rest.map((p) => p.code)).toEqual(['template_groups', 'invalid_format']);
  });
});

type Tree = { [k: string]: string | Tree };
const get = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree);

describe('criteria templates catalogs', () => {
  const wanted = [
    ...['required', 'int_range', 'too_long', 'no_criteria', 'too_many_criteria'].map((c) => `review.templates.problems.${c}`),
    ...Object.keys(reviewIssueMessages).filter((c) => c.startsWith('template_')).map((c) => `review.issues.${c}`),
    'review.issues.template_sum_100_detail',
  ];
  it.each([['vi', vi], ['en', en]] as const)('%s translates every problem the screen shows', (_lang, catalog) => {
    expect(wanted.filter((k) => typeof get(catalog as Tree, k) !== 'string')).toEqual([]);
  });
});
