// Member records and their dated relations: create, correct, transfer, close, positions, posts, equipment.
// A person's branch is the cell of their current (or, once closed, their last) membership.
import { issue } from '../../../domain/issues.js';
import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import type { CellPosition, ConcurrentPost, EquipmentKind } from '../../../domain/enums.js';
import { personCrossRules, type PersonFields } from '../../../domain/person.js';
import { foldDiacritics, nameSortKey } from '../../../domain/vietnamese.js';
import { actionsOn, allowed, authorize, type Actor } from '../../platform/access.js';
import { recordAudit, stageAudit, type AuditInput } from '../../platform/audit/audit.js';
import type { Db, Executor, Tx } from '../../platform/db/index.js';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { unitVersion } from '../org/queries.js';
import { findUnit, inForce, type UnitRow } from '../org/tree.js';
import { personPolicy, type PersonAction } from './policy.js';
import { concurrentPosts, equipmentIssues, memberships, people, positionTerms } from './schema.js';

type PersonRow = typeof people.$inferSelect;
export interface PersonHome {
  unitId: string;
  unitName: string;
  /** The cell's parent (its commune), when the person is shown out of the cell's context (lists). */
  parentName?: string | null;
  path: string;
  membershipId: string;
  open: boolean;
}

/** The cell a person belongs to now, or belonged to last; with that cell's path as of then. */
type HomeRow = { unit_id: string; name: string; path: string; id: string; valid_to: string | null };

/** The person's current (or last) membership with its cell's name and path then, as one JSON value. */
const homeOf = (personId: SQL) => sql`
    SELECT json_build_object('id', m.id, 'unit_id', m.unit_id, 'valid_to', m.valid_to, 'name', v.name, 'path', v.path)
    FROM memberships m
    JOIN LATERAL ${unitVersion(sql`m.unit_id`, ['name', 'path'], sql`COALESCE(m.valid_to - 1, CURRENT_DATE + 36500)`)} v ON true
    WHERE m.person_id = ${personId}
    ORDER BY m.valid_from DESC LIMIT 1`;

const toHome = (r: HomeRow | null | undefined): PersonHome | null =>
  r ? { unitId: r.unit_id, unitName: r.name, path: r.path, membershipId: r.id, open: r.valid_to === null } : null;

export async function personHome(exec: Executor, personId: string): Promise<PersonHome | null> {
  const { rows } = await exec.execute<{ home: HomeRow | null }>(sql`SELECT (${homeOf(sql`${personId}::uuid`)}) AS home`);
  return toHome(rows[0]?.home);
}

/**
 * The record and its home in one round trip: every read and write of a person starts here. `also` is read in the
 * same statement (a read's dated lists); it is returned only once the actor is authorized.
 */
async function loadPerson<X = null>(exec: Executor, actor: Actor, id: string, action: PersonAction, also?: SQL<X>) {
  const [row] = await exec
    .select({
      person: people,
      home: sql<HomeRow | null>`(${homeOf(sql`${people.id}`)})`,
      version: sql<string>`people.xmin::text`,
      also: also ?? sql<X>`NULL`,
    })
    .from(people)
    .where(eq(people.id, id));
  const person = row?.person;
  const home = toHome(row?.home);
  // A person with no membership has no branch: only the system sees them.
  if (!person || !home) throw notFound('Person');
  authorize(personPolicy, actor, action, { path: home.path, personId: id }, 'Person');
  // The row version (xmin): a write can apply only to the record as read.
  return { person, home, version: row.version, also: row.also as X };
}

async function loadCell(exec: Executor, actor: Actor, unitId: string, date: string, action: PersonAction, path = 'unitId'): Promise<UnitRow> {
  const unit = await findUnit(exec, unitId, date);
  if (!unit || (unit.validTo && unit.validTo <= date) || unit.versionFrom > date) throw notFound('Unit');
  authorize(personPolicy, actor, action, { path: unit.path }, 'Unit');
  if (unit.kind !== 'cell') throw invalid([issue('members_in_cells', path)]);
  return unit;
}

