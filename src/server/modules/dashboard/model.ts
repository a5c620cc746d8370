// The registry figures' shape (see README.md for the exact definitions) and how counts become figures; shared by
// the raw reference (raw.ts) and the pre-aggregated fast path (figures.ts).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ageBands } from '../../../domain/enums.js';
import { compareUnitNames } from '../../../domain/vietnamese.js';
import type { Executor } from '../../platform/db/index.js';
import { versionsOn } from '../org/queries.js';
import type { UnitRow } from '../org/tree.js';

/** A percentage 0–100 with one decimal, or null when there is no secretary to count. */
const Pct = z.number().min(0).max(100).nullable();
const Count = z.number().int().min(0);

export const FiguresSchema = z.object({
  cells: Count,
  members: Count,
  fullMembers: Count,
  secretaries: Count,
  secretariesUniversityPct: Pct,
  secretariesTheoryPct: Pct,
  secretaryAgeBands: z.object({ under35: Count, from35to45: Count, from46to60: Count, over60: Count }),
  secretaryAverageAge: z.number().nullable(),
  secretariesVillageHeadPct: Pct,
  secretariesLaptopPct: Pct,
  cellsWithoutSecretary: Count,
  cellsUnderMinimum: Count,
}).meta({ id: 'Figures' });
export type Figures = z.infer<typeof FiguresSchema>;

/**
 * numerator / denominator rounded half-up to one decimal, in integers so that 12.5 stays 12.5 and the result
 * is the double nearest to the decimal (what the API and the Excel file show). Null for a zero denominator.
 */
export function oneDecimal(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((20 * numerator + denominator) / (2 * denominator)) / 10;
}

/**
 * The mean of exact ages in years of 365.2425 days (Σ days ÷ 365.2425 ÷ n), rounded half up to one decimal in
 * integers: 10000·Σdays / (3652425·n). A sum of ages in days is additive over a tree, so it can be pre-aggregated;
 * the mean of completed years is not (it moves on every secretary's birthday). Null without secretaries.
 */
export function averageAgeYears(ageDaysSum: number, secretaries: number): number | null {
  return oneDecimal(10_000 * ageDaysSum, 3_652_425 * secretaries);
}

/** The counts the figures are made of; percentages are derived from them in one place. */
export type RawFigures = {
  cells: number;
  members: number;
  full_members: number;
  cells_under_minimum: number;
  cells_without_secretary: number;
  secretaries: number;
  university: number;
  theory: number;
  village_head: number;
  laptop: number;
  /** Σ of the secretaries' ages in days on D. */
  age_days: number;
  [band: `band_${string}`]: number;
};

export function toFigures(r: RawFigures | undefined): Figures {
  const n = (v: number | null | undefined) => Number(v ?? 0);
  const secretaries = n(r?.secretaries);
  const bands = Object.fromEntries(ageBands.map((b) => [b.key, n(r?.[`band_${b.key}`])])) as Figures['secretaryAgeBands'];
  return {
    cells: n(r?.cells),
    members: n(r?.members),
    fullMembers: n(r?.full_members),
    secretaries,
    secretariesUniversityPct: oneDecimal(100 * n(r?.university), secretaries),
    secretariesTheoryPct: oneDecimal(100 * n(r?.theory), secretaries),
    secretaryAgeBands: bands,
    secretaryAverageAge: averageAgeYears(n(r?.age_days), secretaries),
    secretariesVillageHeadPct: oneDecimal(100 * n(r?.village_head), secretaries),
    secretariesLaptopPct: oneDecimal(100 * n(r?.laptop), secretaries),
    cellsWithoutSecretary: n(r?.cells_without_secretary),
    cellsUnderMinimum: n(r?.cells_under_minimum),
  };
}

export interface ChildFigures {
  unitId: string;
  unit: UnitRow;
  figures: Figures;
}

export interface BranchFigures {
  figures: Figures;
  children: ChildFigures[];
}

const byName = (a: ChildFigures, b: ChildFigures) => compareUnitNames(a.unit, b.unit);

/** What both branch statements return: the node's counts and, per child, the unit and its counts. */
export type BranchRow = { total: RawFigures | null; children: { unit: UnitRow; raw: RawFigures | null }[] };

/** The node's figures and its children's, in Vietnamese name order as the tree shows them. */
export function toBranchFigures(row: BranchRow): BranchFigures {
  return {
    figures: toFigures(row.total ?? undefined),
    children: row.children.map((c) => ({ unitId: c.unit.id, unit: c.unit, figures: toFigures(c.raw ?? undefined) })).sort(byName),
  };
}

/** The children of `parentId` on `date` via `branch` (fast or raw): the parent's path on that date, then the branch. */
export async function childFiguresVia(
  exec: Executor,
  input: { parentId: string; date: string },
  branch: (exec: Executor, input: { unit: { id: string; path: string }; date: string }) => Promise<BranchFigures>,
): Promise<ChildFigures[]> {
  const d = sql`${input.date}::date`;
  const { rows } = await exec.execute<{ path: string }>(
    sql`SELECT path FROM ${versionsOn(d)} pv WHERE pv.unit_id = ${input.parentId}`,
  );
  if (rows.length === 0) return [];
  return (await branch(exec, { unit: { id: input.parentId, path: rows[0].path }, date: input.date })).children;
}
