// The result of a consultation: participation, shares, and the consensus level by thresholds given as data.
import { describe, expect, it } from 'vitest';
import { consensusLevel, formatBallot, isBallotShape, levelsOf, normalizeBallot, resultOf, thresholdIssues } from './consultations.js';

const opt = (optionId: string, online: number, code: number, room: number) => ({ optionId, label: optionId, online, code, room });

describe('consultation results', () => {
  it('counts every origin once, shares over the answers, participation over the eligible', () => {
    const r = resultOf(20, [opt('a', 1, 2, 9), opt('b', 0, 1, 2)]);
    expect(r).toMatchObject({ eligible: 20, participants: 15, participation: 75, leading: 'a', level: 'consensus' });
    expect(r.options.map((o) => [o.total, o.share])).toEqual([
      [12, 80],
      [3, 20],
    ]);
  });

  it('takes the level the leading share reaches: 75 % consensus, 50 % majority, else none; a tie is none', () => {
    expect(consensusLevel([75, 25])).toBe('consensus');
    expect(consensusLevel([74.9, 25.1])).toBe('majority');
    expect(consensusLevel([50, 30, 20])).toBe('majority');
    expect(consensusLevel([40, 35, 25])).toBe('none');
    expect(consensusLevel([50, 50])).toBe('none');
    expect(consensusLevel([0, 0])).toBe('none');
    // Thresholds are data: a stricter table gives a stricter level.
    expect(consensusLevel([80, 20], [{ code: 'consensus', minShare: 90 }, { code: 'majority', minShare: 66 }, { code: 'none', minShare: 0 }])).toBe('majority');
  });

  it('nobody eligible or nobody answered: no participation figure, no consensus', () => {
    expect(resultOf(0, [opt('a', 0, 0, 0), opt('b', 0, 0, 0)])).toMatchObject({ participation: null, leading: null, level: 'none' });
  });

  it('reads a ballot code as printed or typed loosely', () => {
    expect(normalizeBallot(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(isBallotShape('ABCDEFGHJKMN')).toBe(true);
    expect(isBallotShape('ABCDEFGHJKM0')).toBe(false); // 0 is not in the alphabet
    expect(formatBallot('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});

describe('the minimum turnout and the thresholds as a whole', () => {
  const levels = levelsOf({ consensus: 75, majority: 50, minTurnout: 0 });
  it('below the minimum turnout the result reads low_turnout, never a level; at it, the level', () => {
    // 15 of 20 answered (75 %), 80 % for a: consensus, unless 75 % is not enough.
    const counts = [opt('a', 1, 2, 9), opt('b', 0, 1, 2)];
    expect(resultOf(20, counts, levels, 75).level).toBe('consensus');
    expect(resultOf(20, counts, levels, 75.1).level).toBe('low_turnout');
    expect(resultOf(20, counts, levels, 75.1)).toMatchObject({ participation: 75, leading: 'a', thresholds: { consensus: 75, majority: 50, minTurnout: 75.1 } });
    expect(resultOf(20, [opt('a', 0, 0, 0), opt('b', 0, 0, 0)], levels, 10).level).toBe('low_turnout');
  });
  it('asks that a majority takes less than consensus', () => {
    expect(thresholdIssues({ consensus: 75, majority: 50, minTurnout: 0 })).toEqual([]);
    expect(thresholdIssues({ consensus: 50, majority: 50, minTurnout: 0 }).map((i) => [i.path, i.code])).toEqual([['majority', 'thresholds_order']]);
  });
});
