// Search from anywhere: units by name or code (with their parent named), cases by number or text, people by name —
// each through its owner's own list, so each is scoped by the owner's policy (a reader finds only what they may
// open). Diacritics are ignored by the owners' searches.
import type { Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { latestNames } from '../org/queries.js';
import { searchUnits } from '../org/read.js';
import { listPeople } from '../people/list.js';
import { listCases } from '../supervision/cases.js';

const TAKE = 6;

export async function searchEverywhere(db: Db, actor: Actor, input: { q: string }) {
  const q = input.q.trim();
  if (q.length < 2) return { units: [], people: [], cases: [] };
  const [units, people, cases] = await Promise.all([
    searchUnits(db, actor, { q }),
    listPeople(db, actor, { q, limit: TAKE }),
    listCases(db, actor, { q, limit: TAKE }),
  ]);
  const shown = units.slice(0, TAKE);
  const parents = await latestNames(db, shown.map((u) => u.parentId).filter((p): p is string => !!p));
  return {
    units: shown.map((u) => ({ id: u.id, name: u.name, code: u.code, kind: u.kind, parent: u.parentId ? (parents.get(u.parentId) ?? null) : null })),
    people: people.items.slice(0, TAKE).map((p) => ({ id: p.id, fullName: p.fullName, unitName: p.unit?.name ?? '' })),
    cases: cases.items.map((c) => ({ id: c.id, number: c.id.slice(0, 8), category: c.category, receivedOn: c.receivedOn, cell: c.cell.name, excerpt: c.excerpt })),
  };
}
