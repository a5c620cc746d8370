// Early-warning signals any module adds ("several reports on the same matter", "a cell without a secretary",
// "regular meetings missed"): declared in the module's descriptor (platform/module.ts, `signals`), gathered by the
// app like `figures`, read by the warnings module. Neither supervision's nor the warnings module's files change for
// a new signal. A signal answers, for a branch and a date, which cells (or persons) it flags, with the evidence
// behind each finding and the parameters of the sentence the web writes in vi or en — never a sentence itself.
import type { Executor } from './db/index.js';

/** A signal's settings in force: flagged when the count reaches `threshold` within the last `windowDays` days. */
export interface SignalConfig {
  threshold: number;
  windowDays: number;
  enabled: boolean;
}

/** Where and when a signal is asked: the cells whose path on `date` starts with `path`, as known on `date`. */
export interface SignalAt {
  path: string;
  /** YYYY-MM-DD: only what was known on this day counts (evidence created on or before it). */
  date: string;
  config: SignalConfig;
  /**
   * A memo the caller keeps for one branch and day (the warning list: one per branch and day, handed to every
   * signal): the signals of one family may share one reading through it (supervision's three read the cases once).
   * Absent on a direct call: each signal reads for itself.
   */
  shared?: Map<string, Promise<unknown>>;
}

/** One piece of evidence: the record's id, the number people know it by (a case's number), and its day. */
export interface Evidence {
  id: string;
  /** What the sentence shows: a case's own number ("#12"), a meeting's month; never a row index. */
  ref: string;
  /** A calendar day, never a moment finer than a date. */
  on: string;
  /** Where the web opens the record (`/supervision/<id>`), when it has a page. */
  href?: string;
}

/** What a signal says of one cell, or of one person (a secretary, a committee member) of that cell. */
export interface SignalFinding {
  cellId: string;
  /** The person it is about, when it is about a person (grouped under the person, not the cell). */
  personId?: string | null;
  /** The count compared with the threshold. */
  count: number;
  evidence: Evidence[];
  /** The day since when the finding stands (the day the count first reached the threshold, as far as known). */
  since: string;
  /** Parameters of the sentence (`<label>.sentence` in the module's catalogs): numbers, dates, codes — no prose. */
  params: Readonly<Record<string, string | number | boolean>>;
  /** A distinguishing part of the finding's key when one cell can hold several (one per matter): stable across dates. */
  part?: string;
}

export interface SignalProvider {
  /** Unique across modules: `<module>.<signal>`, e.g. `supervision.same_matter`. */
  key: string;
  /** The i18n key of its name in the module's web catalogs; its sentence is `<label>Sentence`. */
  label: string;
  /** Defaults, as data (the province changes them in the warnings settings). */
  defaults: SignalConfig;
  /** What the threshold counts (the settings screen names it: "Threshold (days)"). */
  unit: SignalUnit;
  /** Bounds a setting must stay within (inclusive); a province's value outside them is refused. */
  bounds: { threshold: readonly [number, number]; windowDays: readonly [number, number] };
  /**
   * What the signal reads, as the audit actions' first words of the writes that change it (`['meeting']`: the
   * `meeting.*` events; `person` and `roster` for the registry's people and posts): the warnings list computes the
   * signal again only when a write of those (or of the tree: `unit.*`, the demo) has reached the branch's province
   * since (platform/audit: `marksOf`). Absent: any write there. Name every kind of write that changes what it reads.
   */
  reads?: readonly string[];
  /** The findings under `at.path` on `at.date` that reach `at.config.threshold`, each a cell (or a person of it). */
  evaluate(exec: Executor, at: SignalAt): Promise<SignalFinding[]>;
  /**
   * Optional: the findings for several days at once (the list asks the day and the week before), one array per day
   * in the order of `at.dates`, each equal to what `evaluate` gives for that day alone (what was known on that day) —
   * but read in one statement that scans the rows of both days once. Absent: `evaluate` per day (`evaluateDays`).
   */
  evaluateDays?(exec: Executor, at: SignalDaysAt): Promise<SignalFinding[][]>;
}

/** What a threshold counts, as the settings screen names it in vi and en (`warnings.units.<unit>`). */
export const SIGNAL_UNITS = ['days', 'reports', 'people', 'cases', 'members', 'steps', 'complaints', 'meetings', 'items'] as const;
export type SignalUnit = (typeof SIGNAL_UNITS)[number];

/** Where and on which days a signal is asked at once (`SignalProvider.evaluateDays`). */
export interface SignalDaysAt {
  path: string;
  /** YYYY-MM-DD, at least one; each day's findings are what was known on it. */
  dates: readonly string[];
  config: SignalConfig;
  /** The caller's memo for one branch (all the days): see `SignalAt.shared`. */
  shared?: Map<string, Promise<unknown>>;
}

/** A signal's findings on each of `at.dates` (in their order): its own `evaluateDays`, else `evaluate` per day. */
export function evaluateDays(p: SignalProvider, exec: Executor, at: SignalDaysAt): Promise<SignalFinding[][]> {
  if (p.evaluateDays && at.dates.length > 1) return p.evaluateDays(exec, at);
  return Promise.all(at.dates.map((date) => p.evaluate(exec, { path: at.path, date, config: at.config, shared: at.shared })));
}

