// The rules of 366-QĐ/TW as pure functions: the level a score and its conditions allow, why a proposed level
// is not allowed, the cap on "excellent", and the soundness of a criteria template. No I/O: unit-tested alone.
import { levelRank, reviewGroups, type CapRule, type ReviewLevel, type Template, type TemplateSetBody } from '../../../domain/review.js';
import type { ReviewIssueCode } from '../../../domain/review-issues.js';

export interface Conditions {
  score: number;
  tasksTotal: number;
  tasksLate: number;
  tasksExceeding: number;
  disciplined: boolean;
  shortcomingsFixed: boolean;
}

type Rules = Pick<Template, 'thresholds' | 'conditions'>;

/** The rules a level needs, each with the code that names it; integer arithmetic, no rounding surprises. */
function unmet(level: ReviewLevel, c: Conditions, t: Rules): ReviewIssueCode[] {
  const { thresholds: th, conditions: cond } = t;
  const out: ReviewIssueCode[] = [];
  if (level === 'excellent') {
    if (c.score < th.excellent) out.push('level_excellent_needs_90');
    if (c.tasksLate > 0) out.push('level_excellent_needs_on_time');
    if (c.tasksExceeding * 100 < cond.excellentMinExceedingPct * c.tasksTotal) out.push('level_excellent_needs_30pct_exceeding');
    if (c.disciplined) out.push('level_excellent_disciplined');
    if (!c.shortcomingsFixed) out.push('level_excellent_shortcomings');
  } else if (level === 'good') {
    if (c.score < th.good) out.push('level_good_needs_70');
    if (c.tasksLate > 0) out.push('level_good_needs_on_time');
  } else if (level === 'completed') {
    if (c.score < th.completed) out.push('level_completed_needs_50');
    if (c.tasksLate * 100 > cond.completedMaxLatePct * c.tasksTotal) out.push('level_completed_too_late');
  }
  return out;
}

/** The best level the score and the conditions allow. */
export function classify(c: Conditions, t: Rules): ReviewLevel {
  for (const level of ['excellent', 'good', 'completed'] as const) if (unmet(level, c, t).length === 0) return level;
  return 'not_completed';
}

/**
 * Why `level` contradicts the score and conditions: empty when it is the allowed level or a stricter one (the
 * meeting and the committee may always rate lower, never higher).
 */
export function levelIssues(level: ReviewLevel, c: Conditions, t: Rules): ReviewIssueCode[] {
  if (levelRank(level) >= levelRank(classify(c, t))) return [];
  return unmet(level, c, t);
}

export interface CapCheck {
  ok: boolean;
  /** How many "excellent" the cap allows for this many rated good or better. */
  allowed: number;
  excellent: number;
  goodOrBetter: number;
}

/** Excellent ≤ percent% of those rated good or better (excellent counts among them); off → always ok. */
export function capCheck(counts: { excellent: number; goodOrBetter: number }, cap: CapRule): CapCheck {
  const allowed = cap.enabled ? Math.floor((cap.percent * counts.goodOrBetter) / 100) : counts.goodOrBetter;
  return { ok: !cap.enabled || counts.excellent <= allowed, allowed, ...counts };
}

export type TemplateProblem = { code: ReviewIssueCode; path: string };

/** Every problem of a template set at once: each group once, criteria summing to 100 with unique codes, thresholds in order. */
export function templateSetProblems(set: TemplateSetBody): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const groups = set.templates.map((t) => t.group);
  if (groups.length !== reviewGroups.length || new Set(groups).size !== groups.length) out.push({ code: 'template_groups', path: 'templates' });
  set.templates.forEach((t, i) => {
    const sum = t.criteria.reduce((s, c) => s + c.maxPoints, 0);
    if (sum !== 100) out.push({ code: 'template_sum_100', path: `templates.${i}.criteria` });
    if (new Set(t.criteria.map((c) => c.code)).size !== t.criteria.length) out.push({ code: 'template_duplicate_code', path: `templates.${i}.criteria` });
    const th = t.thresholds;
    if (!(th.excellent > th.good && th.good > th.completed)) out.push({ code: 'template_thresholds_order', path: `templates.${i}.thresholds` });
  });
  return out;
}

export type ScoreProblem = { code: ReviewIssueCode; path: string };

/** Scores against the template: each criterion once, within 0..max; returns the total too. */
export function scoreProblems(scores: { code: string; points: number }[], template: Template): { total: number; problems: ScoreProblem[] } {
  const problems: ScoreProblem[] = [];
  const byCode = new Map(template.criteria.map((c) => [c.code, c]));
  scores.forEach((s, i) => {
    const criterion = byCode.get(s.code);
    if (!criterion) problems.push({ code: 'score_unknown_criterion', path: `scores.${i}.code` });
    else if (s.points < 0 || s.points > criterion.maxPoints) problems.push({ code: 'score_out_of_range', path: `scores.${i}.points` });
  });
  const given = new Set(scores.map((s) => s.code));
  template.criteria.forEach((c) => {
    if (!given.has(c.code)) problems.push({ code: 'score_missing_criterion', path: 'scores' });
  });
  const total = scores.reduce((sum, s) => sum + (byCode.has(s.code) ? s.points : 0), 0);
  return { total, problems };
}
