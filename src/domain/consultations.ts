// Village consultations (issue 13): a question put to a village (cell) or a commune, answered by members online,
// by the people with one-time ballot codes, and by the room of the village meeting (hands or paper ballots,
// entered by the secretary). Pure rules shared by server and web: the input schemas, the ballot code's shape, the
// result (participation, shares, consensus level with thresholds as data), and the issue codes.
import { z } from 'zod';
import { IsoDate } from './person.js';

/** Where an answer came from: a member with their account, a ballot code, or the meeting's room tally. */
export const AnswerOrigin = z.enum(['online', 'code', 'room']);
export type AnswerOrigin = z.infer<typeof AnswerOrigin>;

export const TallyMethod = z.enum(['hands', 'paper']);
export type TallyMethod = z.infer<typeof TallyMethod>;

/** Consensus levels, the highest first: the leading option's share of the answers must reach `minShare` (%). */
export interface ConsensusLevel {
  code: 'consensus' | 'majority' | 'none';
  minShare: number;
}
/** The default thresholds (the migration seeds them into consultation_consensus_levels; they are data there). */
export const DEFAULT_CONSENSUS_LEVELS: ConsensusLevel[] = [
  { code: 'consensus', minShare: 75 },
  { code: 'majority', minShare: 50 },
  { code: 'none', minShare: 0 },
];

/**
 * The thresholds a province sets (consultation_consensus_levels and consultation_settings; edited as a whole by a
 * province admin): the leading share for consensus and for a majority (%), and the minimum turnout (% of the
 * eligible who answered) below which a result is "not enough participation", never a consensus level.
 */
export const ConsensusThresholds = z.strictObject({
  consensus: z.number().min(0).max(100),
  majority: z.number().min(0).max(100),
  minTurnout: z.number().min(0).max(100),
});
export type ConsensusThresholds = z.infer<typeof ConsensusThresholds>;
export const DEFAULT_THRESHOLDS: ConsensusThresholds = { consensus: 75, majority: 50, minTurnout: 0 };

/** The whole set's own rule (each number's range is the schema's): consensus needs a larger share than a majority. */
export function thresholdIssues(t: ConsensusThresholds) {
  return t.majority >= t.consensus ? [consultationIssue('thresholds_order', 'majority')] : [];
}

export const levelsOf = (t: ConsensusThresholds): ConsensusLevel[] => [
  { code: 'consensus', minShare: t.consensus },
  { code: 'majority', minShare: t.majority },
  { code: 'none', minShare: 0 },
];

/** What a result reads: a consensus level, or "not enough participation" when the turnout is below the minimum. */
export type ResultLevel = ConsensusLevel['code'] | 'low_turnout';

export const CONSULTATION_RULES = {
  title: { max: 200 },
  question: { min: 10, max: 4000 },
  option: { max: 200 },
  options: { min: 2, max: 10 },
  households: { max: 100_000 },
  codes: { perBatch: 500 },
  reason: { min: 3, max: 500 },
  /** Public answers per caller per hour, and wrong codes before a pause. */
  publicAnswersPerHour: 60,
  wrongCodes: 10,
  wrongCodePauseMinutes: 15,
} as const;

const R = CONSULTATION_RULES;

export const ConsultationBody = z.strictObject({
  unitId: z.uuid(),
  title: z.string().trim().min(1).max(R.title.max),
  question: z.string().trim().min(R.question.min).max(R.question.max),
  options: z.array(z.string().trim().min(1).max(R.option.max)).min(R.options.min).max(R.options.max),
  /** Members of the cell(s) are eligible (counted from the registry on the opening day). */
  membersEligible: z.boolean(),
  /** Households of the village, as a number entered (they answer with ballot codes or in the room). */
  households: z.number().int().min(0).max(R.households.max),
  opensOn: IsoDate,
  closesOn: IsoDate,
});
export type ConsultationBody = z.infer<typeof ConsultationBody>;

export const TallyBody = z.strictObject({
  method: TallyMethod,
  heldOn: IsoDate,
  present: z.number().int().min(0).max(1_000_000),
  counts: z.array(z.strictObject({ optionId: z.uuid(), count: z.number().int().min(0).max(1_000_000) })).min(1).max(R.options.max),
  reason: z.string().trim().min(R.reason.min).max(R.reason.max),
  /** The tally's version the change was made on (0 for the first entry): a stale phone's entry is refused. */
  baseVersion: z.number().int().min(0),
});
export type TallyBody = z.infer<typeof TallyBody>;

export const DecisionBody = z.strictObject({
  decision: z.string().trim().min(3).max(4000),
  followUp: z.string().trim().max(4000).default(''),
  decidedOn: IsoDate,
});

