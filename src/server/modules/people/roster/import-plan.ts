// From rows read to a plan of writes: the rules that need the whole file (duplicates, two secretaries) or the
// database (cell codes, who the people are, what they already hold), checked with a few bulk queries — never
// one round trip per row. Then the plan is applied in one transaction with array-parameter statements.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CellPosition, ConcurrentPost, EducationLevel, Sex, TheoryLevel } from '../../../../domain/enums.js';
import { personCrossRules, type PersonFields } from '../../../../domain/person.js';
import { issueMessages } from '../../../../domain/issues.js';
import { foldDiacritics, nameSortKey } from '../../../../domain/vietnamese.js';
import { isUnder, type Actor } from '../../../platform/access.js';
import { recordAudit, type AuditInput } from '../../../platform/audit/audit.js';
import type { Db, Executor, Tx } from '../../../platform/db/index.js';
import { orgUnits, orgUnitVersions } from '../../org/schema.js';
import { prefixMatch, unitsAt, type UnitRow } from '../../org/tree.js';
import { headerOf, type ColumnKey } from './columns.js';
import type { RosterRow, RowProblem } from './import-read.js';

type PersonRow = PersonFields & { id: string; status: string };
type Cell = { id: string; path: string; name: string; validFrom: string };

const FIELD_KEYS = ['fullName', 'birthDate', 'sex', 'ethnicity', 'partyCardNo', 'joinedOn', 'officialOn', 'cccd', 'phone', 'education', 'theoryLevel'] as const;

export interface Plan {
  creates: { id: string; row: number; fields: PersonFields; cell: Cell; memberFrom: string }[];
  updates: { id: string; row: number; merged: PersonFields; before: Record<string, unknown>; after: Record<string, unknown>; transfer?: { membershipId: string; from: string; to: Cell }; cell: Cell }[];
  positions: { personId: string; unitId: string; position: CellPosition }[];
  posts: { personId: string; post: ConcurrentPost }[];
  laptops: { personId: string; issuedOn: string }[];
}

/** An array bound as ONE parameter (drizzle would otherwise expand it into a list of parameters). */
const arr = (values: unknown[]) => sql.param(values);

async function cellsUnder(db: Executor, unit: UnitRow, today: string): Promise<Map<string, Cell>> {
  const rows = unit.kind === 'cell' ? [unit] : await unitsAt(db, today, and(eq(orgUnits.kind, 'cell'), prefixMatch(orgUnitVersions.path, [unit.path])));
  const map = new Map<string, Cell>();
  for (const r of rows) {
    if (r.validTo && r.validTo <= today) continue;
    if (r.code) map.set(r.code.toUpperCase(), { id: r.id, path: r.path, name: r.name, validFrom: r.validFrom });
  }
  return map;
}

