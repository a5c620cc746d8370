// The warning list of a reader on a date: every enabled signal of every module asked for the reader's branches as
// they stood that day, the findings merged per subject (a cell, or a person of it), each placed by the cell's path
// on that day (a moved cell's warning belongs to its new commune), then the policy's rules: nothing about the reader
// nor the cell they belong to. The commune-level view counts the share of each commune's cells flagged.
import { inArray, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { compareUnitNames } from '../../../domain/vietnamese.js';
import { COMMUNE_SHARE_DEFAULT, type WarningStatus } from '../../../domain/warnings.js';
import { actionsOn, allowed, allowedSomewhere, branchesFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { marksOf, sumMarks } from '../../platform/audit/read.js';
import { notFound } from '../../platform/errors.js';
import { evaluateDays, type Evidence, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { cellsUnder, joinUnitOn, type CellOnDate } from '../org/branch.js';
import { personNames } from '../people/cell-members.js';
import { personHome } from '../people/service.js';
import { displayNamesOf } from '../users/queries.js';
import { warningPolicy, type WarningAction, type WarningTarget } from './policy.js';
import { keptDays, keptOr } from './kept.js';
import { watchBranches } from './warm.js';
import { warningNotes, warningStates } from './schema.js';
import { loadSettings, provinceOf } from './settings.js';

export interface WarningSignal {
  key: string;
  label: string;
  count: number;
  since: string;
  part: string | null;
  evidence: Evidence[];
  params: Record<string, string | number | boolean>;
}

export interface ComputedWarning {
  key: string;
  kind: 'cell' | 'person';
  cellId: string;
  personId: string | null;
  signals: WarningSignal[];
}

/** The reader with the cell they belong to: warnings about it are not theirs to see. */
export async function asViewer(exec: Executor, actor: Actor): Promise<Actor> {
  if (actor.ownCellId !== undefined) return actor;
  const home = actor.personId ? await personHome(exec, actor.personId) : null;
  return { ...actor, ownCellId: home?.open ? home.unitId : null };
}

const evidenceKeys = (w: ComputedWarning) =>
  w.signals.flatMap((s) => (s.evidence.length ? s.evidence.map((e) => `${s.key}:${s.part ?? ''}:${e.id}`) : [`${s.key}:${s.part ?? ''}:since:${s.since}`]));

/**
 * The warnings under the reader's branches on `date` (known then), before the policy's per-record rules: merged per
 * subject, with each cell's path on the date.
 */
export async function computeWarnings(exec: Executor, viewer: Actor, providers: readonly SignalProvider[], date: string) {
  return (await computeWarningsOn(exec, viewer, providers, [date]))[0];
}

type CellsOnDay = ReadonlyMap<string, { name: string; path: string; communeId: string; communeName: string }>;
type PlacedWarning = ComputedWarning & { path: string };
/** One branch on one day: its cells (named with their communes where a warning needs them) and its merged warnings. */
interface BranchDay {
  cells: CellsOnDay;
  warnings: ReadonlyMap<string, PlacedWarning>;
}

/**
 * `computeWarnings` for several days at once (the list: the day and the week before), one result per day in the order
 * of `dates`, each what was known on its day. Each signal is asked for all the days in one call
 * (`evaluateDays`: one statement over both days' rows where the signal offers it). With `keep` (the list route), a
 * branch's day computed before is used again while no write has reached its province since (kept.ts).
 */
export async function computeWarningsOn(exec: Executor, viewer: Actor, providers: readonly SignalProvider[], dates: readonly string[], opts: { keep?: boolean } = {}) {
  const branches = branchesFor(warningPolicy, viewer, 'warning.read');
  const settingsOf = new Map<string, Awaited<ReturnType<typeof loadSettings>>>();
  const parts: BranchDay[][] = dates.map(() => []);
  for (const path of branches) {
    const province = provinceOf(path);
    if (!settingsOf.has(province)) settingsOf.set(province, await loadSettings(exec, province, providers));
    const settings = settingsOf.get(province)!;
    const enabled = providers.filter((p) => settings.signals.get(p.key)!.enabled);
    const configOf = (p: SignalProvider) => settings.signals.get(p.key)!;
    // A family of signals reads once for the branch through the memo (supervision's three read the cases once).
    const shared = new Map<string, Promise<unknown>>();
    let perDay: BranchDay[];
    if (!opts.keep) perDay = await branchDays(exec, path, dates, enabled, (p, days) => evaluateDays(p, exec, { path, dates: days, config: configOf(p), shared }), (date) => cellsUnder(exec, [path], date));
    else {
      // Each signal's days are kept under the marks of what it reads; the cells under the tree's; the branch's merged
      // days under all of them together. Only what a write could have changed is computed again.
      const marks = await marksOf(exec, path);
      const markOf = (p: SignalProvider) => sumMarks(marks, p.reads);
      const treeMark = sumMarks(marks, []);
      const signalDays = (p: SignalProvider, days: readonly string[]) =>
        keptDays(days, (d) => `${path}|${d}|${p.key}|${JSON.stringify(configOf(p))}`, markOf(p), (missing) => evaluateDays(p, exec, { path, dates: missing, config: configOf(p), shared }));
      const cellsOn = (date: string) => keptOr(`${path}|${date}|cells`, treeMark, () => cellsUnder(exec, [path], date));
      const whole = JSON.stringify([treeMark, ...enabled.map((p) => [p.key, configOf(p), markOf(p)])]);
      perDay = await keptDays(dates, (d) => `${path}|${d}|whole`, whole, (missing) => branchDays(exec, path, missing, enabled, signalDays, cellsOn));
    }
    perDay.forEach((b, day) => parts[day].push(b));
  }
  return parts.map((branchesOnDay) => {
    const { cells, warnings } = branchesOnDay.length === 1 ? branchesOnDay[0] : mergeBranches(branchesOnDay);
    const readable = [...warnings.values()].filter((w) => allowed(warningPolicy, viewer, 'warning.read', { path: w.path, cellId: w.cellId, subjectPersonId: w.personId } satisfies WarningTarget));
    return { warnings: readable, cells, settings: settingsOf };
  });
}

/**
 * One branch on each of `days`: every enabled signal asked once for all the days (at once: each its own pooled
 * connection), its findings merged per subject (a cell, or a person of it) and placed by the cell's path on the day.
 * The signals of one family share a reading through the memo (`shared`). What it returns is kept and read by many:
 * never changed after.
 */
async function branchDays(
  exec: Executor,
  path: string,
  days: readonly string[],
  enabled: readonly SignalProvider[],
  signalDays: (p: SignalProvider, days: readonly string[]) => Promise<SignalFinding[][]>,
  cellsOn: (date: string) => Promise<CellOnDate[]>,
): Promise<BranchDay[]> {
  const [under, results] = await Promise.all([Promise.all(days.map(cellsOn)), Promise.all(enabled.map((p) => signalDays(p, days)))]);
  return Promise.all(
    days.map(async (date, day) => {
      const cellOf = new Map(under[day].map((c) => [c.id, c]));
      const warnings = new Map<string, PlacedWarning>();
      for (const [i, p] of enabled.entries()) {
        for (const f of results[i][day]) {
          const cell = cellOf.get(f.cellId);
          if (!cell) continue;
          const key = f.personId ? `person:${f.personId}` : `cell:${f.cellId}`;
          let w = warnings.get(key);
          if (!w) warnings.set(key, (w = { key, kind: f.personId ? 'person' : 'cell', cellId: f.cellId, personId: f.personId ?? null, signals: [], path: cell.path }));
          w.signals.push({ key: p.key, label: p.label, count: f.count, since: f.since, part: f.part ?? null, evidence: f.evidence, params: { ...f.params } });
        }
      }
      const communeNames = await unitNamesOn(exec, [...new Set([...warnings.values()].map((w) => cellOf.get(w.cellId)!.parentId))], date);
      const cells: CellsOnDay = new Map(under[day].map((c) => [c.id, { name: c.name, path: c.path, communeId: c.parentId, communeName: communeNames.get(c.parentId) ?? '' }]));
      return { cells, warnings };
    }),
  );
}

/** A reader with several branches: their cells and warnings on one day as one (a subject in two: its signals together). */
function mergeBranches(parts: readonly BranchDay[]): BranchDay {
  const cells = new Map<string, CellsOnDay extends ReadonlyMap<string, infer V> ? V : never>();
  const warnings = new Map<string, PlacedWarning>();
  for (const b of parts) {
    for (const [id, c] of b.cells) cells.set(id, c);
    for (const [key, w] of b.warnings) {
      const had = warnings.get(key);
      warnings.set(key, had ? { ...had, signals: [...had.signals, ...w.signals] } : w);
    }
  }
  return { cells, warnings };
}

/** The names of units (communes) on the date: one statement. */
async function unitNamesOn(exec: Executor, ids: string[], date: string) {
  if (!ids.length) return new Map<string, string>();
  const rows = await exec.execute<{ id: string; name: string }>(sql`
    SELECT c.id, cv.name FROM unnest(${`{${ids.join(',')}}`}::uuid[]) AS c(id) ${joinUnitOn(sql`c.id`, date, 'cv')}`);
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

/** The number of cells of each commune among the reader's cells on the day (read once by `computeWarnings`). */
function cellsPerCommune(cells: ReadonlyMap<string, { communeId: string; communeName: string }>) {
  const out = new Map<string, { name: string; cells: number }>();
  for (const c of cells.values()) {
    const x = out.get(c.communeId) ?? { name: c.communeName, cells: 0 };
    x.cells += 1;
    out.set(c.communeId, x);
  }
  return out;
}

type StateRow = typeof warningStates.$inferSelect;

/**
 * The work on each warning as it stood on `date`: the last dated copy on or before it (warning_state_days), by
 * subject key. One statement over the subject index; a subject without a copy by then was open.
 */
export async function workOn(exec: Executor, keys: string[], date: string) {
  const out = new Map<string, Pick<StateRow, 'status' | 'acknowledgedOn' | 'followUpUserId' | 'followUpBy' | 'closedOn' | 'closeReason' | 'closedEvidence'>>();
  if (!keys.length) return out;
  const rows = await exec.execute<{ subject_key: string; status: WarningStatus; acknowledged_on: string | null; follow_up_user_id: string | null; follow_up_by: string | null; closed_on: string | null; close_reason: string | null; closed_evidence: string[] }>(sql`
    SELECT DISTINCT ON (d.subject_key) d.subject_key, d.status, d.acknowledged_on::text, d.follow_up_user_id, d.follow_up_by::text, d.closed_on::text, d.close_reason, d.closed_evidence
    FROM warning_state_days d
    WHERE d.subject_key = ANY(${sql.param(keys)}::text[]) AND d.on <= ${date}::date
    ORDER BY d.subject_key, d.on DESC, d.seq DESC`);
  for (const r of rows.rows)
    out.set(r.subject_key, { status: r.status, acknowledgedOn: r.acknowledged_on, followUpUserId: r.follow_up_user_id, followUpBy: r.follow_up_by, closedOn: r.closed_on, closeReason: r.close_reason, closedEvidence: r.closed_evidence });
  return out;
}

/** The state of work the reader sees: a closed warning with evidence it did not hold when closed is open again. */
export function effectiveStatus(state: StateRow | undefined, w: ComputedWarning): { status: WarningStatus; reopened: boolean } {
  if (!state) return { status: 'open', reopened: false };
  if (state.status !== 'closed') return { status: state.status, reopened: false };
  const closed = new Set(state.closedEvidence);
  const fresh = evidenceKeys(w).some((k) => !closed.has(k));
  return fresh ? { status: 'open', reopened: true } : { status: 'closed', reopened: false };
}

export { evidenceKeys };

const total = (w: ComputedWarning) => w.signals.reduce((n, s) => n + s.count, 0);

export async function listWarnings(exec: Executor, actor: Actor, providers: readonly SignalProvider[], query: { date: string }, opts: { watch?: boolean } = {}) {
  if (!allowedSomewhere(warningPolicy, actor, 'warning.read')) throw notFound('Page');
  const viewer = await asViewer(exec, actor);
  // An officer's list is kept ready from now on (warm.ts): the next read after a write finds it computed.
  if (opts.watch) watchBranches(viewer);
  const { date } = query;
  const [now, lastWeek] = await computeWarningsOn(exec, viewer, providers, [date, addDays(date, -7)], { keep: true });
  const before = new Map(lastWeek.warnings.map((w) => [w.key, w]));

  const keys = now.warnings.map((w) => w.key);
  const states = keys.length ? await exec.select().from(warningStates).where(sql`${warningStates.subjectKey} = ANY(${sql.param(keys)}::text[])`) : [];
  // A past day: the work as it stood then (the last dated copy on or before it; none: open), its notes written by then.
  const past = date < todayIso();
  const rowOf = new Map(states.map((s) => [s.subjectKey, s]));
  const stateOf = new Map<string, StateRow>(states.map((s) => [s.subjectKey, s]));
  if (past) {
    const then = await workOn(exec, keys, date);
    for (const s of states) {
      const t = then.get(s.subjectKey);
      if (t) stateOf.set(s.subjectKey, { ...s, ...t });
      else stateOf.delete(s.subjectKey);
    }
  }
  const notes = states.length
    ? (await exec.select().from(warningNotes).where(inArray(warningNotes.stateId, states.map((s) => s.id))).orderBy(warningNotes.seq)).filter((n) => n.on <= date)
    : [];
  const names = await personNames(exec, [...new Set(now.warnings.flatMap((w) => (w.personId ? [w.personId] : [])))]);
  // Every assignee's name in one statement, not one per warning.
  const assignees = await displayNamesOf(exec, [...new Set([...stateOf.values()].flatMap((s) => (s.followUpUserId ? [s.followUpUserId] : [])))]);

  const items = now.warnings.map((w) => {
    const cell = now.cells.get(w.cellId)!;
    const state = stateOf.get(w.key);
    const row = rowOf.get(w.key);
    const prev = before.get(w.key);
    const { status, reopened } = effectiveStatus(state, w);
    const target: WarningTarget = { path: w.path, cellId: w.cellId, subjectPersonId: w.personId };
    return {
      key: w.key,
      kind: w.kind,
      cell: { id: w.cellId, name: cell.name },
      commune: { id: cell.communeId, name: cell.communeName },
      person: w.personId ? { id: w.personId, name: names.get(w.personId) ?? '' } : null,
      since: w.signals.map((s) => s.since).sort()[0],
      escalated: w.signals.some((s) => s.params.escalated === true),
      signals: w.signals,
      change: !prev ? ('new' as const) : total(w) > total(prev) || w.signals.length > prev.signals.length ? ('rising' as const) : ('steady' as const),
      status,
      reopened,
      acknowledgedOn: state?.acknowledgedOn ?? null,
      followUp: state?.followUpUserId ? { userId: state.followUpUserId, name: assignees.get(state.followUpUserId) ?? '', by: state.followUpBy! } : null,
      closedOn: status === 'closed' ? state!.closedOn : null,
      closeReason: status === 'closed' ? state!.closeReason : null,
      notes: row ? notes.filter((n) => n.stateId === row.id).map((n) => ({ seq: n.seq, on: n.on, byName: n.byName ?? '', body: n.body })) : [],
      actions: actionsOn(warningPolicy, viewer, target).filter((a): a is Exclude<WarningAction, 'warning.read'> => a !== 'warning.read'),
    };
  });
  items.sort((a, b) => b.signals.length - a.signals.length || total(b as unknown as ComputedWarning) - total(a as unknown as ComputedWarning) || compareUnitNames(a.cell, b.cell));

  const nowKeys = new Set(keys);
  const cleared = lastWeek.warnings
    .filter((w) => !nowKeys.has(w.key))
    .map((w) => ({ key: w.key, kind: w.kind, cell: { id: w.cellId, name: lastWeek.cells.get(w.cellId)?.name ?? '' } }));

  // The communes of the reader's branches, ranked by the cells flagged; a commune is flagged when its share reaches the setting.
  const perCommune = cellsPerCommune(now.cells);
  const flagged = new Map<string, { cells: Set<string>; signals: number }>();
  for (const w of now.warnings) {
    const communeId = now.cells.get(w.cellId)!.communeId;
    const f = flagged.get(communeId) ?? { cells: new Set(), signals: 0 };
    f.cells.add(w.cellId);
    f.signals += w.signals.length;
    flagged.set(communeId, f);
  }
  const share = [...now.settings.values()][0]?.communeShare ?? COMMUNE_SHARE_DEFAULT;
  const communes = [...perCommune.entries()]
    .map(([id, c]) => {
      const f = flagged.get(id);
      const flaggedCells = f?.cells.size ?? 0;
      return { id, name: c.name, cells: c.cells, flaggedCells, signals: f?.signals ?? 0, sharePercent: c.cells ? Math.round((flaggedCells * 100) / c.cells) : 0, threshold: share, flagged: c.cells > 0 && flaggedCells * 100 >= share * c.cells };
    })
    .filter((c) => c.flaggedCells > 0)
    .sort((a, b) => b.flaggedCells - a.flaggedCells || b.signals - a.signals || compareUnitNames(a, b));

  return { date, since: addDays(date, -7), items, cleared, communes };
}
