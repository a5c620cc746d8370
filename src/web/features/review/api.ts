// The review API as the web app sees it: types of the answers and the calls.
import type { CapRule, ReviewLevel, Template, TemplateSetBody } from '../../../domain/review';
import { api } from '../../api/client';

export interface Cycle {
  id: string;
  unitId: string;
  year: number;
  kind: 'yearly' | 'term' | 'quarter' | 'ad_hoc';
  title: string;
  referenceDate: string;
  selfDue: string;
  cellDue: string;
  decisionDue: string;
  complaintDays: number;
  status: 'open' | 'closed';
  cap: { enabled: boolean; percent: number };
  templates: Template[];
}

export interface Participant {
  id: string;
  kind: 'person' | 'cell';
  fullName: string | null;
  unitId: string;
  unitName: string;
  group: Template['group'];
  form: Template['form'];
  hasAccount: boolean;
  self: {
    scores: { code: string; points: number; note: string }[];
    total: number;
    tasksTotal: number;
    tasksLate: number;
    tasksExceeding: number;
    disciplined: boolean;
    shortcomingsFixed: boolean;
    allowedLevel: ReviewLevel;
    onBehalf: boolean;
  } | null;
  appraisal: { meetingDate: string; present: number; votesFor: number; votesAgainst: number; proposedLevel: ReviewLevel; comment: string } | null;
  decision: { level: ReviewLevel; reason: string; kind: 'decision' | 'recheck' } | null;
  complaint: { reason: string; onBehalf: boolean; at: string; status: 'waiting' | 'rechecked' } | null;
  complaintUntil: string | null;
  finalLevel: ReviewLevel | null;
  levelFinal: boolean;
  status: 'pending' | 'self_done' | 'appraised' | 'decided' | 'contested';
  actions: ('self' | 'appraise' | 'decide' | 'complain' | 'recheck')[];
}

export interface Board {
  cycle: Cycle;
  unit: { id: string; name: string; kind: string };
  items: Participant[];
}

export interface Progress {
  cycle: Cycle;
  communes: {
    unitId: string;
    name: string;
    participants: number;
    selfDone: number;
    appraised: number;
    decided: number;
    cells: number;
    cellsDecided: number;
    overdue: { self: boolean; appraisal: boolean; decision: boolean };
  }[];
}

type Group = { total: number; decided: number; counts: Record<ReviewLevel, number>; pct: Record<ReviewLevel, number | null>; goodOrBetterPct: number | null };
export interface ReviewFigures {
  unit: { id: string; name: string; kind: string };
  year: number;
  secretaries: Group;
  members: Group;
  allPeople: Group;
  cells: Group;
  caps: { unitId: string; name: string; excellent: number; goodOrBetter: number; allowed: number; ok: boolean; percent: number; enabled: boolean }[];
  trend: { year: number; secretariesGoodOrBetterPct: number | null; membersGoodOrBetterPct: number | null }[];
  secretariesNotCompletedTwice: { personId: string; fullName: string; unitName: string }[];
}

export interface Todo {
  items: { cycleId: string; cycleTitle: string; step: 'self' | 'selfOnBehalf' | 'appraise' | 'decide' | 'recheck'; unitId: string; unitName: string; count: number; due: string | null; overdue: boolean }[];
  overdue: { cycleId: string; cycleTitle: string; step: 'self' | 'appraise' | 'decide'; unitId: string; unitName: string; missing: number; due: string }[];
}

/** The criteria templates of a province for a year; `saved` is false while the default set stands in. */
export interface TemplateSet {
  unitId: string;
  year: number;
  saved: boolean;
  cap: CapRule;
  templates: Template[];
}

export const reviewApi = {
  templates: (unitId: string, year: number) => api<{ templateSet: TemplateSet }>('/api/review/templates', { query: { unitId, year } }),
  saveTemplates: (year: number, body: TemplateSetBody & { unitId: string }) =>
    api<{ templateSet: TemplateSet }>(`/api/review/templates/${year}`, { method: 'PUT', body }),
  todo: () => api<Todo>('/api/review/todo'),
  cycles: () => api<{ items: Cycle[] }>('/api/review/cycles'),
  progress: (id: string) => api<Progress>(`/api/review/cycles/${id}`),
  board: (id: string, unitId: string) => api<Board>(`/api/review/cycles/${id}/units/${unitId}`),
  figures: (unitId: string, year: number) => api<ReviewFigures>('/api/review/figures', { query: { unitId, year } }),
  open: (body: unknown) => api<{ cycle: Cycle }>('/api/review/cycles', { method: 'POST', body }),
  close: (id: string) => api<{ cycle: Cycle }>(`/api/review/cycles/${id}/close`, { method: 'POST', body: {} }),
  step: (id: string, step: 'self-assessment' | 'appraisal' | 'decision' | 'complaint' | 'recheck', body: unknown) =>
    api<{ participant: Participant }>(`/api/review/participants/${id}/${step}`, { method: 'POST', body }),
};
