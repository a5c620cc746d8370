// The rules that need the whole file (duplicates, two secretaries) or the database (cell codes, who the people
// are, what they already hold), checked batch by batch as the file is read: a few bulk queries a batch, never one
// round trip per row. What the file has shown so far (identifiers, matched people, secretaries) is kept between
// batches, so a row is checked against every row before it; the one rule that needs rows after it (a sitting
// secretary moved out by a later row) waits for `finish()`. While no problem has been found, each batch also
// yields its part of the plan of writes.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CellPosition, ConcurrentPost, EducationLevel, Sex, TheoryLevel } from '../../../../domain/enums.js';
import { personCrossRules, type PersonFields } from '../../../../domain/person.js';
import { issueMessages } from '../../../../domain/issues.js';
import { isUnder } from '../../../platform/access.js';
import type { Db, Executor } from '../../../platform/db/index.js';
import { unitVersion } from '../../org/queries.js';
import { unitsAt, unitWhere, type UnitRow } from '../../org/tree.js';
import { headerOf, type ColumnKey } from './columns.js';
import type { RosterRow, RowProblem } from './import-read.js';

type PersonRow = PersonFields & { id: string; status: string };
export type Cell = { id: string; path: string; name: string; validFrom: string };

export const FIELD_KEYS = ['fullName', 'birthDate', 'sex', 'ethnicity', 'partyCardNo', 'joinedOn', 'officialOn', 'cccd', 'phone', 'education', 'theoryLevel'] as const;

/** The writes of one batch of rows. */
export interface Plan {
  creates: { id: string; row: number; fields: PersonFields; cell: Cell; memberFrom: string }[];
  updates: { id: string; row: number; merged: PersonFields; before: Record<string, unknown>; after: Record<string, unknown>; transfer?: { membershipId: string; from: string; to: Cell }; cell: Cell }[];
  positions: { personId: string; unitId: string; position: CellPosition }[];
  posts: { personId: string; post: ConcurrentPost }[];
  laptops: { personId: string; issuedOn: string }[];
}

export const emptyPlan = (): Plan => ({ creates: [], updates: [], positions: [], posts: [], laptops: [] });

/** An array bound as ONE parameter (drizzle would otherwise expand it into a list of parameters). */
export const arr = (values: unknown[]) => sql.param(values);

async function cellsUnder(db: Executor, unit: UnitRow, today: string): Promise<Map<string, Cell>> {
  const rows = unit.kind === 'cell' ? [unit] : await unitsAt(db, today, unitWhere.cellsUnder(unit.path));
  const map = new Map<string, Cell>();
  for (const r of rows) {
    if (r.validTo && r.validTo <= today) continue;
    if (r.code) map.set(r.code.toUpperCase(), { id: r.id, path: r.path, name: r.name, validFrom: r.validFrom });
  }
  return map;
}

export class RosterChecker {
  private readonly firstByCard = new Map<string, number>();
  private readonly firstByCccd = new Map<string, number>();
  private readonly rowOfPerson = new Map<string, number>();
  /** People the file moves out of their current cell. */
  private readonly leaving = new Set<string>();
  private readonly secretaryRowOfCell = new Map<string, number>();
  private readonly secretaryRows: { row: number; cellId: string; personId?: string }[] = [];

  private constructor(
    private readonly db: Db,
    private readonly unit: UnitRow,
    private readonly present: Set<ColumnKey>,
    private readonly today: string,
    private readonly problems: RowProblem[],
    private readonly cells: Map<string, Cell>,
    private readonly sitting: Map<string, { person_id: string; full_name: string }>,
  ) {}

  /** Loads the cells under the unit and their sitting secretaries (each read once for the whole file). */
  static async open(db: Db, unit: UnitRow, present: Set<ColumnKey>, today: string, problems: RowProblem[]): Promise<RosterChecker> {
    const cells = await cellsUnder(db, unit, today);
    if (unit.kind === 'cell') cells.set('', { id: unit.id, path: unit.path, name: unit.name, validFrom: unit.validFrom });
    const secretaries = await db.execute<{ unit_id: string; person_id: string; full_name: string }>(sql`
      SELECT t.unit_id, t.person_id, p.full_name FROM position_terms t JOIN people p ON p.id = t.person_id
      WHERE t.position = 'secretary' AND t.unit_id = ANY(${arr([...new Set([...cells.values()].map((c) => c.id))])}::uuid[])
        AND (t.valid_to IS NULL OR t.valid_to > ${today})`);
    return new RosterChecker(db, unit, present, today, problems, cells, new Map(secretaries.rows.map((s) => [s.unit_id, s])));
  }

  private problem(row: number, key: ColumnKey, message: string, code: string, params?: RowProblem['params']) {
    this.problems.push({ row, column: headerOf(key), message, code, ...(params ? { params } : {}) });
  }

