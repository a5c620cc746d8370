import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTemplateSet, levelRank, reviewLevels, type Template } from '../../../domain/review.js';
import { capCheck, classify, levelIssues, scoreProblems, templateSetProblems, type Conditions } from './rules.js';

const template = defaultTemplateSet.templates.find((t) => t.group === 'member_2c')! as Template;

const conditionsArb: fc.Arbitrary<Conditions> = fc
  .record({ score: fc.integer({ min: 0, max: 100 }), tasksTotal: fc.integer({ min: 0, max: 200 }), disciplined: fc.boolean(), shortcomingsFixed: fc.boolean() })
  .chain((c) =>
    fc.record({ tasksLate: fc.integer({ min: 0, max: c.tasksTotal }), tasksExceeding: fc.integer({ min: 0, max: c.tasksTotal }) }).map((t) => ({ ...c, ...t })),
  );
const perfect: Conditions = { score: 95, tasksTotal: 10, tasksLate: 0, tasksExceeding: 4, disciplined: false, shortcomingsFixed: true };

describe('classify (366-QĐ/TW)', () => {
  it.each([
    [{ ...perfect }, 'excellent'],
    [{ ...perfect, score: 90 }, 'excellent'],
    [{ ...perfect, score: 89 }, 'good'],
    [{ ...perfect, tasksExceeding: 2 }, 'good'],
    [{ ...perfect, disciplined: true }, 'good'],
    [{ ...perfect, shortcomingsFixed: false }, 'good'],
    [{ ...perfect, tasksLate: 1 }, 'completed'],
    [{ ...perfect, score: 70, tasksExceeding: 0 }, 'good'],
    [{ ...perfect, score: 69 }, 'completed'],
    [{ ...perfect, score: 50, tasksLate: 2 }, 'completed'],
    [{ ...perfect, score: 60, tasksLate: 3 }, 'not_completed'],
    [{ ...perfect, score: 49 }, 'not_completed'],
  ] as const)('%o → %s', (c, level) => {
    expect(classify(c, template)).toBe(level);
  });

  it('a higher score never gives a worse level', () => {
    fc.assert(
      fc.property(conditionsArb, fc.integer({ min: 0, max: 100 }), (c, more) => {
        const higher = { ...c, score: Math.min(100, c.score + more) };
        return levelRank(classify(higher, template)) <= levelRank(classify(c, template));
      }),
    );
  });

  it('more late tasks never give a better level', () => {
    fc.assert(
      fc.property(conditionsArb, (c) => {
        if (c.tasksLate >= c.tasksTotal) return true;
        return levelRank(classify({ ...c, tasksLate: c.tasksLate + 1 }, template)) >= levelRank(classify(c, template));
      }),
    );
  });

  it('excellent only at 90+ with all its conditions; good only at 70+ with every task on time', () => {
    fc.assert(
      fc.property(conditionsArb, (c) => {
        const level = classify(c, template);
        if (level === 'excellent') expect(c.score >= 90 && c.tasksLate === 0 && !c.disciplined && c.shortcomingsFixed && c.tasksExceeding * 10 >= c.tasksTotal * 3).toBe(true);
        if (level === 'good') expect(c.score >= 70 && c.tasksLate === 0).toBe(true);
        if (level === 'completed') expect(c.score >= 50 && c.tasksLate * 5 <= c.tasksTotal).toBe(true);
      }),
    );
  });
});

describe('levelIssues', () => {
  it('accepts the allowed level and every stricter one; refuses every better one, naming a rule', () => {
    fc.assert(
      fc.property(conditionsArb, fc.constantFrom(...reviewLevels), (c, level) => {
        const allowed = classify(c, template);
        const issues = levelIssues(level, c, template);
        if (levelRank(level) >= levelRank(allowed)) return issues.length === 0;
        return issues.length > 0 && issues.every((code) => code.startsWith(`level_${level}`));
      }),
    );
  });

  it('names each rule an excellent proposal breaks', () => {
    expect(levelIssues('excellent', { ...perfect, score: 80, tasksLate: 1, disciplined: true }, template)).toEqual([
      'level_excellent_needs_90',
      'level_excellent_needs_on_time',
      'level_excellent_disciplined',
    ]);
  });
});

describe('capCheck', () => {
  it('allows excellent up to percent% of those good or better', () => {
    expect(capCheck({ excellent: 1, goodOrBetter: 5 }, { enabled: true, percent: 20 })).toMatchObject({ ok: true, allowed: 1 });
    expect(capCheck({ excellent: 2, goodOrBetter: 9 }, { enabled: true, percent: 20 })).toMatchObject({ ok: false, allowed: 1 });
    expect(capCheck({ excellent: 3, goodOrBetter: 3 }, { enabled: false, percent: 20 }).ok).toBe(true);
  });

  it('ok exactly when excellent × 100 ≤ percent × good-or-better', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100 }), (excellent, gb, percent) => {
        const r = capCheck({ excellent, goodOrBetter: gb }, { enabled: true, percent });
        return r.ok === excellent * 100 <= percent * gb && r.allowed * 100 <= percent * gb;
      }),
    );
  });
});

describe('templates and scores', () => {
  it('the default set is sound', () => {
    expect(templateSetProblems(defaultTemplateSet)).toEqual([]);
  });

  it('reports a group whose criteria do not add up to 100, and a missing group', () => {
    const [first] = defaultTemplateSet.templates;
    const broken = { ...defaultTemplateSet, templates: [{ ...first, criteria: [...first.criteria, { code: 'x', title: 'Thêm', maxPoints: 5 }] }] };
    expect(templateSetProblems(broken).map((p) => p.code)).toEqual(['template_groups', 'template_sum_100']);
  });

  it('a full set of in-range scores has no problem and sums to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: template.criteria.length, maxLength: template.criteria.length }), (ratios) => {
        const scores = template.criteria.map((c, i) => ({ code: c.code, points: Math.floor(ratios[i] * c.maxPoints) }));
        const r = scoreProblems(scores, template);
        return r.problems.length === 0 && r.total === scores.reduce((s, x) => s + x.points, 0) && r.total <= 100;
      }),
    );
  });

  it('names out-of-range, unknown and missing criteria', () => {
    const r = scoreProblems([{ code: '1', points: 21 }, { code: '9', points: 1 }, { code: '2', points: -1 }], template);
    expect(r.problems).toEqual([
      { code: 'score_out_of_range', path: 'scores.0.points' },
      { code: 'score_unknown_criterion', path: 'scores.1.code' },
      { code: 'score_out_of_range', path: 'scores.2.points' },
      { code: 'score_missing_criterion', path: 'scores' },
      { code: 'score_missing_criterion', path: 'scores' },
    ]);
  });
});
