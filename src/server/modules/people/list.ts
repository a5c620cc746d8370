// The member list: the page most users open most often (a cell secretary's 20–50 members), so it is one
// statement — the unit's path, the page of people with their current positions and posts — instead of a round
// trip for each. On a loaded machine every round trip to PostgreSQL costs more than all the rest of the request.
import { sql, type SQL } from 'drizzle-orm';
import { issue } from '../../../domain/issues.js';
import { todayIso } from '../../../domain/dates.js';
import type { CellPosition, ConcurrentPost } from '../../../domain/enums.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import { branchesFor, scopeFor, wholeBranches, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { executePrepared } from '../../platform/db/prepared.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { Ticket } from '../../platform/cache/index.js';
import { nameAsOf, unitVersion, versionsOn } from '../org/queries.js';
import { prefixMatch } from '../org/tree.js';
import { personPolicy } from './policy.js';
import { DIRECTORY_MAX_MEMBERS, directoryOf, searchDirectory, type DirectoryCache } from './directory.js';
import { presentPerson, type PresentedFields } from './service.js';

export interface PeopleQuery {
  unitId?: string;
  q?: string;
  status?: 'active' | 'closed';
  date?: string;
  limit?: number;
  cursor?: string;
}

const encodeCursor = (sort: string, id: string) => Buffer.from(JSON.stringify([sort, id])).toString('base64url');
function decodeCursor(c: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {}
  throw invalid([issue('invalid_cursor', 'cursor')]);
}

type ListedPerson = PresentedFields & {
  nameSort: string;
  unitId: string;
  unitName: string;
  unitParentName: string | null;
  path: string;
  open: boolean;
  positions: CellPosition[];
  posts: ConcurrentPost[];
};

/**
 * People of the actor's branches (narrowed to `unitId`), in Vietnamese name order, cursor-paginated; with the
 * branches the page covers.
 * Active: members on `date`. Closed: people who left or died, placed by their last cell.
 * A search of current members goes through the branch's directory when there is a cache (directory.ts).
 */