  /** Checks a batch of rows (in file order, after every earlier batch); returns its writes, meaningful only while the file has no problem. */
  async check(rows: RosterRow[]): Promise<Plan> {
    const { unit, today } = this;
    const cellOf = new Map<RosterRow, Cell>();
    for (const r of rows) {
      const cell = this.cells.get(r.cellCode ?? '');
      if (cell) cellOf.set(r, cell);
      else if (!r.cellCode) this.problem(r.row, 'cellCode', `Enter the code of the member's party cell under ${unit.name}`, 'required');
      else this.problem(r.row, 'cellCode', `No current party cell with code "${r.cellCode}" under ${unit.name}`, 'unknown_cell', { code: r.cellCode, unit: unit.name });
    }

    // Duplicates inside the file: a row repeats an identifier of this batch or of an earlier one.
    const cards: string[] = [];
    const cccds: string[] = [];
    for (const r of rows) {
      if (r.partyCardNo) {
        const first = this.firstByCard.get(r.partyCardNo);
        if (first) this.problem(r.row, 'partyCardNo', `The same party card number is on row ${first}`, 'duplicate_in_file', { row: first });
        else this.firstByCard.set(r.partyCardNo, r.row), cards.push(r.partyCardNo);
      }
      if (r.cccd) {
        const first = this.firstByCccd.get(r.cccd);
        if (first) this.problem(r.row, 'cccd', `The same citizen ID (CCCD) is on row ${first}`, 'duplicate_in_file', { row: first });
        else this.firstByCccd.set(r.cccd, r.row), cccds.push(r.cccd);
      }
    }

    // Who the rows are: existing people by party card number, else by CCCD. Read outside the import's
    // transaction, so what earlier batches wrote does not change who a later row is.
    // A card number that was a number cell lost its leading zeros: it is also looked up among stored cards of
    // digits that are the same once their leading zeros are dropped (a card has a fixed length, the stored one has it).
    const numericCards = rows.filter((r) => r.cardWasNumber && r.partyCardNo).map((r) => r.partyCardNo!.replace(/^0+/, ''));
    const found = await this.db.execute<Record<string, string | null>>(sql`
      SELECT id, full_name, birth_date, sex, ethnicity, party_card_no, joined_on, official_on, cccd, phone, education, theory_level, status
      FROM people WHERE party_card_no = ANY(${arr(cards)}::text[]) OR cccd = ANY(${arr(cccds)}::text[])
        OR (party_card_no ~ '^0+[0-9]+$' AND ltrim(party_card_no, '0') = ANY(${arr(numericCards)}::text[]))`);
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
    for (const r of rows) {
      if (!r.cardWasNumber || !r.partyCardNo || byCard.has(r.partyCardNo)) continue;
      const digits = r.partyCardNo.replace(/^0+/, '');
      const stored = found.rows.find((f) => f.party_card_no && /^0+\d+$/.test(f.party_card_no) && f.party_card_no.replace(/^0+/, '') === digits);
      if (stored) r.partyCardNo = stored.party_card_no!; // the zeros restored: the row is that person
    }
    const held = found.rows.length ? await this.holdings(found.rows.map((f) => f.id!)) : null;

    const personOfRow = new Map<RosterRow, PersonRow>();
    for (const r of rows) {
      const card = r.partyCardNo ? byCard.get(r.partyCardNo) : undefined;
      const cccd = r.cccd ? byCccd.get(r.cccd) : undefined;
      if (card && cccd && card.id !== cccd.id) {
        this.problem(r.row, 'cccd', 'This citizen ID (CCCD) belongs to another person than the party card number', 'cccd_other_person');
        continue;
      }
      const match = card ?? cccd;
      if (!match || !held) continue;
      const key: ColumnKey = card ? 'partyCardNo' : 'cccd';
      const home = held.homeOf.get(match.id);
      if (!home || !isUnder(home.path, unit.path)) {
        this.problem(r.row, key, `This ${card ? 'party card number' : 'citizen ID (CCCD)'} belongs to a person outside ${unit.name}`, 'duplicate_elsewhere', { unit: unit.name });
        continue;
      }
      if (match.status !== 'active' || home.valid_to !== null) {
        this.problem(r.row, key, "This person's record is closed (left or deceased); reopen it in the app first", 'closed_record');
        continue;
      }
      const other = this.rowOfPerson.get(match.id);
      if (other) {
        this.problem(r.row, key, `Row ${other} is the same person`, 'duplicate_in_file', { row: other });
        continue;
      }
      this.rowOfPerson.set(match.id, r.row);
      personOfRow.set(r, match);
      const cell = cellOf.get(r);
      if (cell && cell.id !== home.unit_id) this.leaving.add(match.id);
    }

    // Cross-field rules on what the record will be: the row's values over the stored ones.
    for (const r of rows) {
      const existing = personOfRow.get(r);
      // personCrossRules reports (code, field); the code doubles as the row error's code.
      personCrossRules(mergedFields(existing, r), (code, key) => this.problem(r.row, key as ColumnKey, issueMessages[code], code), today);
      if (r.laptopIssuedOn && r.laptopIssuedOn > today) this.problem(r.row, 'laptopIssuedOn', 'The date is in the future', 'date_in_future');
      const cell = cellOf.get(r);
      if (r.position === 'secretary' && cell) {
        const first = this.secretaryRowOfCell.get(cell.id);
        if (first) this.problem(r.row, 'position', `Row ${first} is already the secretary of this cell; a cell has one secretary`, 'two_secretaries', { row: first });
        else this.secretaryRowOfCell.set(cell.id, r.row);
        this.secretaryRows.push({ row: r.row, cellId: cell.id, personId: existing?.id });
      }
    }
    return this.planOf(rows, cellOf, personOfRow, held);
  }

