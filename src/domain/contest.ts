// The excellent-secretary contest ("Bí thư chi bộ giỏi"): its rules as data, the seeded draw of a candidate's test,
// the judges' panel score with the highest and lowest dropped, and the ranking with its tie-breaks. Pure: no I/O.
import { z } from 'zod';

export const QUESTION_CATEGORIES = ['resolutions', 'charter', 'party_building', 'situations'] as const;
export const QuestionCategory = z.enum(QUESTION_CATEGORIES);
export type QuestionCategory = z.infer<typeof QuestionCategory>;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;
export const RoundLevel = z.enum(['commune', 'province']);
export type RoundLevel = z.infer<typeof RoundLevel>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** How many questions of a category and difficulty the draw takes. */
export const Quota = z.strictObject({ category: QuestionCategory, difficulty: Difficulty, count: z.number().int().min(1).max(50) });
export type Quota = z.infer<typeof Quota>;
/** A criterion the judges score, 0..max points. */
export const Criterion = z.strictObject({ code: z.string().regex(/^[a-z_]{1,30}$/), label: Text(200), max: z.number().int().min(1).max(100) });
export type Criterion = z.infer<typeof Criterion>;
/** What breaks a tie, in order: the presentation score, the test score, who finished the test sooner. */
export const TieBreak = z.enum(['presentation', 'test', 'finished_first']);
export type TieBreak = z.infer<typeof TieBreak>;

export const RoundRules = z.strictObject({
  /** The knowledge test's draw; empty: the round has no test. */
  quotas: z.array(Quota).max(12),
  /** Minutes a candidate has once the test starts (the round's close still ends it). */
  testMinutes: z.number().int().min(1).max(240),
  /** The presentation/situation criteria; empty: the round has no judges' part. */
  criteria: z.array(Criterion).max(12),
  /** Drop the highest and the lowest judge's score when at least this many judges scored; 0: never. */
  dropHighLowFrom: z.number().int().min(0).max(20),
  /** Weights of the two parts in the total (each part on 100). */
  testWeight: z.number().min(0).max(1),
  presentationWeight: z.number().min(0).max(1),
  tieBreaks: z.array(TieBreak).max(3),
  /** How many of each commune go on to the next round (commune level). */
  advancePerCommune: z.number().int().min(0).max(50),
});
export type RoundRules = z.infer<typeof RoundRules>;

export const Award = z.strictObject({ code: z.enum(['first', 'second', 'third', 'consolation']), places: z.number().int().min(0).max(50) });
export type Award = z.infer<typeof Award>;

export const NewContest = z.strictObject({
  year: z.number().int().min(2023).max(2100),
  title: Text(300),
  awards: z.array(Award).max(4),
});
export const NewRound = z.strictObject({
  level: RoundLevel,
  title: Text(200),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  rules: RoundRules,
});

export const NewQuestion = z.strictObject({
  category: QuestionCategory,
  difficulty: Difficulty,
  text: Text(2000),
  options: z.array(Text(500)).min(2).max(6),
  /** Indexes (from 0) of the correct options: at least one. */
  correct: z.array(z.number().int().min(0).max(5)).min(1).max(6),
});
export type NewQuestion = z.infer<typeof NewQuestion>;

/** Criterion code → points. */
export const ScoreSheet = z.strictObject({ points: z.record(z.string().max(30), z.number().min(0).max(100)), note: z.string().trim().max(1000).optional() });

// ---------------------------------------------------------------------------------------------------------------
// The draw

/** mulberry32: a small seeded PRNG; the same seed gives the same sequence, so a draw can be replayed on appeal. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BankQuestion {
  id: string;
  category: QuestionCategory;
  difficulty: Difficulty;
}

/**
 * The questions drawn for one candidate: for each quota, `count` questions of its category and difficulty, chosen
 * by a seeded Fisher–Yates over the bank sorted by id (so the bank's order in the database does not matter).
 * Throws when the bank holds too few questions for a quota.
 */
export function drawQuestions(bank: readonly BankQuestion[], quotas: readonly Quota[], seed: number): string[] {
  const random = seededRandom(seed);
  const drawn: string[] = [];
  for (const q of quotas) {
    const pool = bank.filter((b) => b.category === q.category && b.difficulty === q.difficulty).map((b) => b.id).sort();
    if (pool.length < q.count) throw new BankTooSmall(q, pool.length);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    drawn.push(...pool.slice(0, q.count));
  }
  return drawn;
}

export class BankTooSmall extends Error {
  constructor(
    readonly quota: Quota,
    readonly available: number,
  ) {
    super(`The bank has ${available} ${quota.category}/${quota.difficulty} questions; the draw needs ${quota.count}`);
  }
}