/** The `SignalAt` of one of the days of a `SignalDaysAt` (for the finding builders, which read its date and config). */
export const atDay = (at: SignalDaysAt, date: string): SignalAt => ({ path: at.path, date, config: at.config, shared: at.shared });

/** Rows tagged with their day (`on`), split into one array per day of `dates`, in their order. */
export function byDay<R extends { on: string }>(dates: readonly string[], rows: readonly R[]): R[][] {
  const out = new Map(dates.map((d) => [d, [] as R[]]));
  for (const r of rows) out.get(r.on)?.push(r);
  return dates.map((d) => out.get(d)!);
}

/** Bounds a signal with no window of its own (a state on the day) may use: the window is ignored but kept valid. */
export const anyWindow = [1, 3650] as const;

/** Whether the signal reads its window (its bounds are not `anyWindow`): the settings screen shows the window only then. */
export const usesWindow = (p: Pick<SignalProvider, 'bounds'>): boolean => p.bounds.windowDays !== anyWindow;

// ---- Shared evaluation: a count against the threshold, within a window, read as a sentence's parameters ----

/** A day `n` days after (or before, when negative) `day`; both YYYY-MM-DD. */
export function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The day since when a count of dated items has stood at the threshold: the `threshold`-th latest of the days
 * (the earliest day when there are fewer).
 */
export function sinceOf(days: readonly string[], threshold: number): string {
  const sorted = [...days].sort();
  return sorted[Math.max(0, sorted.length - threshold)];
}

/** The sentence's common parameters: the count, the threshold and (for a signal with a window) the window's days. */
export function countParams(at: SignalAt, count: number, window = true): Record<string, number> {
  return window ? { count, threshold: at.config.threshold, windowDays: at.config.windowDays } : { count, threshold: at.config.threshold };
}

/**
 * One finding of a threshold signal, or null when the count stays under the threshold. `count` defaults to the
 * evidence's length; `since` is computed from `sinceDays` (default: the evidence's days); the parameters are the
 * common ones (`countParams`) followed by `params`, which may override them.
 */
export function thresholdFinding(
  at: SignalAt,
  subject: { cellId: string; personId?: string | null; part?: string },
  evidence: Evidence[],
  opts: { count?: number; sinceDays?: readonly string[]; window?: boolean; params?: Record<string, string | number | boolean> } = {},
): SignalFinding | null {
  const count = opts.count ?? evidence.length;
  if (count < at.config.threshold) return null;
  return {
    cellId: subject.cellId,
    ...(subject.personId !== undefined ? { personId: subject.personId } : {}),
    ...(subject.part !== undefined ? { part: subject.part } : {}),
    count,
    evidence,
    since: sinceOf(opts.sinceDays ?? evidence.map((e) => e.on), at.config.threshold),
    params: { ...countParams(at, evidence.length, opts.window ?? true), ...(opts.params ?? {}) },
  };
}

/**
 * The findings of a signal whose statement already kept only the rows at or over the threshold (a state on the day: a
 * level fallen, days without a secretary): one finding per row through `map`, with no evidence unless the row gives
 * some, and the threshold added to the sentence's parameters. The row mapping is the signal's; the shape is shared.
 */
export function thresholdFindings<R>(
  at: Pick<SignalAt, 'config'>,
  rows: readonly R[],
  map: (r: R) => { cellId: string; personId?: string | null; count: number; since: string; evidence?: Evidence[]; params: Record<string, string | number | boolean> },
): SignalFinding[] {
  return rows.map((r) => {
    const { evidence, params, personId, ...f } = map(r);
    return { ...f, ...(personId !== undefined ? { personId } : {}), evidence: evidence ?? [], params: { ...params, threshold: at.config.threshold } };
  });
}

/** The findings that are not null. */
export const found = (xs: (SignalFinding | null)[]): SignalFinding[] => xs.filter((x): x is SignalFinding => x !== null);

// ---- The registry's state findings, built once for the fast reading (dashboard) and the raw one (people) ----

/** A cell with no secretary on the day since `vacant_since` (`days` days): its finding, standing since the threshold was reached. */
export function vacancyFindings(at: SignalAt, rows: readonly { cell_id: string; vacant_since: string; days: number }[]): SignalFinding[] {
  return thresholdFindings(at, rows, (r) => ({ cellId: r.cell_id, count: r.days, since: shiftDay(r.vacant_since, at.config.threshold), params: { days: r.days, vacantSince: r.vacant_since } }));
}

/** A cell with `full` full members (of `members`) on the day, under the threshold: its finding, standing on the day. */
export function shortfallFindings(at: SignalAt, rows: readonly { cell_id: string; full: number; members: number }[]): SignalFinding[] {
  return thresholdFindings(at, rows, (r) => ({ cellId: r.cell_id, count: r.full, since: at.date, params: { full: r.full, members: r.members } }));
}
