import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, personFields, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let officerA: Client;
let secretary: Client;
let member: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  officerA = await signIn(ctx.app, 'officer.a');
  secretary = await signIn(ctx.app, 'secretary.a1');
  member = await signIn(ctx.app, 'member.a1');
});

const auditCount = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n;
const peopleCount = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`)).rows[0].n;

describe('adding a member', () => {
  it('creates the record with its membership and an audit event', async () => {
    const before = await auditCount();
    const res = await officerA.post('/api/people', { ...personFields({ fullName: 'Sùng Thị Dua', sex: 'female' }), unitId: world.cellA2.id, memberSince: '2024-01-01' });
    expect(res.statusCode).toBe(201);
    const person = res.json().person;
    expect(person).toMatchObject({ fullName: 'Sùng Thị Dua', unit: { id: world.cellA2.id }, status: 'active' });
    expect(await auditCount()).toBe(before + 1);
  });

  it('reports every invalid field at once and saves nothing', async () => {
    const [people, audits] = [await peopleCount(), await auditCount()];
    const res = await officerA.post('/api/people', {
      ...personFields(),
      cccd: '12345',
      birthDate: '1990-02-30',
      sex: 'x',
      unitId: world.cellA1.id,
      favouriteColour: 'red',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['cccd', 'birthDate', 'sex']));
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path: 'favouriteColour', code: 'unknown_field' }));
    expect([await peopleCount(), await auditCount()]).toEqual([people, audits]);
  });

  it('refuses an official date before joining, and a member younger than 18', async () => {
    const res = await officerA.post('/api/people', { ...personFields({ birthDate: '2000-01-01', joinedOn: '2010-01-01', officialOn: '2009-01-01' }), unitId: world.cellA1.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['joinedOn', 'officialOn']);
  });

  it('refuses a CCCD or party card number that belongs to someone else', async () => {
    const taken = (await officerA.get(`/api/people/${world.people.memberA1.id}`)).json().person;
    const res = await officerA.post('/api/people', { ...personFields(), cccd: taken.cccd, partyCardNo: taken.partyCardNo, unitId: world.cellA2.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['cccd', 'partyCardNo']);
  });
});

describe('lists and search', () => {
  it('sorts in Vietnamese name order: given name, then family, then middle', async () => {
    const names = (await officerA.get(`/api/people?unitId=${world.cellA1.id}`)).json().items.map((p: { fullName: string }) => p.fullName);
    expect(names).toEqual(['Trần Thị Ánh', 'Hoàng Văn Bình', 'Lê Văn Dũng', 'Nguyễn Thị Xiến']);
  });

  it('finds people ignoring diacritics, only in the branch', async () => {
    const found = (await officerA.get('/api/people?q=nguyen%20thi%20xien')).json().items;
    expect(found.map((p: { id: string }) => p.id)).toEqual([world.people.memberA1.id]);
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerB.get('/api/people?q=xien')).json().items).toEqual([]);
  });

  it('pages with a cursor without repeating or skipping anyone', async () => {
    const all = (await officerA.get('/api/people?limit=200')).json().items.map((p: { id: string }) => p.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await officerA.get(`/api/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
  });

  it('shows a member only their own record, and hides the CCCD from the secretary', async () => {
    expect((await member.get('/api/people')).json().items.map((p: { id: string }) => p.id)).toEqual([world.people.memberA1.id]);
    const seenBySecretary = (await secretary.get(`/api/people/${world.people.memberA1.id}`)).json().person;
    expect(seenBySecretary.cccd).toBeNull();
    expect((await member.get(`/api/people/${world.people.memberA1.id}`)).json().person.cccd).toMatch(/^\d{12}$/);
  });
});

