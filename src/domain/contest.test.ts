import { describe, expect, it } from 'vitest';
import { awardFor, drawQuestions, isCorrect, panelScore, rank, seededRandom, type BankQuestion } from './contest.js';

const bank: BankQuestion[] = Array.from({ length: 30 }, (_, i) => ({
  id: `q${String(i).padStart(2, '0')}`,
  category: i % 2 ? 'charter' : 'resolutions',
  difficulty: i % 3 === 0 ? 'hard' : 'easy',
}));
const quotas = [
  { category: 'resolutions', difficulty: 'easy', count: 4 },
  { category: 'charter', difficulty: 'hard', count: 2 },
] as const;

describe('the seeded draw', () => {
  it('gives the same sequence for the same seed, another for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(seededRandom(43)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('replays a draw from its seed whatever the order of the bank, within the quotas', () => {
    const drawn = drawQuestions(bank, [...quotas], 1234);
    expect(drawQuestions([...bank].reverse(), [...quotas], 1234)).toEqual(drawn);
    expect(drawn).toHaveLength(6);
    expect(new Set(drawn).size).toBe(6);
    const byId = new Map(bank.map((b) => [b.id, b]));
    expect(drawn.slice(0, 4).every((id) => byId.get(id)!.category === 'resolutions' && byId.get(id)!.difficulty === 'easy')).toBe(true);
    expect(drawn.slice(4).every((id) => byId.get(id)!.category === 'charter' && byId.get(id)!.difficulty === 'hard')).toBe(true);
    // Different seeds draw differently (over a few seeds, at least once).
    expect([1, 2, 3, 4].some((s) => drawQuestions(bank, [...quotas], s).join() !== drawn.join())).toBe(true);
  });

  it('refuses a quota the bank cannot fill', () => {
    expect(() => drawQuestions(bank, [{ category: 'situations', difficulty: 'easy', count: 1 }], 1)).toThrow(/needs 1/);
  });
});

describe('scoring', () => {
  it('a question is right only with exactly its correct options', () => {
    expect(isCorrect([0, 2], [2, 0])).toBe(true);
    expect(isCorrect([0, 2], [0])).toBe(false);
    expect(isCorrect([1], [1, 2])).toBe(false);
  });

  it('drops the highest and lowest from the number of judges the rule says', () => {
    expect(panelScore([80, 70, 90], 3)).toEqual({ score: 80, dropped: [70, 90] });
    expect(panelScore([80, 70], 3)).toEqual({ score: 75, dropped: [] });
    expect(panelScore([80, 70, 90, 100], 0)).toEqual({ score: 85, dropped: [] });
    expect(panelScore([], 3)).toEqual({ score: null, dropped: [] });
  });

  it('ranks by total, breaks ties by the rules in order, and shares a rank when still equal', () => {
    const rules = { testWeight: 0.5, presentationWeight: 0.5, tieBreaks: ['presentation', 'finished_first'] as ('presentation' | 'finished_first')[] };
    const r = rank(
      [
        { id: 'a', test: 80, presentation: 80, finishedAt: '2026-01-01T01:00:00Z' },
        { id: 'b', test: 70, presentation: 90, finishedAt: '2026-01-01T02:00:00Z' },
        { id: 'c', test: 90, presentation: 70, finishedAt: '2026-01-01T00:30:00Z' },
        { id: 'd', test: 70, presentation: 90, finishedAt: '2026-01-01T01:30:00Z' },
        { id: 'e', test: 60, presentation: 60, finishedAt: null },
        { id: 'f', test: 60, presentation: 60, finishedAt: null },
      ],
      rules,
    );
    expect(r.map((e) => [e.id, e.rank])).toEqual([['d', 1], ['b', 2], ['a', 3], ['c', 4], ['e', 5], ['f', 5]]);
    expect(rank([{ id: 'x', test: 90, presentation: 70, finishedAt: null }, { id: 'y', test: 70, presentation: 90, finishedAt: null }], { ...rules, tieBreaks: [] }).map((e) => e.rank)).toEqual([1, 1]);
  });

  it('gives each award its number of places, in order', () => {
    const awards = [{ code: 'first', places: 1 }, { code: 'second', places: 2 }, { code: 'third', places: 3 }] as const;
    expect([1, 2, 3, 4, 6, 7].map((n) => awardFor(n, [...awards]))).toEqual(['first', 'second', 'second', 'third', 'third', null]);
  });
});
