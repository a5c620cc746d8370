// The writes of a roster import, in the import's one transaction, with array-parameter statements (one parameter
// per column, so the 65,535-parameter limit never applies). People, memberships and their audit events are written
// batch by batch while the rest of the file is still being read; positions, posts and laptops wait for the end
// (`applyHoldings`), after every transfer of the file has closed what the movers held.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PersonFields } from '../../../../domain/person.js';
import { foldDiacritics, nameSortKey } from '../../../../domain/vietnamese.js';
import type { Actor } from '../../../platform/access.js';
import { canonicalText, recordAuditByCopy, type AuditText } from '../../../platform/audit/audit.js';
import type { CopyRows } from '../../../platform/copy.js';
import type { Executor } from '../../../platform/db/index.js';
import { arr, type Plan } from './import-check.js';

/** The import's open transaction (transaction.ts). */
export interface Writer {
  tx: Executor;
  copy: CopyRows;
}

export interface ApplyContext {
  actor: Actor;
  today: string;
  jobId: string;
  fileName: string;
}

// A roster repeats names (a few thousand distinct among 100,000 members): their search and sort keys are computed once.
const nameKeys = new Map<string, { folded: string; sort: string }>();
function keysOfName(fullName: string) {
  let k = nameKeys.get(fullName);
  if (!k) {
    if (nameKeys.size >= 50_000) nameKeys.clear();
    nameKeys.set(fullName, (k = { folded: foldDiacritics(fullName), sort: nameSortKey(fullName) }));
  }
  return k;
}

const cols = (ps: PersonFields[], ids: string[]) => [
  arr(ids), arr(ps.map((p) => p.fullName)), arr(ps.map((p) => keysOfName(p.fullName).folded)), arr(ps.map((p) => keysOfName(p.fullName).sort)),
  arr(ps.map((p) => p.birthDate)), arr(ps.map((p) => p.sex)), arr(ps.map((p) => p.ethnicity)), arr(ps.map((p) => p.partyCardNo ?? null)),
  arr(ps.map((p) => p.joinedOn)), arr(ps.map((p) => p.officialOn ?? null)), arr(ps.map((p) => p.cccd ?? null)), arr(ps.map((p) => p.phone ?? null)),
  arr(ps.map((p) => p.education)), arr(ps.map((p) => p.theoryLevel)),
];
const unnestPeople = (c: ReturnType<typeof cols>) => sql`unnest(${c[0]}::uuid[], ${c[1]}::text[], ${c[2]}::text[], ${c[3]}::text[], ${c[4]}::date[], ${c[5]}::text[],
  ${c[6]}::text[], ${c[7]}::text[], ${c[8]}::date[], ${c[9]}::date[], ${c[10]}::text[], ${c[11]}::text[], ${c[12]}::text[], ${c[13]}::text[])
  AS u(id, full_name, name_folded, name_sort, birth_date, sex, ethnicity, party_card_no, joined_on, official_on, cccd, phone, education, theory_level)`;