// Ballot codes: 12 symbols of a 32-letter alphabet (60 bits), printed as XXXX-XXXX-XXXX.
export const BALLOT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const BALLOT_LENGTH = 12;

/** Upper case, without the spaces and dashes of the printed form (the alphabet has no 0/O nor 1/I to confuse). */
export const normalizeBallot = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');
export const isBallotShape = (normalized: string) => normalized.length === BALLOT_LENGTH && [...normalized].every((c) => BALLOT_ALPHABET.includes(c));
export const formatBallot = (code: string) => code.match(/.{1,4}/g)!.join('-');

export interface OptionCount {
  optionId: string;
  label: string;
  online: number;
  code: number;
  room: number;
}

export interface ConsultationResult {
  eligible: number;
  participants: number;
  /** Participation over the eligible, in % with one decimal; null when nobody is eligible. */
  participation: number | null;
  options: { optionId: string; label: string; total: number; share: number | null; online: number; code: number; room: number }[];
  leading: string | null;
  level: ResultLevel;
  /** The thresholds the level was read by (so a page can say them). */
  thresholds: ConsensusThresholds;
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** The level the leading share reaches, by the thresholds given (highest first). A tie for the lead is no consensus. */
export function consensusLevel(shares: number[], levels: ConsensusLevel[] = DEFAULT_CONSENSUS_LEVELS): ConsensusLevel['code'] {
  const sorted = [...shares].sort((a, b) => b - a);
  if (sorted.length === 0 || sorted[0] === 0 || sorted[0] === sorted[1]) return 'none';
  const ordered = [...levels].sort((a, b) => b.minShare - a.minShare);
  return ordered.find((l) => sorted[0]! >= l.minShare)?.code ?? 'none';
}

/**
 * Participation over the eligible, each option's share of the answers, and the consensus level — or "low_turnout"
 * when fewer than `minTurnout` % of the eligible answered (compared exactly, not on the rounded participation).
 */
export function resultOf(eligible: number, counts: OptionCount[], levels: ConsensusLevel[] = DEFAULT_CONSENSUS_LEVELS, minTurnout = 0): ConsultationResult {
  const totals = counts.map((c) => c.online + c.code + c.room);
  const participants = totals.reduce((a, b) => a + b, 0);
  const options = counts.map((c, i) => ({ ...c, total: totals[i]!, share: pct(totals[i]!, participants) }));
  const shares = totals.map((t) => (participants === 0 ? 0 : (100 * t) / participants));
  const short = minTurnout > 0 && (eligible === 0 || 100 * participants < minTurnout * eligible);
  const level: ResultLevel = short ? 'low_turnout' : consensusLevel(shares, levels);
  const max = Math.max(0, ...totals);
  const leaders = options.filter((o) => o.total === max && max > 0);
  const share = (code: ConsensusLevel['code']) => levels.find((l) => l.code === code)?.minShare ?? 0;
  const thresholds = { consensus: share('consensus'), majority: share('majority'), minTurnout };
  return { eligible, participants, participation: pct(participants, eligible), options, leading: leaders.length === 1 ? leaders[0]!.optionId : null, level, thresholds };
}

export const consultationIssueMessages = {
  consultation_exists: 'This question is already put to this unit from that day',
  not_a_place: 'Choose a village (party cell) or a commune that exists on the opening day',
  closes_before_opens: 'The closing date must be on or after the opening date',
  nobody_eligible: 'Nobody would be eligible: count the members, or enter the number of households',
  duplicate_option: 'Two options have the same text',
  closed: 'The consultation is closed: answers are no longer taken',
  not_yet_open: 'The consultation is not open yet',
  already_answered: 'You have already answered this consultation',
  not_eligible: 'Only members of the consultation’s cells answer with their account',
  unknown_code: 'This ballot code is not valid for this consultation',
  used_code: 'This ballot code has already been used',
  unknown_option: 'Choose one of the consultation’s options',
  too_many_codes: 'More codes than the households entered',
  all_answered: 'Everyone eligible has already answered (online, by code or in the meeting)',
  tally_over_present: 'The counts add up to more than those present',
  tally_over_eligible: 'More people present than are eligible and have not answered yet',
  tally_options: 'Give a count for each option, once',
  held_in_future: 'The meeting cannot have been held in the future',
  tally_final: 'The decision is recorded: the tally is final',
  stale_tally: 'The tally was changed meanwhile; reload it and enter your change again',
  not_closed: 'The decision is recorded once the consultation is closed',
  thresholds_order: 'The share for a majority must be below the share for consensus',
} as const;
export type ConsultationIssueCode = keyof typeof consultationIssueMessages;
export const consultationIssue = (code: ConsultationIssueCode, path: string) => ({ path, code, message: consultationIssueMessages[code] });
