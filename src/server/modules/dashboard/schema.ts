// Pre-aggregated registry figures (docs/decisions/0005-fast-figures.md). Derived data only: every row can be
// rebuilt from the registry with `SELECT figures_refresh(...)`. The triggers and functions that keep these tables
// current in the writing transaction are hand-written SQL (migration `figures_triggers`).
import { bigint, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/** The additive counts of the figures, as columns of both tables (names as in figures.ts' RawFigures). */
const counts = () => ({
  cells: integer('cells').notNull().default(0),
  members: integer('members').notNull().default(0),
  fullMembers: integer('full_members').notNull().default(0),
  cellsUnderMinimum: integer('cells_under_minimum').notNull().default(0),
  cellsWithoutSecretary: integer('cells_without_secretary').notNull().default(0),
  secretaries: integer('secretaries').notNull().default(0),
  university: integer('university').notNull().default(0),
  theory: integer('theory').notNull().default(0),
  villageHead: integer('village_head').notNull().default(0),
  laptop: integer('laptop').notNull().default(0),
  /** Σ of the secretaries' birth dates as days since 2000-01-01: Σ ages in days = secretaries × (D − 2000-01-01) − birth_sum. */
  birthSum: bigint('birth_sum', { mode: 'number' }).notNull().default(0),
  bandUnder35: integer('band_under35').notNull().default(0),
  bandFrom35to45: integer('band_from35to45').notNull().default(0),
  bandFrom46to60: integer('band_from46to60').notNull().default(0),
  bandOver60: integer('band_over60').notNull().default(0),
});

/**
 * One cell's figures, piecewise constant: each row holds from `valid_from` until `valid_to` (exclusive, null =
 * open), with the cell's path in that interval. Only intervals in which the cell is in force (cells = 1).
 */
export const cellFigureSegments = pgTable(
  'cell_figure_segments',
  {
    cellId: uuid('cell_id').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    path: text('path').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.cellId, t.validFrom] })],
);

/**
 * The running totals of every non-cell node (commune, province, …) over the cells whose path contains it on each
 * day: the row with the latest `valid_from <= D` holds the node's figures on D (no row: all zero).
 */
export const nodeFigures = pgTable(
  'node_figures',
  {
    nodeId: uuid('node_id').notNull(),
    validFrom: date('valid_from').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.validFrom] })],
);

/** Cells a transaction touched, refreshed once at its commit (deferred trigger); empty outside transactions. */
export const figuresDirty = pgTable(
  'figures_dirty',
  {
    txid: bigint('txid', { mode: 'number' }).notNull(),
    cellId: uuid('cell_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.txid, t.cellId] })],
);

/** One row per transaction with dirty cells: its insert queues the one deferred refresh. */
export const figuresPending = pgTable('figures_pending', {
  txid: bigint('txid', { mode: 'number' }).primaryKey(),
});