/** Checks every row against the file and the database; returns the problems, or the plan when there are none. */
export async function planImport(db: Db, unit: UnitRow, rows: RosterRow[], present: Set<ColumnKey>, today: string): Promise<{ problems: RowProblem[]; plan: Plan }> {
  const problems: RowProblem[] = [];
  const problem = (row: number, key: ColumnKey, message: string, code: string, params?: RowProblem['params']) =>
    problems.push({ row, column: headerOf(key), message, code, ...(params ? { params } : {}) });
  const plan: Plan = { creates: [], updates: [], positions: [], posts: [], laptops: [] };

  // Cells: a current cell under the import unit; importing into a cell, an empty code means that cell.
  const cells = await cellsUnder(db, unit, today);
  const selfCell: Cell | null = unit.kind === 'cell' ? { id: unit.id, path: unit.path, name: unit.name, validFrom: unit.validFrom } : null;
  const cellOf = new Map<RosterRow, Cell>();
  for (const r of rows) {
    if (!r.cellCode) {
      if (selfCell) cellOf.set(r, selfCell);
      else problem(r.row, 'cellCode', `Enter the code of the member's party cell under ${unit.name}`, 'required');
      continue;
    }
    const cell = cells.get(r.cellCode);
    if (cell) cellOf.set(r, cell);
    else problem(r.row, 'cellCode', `No current party cell with code "${r.cellCode}" under ${unit.name}`, 'unknown_cell', { code: r.cellCode, unit: unit.name });
  }

  // Duplicates inside the file.
  const firstByCard = new Map<string, number>();
  const firstByCccd = new Map<string, number>();
  for (const r of rows) {
    if (r.partyCardNo) {
      const first = firstByCard.get(r.partyCardNo);
      if (first) problem(r.row, 'partyCardNo', `The same party card number is on row ${first}`, 'duplicate_in_file', { row: first });
      else firstByCard.set(r.partyCardNo, r.row);
    }
    if (r.cccd) {
      const first = firstByCccd.get(r.cccd);
      if (first) problem(r.row, 'cccd', `The same citizen ID (CCCD) is on row ${first}`, 'duplicate_in_file', { row: first });
      else firstByCccd.set(r.cccd, r.row);
    }
  }

  // Who the rows are: existing people by party card number, else by CCCD.
  const found = await db.execute<Record<string, string | null>>(sql`
    SELECT id, full_name, birth_date, sex, ethnicity, party_card_no, joined_on, official_on, cccd, phone, education, theory_level, status
    FROM people WHERE party_card_no = ANY(${arr([...firstByCard.keys()])}::text[]) OR cccd = ANY(${arr([...firstByCccd.keys()])}::text[])`);
  const byCard = new Map<string, PersonRow>();
  const byCccd = new Map<string, PersonRow>();
  for (const f of found.rows) {
    const p = {
      id: f.id!, fullName: f.full_name!, birthDate: f.birth_date!, sex: f.sex as Sex, ethnicity: f.ethnicity!, partyCardNo: f.party_card_no, joinedOn: f.joined_on!,
      officialOn: f.official_on, cccd: f.cccd, phone: f.phone, education: f.education as EducationLevel, theoryLevel: f.theory_level as TheoryLevel, status: f.status!,
    };
    if (p.partyCardNo) byCard.set(p.partyCardNo, p);
    if (p.cccd) byCccd.set(p.cccd, p);
  }
  const matchedIds = found.rows.map((f) => f.id!);
  const [homes, heldPositions, heldPosts, laptops, secretaries] = await Promise.all([
    db.execute<{ person_id: string; id: string; unit_id: string; valid_from: string; valid_to: string | null; path: string }>(sql`
      SELECT DISTINCT ON (m.person_id) m.person_id, m.id, m.unit_id, m.valid_from, m.valid_to, v.path
      FROM memberships m
      JOIN LATERAL (SELECT path FROM org_unit_versions v WHERE v.unit_id = m.unit_id AND v.valid_from <= COALESCE(m.valid_to - 1, CURRENT_DATE + 36500)
                    ORDER BY v.valid_from DESC LIMIT 1) v ON true
      WHERE m.person_id = ANY(${arr(matchedIds)}::uuid[]) ORDER BY m.person_id, m.valid_from DESC`),
    db.execute<{ person_id: string; unit_id: string; position: CellPosition; valid_from: string }>(sql`
      SELECT person_id, unit_id, position, valid_from FROM position_terms WHERE person_id = ANY(${arr(matchedIds)}::uuid[]) AND valid_to IS NULL`),
    db.execute<{ person_id: string; post: ConcurrentPost }>(sql`
      SELECT person_id, post FROM concurrent_posts WHERE person_id = ANY(${arr(matchedIds)}::uuid[]) AND (valid_to IS NULL OR valid_to > ${today})`),
    db.execute<{ person_id: string }>(sql`
      SELECT DISTINCT person_id FROM equipment_issues WHERE person_id = ANY(${arr(matchedIds)}::uuid[]) AND kind = 'laptop' AND returned_on IS NULL`),
    db.execute<{ unit_id: string; person_id: string; full_name: string }>(sql`
      SELECT t.unit_id, t.person_id, p.full_name FROM position_terms t JOIN people p ON p.id = t.person_id
      WHERE t.position = 'secretary' AND t.unit_id = ANY(${arr([...new Set([...cellOf.values()].map((c) => c.id))])}::uuid[])
        AND (t.valid_to IS NULL OR t.valid_to > ${today})`),
  ]);
  const homeOf = new Map(homes.rows.map((h) => [h.person_id, h]));
  const positionsOf = group(heldPositions.rows, (p) => p.person_id);
  const postsOf = group(heldPosts.rows, (p) => p.person_id);
  const hasLaptop = new Set(laptops.rows.map((l) => l.person_id));

  const rowOfPerson = new Map<string, number>();
  const personOfRow = new Map<RosterRow, PersonRow>();
  const leaving = new Set<string>(); // people the file moves out of their current cell
  for (const r of rows) {
    const card = r.partyCardNo ? byCard.get(r.partyCardNo) : undefined;
    const cccd = r.cccd ? byCccd.get(r.cccd) : undefined;
    if (card && cccd && card.id !== cccd.id) {
      problem(r.row, 'cccd', 'This citizen ID (CCCD) belongs to another person than the party card number', 'duplicate_elsewhere');
      continue;
    }
    const match = card ?? cccd;
    if (!match) continue;
    const key: ColumnKey = card ? 'partyCardNo' : 'cccd';
    const home = homeOf.get(match.id);
    if (!home || !isUnder(home.path, unit.path)) {
      problem(r.row, key, `This ${card ? 'party card number' : 'citizen ID (CCCD)'} belongs to a person outside ${unit.name}`, 'duplicate_elsewhere');
      continue;
    }
    if (match.status !== 'active' || home.valid_to !== null) {
      problem(r.row, key, "This person's record is closed (left or deceased); reopen it in the app first", 'closed_record');
      continue;
    }
    const other = rowOfPerson.get(match.id);
    if (other) {
      problem(r.row, key, `Row ${other} is the same person`, 'duplicate_in_file', { row: other });
      continue;
    }
    rowOfPerson.set(match.id, r.row);
    personOfRow.set(r, match);
    const cell = cellOf.get(r);
    if (cell && cell.id !== home.unit_id) leaving.add(match.id);
  }

  // Cross-field rules on what the record will be: the row's values over the stored ones.
  const secretaryRowOfCell = new Map<string, number>();
  const currentSecretary = new Map(secretaries.rows.map((s) => [s.unit_id, s]));
  for (const r of rows) {
    const existing = personOfRow.get(r);
    const merged = mergedFields(existing, r);
    // personCrossRules reports (code, field); the code doubles as the row error's code.
    personCrossRules(merged, (code, key) => problem(r.row, key as ColumnKey, issueMessages[code], code), today);
    if (r.laptopIssuedOn && r.laptopIssuedOn > today) problem(r.row, 'laptopIssuedOn', 'The date is in the future', 'rule');
    const cell = cellOf.get(r);
    if (r.position === 'secretary' && cell) {
      const first = secretaryRowOfCell.get(cell.id);
      if (first) problem(r.row, 'position', `Row ${first} is already the secretary of this cell; a cell has one secretary`, 'two_secretaries', { row: first });
      else secretaryRowOfCell.set(cell.id, r.row);
      const sitting = currentSecretary.get(cell.id);
      if (sitting && sitting.person_id !== existing?.id && !leaving.has(sitting.person_id))
        problem(r.row, 'position', `The cell already has a secretary (${sitting.full_name}); end that term in the app first`, 'secretary_exists');
    }
  }
  if (problems.length) return { problems, plan };

  // The plan: every row is valid here.
  for (const r of rows) {
    const cell = cellOf.get(r)!;
    const existing = personOfRow.get(r);
    const merged = mergedFields(existing, r) as PersonFields;
    let personId: string;
    let moved = false;
    if (!existing) {
      personId = randomUUID();
      // Membership from the joining date when the cell existed then; otherwise from today.
      plan.creates.push({ id: personId, row: r.row, fields: merged, cell, memberFrom: cell.validFrom <= merged.joinedOn ? merged.joinedOn : today });
    } else {
      personId = existing.id;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const k of FIELD_KEYS) {
        if (!present.has(k) || (merged[k] ?? null) === (existing[k] ?? null)) continue;
        before[k] = existing[k] ?? null;
        after[k] = merged[k] ?? null;
      }
      const home = homeOf.get(personId)!;
      moved = home.unit_id !== cell.id;
      const transfer = moved ? { membershipId: home.id, from: home.unit_id, to: cell } : undefined;
      if (transfer) {
        before.unitId = home.unit_id;
        after.unitId = cell.id;
      }
      const held = moved ? [] : (positionsOf.get(personId) ?? []).map((p) => p.position);
      const addsPosition = !!r.position && !held.includes(r.position);
      const heldPosts = (postsOf.get(personId) ?? []).map((p) => p.post);
      const addsPost = r.posts.some((p) => !heldPosts.includes(p));
      const addsLaptop = !!r.laptopIssuedOn && !hasLaptop.has(personId);
      if (Object.keys(after).length || addsPosition || addsPost || addsLaptop) {
        if (addsPosition) after.position = r.position;
        if (addsPost) after.posts = r.posts.filter((p) => !heldPosts.includes(p));
        if (addsLaptop) after.laptopIssuedOn = r.laptopIssuedOn;
        plan.updates.push({ id: personId, row: r.row, merged, before, after, transfer, cell });
      }
    }
    const heldPositions = existing && !moved ? (positionsOf.get(personId) ?? []).map((p) => p.position) : [];
    if (r.position && !heldPositions.includes(r.position)) plan.positions.push({ personId, unitId: cell.id, position: r.position });
    const heldPosts = existing ? (postsOf.get(personId) ?? []).map((p) => p.post) : [];
    for (const post of r.posts) if (!heldPosts.includes(post)) plan.posts.push({ personId, post });
    if (r.laptopIssuedOn && !(existing && hasLaptop.has(personId))) plan.laptops.push({ personId, issuedOn: r.laptopIssuedOn });
  }
  return { problems, plan };
}

