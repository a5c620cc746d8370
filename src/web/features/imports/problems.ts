// A roster import's row problem in the page's language, from its code and parameters: `imports.problems.<code>`
// comes from domain/roster-problems.ts, the catalog the errors.xlsx and the CLI also speak from.
import type { TFunction } from 'i18next';

export type RosterProblem = { row: number; column: string; code: string; message: string; params?: Record<string, string | number> };

export const problemText = (t: TFunction, e: RosterProblem): string =>
  t(`imports.problems.${e.code}`, { defaultValue: e.message, ...e.params, column: e.column });
