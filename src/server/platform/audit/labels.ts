// The names of the things the audit trail tells of, resolved when it is read (nothing new is written into the trail):
// each owner module offers, in its descriptor's `auditLabels`, a labeller per entity type it records — the name of
// each record (a unit with its parent, a person with their cell, a cycle's title, a case's number) and, optionally, a
// search by name for the trail's filter.
import type { Executor } from '../db/index.js';

export interface AuditLabel {
  /** What the record is called ("Chi bộ Thôn 3", "Đánh giá năm 2025", "12/2026"). */
  name: string;
  /** Where it is, when the name alone does not tell ("Xã Tân Trào"). */
  context?: string | null;
}

export interface AuditLabeller {
  label: (exec: Executor, ids: readonly string[]) => Promise<Map<string, AuditLabel>>;
  /** The ids of records of this type whose name holds `q` (diacritics ignored), at most `limit`. */
  search?: (exec: Executor, q: string, limit: number) => Promise<string[]>;
}

/** Fields never shown in a before/after, whoever reads the trail: citizen ids, secrets. */
const HIDDEN = /cccd|citizen|password|secret|token|code_?hash/i;

/** A before/after state without the fields the trail's reader is not shown. */
export function shownState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shownState);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !HIDDEN.test(k)).map(([k, v]) => [k, shownState(v)]));
  return value;
}