function mergedFields(existing: PersonRow | undefined, r: RosterRow): Partial<PersonFields> {
  const base: Partial<PersonFields> = existing ? { ...existing } : { education: 'none', theoryLevel: 'none', partyCardNo: null, officialOn: null, cccd: null, phone: null };
  for (const k of FIELD_KEYS) {
    const v = r[k];
    // An empty cell never erases what is stored.
    if (v !== undefined) (base as Record<string, unknown>)[k] = v;
  }
  return base;
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const BATCH = 2000;

/** Applies the plan in the caller's transaction; `progress` gets the number of people written so far. */
export async function applyPlan(
  tx: Tx,
  actor: Actor,
  plan: Plan,
  ctx: { unit: UnitRow; today: string; jobId: string; fileName: string; total: number },
  progress: (done: number) => Promise<void>,
): Promise<void> {
  const { today } = ctx;
  let done = 0;
  const cols = (ps: PersonFields[], ids: string[]) => [
    arr(ids), arr(ps.map((p) => p.fullName)), arr(ps.map((p) => foldDiacritics(p.fullName))), arr(ps.map((p) => nameSortKey(p.fullName))),
    arr(ps.map((p) => p.birthDate)), arr(ps.map((p) => p.sex)), arr(ps.map((p) => p.ethnicity)), arr(ps.map((p) => p.partyCardNo ?? null)),
    arr(ps.map((p) => p.joinedOn)), arr(ps.map((p) => p.officialOn ?? null)), arr(ps.map((p) => p.cccd ?? null)), arr(ps.map((p) => p.phone ?? null)),
    arr(ps.map((p) => p.education)), arr(ps.map((p) => p.theoryLevel)),
  ];
  const unnestPeople = (c: ReturnType<typeof cols>) => sql`unnest(${c[0]}::uuid[], ${c[1]}::text[], ${c[2]}::text[], ${c[3]}::text[], ${c[4]}::date[], ${c[5]}::text[],
    ${c[6]}::text[], ${c[7]}::text[], ${c[8]}::date[], ${c[9]}::date[], ${c[10]}::text[], ${c[11]}::text[], ${c[12]}::text[], ${c[13]}::text[])
    AS u(id, full_name, name_folded, name_sort, birth_date, sex, ethnicity, party_card_no, joined_on, official_on, cccd, phone, education, theory_level)`;

  // Updates before inserts: a new row then sees every corrected card number and CCCD.
  for (let i = 0; i < plan.updates.length; i += BATCH) {
    const batch = plan.updates.slice(i, i + BATCH).filter((u) => Object.keys(u.before).some((k) => k !== 'unitId'));
    if (batch.length) {
      await tx.execute(sql`
        UPDATE people p SET full_name = u.full_name, name_folded = u.name_folded, name_sort = u.name_sort, birth_date = u.birth_date, sex = u.sex,
          ethnicity = u.ethnicity, party_card_no = u.party_card_no, joined_on = u.joined_on, official_on = u.official_on, cccd = u.cccd,
          phone = u.phone, education = u.education, theory_level = u.theory_level, updated_at = now()
        FROM ${unnestPeople(cols(batch.map((u) => u.merged), batch.map((u) => u.id)))} WHERE p.id = u.id`);
    }
    done += Math.min(BATCH, plan.updates.length - i);
    await progress(done);
  }
  const transfers = plan.updates.filter((u) => u.transfer);
  for (let i = 0; i < transfers.length; i += BATCH) {
    const batch = transfers.slice(i, i + BATCH);
    const people = arr(batch.map((t) => t.id));
    // A transfer closes the membership and the positions held in the old cell on the import date. What was
    // opened today (an earlier import of the same day put the person in the wrong cell) is corrected instead:
    // the membership changes cell, positions taken today in the wrong cell are withdrawn.
    await tx.execute(sql`DELETE FROM position_terms WHERE person_id = ANY(${people}::uuid[]) AND valid_to IS NULL AND valid_from >= ${today}`);
    await tx.execute(sql`UPDATE position_terms SET valid_to = ${today} WHERE person_id = ANY(${people}::uuid[]) AND valid_to IS NULL`);
    await tx.execute(sql`UPDATE memberships m SET unit_id = u.unit_id
      FROM unnest(${arr(batch.map((t) => t.transfer!.membershipId))}::uuid[], ${arr(batch.map((t) => t.transfer!.to.id))}::uuid[]) AS u(id, unit_id)
      WHERE m.id = u.id AND m.valid_from >= ${today}`);
    await tx.execute(sql`UPDATE memberships SET valid_to = ${today} WHERE id = ANY(${arr(batch.map((t) => t.transfer!.membershipId))}::uuid[]) AND valid_from < ${today}`);
    await tx.execute(sql`INSERT INTO memberships (person_id, unit_id, valid_from)
      SELECT m.person_id, u.unit_id, ${today}::date
      FROM unnest(${arr(batch.map((t) => t.transfer!.membershipId))}::uuid[], ${arr(batch.map((t) => t.transfer!.to.id))}::uuid[]) AS u(id, unit_id)
      JOIN memberships m ON m.id = u.id AND m.valid_to = ${today}`);
  }
  for (let i = 0; i < plan.creates.length; i += BATCH) {
    const batch = plan.creates.slice(i, i + BATCH);
    await tx.execute(sql`INSERT INTO people (id, full_name, name_folded, name_sort, birth_date, sex, ethnicity, party_card_no, joined_on, official_on, cccd, phone, education, theory_level)
      SELECT * FROM ${unnestPeople(cols(batch.map((c) => c.fields), batch.map((c) => c.id)))}`);
    await tx.execute(sql`INSERT INTO memberships (person_id, unit_id, valid_from)
      SELECT * FROM unnest(${arr(batch.map((c) => c.id))}::uuid[], ${arr(batch.map((c) => c.cell.id))}::uuid[], ${arr(batch.map((c) => c.memberFrom))}::date[])`);
    done += batch.length;
    await progress(done);
  }
  for (let i = 0; i < plan.positions.length; i += BATCH) {
    const b = plan.positions.slice(i, i + BATCH);
    await tx.execute(sql`INSERT INTO position_terms (person_id, unit_id, position, valid_from)
      SELECT u.*, ${today}::date FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.unitId))}::uuid[], ${arr(b.map((p) => p.position))}::text[]) AS u`);
  }
  for (let i = 0; i < plan.posts.length; i += BATCH) {
    const b = plan.posts.slice(i, i + BATCH);
    await tx.execute(sql`INSERT INTO concurrent_posts (person_id, post, valid_from)
      SELECT u.*, ${today}::date FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.post))}::text[]) AS u`);
  }
  for (let i = 0; i < plan.laptops.length; i += BATCH) {
    const b = plan.laptops.slice(i, i + BATCH);
    await tx.execute(sql`INSERT INTO equipment_issues (person_id, kind, issued_on)
      SELECT u.person_id, 'laptop', u.issued_on FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.issuedOn))}::date[]) AS u(person_id, issued_on)`);
  }

  const source = { importJobId: ctx.jobId, fileName: ctx.fileName };
  const events: AuditInput[] = [
    ...plan.creates.map((c) => ({
      action: 'person.create', entityType: 'person', entityId: c.id, unitPath: c.cell.path,
      after: { ...c.fields, unitId: c.cell.id, memberSince: c.memberFrom, ...source, row: c.row },
    })),
    ...plan.updates.map((u) => ({
      action: 'person.update', entityType: 'person', entityId: u.id, unitPath: u.cell.path,
      before: u.before, after: { ...u.after, ...source, row: u.row },
    })),
    {
      action: 'roster.import', entityType: 'import_job', entityId: ctx.jobId, unitPath: ctx.unit.path,
      after: { fileName: ctx.fileName, unitId: ctx.unit.id, total: ctx.total, created: plan.creates.length, updated: plan.updates.length },
    },
  ];
  await recordAudit(tx, actor, events);
}
