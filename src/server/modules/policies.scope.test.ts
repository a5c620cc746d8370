// The list predicate and the record check come from the same rules: for every policy and action, the rows of a
// small PostgreSQL table that `scopeFor`'s SQL selects are exactly the targets `allowed` passes — for the actors
// of the policy tables and for generated actors (any roles on any units, with or without a person and a cell).
import fc from 'fast-check';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { roles } from '../../domain/enums.js';
import { allowed, noBranch, scopeFor, systemActor, type Actor, type Policy, type Target } from '../platform/access.js';
import { actorOf } from '../test/policy-table.js';
import { modules } from './index.js';

// Every registered module's policies (the registry test checks each policy.ts export is in its descriptor).
const policies: Record<string, Policy<string>> = Object.assign({}, ...modules.map((m) => m.policies));

// Every place a record can sit relative to the grants below: the units, a sibling whose id shares a prefix, and
// a record in no branch.
const paths = ['/p/', '/p/a/', '/p/a/a1/', '/p/a/a2/', '/p/ab/', '/p/b/', '/p/b/b1/', '/q/', '/q/c/c1/', noBranch];
const people = [null, 'p1', 'p2'];
const cells = ['a1', 'a2', 'b1'];
const routes = ['commune', 'inspection'];
const kinds = ['cell', 'commune'];
// The contest's judges: on a round's panel or not, and the candidate's commune theirs or another (contest/policy.ts).
const judges = ['assigned', 'not'];
const communes = ['own', 'other'];

type TargetRow = { id: number; path: string; person_id: string | null; route: string; cell_id: string; subject_person_id: string | null; kind: string; judge: string; commune: string };
const targets: TargetRow[] = [];
for (const path of paths)
  for (const person_id of people)
    for (const route of routes)
      for (const cell_id of cells)
        for (const subject_person_id of people)
          for (const kind of kinds)
            for (const judge of judges)
              for (const commune of communes) targets.push({ id: targets.length, path, person_id, route, cell_id, subject_person_id, kind, judge, commune });

const targetOf = (r: TargetRow): Target => ({ path: r.path, personId: r.person_id, route: r.route, cellId: r.cell_id, subjectPersonId: r.subject_person_id, kind: r.kind, judge: r.judge, commune: r.commune });
const columns = { path: sql`t.path`, personId: sql`t.person_id`, route: sql`t.route`, cellId: sql`t.cell_id`, subjectPersonId: sql`t.subject_person_id`, kind: sql`t.kind`, judge: sql`t.judge`, commune: sql`t.commune` };
const checks = Object.entries(policies).flatMap(([name, policy]) => Object.keys(policy).map((action) => ({ name, policy, action })));

let client: pg.Client;
const dialect = new PgDialect();

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  await client.query('CREATE TEMP TABLE targets (id int PRIMARY KEY, path text NOT NULL, person_id text, route text NOT NULL, cell_id text NOT NULL, subject_person_id text, kind text NOT NULL, judge text NOT NULL, commune text NOT NULL)');
  await client.query(
    `INSERT INTO targets SELECT * FROM json_populate_recordset(NULL::targets, $1)`,
    [JSON.stringify(targets)],
  );
});
afterAll(async () => {
  await client?.end();
});

/** For each policy action, the ids the SQL predicate selects and those `allowed` passes; the two must be equal. */
async function compare(actor: Actor) {
  // NULL in a WHERE is "not selected": the same as false here.
  const selected = checks.map((c, i) => sql`coalesce(${scopeFor(c.policy, actor, c.action, columns)}, false) AS ${sql.identifier(`c${i}`)}`);
  const query = dialect.sqlToQuery(sql`SELECT t.id, ${sql.join(selected, sql`, `)} FROM targets t ORDER BY t.id` as SQL);
  const { rows } = await client.query<Record<string, number | boolean>>(query.sql, query.params as unknown[]);
  const mismatches: string[] = [];
  checks.forEach((c, i) => {
    for (const row of rows) {
      const target = targets[row.id as number];
      const expected = allowed(c.policy, actor, c.action, targetOf(target));
      if (row[`c${i}`] !== expected) mismatches.push(`${c.name} ${c.action} on ${JSON.stringify(target)}: SQL ${row[`c${i}`]}, record check ${expected}`);
    }
  });
  return mismatches;
}

describe('the list predicate selects exactly what the record check allows', () => {
  it('holds the whole grid of targets (every path, person, route, cell, unit kind, judge, commune)', () => {
    expect(targets).toHaveLength(paths.length * people.length ** 2 * routes.length * cells.length * kinds.length * judges.length * communes.length);
  });

  it.each(roles)('for the %s of the policy tables', async (role) => {
    const actor = { ...actorOf(role), personId: 'p1', ownCellId: 'a1' };
    expect(await compare(actor)).toEqual([]);
  });

  it('for the system actor and for an actor without grants', async () => {
    expect(await compare(systemActor())).toEqual([]);
    expect(await compare({ userId: 'u', name: 'n', personId: 'p1', ownCellId: null, grants: [] })).toEqual([]);
  });

  it('for generated actors: any roles on any units, with or without a person and a cell', async () => {
    const unitPaths = paths.filter((p) => p !== noBranch);
    const grant = fc.record({ role: fc.constantFrom(...roles), unitPath: fc.constantFrom(...unitPaths) });
    const actor = fc.record({
      grants: fc.array(grant, { maxLength: 3 }),
      personId: fc.constantFrom(...people),
      ownCellId: fc.constantFrom(null, ...cells),
    });
    await fc.assert(
      fc.asyncProperty(actor, async (a) => {
        const generated: Actor = {
          userId: 'u',
          name: 'generated',
          personId: a.personId,
          ownCellId: a.ownCellId,
          grants: a.grants.map((g) => ({ ...g, unitId: g.unitPath, unitName: g.unitPath, unitKind: 'unit' })),
        };
        expect(await compare(generated)).toEqual([]);
      }),
      { numRuns: 100 },
    );
    // 100 actors × every policy's lists: ~17 s alone, and it grows with each module's policy; the suite's 60 s
    // default left too little room on a loaded machine.
  }, 180_000);
});
