// The supervision and criticism channel: what a report is about, the states of a case, its deadlines and the
// early-warning thresholds are the warnings module's. Every number is data here, so a province can change it in one place.
import { z } from 'zod';
import { caseStatuses, conclusions, measures, reportCategories, reportSubjects } from './supervision-values.js';
import type * as V from './supervision-values.js';

// The value lists, rules and helpers live in supervision-values.ts (no zod, for the web's public pages).
export * from './supervision-values.js';

export type ReportCategory = V.ReportCategory;
export const ReportCategory = z.enum(reportCategories);
export type ReportSubject = V.ReportSubject;
export const ReportSubject = z.enum(reportSubjects);
export type CaseStatus = V.CaseStatus;
export const CaseStatus = z.enum(caseStatuses);
export type Conclusion = V.Conclusion;
export const Conclusion = z.enum(conclusions);
export type Measure = V.Measure;
export const Measure = z.enum(measures);