  /** The rule that needs the whole file: a new secretary where one sits, unless the file moves that one out. */
  finish(): void {
    for (const s of this.secretaryRows) {
      const sitting = this.sitting.get(s.cellId);
      if (sitting && sitting.person_id !== s.personId && !this.leaving.has(sitting.person_id))
        this.problem(s.row, 'position', `The cell already has a secretary (${sitting.full_name}); end that term in the app first`, 'secretary_exists', { name: sitting.full_name });
    }
  }

  /** What matched people hold now: their current membership (with its cell's path), positions, posts, laptop. */
  private async holdings(ids: string[]) {
    const { db, today } = this;
    const [homes, positions, posts, laptops] = await Promise.all([
      db.execute<{ person_id: string; id: string; unit_id: string; valid_from: string; valid_to: string | null; path: string }>(sql`
        SELECT DISTINCT ON (m.person_id) m.person_id, m.id, m.unit_id, m.valid_from, m.valid_to, v.path
        FROM memberships m
        JOIN LATERAL ${unitVersion(sql`m.unit_id`, ['path'], sql`COALESCE(m.valid_to - 1, CURRENT_DATE + 36500)`)} v ON true
        WHERE m.person_id = ANY(${arr(ids)}::uuid[]) ORDER BY m.person_id, m.valid_from DESC`),
      db.execute<{ person_id: string; position: CellPosition }>(sql`
        SELECT person_id, position FROM position_terms WHERE person_id = ANY(${arr(ids)}::uuid[]) AND valid_to IS NULL`),
      db.execute<{ person_id: string; post: ConcurrentPost }>(sql`
        SELECT person_id, post FROM concurrent_posts WHERE person_id = ANY(${arr(ids)}::uuid[]) AND (valid_to IS NULL OR valid_to > ${today})`),
      db.execute<{ person_id: string }>(sql`
        SELECT DISTINCT person_id FROM equipment_issues WHERE person_id = ANY(${arr(ids)}::uuid[]) AND kind = 'laptop' AND returned_on IS NULL`),
    ]);
    return {
      homeOf: new Map(homes.rows.map((h) => [h.person_id, h])),
      positionsOf: group(positions.rows, (p) => p.person_id, (p) => p.position),
      postsOf: group(posts.rows, (p) => p.person_id, (p) => p.post),
      hasLaptop: new Set(laptops.rows.map((l) => l.person_id)),
    };
  }

  private planOf(rows: RosterRow[], cellOf: Map<RosterRow, Cell>, personOfRow: Map<RosterRow, PersonRow>, held: Awaited<ReturnType<RosterChecker['holdings']>> | null): Plan {
    const plan = emptyPlan();
    if (this.problems.length) return plan;
    const { today, present } = this;
    for (const r of rows) {
      const cell = cellOf.get(r)!;
      const existing = personOfRow.get(r);
      const merged = mergedFields(existing, r) as PersonFields;
      let personId: string;
      let heldPositions: CellPosition[] = [];
      let heldPosts: ConcurrentPost[] = [];
      let hasLaptop = false;
      if (!existing || !held) {
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
        const home = held.homeOf.get(personId)!;
        const moved = home.unit_id !== cell.id;
        const transfer = moved ? { membershipId: home.id, from: home.unit_id, to: cell } : undefined;
        if (transfer) {
          before.unitId = home.unit_id;
          after.unitId = cell.id;
        }
        heldPositions = moved ? [] : (held.positionsOf.get(personId) ?? []);
        heldPosts = held.postsOf.get(personId) ?? [];
        hasLaptop = held.hasLaptop.has(personId);
        const addsPosition = !!r.position && !heldPositions.includes(r.position);
        const addsPost = r.posts.some((p) => !heldPosts.includes(p));
        const addsLaptop = !!r.laptopIssuedOn && !hasLaptop;
        if (Object.keys(after).length || addsPosition || addsPost || addsLaptop) {
          if (addsPosition) after.position = r.position;
          if (addsPost) after.posts = r.posts.filter((p) => !heldPosts.includes(p));
          if (addsLaptop) after.laptopIssuedOn = r.laptopIssuedOn;
          plan.updates.push({ id: personId, row: r.row, merged, before, after, transfer, cell });
        }
      }
      if (r.position && !heldPositions.includes(r.position)) plan.positions.push({ personId, unitId: cell.id, position: r.position });
      for (const post of r.posts) if (!heldPosts.includes(post)) plan.posts.push({ personId, post });
      if (r.laptopIssuedOn && !hasLaptop) plan.laptops.push({ personId, issuedOn: r.laptopIssuedOn });
    }
    return plan;
  }
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

function group<T, V>(rows: T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const m = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(value(r));
    else m.set(k, [value(r)]);
  }
  return m;
}
