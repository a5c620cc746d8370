// What a module is to the app: one descriptor, exported from `modules/<name>/index.ts` and listed by one line in
// `modules/index.ts` (docs/adding-a-module.md). The app builds itself from the list; the access suite walks the
// routes each module declares; the dashboard asks each module's figure providers. The types live here, not in
// app.ts, so that a route file importing them does not import the whole app (and every other module) back.
import type { FastifyInstance } from 'fastify';
import type { Actor, Policy } from './access.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/index.js';
import type { FieldIssue } from './errors.js';
import type { FigureProvider } from './figures.js';
import type { SignalProvider } from './signals.js';
import type { ReminderSweep } from './reminders.js';
import type { AuditLabeller } from './audit/labels.js';

export type { FigureProvider } from './figures.js';
export type { SignalProvider } from './signals.js';

/** What the app is built from (main.ts, the test harness). */
export interface Deps {
  config: Config;
  database: Database;
  /** The built web app (default dist/web); tests point it elsewhere. */
  webRoot?: string;
  /** Where logs go (stdout by default); tests capture them. */
  logStream?: NodeJS.WritableStream;
  /** The modules to build the app from; default the registry (modules/index.ts). Tests add modules of their own. */
  modules?: readonly ChiboModule[];
}

/** What a module's routes receive: the app's deps, and what the registry gathered from every module. */
export interface RouteDeps extends Deps {
  /** Every registered module's dashboard figures, in registry order. */
  figureProviders: readonly FigureProvider[];
  /** Every registered module's early-warning signals, in registry order (platform/signals.ts). */
  signalProviders: readonly SignalProvider[];
  /** Every registered module's providers of "what needs me now" (the home page), in registry order. */
  taskProviders: readonly TaskProvider[];
  /** Every module's acknowledgers of official messages, by source (the inbox's "acknowledge"). */
  acknowledgers: Readonly<Record<string, Acknowledger>>;
  /** Every module's deadline reminders (platform/reminders.ts), run by the inbox's daily sweep. */
  reminderSweeps: readonly { module: string; sweep: ReminderSweep }[];
  /** Every module's audit labellers, by entity type (platform/audit/labels.ts). */
  auditLabellers: Readonly<Record<string, AuditLabeller>>;
}

/**
 * One line of "what needs me now" on the home page: a kind of task, counted and grouped (never one line per record
 * of the same kind: "Decide the rating — 50 cells" links to the list filtered to them), actionable today.
 */
export interface TaskItem {
  /** Stable and unique among the actor's tasks (e.g. `review.decide:<cycle id>`). */
  key: string;
  /** i18n key of the sentence in the module's web catalog; `params` fill it. */
  label: string;
  params: Record<string, string | number>;
  /** How many records wait (people, cells, cases…). */
  count: number;
  /** Where one tap takes the actor: the list filtered to these records. */
  link: string;
  due: string | null;
  overdue: boolean;
}

/** What the home page hands every task provider: the app's registered signals (the warnings read them). */
export interface TaskContext {
  signalProviders: readonly SignalProvider[];
}

/** A module's part of the home page: its tasks for the actor, scoped by its own policies. */
export type TaskProvider = (db: Db, actor: Actor, context: TaskContext) => Promise<TaskItem[]>;

/**
 * Acknowledges, in the owning module, the record an official message is about (a meeting's invitation): the module
 * writes it in its own transaction and tells the inbox there (notifications/notify.ts acknowledgeBySource).
 */
export type Acknowledger = (db: Db, actor: Actor, sourceId: string) => Promise<void>;

/** Registers a module's routes on its own encapsulated scope of the app. */
export type ModuleRoutes = (app: FastifyInstance, deps: RouteDeps) => Promise<void>;

/**
 * A database constraint's name → the field issue the API answers with when a write breaks it: a unique or
 * exclusion constraint answers 409 conflict, a check constraint 400 validation (platform/http.ts). The
 * constraint's module declares it; the error handler reads the map of every module.
 */
export type ConstraintIssues = Readonly<Record<string, FieldIssue>>;

/**
 * Route key (`METHOD /api/path/:param`) → how the access suite calls it. The cases' shape belongs to the suite
 * (src/server/test/walk.ts, AccessWalk): the platform only carries them.
 */
export type RouteWalk = Readonly<Record<string, object>>;

export interface ChiboModule {
  /** The module's folder name under modules/ (and its OpenAPI tag, by habit). */
  name: string;
  routes: ModuleRoutes;
  /** The module's policies by name: what its policy.ts exports (the registry test checks none is left out). */
  policies: Readonly<Record<string, Policy<string>>>;
  /**
   * The module's routes as the access suite walks them (src/server/test/access.test.ts), loaded only by that
   * suite: every route the module registers must be there (the suite fails otherwise), public ones marked so.
   */
  accessWalk: () => Promise<RouteWalk>;
  /** Figures the module adds to the dashboard of any node and date (platform/figures.ts). */
  figures?: readonly FigureProvider[];
  /** Early-warning signals the module adds (platform/signals.ts), read by the warnings module. */
  signals?: readonly SignalProvider[];
  /** What the module asks of the actor now, for the home page (optional). */
  tasks?: readonly TaskProvider[];
  /** Names of the records the module writes into the audit trail, by entity type (platform/audit/labels.ts). */
  auditLabels?: Readonly<Record<string, AuditLabeller>>;
  /** Deadlines the module reminds of, 3 days before and on the day (platform/reminders.ts; optional). */
  reminders?: readonly ReminderSweep[];
  /** Official messages the module sends that are acknowledged in its own records, by source name (optional). */
  acknowledgers?: Readonly<Record<string, Acknowledger>>;
  /** The module's database constraints, as the API reports their violation. */
  constraints?: ConstraintIssues;
  /**
   * The module's part of the demo province, run by `chibo start` and `chibo seed --demo` after the registry's demo
   * (units, people, accounts) is in, in registry order: so that the module's pages show something on first start.
   * Returns what it made, counted, for the start-up line.
   */
  demo?: (db: Db, ctx: DemoContext) => Promise<Record<string, number>>;
}

/** Where a module's demo data goes: the demo province and its communes (on the day the demo is made). */
export interface DemoContext {
  provinceId: string;
  communeIds: string[];
  /** Where a demo may print its steps with their times (set by CHIBO_START_PHASES=1; optional to use). */
  log?: (message: string) => void;
}
