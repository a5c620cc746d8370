// The criteria templates as an editable draft (pure, unit-tested): numbers as typed, the four groups in a fixed
// order (so `templates.<i>` means the same group on the client and in the server's answers), every problem found
// at once with the path of the field it belongs to, and the problems placed on the nearest field shown.
import { defaultTemplateSet, reviewGroups, type ReviewGroup, type Template, type TemplateSetBody } from '../../../domain/review.js';

/** What a NumberInput holds: a number, or the text typed so far ('' when empty). */
export type Num = number | string;

export interface DraftCriterion {
  /** Local id for React keys; never sent. */
  uid: string;
  code: string;
  title: string;
  maxPoints: Num;
}

export interface DraftTemplate {
  group: ReviewGroup;
  form: Template['form'];
  criteria: DraftCriterion[];
  thresholds: { excellent: Num; good: Num; completed: Num };
  conditions: { excellentMinExceedingPct: Num; completedMaxLatePct: Num };
}

export interface Draft {
  cap: { enabled: boolean; percent: Num };
  templates: DraftTemplate[];
}

/** A problem of the draft: a code (`review.issues.<code>` or `review.templates.problems.<code>`), the field path. */
export interface Problem {
  path: string;
  code: string;
  message?: string;
  params?: Record<string, number>;
}

let seq = 0;
export const newUid = () => `c${++seq}`;

export const newCriterion = (): DraftCriterion => ({ uid: newUid(), code: '', title: '', maxPoints: '' });

/** The set as a draft: the four groups in order, a group missing from the set taken from the default set. */
export function toDraft(set: Pick<TemplateSetBody, 'cap' | 'templates'>): Draft {
  return {
    cap: { ...set.cap },
    templates: reviewGroups.map((group) => {
      const t = set.templates.find((x) => x.group === group) ?? defaultTemplateSet.templates.find((x) => x.group === group)!;
      return {
        group,
        form: t.form,
        criteria: t.criteria.map((c) => ({ uid: newUid(), code: c.code, title: c.title, maxPoints: c.maxPoints })),
        thresholds: { ...t.thresholds },
        conditions: { ...t.conditions },
      };
    }),
  };
}

/** A typed number as an integer, or NaN when empty, not a number or not whole. */
export function toInt(v: Num): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number.NaN;
  const s = v.trim();
  if (!/^-?\d+$/.test(s)) return Number.NaN;
  return Number(s);
}

export const criteriaSum = (t: DraftTemplate) => t.criteria.reduce((s, c) => s + (Number.isNaN(toInt(c.maxPoints)) ? 0 : toInt(c.maxPoints)), 0);

/** The body the server takes (numbers as typed; the checks run first). */
export function toBody(d: Draft): TemplateSetBody {
  return {
    cap: { enabled: d.cap.enabled, percent: toInt(d.cap.percent) },
    templates: d.templates.map((t) => ({
      group: t.group,
      form: t.form,
      criteria: t.criteria.map((c) => ({ code: c.code.trim(), title: c.title.trim(), maxPoints: toInt(c.maxPoints) })),
      thresholds: { excellent: toInt(t.thresholds.excellent), good: toInt(t.thresholds.good), completed: toInt(t.thresholds.completed) },
      conditions: { excellentMinExceedingPct: toInt(t.conditions.excellentMinExceedingPct), completedMaxLatePct: toInt(t.conditions.completedMaxLatePct) },
    })),
  };
}

function intProblem(out: Problem[], path: string, v: Num, min: number, max: number) {
  if (typeof v === 'string' && v.trim() === '') out.push({ path, code: 'required' });
  else {
    const n = toInt(v);
    if (Number.isNaN(n) || n < min || n > max) out.push({ path, code: 'int_range', params: { min, max } });
  }
}