export async function listPeople(db: Db, actor: Actor, query: PeopleQuery, directories?: DirectoryCache | null, maxDirectory = DIRECTORY_MAX_MEMBERS) {
  const date = query.date ?? todayIso();
  const limit = Math.min(query.limit ?? 50, 200);
  const scope = branchesFor(personPolicy, actor, 'person.read');
  // The rows personPolicy lets the actor read; when that is whole branches, a branch's directory may answer.
  const readable = scopeFor(personPolicy, actor, 'person.read', { path: sql.raw('v.path'), personId: sql.raw('p.id') });
  const whole = wholeBranches(personPolicy, actor, 'person.read');
  const words = query.q ? foldDiacritics(query.q).split(' ').filter(Boolean) : [];
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const list = { db, actor, query, date, limit, scope, readable, whole, cursor, maxDirectory };
  if (words.length && directories && query.status !== 'closed' && whole) {
    const found = await searchThroughDirectory(list, directories, words);
    if (found) return found;
  }
  const conditions: SQL[] = [];
  for (const word of words) {
    const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(p.name_folded LIKE ${like} OR p.party_card_no = ${word.toUpperCase()} OR p.cccd = ${word})`);
  }
  if (cursor) conditions.push(sql`(p.name_sort COLLATE "C", p.id) > (${cursor[0]} COLLATE "C", ${cursor[1]}::uuid)`);
  if (query.status === 'closed') conditions.push(sql`p.status <> 'active'`);
  return readPage(list, conditions);
}

interface ListContext {
  db: Db;
  actor: Actor;
  query: PeopleQuery;
  date: string;
  limit: number;
  scope: string[];
  /** personPolicy's predicate over `v.path` and `p.id`: the rows the actor may read. */
  readable: SQL;
  /** Whether `readable` is whole branches (then a unit inside them needs no more than its own range). */
  whole: boolean;
  cursor: [string, string] | null;
  /** Members a directory may hold (DIRECTORY_MAX_MEMBERS; smaller in tests). */
  maxDirectory: number;
}

// The unit as findUnit reads it (its version on `date`, or its last one before), kept only inside the actor's
// branches: outside them it is "not found", like a unit that does not exist.
const unitCte = ({ query, date, scope }: ListContext) =>
  query.unitId
    ? sql`WITH unit AS (
            SELECT path FROM ${unitVersion(sql`${query.unitId}`, ['path'], sql`${date}`)} u
            WHERE ${prefixMatch(sql.raw('u.path'), scope)})`
    : sql``;

// A range on the path index, with the bounds known only at run time: LIKE 'x%' would need them at planning.
// Paths end with '/', so [path, path without its '/' + '0') holds exactly the paths that start with it.
const branchCondition = ({ query, readable, whole }: ListContext) =>
  query.unitId
    ? sql`v.path ~>=~ (SELECT path FROM unit) AND v.path ~<~ (SELECT left(path, -1) || '0' FROM unit) AND starts_with(v.path, (SELECT path FROM unit))${whole ? sql`` : sql` AND ${readable}`}`
    : readable;

const unitFound = ({ query }: ListContext) => (query.unitId ? sql`EXISTS (SELECT 1 FROM unit)` : sql`true`);
const unitPath = ({ query }: ListContext) => (query.unitId ? sql`(SELECT path FROM unit)` : sql`NULL::text`);

const currentMembers = (date: string) =>
  sql`JOIN memberships m ON m.person_id = p.id AND m.valid_from <= ${date} AND (m.valid_to IS NULL OR m.valid_to > ${date})
      JOIN ${versionsOn(sql`${date}`)} v ON v.unit_id = m.unit_id`;

/**
 * One page of people (with their positions and posts) matching `conditions`, in one statement. With `ids` (a
 * directory's matches), the statement starts from those people: ~20 index probes instead of the branch's members.
 */
async function readPage(list: ListContext, conditions: SQL[], ids?: string[]) {
  const { db, actor, query, date, limit, scope } = list;
  const membershipJoin =
    query.status === 'closed'
      ? sql`JOIN LATERAL (SELECT * FROM memberships m WHERE m.person_id = p.id ORDER BY m.valid_from DESC LIMIT 1) m ON true
            JOIN LATERAL ${unitVersion(sql`m.unit_id`, ['name', 'path', 'parent_id'], sql`m.valid_to - 1`)} v ON true`
      : currentMembers(date);
  const inForce = (alias: string) => sql`${sql.raw(alias)}.valid_from <= ${date} AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to > ${date})`;
  const result = await executePrepared<{ unit_found: boolean; unit_path: string | null; items: ListedPerson[] | null }>(db, sql`
    ${unitCte(list)}
    SELECT ${unitFound(list)} AS unit_found, ${unitPath(list)} AS unit_path, (
      SELECT json_agg(json_build_object(
        'id', p.id, 'fullName', p.full_name, 'nameSort', p.name_sort, 'birthDate', p.birth_date, 'sex', p.sex,
        'ethnicity', p.ethnicity, 'partyCardNo', p.party_card_no, 'joinedOn', p.joined_on, 'officialOn', p.official_on,
        'cccd', p.cccd, 'phone', p.phone, 'education', p.education, 'theoryLevel', p.theory_level, 'status', p.status,
        'statusDate', p.status_date, 'unitId', p.unit_id, 'unitName', p.unit_name, 'unitParentName', p.unit_parent_name, 'path', p.path, 'open', p.open,
        'positions', ARRAY(SELECT t.position FROM position_terms t WHERE t.person_id = p.id AND ${inForce('t')} ORDER BY t.valid_from, t.position),
        'posts', ARRAY(SELECT c.post FROM concurrent_posts c WHERE c.person_id = p.id AND ${inForce('c')} ORDER BY c.valid_from, c.post)
      ) ORDER BY p.name_sort COLLATE "C", p.id)
      FROM (
        SELECT p.*, m.unit_id, v.name AS unit_name, ${nameAsOf(sql`v.parent_id`, query.status === 'closed' ? sql`m.valid_to - 1` : sql`${date}::date`)} AS unit_parent_name, v.path, (m.valid_to IS NULL) AS open
        FROM ${ids ? sql`unnest(${sql.param(ids)}::uuid[]) AS wanted(id) JOIN people p ON p.id = wanted.id` : sql`people p`} ${membershipJoin}
        WHERE ${sql.join([branchCondition(list), ...conditions], sql` AND `)}
        ORDER BY p.name_sort COLLATE "C", p.id
        LIMIT ${limit + 1}
      ) p
    ) AS items`);
  const { unit_found: found, unit_path: path, items } = result.rows[0];
  if (!found) throw notFound('Unit');
  const rows = (items ?? []).slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) =>
      presentPerson(r, { unitId: r.unitId, unitName: r.unitName, parentName: r.unitParentName, path: r.path, membershipId: '', open: r.open }, actor, { positions: r.positions, posts: r.posts }),
    ),
    nextCursor: (items?.length ?? 0) > limit && last ? encodeCursor(last.nameSort, last.id) : null,
    // The branches the page was read from: a change in a cell under one of them outdates it (platform/cache).
    paths: path ? [path] : scope,
  };
}

/**
 * The search through the branch's directory: read it (once per branch and day), match the words in Node, then
 * read the page's own people by id. Undefined when the branch is too big to keep a directory of: search in SQL.
 */
async function searchThroughDirectory(list: ListContext, directories: DirectoryCache, words: string[]) {
  const { query, date, scope, limit, cursor } = list;
  const key = `${date} ${query.unitId ?? `scope ${scope.join(' ')}`}`;
  let directory = directories.get(key);
  // Kept per unit, not per user: whoever reads it from here must have that unit in their branches.
  if (directory && !directory.paths.every((p) => scope.some((s) => p.startsWith(s)))) directory = undefined;
  if (!directory) {
    const ticket = directories.begin();
    try {
      directory = await readDirectory(list, ticket, directories, key);
    } finally {
      directories.end(ticket);
    }
  }
  if ('tooBig' in directory) return undefined;
  const ids = searchDirectory(directory, words, cursor, limit + 1);
  if (ids.length === 0) return { items: [], nextCursor: null, paths: directory.paths };
  // The page's rows, read as any list reads them (the branch and date conditions included).
  return readPage(list, [], ids);
}

async function readDirectory(list: ListContext, ticket: Ticket, directories: DirectoryCache, key: string) {
  const { db, date, scope, maxDirectory } = list;
  const result = await executePrepared<{ unit_found: boolean; unit_path: string | null; rows: [string, string, string | null, string | null, string][] | null }>(db, sql`
    ${unitCte(list)}
    SELECT ${unitFound(list)} AS unit_found, ${unitPath(list)} AS unit_path, (
      SELECT json_agg(json_build_array(d.id, d.name_folded, d.party_card_no, d.cccd, d.name_sort) ORDER BY d.name_sort COLLATE "C", d.id)
      FROM (
        SELECT p.id, p.name_folded, p.party_card_no, p.cccd, p.name_sort
        FROM people p ${currentMembers(date)}
        WHERE ${branchCondition(list)}
        LIMIT ${maxDirectory + 1}
      ) d
    ) AS rows`);
  const { unit_found: found, unit_path: path, rows } = result.rows[0];
  if (!found) throw notFound('Unit');
  const paths = path ? [path] : scope;
  if ((rows?.length ?? 0) > maxDirectory) {
    // Remembered for the day whatever changes under the branch (it does not shrink by half in a day): the next
    // search goes straight to SQL instead of reading 50,000 members again after every write in the province.
    const tooBig = { tooBig: true as const, paths, size: 1 as const };
    directories.put(ticket, key, tooBig, { user: 'system', kind: 'people', paths: [] });
    return tooBig;
  }
  const directory = directoryOf(paths, rows ?? []);
  directories.put(ticket, key, directory, { user: 'system', kind: 'people', paths });
  return directory;
}
