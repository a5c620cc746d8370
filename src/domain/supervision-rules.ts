// The configurable rules of the supervision channel: deadlines per category (the early-warning thresholds are the
// warnings module's settings, per province).
// Stored one row per key (server: supervision_rules); a key without a row takes its default from
// SUPERVISION_RULES. Validation reports every problem at once, with codes the web app translates.
import { reportCategories, SUPERVISION_RULES, type ReportCategory } from './supervision.js';
import { supervisionIssue } from './supervision-issues.js';

export interface CategoryDeadlines {
  acknowledgeDays: number;
  concludeDays: number;
  extensionDays: number;
}

export interface SupervisionRuleSet {
  deadlines: Record<ReportCategory, CategoryDeadlines>;
}

export const deadlineRuleKeys = ['acknowledgeDays', 'concludeDays', 'extensionDays'] as const;

export function defaultRules(): SupervisionRuleSet {
  const R = SUPERVISION_RULES;
  return {
    deadlines: Object.fromEntries(
      reportCategories.map((c) => [c, { acknowledgeDays: R.deadlines[c].acknowledgeDays, concludeDays: R.deadlines[c].concludeDays, extensionDays: R.extensionDays }]),
    ) as Record<ReportCategory, CategoryDeadlines>,
  };
}

/** Bounds of each value: [min, max]. */
const DAY_BOUNDS = { acknowledgeDays: [1, 365], concludeDays: [1, 730], extensionDays: [0, 365] } as const;

/** The flat storage keys: `deadline.<category>.<field>`. */
export function flattenRules(r: SupervisionRuleSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of reportCategories) for (const k of deadlineRuleKeys) out[`deadline.${c}.${k}`] = r.deadlines[c][k];
  return out;
}

/** Stored rows over the defaults; unknown keys and rows that would not validate are ignored. */
export function rulesFromRows(rows: { key: string; value: number }[]): SupervisionRuleSet {
  const r = defaultRules();
  for (const { key, value } of rows) {
    const [head, a, b] = key.split('.');
    if (head === 'deadline' && (reportCategories as readonly string[]).includes(a) && (deadlineRuleKeys as readonly string[]).includes(b))
      r.deadlines[a as ReportCategory][b as (typeof deadlineRuleKeys)[number]] = value;
  }
  return validateRules(r).length ? defaultRules() : r;
}

/** Every problem of a rule set, at once: whole numbers within bounds, acknowledging before concluding. */
export function validateRules(r: SupervisionRuleSet) {
  const issues: { path: string; code: string; message: string }[] = [];
  const check = (v: unknown, [min, max]: readonly [number, number], path: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) issues.push({ ...supervisionIssue('rule_range', path), message: `A whole number from ${min} to ${max}` });
  };
  for (const c of reportCategories) {
    const d = r.deadlines?.[c];
    for (const k of deadlineRuleKeys) check(d?.[k], DAY_BOUNDS[k], `deadlines.${c}.${k}`);
    if (d && Number.isInteger(d.acknowledgeDays) && Number.isInteger(d.concludeDays) && d.acknowledgeDays > d.concludeDays)
      issues.push(supervisionIssue('rule_order', `deadlines.${c}.concludeDays`));
  }
  return issues;
}

export const ruleBounds = { deadlines: DAY_BOUNDS };