/** Every problem of the draft at once: the rules the server checks (same codes), field by field. */
export function draftProblems(d: Draft): Problem[] {
  const out: Problem[] = [];
  intProblem(out, 'cap.percent', d.cap.percent, 0, 100);
  d.templates.forEach((t, i) => {
    const base = `templates.${i}`;
    if (t.criteria.length === 0) out.push({ path: `${base}.criteria`, code: 'no_criteria' });
    if (t.criteria.length > 30) out.push({ path: `${base}.criteria`, code: 'too_many_criteria', params: { max: 30 } });
    const codes = new Map<string, number>();
    t.criteria.forEach((c) => codes.set(c.code.trim(), (codes.get(c.code.trim()) ?? 0) + 1));
    t.criteria.forEach((c, j) => {
      const p = `${base}.criteria.${j}`;
      const code = c.code.trim();
      if (!code) out.push({ path: `${p}.code`, code: 'required' });
      else if (code.length > 20) out.push({ path: `${p}.code`, code: 'too_long', params: { max: 20 } });
      else if ((codes.get(code) ?? 0) > 1) out.push({ path: `${p}.code`, code: 'template_duplicate_code' });
      const title = c.title.trim();
      if (!title) out.push({ path: `${p}.title`, code: 'required' });
      else if (title.length > 300) out.push({ path: `${p}.title`, code: 'too_long', params: { max: 300 } });
      intProblem(out, `${p}.maxPoints`, c.maxPoints, 1, 100);
    });
    const sum = criteriaSum(t);
    if (t.criteria.length > 0 && sum !== 100) out.push({ path: `${base}.criteria`, code: 'template_sum_100', params: { sum } });
    const th = t.thresholds;
    const before = out.length;
    for (const k of ['excellent', 'good', 'completed'] as const) intProblem(out, `${base}.thresholds.${k}`, th[k], 1, 100);
    if (out.length === before) {
      const [e, g, c] = [toInt(th.excellent), toInt(th.good), toInt(th.completed)];
      if (!(e > g && g > c)) out.push({ path: `${base}.thresholds`, code: 'template_thresholds_order' });
    }
    intProblem(out, `${base}.conditions.excellentMinExceedingPct`, t.conditions.excellentMinExceedingPct, 0, 100);
    intProblem(out, `${base}.conditions.completedMaxLatePct`, t.conditions.completedMaxLatePct, 0, 100);
  });
  return out;
}

/** The paths the screen shows a problem at: every input, each group's criteria list, thresholds and card. */
export function shownPaths(d: Draft): Set<string> {
  const out = new Set<string>(['cap.enabled', 'cap.percent']);
  d.templates.forEach((t, i) => {
    const base = `templates.${i}`;
    out.add(base);
    out.add(`${base}.criteria`);
    out.add(`${base}.thresholds`);
    t.criteria.forEach((_c, j) => ['code', 'title', 'maxPoints'].forEach((f) => out.add(`${base}.criteria.${j}.${f}`)));
    ['excellent', 'good', 'completed'].forEach((f) => out.add(`${base}.thresholds.${f}`));
    ['excellentMinExceedingPct', 'completedMaxLatePct'].forEach((f) => out.add(`${base}.conditions.${f}`));
  });
  return out;
}

/**
 * Places each problem on the nearest field shown (`templates.1.criteria.2` → its criteria list when the row has no
 * such input); what has no place (`templates`, `unitId`, the body) is returned apart, for the alert above.
 */
export function placeProblems(problems: Problem[], shown: Set<string>): { byPath: Record<string, Problem[]>; rest: Problem[] } {
  const byPath: Record<string, Problem[]> = {};
  const rest: Problem[] = [];
  for (const p of problems) {
    const parts = p.path.split('.').filter(Boolean);
    let at: string | null = null;
    while (parts.length) {
      const candidate = parts.join('.');
      if (shown.has(candidate)) {
        at = candidate;
        break;
      }
      parts.pop();
    }
    if (at) (byPath[at] ??= []).push(p);
    else rest.push(p);
  }
  return { byPath, rest };
}