/** The columns of a person the API shows. */
export type PresentedFields = Pick<
  PersonRow,
  'id' | 'fullName' | 'birthDate' | 'sex' | 'ethnicity' | 'partyCardNo' | 'joinedOn' | 'officialOn' | 'cccd' | 'phone' | 'education' | 'theoryLevel' | 'status' | 'statusDate'
>;

export function presentPerson(p: PresentedFields, home: PersonHome | null, actor: Actor, current: { positions: CellPosition[]; posts: ConcurrentPost[] } = { positions: [], posts: [] }) {
  const showCccd = home ? allowed(personPolicy, actor, 'person.readCccd', { path: home.path, personId: p.id }) : false;
  return {
    id: p.id,
    fullName: p.fullName,
    birthDate: p.birthDate,
    sex: p.sex,
    ethnicity: p.ethnicity,
    partyCardNo: p.partyCardNo,
    joinedOn: p.joinedOn,
    officialOn: p.officialOn,
    cccd: showCccd ? p.cccd : null,
    phone: p.phone,
    education: p.education,
    theoryLevel: p.theoryLevel,
    status: p.status,
    statusDate: p.statusDate,
    unit: home?.open ? { id: home.unitId, name: home.unitName, ...(home.parentName !== undefined ? { parentName: home.parentName } : {}) } : null,
    positions: current.positions,
    posts: current.posts,
  };
}

/** Field rules that need the database: uniqueness of CCCD and party card number. */
async function uniquenessIssues(exec: Executor, p: { cccd?: string | null; partyCardNo?: string | null }, exceptId?: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (p.cccd) {
    const [other] = await exec.select({ id: people.id }).from(people).where(eq(people.cccd, p.cccd));
    if (other && other.id !== exceptId) issues.push(issue('cccd_taken', 'cccd'));
  }
  if (p.partyCardNo) {
    const [other] = await exec.select({ id: people.id }).from(people).where(eq(people.partyCardNo, p.partyCardNo));
    if (other && other.id !== exceptId) issues.push(issue('party_card_taken', 'partyCardNo'));
  }
  return issues;
}

function crossRuleIssues(p: Partial<PersonFields>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  personCrossRules(p, (code, path) => issues.push(issue(code, path)), todayIso());
  return issues;
}

const personValues = (p: PersonFields) => ({ ...p, nameFolded: foldDiacritics(p.fullName), nameSort: nameSortKey(p.fullName) });

export async function createPerson(db: Db, actor: Actor, input: PersonFields & { unitId: string; memberSince?: string }) {
  return db.transaction(async (tx) => {
    // Without a date, membership runs from joining, or from the cell's founding if it is younger.
    const unit = await loadCell(tx, actor, input.unitId, input.memberSince ?? todayIso(), 'person.create');
    const since = input.memberSince ?? (input.joinedOn > unit.validFrom ? input.joinedOn : unit.validFrom);
    const { unitId, memberSince, ...fields } = input;
    const issues = [...crossRuleIssues(fields), ...(await uniquenessIssues(tx, fields))];
    if (since < fields.joinedOn) issues.push(issue('membership_before_joining', 'memberSince'));
    if (issues.length) throw conflictOrInvalid(issues);
    const [person] = await tx.insert(people).values(personValues(fields)).returning();
    await tx.insert(memberships).values({ personId: person.id, unitId, validFrom: since });
    await recordAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: person.id, unitPath: unit.path, after: { ...fields, unitId, memberSince: since } });
    void memberSince;
    return presentPerson(person, { unitId, unitName: unit.name, path: unit.path, membershipId: '', open: true }, actor);
  });
}

/** Uniqueness problems are conflicts (409); the rest are plain validation (400). */
function conflictOrInvalid(issues: FieldIssue[]) {
  const dup = issues.every((i) => /belongs to another person/.test(i.message));
  return dup ? conflict(issues[0].message, issues) : invalid(issues);
}

/**
 * Corrects a record: the most common write (a phone number, a misspelt name), so it is two round trips rather than
 * a transaction of five. The record is read and checked, then changed together with its audit event in one
 * statement (so both or neither), which applies only if neither the record (its row version) nor the person's
 * membership changed since it was read: what was checked and authorized is what is written. A lost race reads
 * again; twice lost, the record is locked and written as read.
 */