/** A question is answered right when exactly its correct options are chosen. */
export const isCorrect = (correct: readonly number[], chosen: readonly number[]) =>
  correct.length === chosen.length && [...correct].sort().every((c, i) => c === [...chosen].sort()[i]);

// ---------------------------------------------------------------------------------------------------------------
// The panel and the ranking

/** The panel's score of one candidate: the judges' totals, the highest and lowest dropped from `dropFrom` judges on. */
export function panelScore(totals: readonly number[], dropFrom: number): { score: number | null; dropped: number[] } {
  if (totals.length === 0) return { score: null, dropped: [] };
  const sorted = [...totals].sort((a, b) => a - b);
  const drop = dropFrom > 0 && totals.length >= dropFrom && totals.length >= 3;
  const kept = drop ? sorted.slice(1, -1) : sorted;
  const score = kept.reduce((s, x) => s + x, 0) / kept.length;
  return { score: Math.round(score * 100) / 100, dropped: drop ? [sorted[0]!, sorted[sorted.length - 1]!] : [] };
}

export interface RankEntry {
  id: string;
  /** Test score on 100, null when not taken. */
  test: number | null;
  /** Panel score on 100, null when not scored. */
  presentation: number | null;
  /** When the test was finished (ISO), for the `finished_first` tie-break. */
  finishedAt: string | null;
}

export const totalOf = (e: RankEntry, rules: Pick<RoundRules, 'testWeight' | 'presentationWeight'>) =>
  Math.round(((e.test ?? 0) * rules.testWeight + (e.presentation ?? 0) * rules.presentationWeight) * 100) / 100;

/** Ranks by total, then by the tie-breaks in order; entries still equal share a rank. */
export function rank<E extends RankEntry>(entries: readonly E[], rules: Pick<RoundRules, 'testWeight' | 'presentationWeight' | 'tieBreaks'>): (E & { total: number; rank: number })[] {
  const keyed = entries.map((e) => ({ ...e, total: totalOf(e, rules) }));
  const compare = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const t of rules.tieBreaks) {
      if (t === 'presentation' && (a.presentation ?? -1) !== (b.presentation ?? -1)) return (b.presentation ?? -1) - (a.presentation ?? -1);
      if (t === 'test' && (a.test ?? -1) !== (b.test ?? -1)) return (b.test ?? -1) - (a.test ?? -1);
      if (t === 'finished_first' && a.finishedAt !== b.finishedAt) {
        if (a.finishedAt === null) return 1;
        if (b.finishedAt === null) return -1;
        return a.finishedAt < b.finishedAt ? -1 : 1;
      }
    }
    return 0;
  };
  const sorted = keyed.sort(compare);
  return sorted.map((e, i) => {
    let r = i + 1;
    for (let j = i - 1; j >= 0 && compare(sorted[j]!, e) === 0; j--) r = j + 1;
    return { ...e, rank: r };
  });
}

/** The award of a rank: the awards in order, each taking its number of places. */
export function awardFor(rankNo: number, awards: readonly Award[]): Award['code'] | null {
  let upTo = 0;
  for (const a of awards) {
    upTo += a.places;
    if (rankNo <= upTo) return a.code;
  }
  return null;
}

export const contestIssues = {
  question_no_correct: 'A question needs at least one correct answer among its options',
  question_correct_out_of_range: 'A correct answer points to an option that does not exist',
  question_category_unknown: 'Unknown category',
  question_difficulty_unknown: 'Unknown difficulty',
  question_text_missing: 'The question has no text',
  question_options_missing: 'A question needs at least two options',
  attempt_taken: 'The test has already been started: one attempt only',
  attempt_time_over: 'The time for the test is over: the answer was not saved',
  round_not_open: 'The round is not open',
  round_not_closed: 'The review opens when the round closes',
  bank_too_small: 'The question bank has too few questions for this draw',
  already_scored: 'You have already scored this candidate',
  own_commune: 'A judge may not score a candidate of their own commune',
  not_a_secretary: 'Only the secretary of a party cell can be registered',
  already_registered: 'This person is already registered in this round',
  contest_year_taken: 'There is already a contest this year',
  closes_before_opens: 'The round must close after it opens',
  criteria_over_max: 'A score is above the criterion maximum',
  criteria_missing: 'Every criterion needs a score',
  question_not_in_test: 'This question is not part of your test',
  option_out_of_range: 'This option does not exist',
  not_published: 'The results are not published yet',
  judge_unknown: 'No active account with this username',
} as const;
export type ContestIssue = keyof typeof contestIssues;
