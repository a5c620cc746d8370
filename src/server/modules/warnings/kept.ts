// What the list computed for a branch and a day (the cells under it, each signal's findings), kept in this process
// between reads and used again only while no audited write has reached the branch's province since it was computed
// (platform/audit: `marksOf`, per kind of write). A province's list asks a dozen signals over thousands of cells for two days;
// read again with nothing written, it is the same list. Every write in chibo is one transaction with its audit event,
// so the mark moves with the data it guards: a write the mark does not see is a write that broke that rule.
//
// The mark is read before computing: a write that lands while the signals run moves the mark past what was kept, and
// the next read computes again (never the reverse). Only the list route keeps: the work on a warning reads afresh.

/** How many (branch, day, signal) results are kept: a branch's two days are ~30; the least recently used go first. */
const LIMIT = 1000;

type Mark = number | string;
const kept = new Map<string, { mark: Mark; value: Promise<unknown> }>();

/**
 * The value kept under `key` while the branch's mark is still `mark`; else `compute()`, kept under the mark. A
 * computation that fails is not kept.
 */
export function keptOr<T>(key: string, mark: Mark, compute: () => Promise<T>): Promise<T> {
  const hit = kept.get(key);
  if (hit && hit.mark === mark) {
    // Most recently used last: the Map's order is the eviction order.
    kept.delete(key);
    kept.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  kept.delete(key);
  kept.set(key, { mark, value });
  value.catch(() => {
    if (kept.get(key)?.value === value) kept.delete(key);
  });
  while (kept.size > LIMIT) kept.delete(kept.keys().next().value!);
  return value;
}

/**
 * One value per day of `dates` (their order), each kept under `keyOf(day)` and `mark`: the days not kept are computed
 * together, in one call of `compute` (which answers for the days it is given, in their order).
 */
export function keptDays<T>(dates: readonly string[], keyOf: (date: string) => string, mark: Mark, compute: (days: readonly string[]) => Promise<T[]>): Promise<T[]> {
  const missing = dates.filter((d) => kept.get(keyOf(d))?.mark !== mark);
  const fresh = missing.length ? compute(missing) : null;
  return Promise.all(dates.map((d) => keptOr(keyOf(d), mark, () => fresh!.then((r) => r[missing.indexOf(d)]))));
}

/** Forgets everything kept (a test that writes around the audit trail; a bench between its rounds). */
export function forgetKept() {
  kept.clear();
}