export async function updatePerson(db: Db, actor: Actor, id: string, patch: Partial<PersonFields>) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const done = await correctAsRead(db, actor, id, patch);
    if (done) return done;
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM people WHERE id = ${id} FOR UPDATE`);
    const done = await correctAsRead(tx, actor, id, patch);
    if (!done) throw conflict('The record was changed by someone else meanwhile; please try again');
    return done;
  });
}

/** One try of updatePerson: the presented record, or null when the record changed between the read and the write. */
async function correctAsRead(exec: Executor, actor: Actor, id: string, patch: Partial<PersonFields>) {
  const { person, home, version } = await loadPerson(exec, actor, id, 'person.update');
  const merged = { ...person, ...patch } as PersonRow;
  const issues = [...crossRuleIssues(merged as Partial<PersonFields>), ...(await uniquenessIssues(exec, patch, id))];
  if (issues.length) throw conflictOrInvalid(issues);
  const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && (person as Record<string, unknown>)[k] !== v));
  if (Object.keys(changed).length === 0) return presentPerson(person, home, actor);
  const name = (changed.fullName as string | undefined) ?? person.fullName;
  const set: Record<string, unknown> = { ...changed, nameFolded: foldDiacritics(name), nameSort: nameSortKey(name) };
  const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (person as Record<string, unknown>)[k]]));
  const columns = getTableColumns(people);
  const assignments = Object.entries(set).map(([k, v]) => sql`${sql.identifier(columns[k as keyof typeof columns].name)} = ${v}`);
  const { rowCount } = await exec.execute(sql`
    WITH updated AS (
      UPDATE people SET ${sql.join(assignments, sql`, `)}, updated_at = now()
      WHERE id = ${id} AND xmin = ${version}::xid
        AND (SELECT m.id FROM memberships m WHERE m.person_id = ${id} ORDER BY m.valid_from DESC LIMIT 1) = ${home.membershipId}
      RETURNING 1)
    ${stageAudit(actor, { action: 'person.update', entityType: 'person', entityId: id, unitPath: home.path, before, after: changed }, sql`EXISTS (SELECT 1 FROM updated)`)}`);
  return rowCount === 1 ? presentPerson({ ...person, ...set } as PersonRow, home, actor) : null;
}

/** Ends the open membership and positions on `date` and opens them in the target cell. */
async function transferWithin(tx: Tx, personId: string, toUnitId: string, date: string, carry: 'all' | 'allButSecretary' | 'none') {
  const [open] = await tx.select().from(memberships).where(and(eq(memberships.personId, personId), isNull(memberships.validTo)));
  if (!open) throw conflict('The person has no current membership');
  if (open.unitId === toUnitId) throw invalid([issue('already_member_here', 'toUnitId')]);
  if (open.validFrom >= date) throw invalid([issue('transfer_before_membership', 'date')]);
  await tx.update(memberships).set({ validTo: date }).where(eq(memberships.id, open.id));
  await tx.insert(memberships).values({ personId, unitId: toUnitId, validFrom: date });
  const terms = await tx.select().from(positionTerms).where(and(eq(positionTerms.personId, personId), eq(positionTerms.unitId, open.unitId), isNull(positionTerms.validTo)));
  const carried: string[] = [];
  for (const t of terms) {
    await tx.update(positionTerms).set({ validTo: date }).where(eq(positionTerms.id, t.id));
    if (carry === 'all' || (carry === 'allButSecretary' && t.position !== 'secretary')) {
      await tx.insert(positionTerms).values({ personId, unitId: toUnitId, position: t.position, validFrom: date });
      carried.push(t.position);
    }
  }
  return { fromUnitId: open.unitId, carried };
}

export async function transferPerson(db: Db, actor: Actor, id: string, input: { toUnitId: string; date: string }) {
  return db.transaction(async (tx) => {
    const { home } = await loadPerson(tx, actor, id, 'person.transfer');
    if (!home.open) throw conflict('The record is closed; it cannot be transferred');
    const target = await loadCell(tx, actor, input.toUnitId, input.date, 'person.transfer', 'toUnitId');
    // Positions belong to the cell that elected the person: a transfer ends them.
    await transferWithin(tx, id, target.id, input.date, 'none');
    await recordAudit(tx, actor, { action: 'person.transfer', entityType: 'person', entityId: id, unitPath: target.path, before: { unitId: home.unitId, unitName: home.unitName }, after: { unitId: target.id, unitName: target.name, date: input.date } });
    const [person] = await tx.select().from(people).where(eq(people.id, id));
    return presentPerson(person, { ...home, unitId: target.id, unitName: target.name, path: target.path }, actor);
  });
}

/** Used by the org module when units merge or split: moves members (all, or those listed) with their positions. */
export async function moveMembersOfUnit(
  tx: Tx,
  actor: Actor,
  input: { fromUnitId: string; toUnitId: string; date: string; personIds?: string[]; keepSecretary: boolean },
): Promise<number> {
  const ids = input.personIds ?? (await currentMemberIds(tx, input.fromUnitId, input.date));
  const events: AuditInput[] = [];
  for (const personId of ids) {
    // Reorganization keeps the cell's officers; of merged cells only one secretary can carry over.
    const r = await transferWithin(tx, personId, input.toUnitId, input.date, input.keepSecretary ? 'all' : 'allButSecretary');
    events.push({ action: 'person.transfer', entityType: 'person', entityId: personId, before: { unitId: r.fromUnitId }, after: { unitId: input.toUnitId, date: input.date, positions: r.carried, reason: 'reorganization' } });
  }
  await recordAudit(tx, actor, events);
  return ids.length;
}

export async function currentMemberIds(exec: Executor, unitId: string, date: string): Promise<string[]> {
  const rows = await exec.select({ id: memberships.personId }).from(memberships).where(and(eq(memberships.unitId, unitId), inForce(memberships, date)));
  return rows.map((r) => r.id);
}

export async function closePerson(db: Db, actor: Actor, id: string, input: { reason: 'left' | 'deceased'; date: string }) {
  return db.transaction(async (tx) => {
    const { person, home } = await loadPerson(tx, actor, id, 'person.close');
    if (person.status !== 'active') throw conflict('The record is already closed');
    const [open] = await tx.select().from(memberships).where(and(eq(memberships.personId, id), isNull(memberships.validTo)));
    if (open && open.validFrom >= input.date) throw invalid([issue('close_before_membership', 'date')]);
    if (open) await tx.update(memberships).set({ validTo: input.date }).where(eq(memberships.id, open.id));
    for (const table of [positionTerms, concurrentPosts] as const) {
      await tx.update(table).set({ validTo: input.date }).where(and(eq(table.personId, id), isNull(table.validTo)));
    }
    const [updated] = await tx.update(people).set({ status: input.reason, statusDate: input.date, updatedAt: new Date() }).where(eq(people.id, id)).returning();
    await recordAudit(tx, actor, { action: 'person.close', entityType: 'person', entityId: id, unitPath: home.path, before: { status: person.status }, after: { status: input.reason, statusDate: input.date } });
    return presentPerson(updated, { ...home, open: false }, actor);
  });
}

export async function addPosition(db: Db, actor: Actor, personId: string, input: { position: CellPosition; from: string }) {
  return db.transaction(async (tx) => {
    const { home, person } = await loadPerson(tx, actor, personId, 'person.positions');
    if (!home.open || person.status !== 'active') throw conflict('Only a current member can hold a position');
    const [m] = await tx.select().from(memberships).where(eq(memberships.id, home.membershipId));
    if (input.from < m.validFrom) throw invalid([issue('term_before_membership', 'from')]);
    const [held] = await tx.select().from(positionTerms).where(and(eq(positionTerms.personId, personId), eq(positionTerms.position, input.position), isNull(positionTerms.validTo)));
    if (held) throw conflict('The person already holds this position', [issue('position_held', 'position')]);
    if (input.position === 'secretary') {
      const [other] = await tx.select().from(positionTerms).where(and(eq(positionTerms.unitId, home.unitId), eq(positionTerms.position, 'secretary'), isNull(positionTerms.validTo)));
      if (other) throw conflict('The cell already has a secretary; end that term first', [issue('secretary_exists', 'position')]);
    }
    const [term] = await tx.insert(positionTerms).values({ personId, unitId: home.unitId, position: input.position, validFrom: input.from }).returning();
    await recordAudit(tx, actor, { action: 'person.position.add', entityType: 'person', entityId: personId, unitPath: home.path, after: { positionId: term.id, position: term.position, unitId: home.unitId, validFrom: term.validFrom } });
    return { id: term.id, unitId: term.unitId, unitName: home.unitName, position: term.position, validFrom: term.validFrom, validTo: term.validTo };
  });
}

/** Ends a dated row (position term or concurrent post) of a person the actor may manage. */
async function endDated(db: Db, actor: Actor, table: typeof positionTerms | typeof concurrentPosts, id: string, to: string, action: PersonAction, auditAction: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(table).where(eq(table.id, id));
    if (!row) throw notFound('Record');
    const { home } = await loadPerson(tx, actor, row.personId, action);
    if (row.validTo) throw conflict('This has already ended');
    if (to <= row.validFrom) throw invalid([issue('end_before_start', 'to')]);
    const [ended] = await tx.update(table).set({ validTo: to }).where(eq(table.id, id)).returning();
    await recordAudit(tx, actor, { action: auditAction, entityType: 'person', entityId: row.personId, unitPath: home.path, before: { id, validTo: null }, after: { id, validTo: to } });
    return { ended, home };
  });
}

export async function endPosition(db: Db, actor: Actor, id: string, { to }: { to: string }) {
  const { ended, home } = await endDated(db, actor, positionTerms, id, to, 'person.positions', 'person.position.end');
  const t = ended as typeof positionTerms.$inferSelect;
  return { id: t.id, unitId: t.unitId, unitName: home.unitName, position: t.position, validFrom: t.validFrom, validTo: t.validTo };
}

export async function addPost(db: Db, actor: Actor, personId: string, input: { post: ConcurrentPost; title?: string | null; from: string }) {
  return db.transaction(async (tx) => {
    const { home, person } = await loadPerson(tx, actor, personId, 'person.posts');
    if (!home.open || person.status !== 'active') throw conflict('Only a current member can hold a post');
    const [held] = await tx.select().from(concurrentPosts).where(and(eq(concurrentPosts.personId, personId), eq(concurrentPosts.post, input.post), isNull(concurrentPosts.validTo)));
    if (held && input.post !== 'other') throw conflict('The person already holds this post', [issue('post_held', 'post')]);
    const [post] = await tx.insert(concurrentPosts).values({ personId, post: input.post, title: input.title ?? null, validFrom: input.from }).returning();
    await recordAudit(tx, actor, { action: 'person.post.add', entityType: 'person', entityId: personId, unitPath: home.path, after: post });
    return { id: post.id, post: post.post, title: post.title, validFrom: post.validFrom, validTo: post.validTo };
  });
}

export async function endPost(db: Db, actor: Actor, id: string, { to }: { to: string }) {
  const { ended } = await endDated(db, actor, concurrentPosts, id, to, 'person.posts', 'person.post.end');
  const p = ended as typeof concurrentPosts.$inferSelect;
  return { id: p.id, post: p.post, title: p.title, validFrom: p.validFrom, validTo: p.validTo };
}

export async function addEquipment(db: Db, actor: Actor, personId: string, input: { kind: EquipmentKind; issuedOn: string; note?: string | null }) {
  return db.transaction(async (tx) => {
    const { home } = await loadPerson(tx, actor, personId, 'person.equipment');
    const [item] = await tx.insert(equipmentIssues).values({ personId, kind: input.kind, issuedOn: input.issuedOn, note: input.note ?? null }).returning();
    await recordAudit(tx, actor, { action: 'person.equipment.add', entityType: 'person', entityId: personId, unitPath: home.path, after: item });
    return { id: item.id, kind: item.kind, issuedOn: item.issuedOn, returnedOn: item.returnedOn, note: item.note };
  });
}

type Dated = { valid_from: string; valid_to: string | null };
type DatedLists = {
  memberships: ({ id: string; unit_id: string; name: string } & Dated)[];
  positions: ({ id: string; unit_id: string; name: string; position: CellPosition } & Dated)[];
  posts: ({ id: string; post: ConcurrentPost; title: string | null } & Dated)[];
  equipment: { id: string; kind: EquipmentKind; issued_on: string; returned_on: string | null; note: string | null }[];
};

/** A person's memberships, positions, posts and equipment as one JSON value. */
const datedListsOf = (id: string) => sql<DatedLists>`json_build_object(
  'memberships', (SELECT coalesce(json_agg(x ORDER BY x.valid_from), '[]') FROM (
    SELECT m.id, m.unit_id, m.valid_from, m.valid_to, v.name FROM memberships m
    JOIN LATERAL ${unitVersion(sql`m.unit_id`, ['name'], sql`COALESCE(m.valid_to - 1, CURRENT_DATE + 36500)`)} v ON true
    WHERE m.person_id = ${id}) x),
  'positions', (SELECT coalesce(json_agg(x ORDER BY x.valid_from), '[]') FROM (
    SELECT t.id, t.unit_id, t.position, t.valid_from, t.valid_to, v.name FROM position_terms t
    JOIN LATERAL ${unitVersion(sql`t.unit_id`, ['name'], sql`COALESCE(t.valid_to - 1, CURRENT_DATE + 36500)`)} v ON true
    WHERE t.person_id = ${id}) x),
  'posts', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'post', c.post, 'title', c.title, 'valid_from', c.valid_from, 'valid_to', c.valid_to) ORDER BY c.valid_from), '[]')
    FROM concurrent_posts c WHERE c.person_id = ${id}),
  'equipment', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'issued_on', e.issued_on, 'returned_on', e.returned_on, 'note', e.note) ORDER BY e.issued_on), '[]')
    FROM equipment_issues e WHERE e.person_id = ${id}))`;

export async function getPerson(db: Db, actor: Actor, id: string) {
  // The record, its home and its four dated lists in one statement: one round trip and one pooled connection.
  const { person, home, also: lists } = await loadPerson(db, actor, id, 'person.read', datedListsOf(id));
  const { memberships: ms, positions: ps, posts: postRows, equipment: equipmentRows } = lists;
  const positions = ps.map((r) => ({ id: r.id, unitId: r.unit_id, unitName: r.name, position: r.position, validFrom: r.valid_from, validTo: r.valid_to }));
  const posts = postRows.map((p) => ({ id: p.id, post: p.post, title: p.title, validFrom: p.valid_from, validTo: p.valid_to }));
  const current = {
    positions: positions.filter((p) => !p.validTo).map((p) => p.position),
    posts: posts.filter((p) => !p.validTo).map((p) => p.post),
  };
  return {
    person: presentPerson(person, home, actor, current),
    memberships: ms.map((r) => ({ id: r.id, unitId: r.unit_id, unitName: r.name, validFrom: r.valid_from, validTo: r.valid_to })),
    positions,
    posts,
    equipment: equipmentRows.map((e) => ({ id: e.id, kind: e.kind, issuedOn: e.issued_on, returnedOn: e.returned_on, note: e.note })),
    actions: actionsOn(personPolicy, actor, { path: home.path, personId: id }).filter((a) => home.open || a === 'person.read' || a === 'person.update' || a === 'person.readCccd'),
  };
}

/**
 * Raises a person's political theory level when a course that gives it was passed (training's completion): never
 * lowers it; audited with the evidence (the certificate's code) in the event, in the caller's transaction. Returns
 * the new level, or null when the person already held that level or higher.
 */
export async function raiseTheoryLevel(tx: Executor, actor: Actor, personId: string, input: { level: PersonRow['theoryLevel']; evidence: Record<string, unknown> }) {
  const order = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'];
  const [person] = await tx.select({ theoryLevel: people.theoryLevel }).from(people).where(eq(people.id, personId)).for('update');
  if (!person) throw notFound('Person');
  if (order.indexOf(input.level) <= order.indexOf(person.theoryLevel)) return null;
  await tx.update(people).set({ theoryLevel: input.level, updatedAt: sql`now()` }).where(eq(people.id, personId));
  const home = await personHome(tx, personId);
  await recordAudit(tx, actor, {
    action: 'person.theory_level',
    entityType: 'person',
    entityId: personId,
    unitPath: home?.path,
    before: { theoryLevel: person.theoryLevel },
    after: { theoryLevel: input.level, evidence: input.evidence },
  });
  return input.level;
}