describe('history', () => {
  it('transfers between cells keeping the old membership, and ends positions held in the old cell', async () => {
    const res = await officerA.post(`/api/people/${world.people.secretaryA2.id}/transfer`, { toUnitId: world.cellA1.id, date: '2025-03-01' });
    expect(res.statusCode).toBe(200);
    const detail = (await officerA.get(`/api/people/${world.people.secretaryA2.id}`)).json();
    expect(detail.memberships.map((m: { unitId: string; validTo: string | null }) => [m.unitId, m.validTo])).toEqual([
      [world.cellA2.id, '2025-03-01'],
      [world.cellA1.id, null],
    ]);
    expect(detail.positions).toMatchObject([{ position: 'secretary', validTo: '2025-03-01' }]);
    // As of before the transfer, the person still counts in the old cell.
    const old = (await officerA.get(`/api/people?unitId=${world.cellA2.id}&date=2025-02-28`)).json().items.map((p: { id: string }) => p.id);
    expect(old).toContain(world.people.secretaryA2.id);
  });

  it('allows one secretary per cell at a time', async () => {
    const res = await officerA.post(`/api/people/${world.people.memberA1.id}/positions`, { position: 'secretary', from: '2025-06-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/already has a secretary/);
  });

  it('hands over the secretary post: end one term, open the next', async () => {
    const detail = (await officerA.get(`/api/people/${world.people.secretaryA1.id}`)).json();
    const term = detail.positions.find((p: { position: string; validTo: string | null }) => p.position === 'secretary' && !p.validTo);
    expect((await officerA.post(`/api/positions/${term.id}/end`, { to: '2025-06-01' })).statusCode).toBe(200);
    expect((await officerA.post(`/api/people/${world.people.memberA1.id}/positions`, { position: 'secretary', from: '2025-06-01' })).statusCode).toBe(201);
    const cell = (await officerA.get(`/api/units/${world.communeA.id}`)).json().children.find((c: { id: string }) => c.id === world.cellA1.id);
    expect(cell.secretaryName).toBe('Nguyễn Thị Xiến');
  });

  it('closes a record on death without deleting it', async () => {
    const res = await officerA.post(`/api/people/${world.people.secretaryA1.id}/close`, { reason: 'deceased', date: '2025-08-01' });
    expect(res.json().person).toMatchObject({ status: 'deceased', statusDate: '2025-08-01', unit: null });
    const active = (await officerA.get(`/api/people?unitId=${world.cellA1.id}`)).json().items.map((p: { id: string }) => p.id);
    expect(active).not.toContain(world.people.secretaryA1.id);
    const closed = (await officerA.get(`/api/people?status=closed`)).json().items.map((p: { id: string }) => p.id);
    expect(closed).toContain(world.people.secretaryA1.id);
    const detail = (await officerA.get(`/api/people/${world.people.secretaryA1.id}`)).json();
    expect(detail.actions).not.toContain('person.transfer');
  });

  it('records a concurrent post and equipment', async () => {
    const post = await officerA.post(`/api/people/${world.people.memberA1.id}/posts`, { post: 'village_head', from: '2025-01-01' });
    expect(post.statusCode).toBe(201);
    const laptop = await officerA.post(`/api/people/${world.people.memberA1.id}/equipment`, { kind: 'laptop', issuedOn: '2024-04-01' });
    expect(laptop.statusCode).toBe(201);
    const detail = (await officerA.get(`/api/people/${world.people.memberA1.id}`)).json();
    expect(detail.person.posts).toEqual(['village_head']);
    expect(detail.equipment).toMatchObject([{ kind: 'laptop', issuedOn: '2024-04-01' }]);
  });
});

describe('correcting a record', () => {
  it('applies every one of many concurrent corrections, each with its own audit event, the chain intact', async () => {
    const created = await officerA.post('/api/people', { ...personFields({ fullName: 'Nông Thị Sen', sex: 'female', education: 'college' }), unitId: world.cellA2.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().person.id as string;
    const before = await auditCount();
    const patches = [{ phone: '0911000001' }, { ethnicity: 'Nùng' }, { education: 'university' }, { theoryLevel: 'advanced' }, { fullName: 'Nông Thị Sến' }];
    const results = await Promise.all(patches.map((p) => officerA.patch(`/api/people/${id}`, p)));
    expect(results.map((r) => r.statusCode)).toEqual(patches.map(() => 200));
    const person = (await officerA.get(`/api/people/${id}`)).json().person;
    expect(person).toMatchObject(Object.assign({}, ...patches));
    expect(await auditCount()).toBe(before + patches.length);
    const { rows } = await ctx.database.pool.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'person.update' ORDER BY seq`, [id]);
    expect(rows.map((r) => r.after).sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0]))).toEqual(
      [...patches].sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0])));
    const { verifyAuditChain } = await import('../../platform/audit/audit.js');
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
    // the search by the new name finds her: the name's derived columns were written too
    expect((await officerA.get(`/api/people?unitId=${world.cellA2.id}&q=sen`)).json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Nông Thị Sến']);
  });

  it('writes nothing, not even an audit event, when nothing changes', async () => {
    const before = await auditCount();
    const current = (await officerA.get(`/api/people/${world.people.secretaryA2.id}`)).json().person;
    const res = await officerA.patch(`/api/people/${world.people.secretaryA2.id}`, { phone: current.phone, ethnicity: current.ethnicity });
    expect(res.statusCode).toBe(200);
    expect(await auditCount()).toBe(before);
  });
});

describe('rules that depend on today', () => {
  it('refuses dates in the future with a code the UI translates', async () => {
    const res = await officerA.post('/api/people', { ...personFields({ birthDate: '1990-01-01', joinedOn: '2030-01-01', officialOn: null }), unitId: world.cellA1.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual({ path: 'joinedOn', code: 'joined_in_future', message: 'The joining date is in the future' });
  });
});

describe('blank optional fields', () => {
  it('are stored as none rather than refused', async () => {
    const res = await officerA.post('/api/people', { ...personFields(), partyCardNo: '', cccd: ' ', phone: '', officialOn: '', unitId: world.cellA2.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().person).toMatchObject({ partyCardNo: null, cccd: null, phone: null, officialOn: null });
  });
  it('report a date that is not a real one with its code', async () => {
    const res = await officerA.post('/api/people', { ...personFields(), birthDate: '31/02/1990', unitId: world.cellA2.id });
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path: 'birthDate', code: 'not_a_date' }));
  });
});

describe('every problem at once', () => {
  it('reports a malformed field together with the date rules', async () => {
    const res = await officerA.post('/api/people', { ...personFields({ birthDate: '2090-01-01', joinedOn: '2091-05-10', officialOn: null }), cccd: '12345', unitId: world.cellA2.id });
    expect(res.statusCode).toBe(400);
    const codes = res.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort();
    expect(codes).toEqual(['birthDate:birth_in_future', 'cccd:wrong_format', 'joinedOn:join_under_18', 'joinedOn:joined_in_future']);
  });
});