/** Writes the people of one batch (updates, transfers, new people with their membership) and their audit events. */
export async function applyPeople({ tx, copy }: Writer, plan: Plan, ctx: ApplyContext): Promise<void> {
  const { today } = ctx;
  // Updates before inserts: a new row then sees every corrected card number and CCCD.
  const changed = plan.updates.filter((u) => Object.keys(u.before).some((k) => k !== 'unitId'));
  if (changed.length) {
    await tx.execute(sql`
      UPDATE people p SET full_name = u.full_name, name_folded = u.name_folded, name_sort = u.name_sort, birth_date = u.birth_date, sex = u.sex,
        ethnicity = u.ethnicity, party_card_no = u.party_card_no, joined_on = u.joined_on, official_on = u.official_on, cccd = u.cccd,
        phone = u.phone, education = u.education, theory_level = u.theory_level, updated_at = now()
      FROM ${unnestPeople(cols(changed.map((u) => u.merged), changed.map((u) => u.id)))} WHERE p.id = u.id`);
  }
  const transfers = plan.updates.filter((u) => u.transfer);
  if (transfers.length) {
    const people = arr(transfers.map((t) => t.id));
    const memberships = arr(transfers.map((t) => t.transfer!.membershipId));
    const cells = arr(transfers.map((t) => t.transfer!.to.id));
    // A transfer closes the membership and the positions held in the old cell on the import date. What was
    // opened today (an earlier import of the same day put the person in the wrong cell) is corrected instead:
    // the membership changes cell, positions taken today in the wrong cell are withdrawn.
    await tx.execute(sql`DELETE FROM position_terms WHERE person_id = ANY(${people}::uuid[]) AND valid_to IS NULL AND valid_from >= ${today}`);
    await tx.execute(sql`UPDATE position_terms SET valid_to = ${today} WHERE person_id = ANY(${people}::uuid[]) AND valid_to IS NULL`);
    await tx.execute(sql`UPDATE memberships m SET unit_id = u.unit_id
      FROM unnest(${memberships}::uuid[], ${cells}::uuid[]) AS u(id, unit_id)
      WHERE m.id = u.id AND m.valid_from >= ${today}`);
    await tx.execute(sql`UPDATE memberships SET valid_to = ${today} WHERE id = ANY(${memberships}::uuid[]) AND valid_from < ${today}`);
    await tx.execute(sql`INSERT INTO memberships (person_id, unit_id, valid_from)
      SELECT m.person_id, u.unit_id, ${today}::date
      FROM unnest(${memberships}::uuid[], ${cells}::uuid[]) AS u(id, unit_id)
      JOIN memberships m ON m.id = u.id AND m.valid_to = ${today}`);
  }
  await copy(
    'people',
    ['id', 'full_name', 'name_folded', 'name_sort', 'birth_date', 'sex', 'ethnicity', 'party_card_no', 'joined_on', 'official_on', 'cccd', 'phone', 'education', 'theory_level'],
    plan.creates.map(({ id, fields: p }) => {
      const name = keysOfName(p.fullName);
      return [
        id, p.fullName, name.folded, name.sort, p.birthDate, p.sex, p.ethnicity, p.partyCardNo ?? null, p.joinedOn,
        p.officialOn ?? null, p.cccd ?? null, p.phone ?? null, p.education, p.theoryLevel,
      ];
    }),
  );
  // Ids made here: a volatile column default (gen_random_uuid()) would make COPY insert row by row.
  await copy('memberships', ['id', 'person_id', 'unit_id', 'valid_from'], plan.creates.map((c) => [randomUUID(), c.id, c.cell.id, c.memberFrom]));

  const source = { importJobId: ctx.jobId, fileName: ctx.fileName };
  const events: AuditText[] = [];
  for (const c of plan.creates) {
    const after = canonicalText({ ...c.fields, unitId: c.cell.id, memberSince: c.memberFrom, ...source, row: c.row });
    events.push({ action: 'person.create', entityType: 'person', entityId: c.id, unitPath: c.cell.path, before: 'null', after });
  }
  for (const u of plan.updates) {
    const after = canonicalText({ ...u.after, ...source, row: u.row });
    events.push({ action: 'person.update', entityType: 'person', entityId: u.id, unitPath: u.cell.path, before: canonicalText(u.before), after });
  }
  await recordAuditByCopy(tx, ctx.actor, events, copy);
}

/** Positions, posts and laptops of the whole file, from the import date, after every transfer is written. */
export async function applyHoldings(tx: Executor, plan: Pick<Plan, 'positions' | 'posts' | 'laptops'>, today: string): Promise<void> {
  if (plan.positions.length) {
    const b = plan.positions;
    await tx.execute(sql`INSERT INTO position_terms (person_id, unit_id, position, valid_from)
      SELECT u.*, ${today}::date FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.unitId))}::uuid[], ${arr(b.map((p) => p.position))}::text[]) AS u`);
  }
  if (plan.posts.length) {
    const b = plan.posts;
    await tx.execute(sql`INSERT INTO concurrent_posts (person_id, post, valid_from)
      SELECT u.*, ${today}::date FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.post))}::text[]) AS u`);
  }
  if (plan.laptops.length) {
    const b = plan.laptops;
    await tx.execute(sql`INSERT INTO equipment_issues (person_id, kind, issued_on)
      SELECT u.person_id, 'laptop', u.issued_on FROM unnest(${arr(b.map((p) => p.personId))}::uuid[], ${arr(b.map((p) => p.issuedOn))}::date[]) AS u(person_id, issued_on)`);
  }
}
