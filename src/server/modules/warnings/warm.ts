// The provinces' lists, kept ready: a province whose list was read (the warnings page, an officer's home) in the
// last half hour is computed again in the background soon after a write reaches its province, so the next read finds
// it kept (kept.ts) instead of computing the signals that write changed. The pass computes what a read would compute
// at that moment, under the same marks, so it never makes a read less true: a write that lands during the pass moves
// the marks past what it keeps, and the read computes again. Only the default view (today and the week before).
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { branchesFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import type { SignalProvider } from '../../platform/signals.js';
import { computeWarningsOn } from './list.js';
import { warningPolicy } from './policy.js';

/** How long a branch stays watched after its list was last read. */
export const WATCH_MS = 30 * 60_000;
/** How often the pass looks at the watched branches' marks. */
export const WARM_EVERY_MS = 2_000;

const watched = new Map<string, number>();

/**
 * The reader's province branches are watched from now on (the list route, an officer's home page). Only provinces: a
 * commune's list computes the signals a write changed in 7–30 ms even at national scale, while a province's takes
 * 0.2–0.4 s; and a write moves the marks of the whole province, so warming every watched commune of a busy province
 * after each write would cost more than the reads it saves.
 */
export function watchBranches(viewer: Actor, now = Date.now()) {
  for (const path of branchesFor(warningPolicy, viewer, 'warning.read')) if (isProvince(path)) watched.set(path, now);
}

/** A province's own branch: `/<province>/`. */
const isProvince = (path: string) => /^\/[^/]+\/$/.test(path);

/** A reader of exactly one branch, for the pass: whom the list is for does not change what is kept. */
const readerOf = (path: string): Actor => ({
  userId: null,
  name: 'warnings',
  personId: null,
  ownCellId: null,
  grants: [{ role: 'province_admin', unitId: '', unitPath: path, unitName: '', unitKind: '' }],
});

/**
 * One pass: each branch read within `WATCH_MS` is computed for today and the week before with `keep` (a look at its
 * marks and what is kept when nothing was written; the changed signals when something was); the others are dropped.
 * Returns how many branches it looked at.
 */
export async function warmWatched(exec: Executor, providers: readonly SignalProvider[], now = Date.now()): Promise<number> {
  const today = todayIso();
  let n = 0;
  for (const [path, readAt] of [...watched]) {
    if (now - readAt > WATCH_MS) {
      watched.delete(path);
      continue;
    }
    await computeWarningsOn(exec, readerOf(path), providers, [today, addDays(today, -7)], { keep: true });
    n++;
  }
  return n;
}

/** Forgets the watched branches (tests). */
export function forgetWatched() {
  watched.clear();
}
