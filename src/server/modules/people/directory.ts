// A branch's members on a date, in name order, with only what a search matches on (folded name, party card
// number, CCCD). Searching a commune in SQL reads every member's record for every word typed (~1,700 index probes,
// ~17 ms of PostgreSQL's CPU at national scale: in the load bench, search alone took more than one of the two cores).
// Kept in memory (platform/cache), the directory is read once per branch and date and dropped by the change feed
// like any cached member list; each search then costs a filter in Node and one read of the page's own rows by id.
import type { AppCache, TaggedCache } from '../../platform/cache/index.js';

export interface Directory {
  /** Members held (the cache's size limit counts members). */
  size: number;
  /** The branches the directory was read from (the unit's path on its date, or the actor's whole scope). */
  paths: string[];
  ids: string[];
  folded: string[];
  cards: (string | null)[];
  cccds: (string | null)[];
  sortKeys: string[];
}

/** A directory of a branch this big is not kept (a province, the nation): the search runs in SQL instead. */
export const DIRECTORY_MAX_MEMBERS = 50_000;

/** Cache entries: a directory, or the mark that a branch is too big to keep one. */
export type DirectoryEntry = Directory | { tooBig: true; paths: string[]; size: 1 };
export type DirectoryCache = TaggedCache<DirectoryEntry>;

/**
 * The app's cache of directories (none without a cache). Read from the primary (the member list never reads a
 * replica), so kept with replicas too. 500,000 members in all: ~300 communes' worth, ~100 MiB at most.
 */
export const directoryCache = (cache: AppCache | null): DirectoryCache | null =>
  cache?.own<DirectoryEntry>('people.directories', { entries: 5_000, size: 500_000 }, (d) => d.size) ?? null;

/** Rows as the directory query returns them: [id, name_folded, party_card_no, cccd, name_sort], in name order. */
export function directoryOf(paths: string[], rows: [string, string, string | null, string | null, string][]): Directory {
  return {
    size: Math.max(1, rows.length),
    paths,
    ids: rows.map((r) => r[0]),
    folded: rows.map((r) => r[1]),
    cards: rows.map((r) => r[2]),
    cccds: rows.map((r) => r[3]),
    sortKeys: rows.map((r) => r[4]),
  };
}

/**
 * Ids of the members matching every word (as the SQL search: the folded name contains it, or it is the party
 * card number or the CCCD), in name order, after `cursor` (sort key, id), at most `take`.
 * The directory is in `name_sort COLLATE "C", id` order: sort keys are ASCII (nameSortKey) and ids lowercase hex,
 * so JavaScript's string order is the same.
 */
export function searchDirectory(d: Directory, words: string[], cursor: [string, string] | null, take: number): string[] {
  const cards = words.map((w) => w.toUpperCase());
  const out: string[] = [];
  let i = 0;
  if (cursor) {
    const [sort, id] = cursor;
    while (i < d.ids.length && (d.sortKeys[i] < sort || (d.sortKeys[i] === sort && d.ids[i] <= id))) i++;
  }
  for (; i < d.ids.length && out.length < take; i++) {
    const folded = d.folded[i];
    if (words.every((w, k) => folded.includes(w) || d.cards[i] === cards[k] || d.cccds[i] === w)) out.push(d.ids[i]);
  }
  return out;
}
