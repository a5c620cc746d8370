// Signing in and out as a user meets it: the cookie, wrong passwords, the lock after repeated failures, sessions
// that end (logout, logout everywhere, idle, password reset), and what the database keeps of secrets.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { makeWorld, type World } from './factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;

// Sign-in is throttled per address too (20 a minute); each call here comes from its own address unless a test
// is about that throttle.
let calls = 0;
const nextAddress = () => {
  calls += 1;
  return `10.1.${Math.floor(calls / 250)}.${(calls % 250) + 1}`;
};

function login(username: string, password: string, remoteAddress = nextAddress()) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
}

interface Signed {
  cookie: string;
  csrf: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  send: (method: 'POST' | 'PATCH', url: string, body?: unknown) => Promise<LightMyRequestResponse>;
}

async function signedIn(username: string, password = TEST_PASSWORD): Promise<Signed> {
  const res = await login(username, password);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value;
  const csrf = res.json().csrfToken as string;
  return {
    cookie,
    csrf,
    get: (url) => ctx.app.inject({ method: 'GET', url, cookies: { chibo_session: cookie } }),
    send: (method, url, body = {}) => ctx.app.inject({ method, url, cookies: { chibo_session: cookie }, headers: { 'x-csrf-token': csrf }, payload: body as object }),
  };
}

// A write here comes from outside the app, like another process's: the app's caches hear of it through the change
// feed, so wait for the feed to catch up before the next request (platform/cache).
async function query<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const { rows } = await ctx.database.pool.query<T>(text, values);
  await ctx.app.cache?.feed.sync();
  return rows;
}

const auditCount = async () => (await query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0].n;

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

beforeAll(async () => {
  ctx = await setupTestApp({ login: { maxFailures: 3, lockMinutes: 15 } });
  world = await makeWorld(ctx);
});

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie for the whole site and returns the user and a CSRF token', async () => {
    const res = await login('officer.a', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'chibo_session');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(String(cookie!.sameSite).toLowerCase()).toBe('lax');
    expect(cookie!.path).toBe('/');
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'officer.a', roles: [{ role: 'commune_officer', unitId: world.communeA.id }] });
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.csrfToken).not.toBe(cookie!.value);
    expect(res.body).not.toContain('password');
  });

  it('ignores case and surrounding spaces in the username', async () => {
    expect((await login('  Officer.A ', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials, same message', async () => {
    const wrongPassword = await login('inspector', 'not-the-password');
    const unknownUser = await login('no.such.user', 'not-the-password');
    expectError(wrongPassword, 401, 'invalid_credentials');
    expectError(unknownUser, 401, 'invalid_credentials');
    expect(wrongPassword.json().error.message).toBe(unknownUser.json().error.message);
    expect(wrongPassword.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
    // The failure is counted, but one failure followed by the right password signs in and clears it.
    expect((await login('inspector', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks the account after maxFailures wrong passwords, even against the right password', async () => {
    // A fresh account: the world's are used by other tests of this file.
    const admin = await signedIn('admin');
    const created = await admin.send('POST', '/api/users', { username: 'lock.me', displayName: 'Khóa thử', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    expect(created.statusCode, created.body).toBe(201);

    for (let i = 1; i <= 3; i++) expectError(await login('lock.me', `wrong-${i}`), 401, 'invalid_credentials');
    const locked = await login('lock.me', TEST_PASSWORD);
    expectError(locked, 429, 'rate_limited');
    expect(locked.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
    // From any address: the lock is on the account.
    expectError(await login('lock.me', TEST_PASSWORD, '192.0.2.77'), 429, 'rate_limited');
    const [row] = await query<{ locked_until: Date }>('SELECT locked_until FROM users WHERE username = $1', ['lock.me']);
    const minutes = (row.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Once the lock has run out, the right password works again.
    await query("UPDATE users SET locked_until = now() - interval '1 minute' WHERE username = $1", ['lock.me']);
    expect((await login('lock.me', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success in between starts the count again', async () => {
    const admin = await signedIn('admin');
    await admin.send('POST', '/api/users', { username: 'count.me', displayName: 'Đếm thử', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    for (let round = 0; round < 2; round++) {
      expectError(await login('count.me', 'wrong-1'), 401, 'invalid_credentials');
      expectError(await login('count.me', 'wrong-2'), 401, 'invalid_credentials');
      expect((await login('count.me', TEST_PASSWORD)).statusCode).toBe(200);
    }
  });

  it('locking one account does not lock another', async () => {
    const admin = await signedIn('admin');
    await admin.send('POST', '/api/users', { username: 'lock.other', displayName: 'Khóa khác', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    for (let i = 0; i < 3; i++) await login('lock.other', 'wrong');
    expectError(await login('lock.other', TEST_PASSWORD), 429, 'rate_limited');
    expect((await login('officer.b', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles sign-in attempts from one address', async () => {
    const address = '198.51.100.9';
    const answers: number[] = [];
    // A different unknown name each time: the per-username count is not what this test is about.
    for (let i = 0; i < 22; i++) answers.push((await login(`no.such.user${i}`, 'wrong', address)).statusCode);
    expect(answers.slice(0, 20).every((s) => s === 401)).toBe(true);
    const last = await login('officer.b', TEST_PASSWORD, address);
    expectError(last, 429, 'rate_limited');
  });

  it('rejects an unknown field in the body with 400 validation naming the field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: nextAddress(),
      payload: { username: 'officer.a', password: TEST_PASSWORD, isAdmin: true },
    });
    expectError(res, 400, 'validation');
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.some((f) => f.path === 'isAdmin' || f.message.includes('isAdmin'))).toBe(true);
    expect(res.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
  });

  it('lists every field problem at once', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextAddress(), payload: { username: '', password: '', role: 'province_admin' } });
    expectError(res, 400, 'validation');
    const text = JSON.stringify(res.json().error.fields);
    for (const field of ['username', 'password', 'role']) expect(text).toContain(field);
  });
});

describe('the session', () => {
  it('tells who I am; without a session or with a forged cookie, 401', async () => {
    const s = await signedIn('secretary.a1');
    const me = await s.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'secretary.a1', personId: world.people.secretaryA1.id });
    expect(me.json().csrfToken).toBe(s.csrf);
    expectError(await ctx.app.inject({ url: '/api/auth/me' }), 401, 'unauthenticated');
    expectError(await ctx.app.inject({ url: '/api/auth/me', cookies: { chibo_session: `${s.cookie}x` } }), 401, 'unauthenticated');
  });

  it('logout ends the session and clears the cookie', async () => {
    const s = await signedIn('officer.b');
    const out = await s.send('POST', '/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'chibo_session');
    expect(cleared).toBeDefined();
    expect(cleared!.value === '' || (cleared!.expires && cleared!.expires.getTime() < Date.now()) || cleared!.maxAge === 0).toBe(true);
    // The old cookie, replayed, no longer works.
    expectError(await s.get('/api/auth/me'), 401, 'unauthenticated');
    expectError(await s.get('/api/units/roots'), 401, 'unauthenticated');
  });

  it('logout ends only this session', async () => {
    const one = await signedIn('officer.b');
    const two = await signedIn('officer.b');
    await one.send('POST', '/api/auth/logout');
    expect((await two.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('logout-all ends every session of the user, and only theirs, and is audited', async () => {
    const one = await signedIn('member.a1');
    const two = await signedIn('member.a1');
    const other = await signedIn('officer.a');
    const before = await auditCount();
    expect((await one.send('POST', '/api/auth/logout-all')).statusCode).toBe(204);
    expectError(await two.get('/api/auth/me'), 401, 'unauthenticated');
    expectError(await one.get('/api/auth/me'), 401, 'unauthenticated');
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    const [event] = await query<{ action: string; actor_name: string }>('SELECT action, actor_name FROM audit_events ORDER BY seq DESC LIMIT 1');
    expect(event.action).toBe('user.logoutAll');
    const [{ n }] = await query<{ n: number }>('SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1', ['member.a1']);
    expect(n).toBe(0);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const s = await signedIn('inspector');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    await query("UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = (SELECT id FROM users WHERE username = $1)", ['inspector']);
    expectError(await s.get('/api/auth/me'), 401, 'unauthenticated');
    // And it stays ended: coming back does not revive it.
    expectError(await s.get('/api/units/roots'), 401, 'unauthenticated');
  });

  it('keeps a session that is used within the idle timeout', async () => {
    const s = await signedIn('inspector');
    await query("UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE user_id = (SELECT id FROM users WHERE username = $1)", ['inspector']);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('keeps a session used less than the idle timeout ago, though its last recorded touch is older', async () => {
    // Touches are written at most once a minute: a use 50 s after the last touch is not written down…
    const s = await signedIn('inspector');
    const shift = (by: string) => query(`UPDATE sessions SET last_seen_at = last_seen_at - interval '${by}' WHERE user_id = (SELECT id FROM users WHERE username = $1)`, ['inspector']);
    await shift('50 seconds');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    // …and 29½ minutes after that use (idle limit 30), the session still holds.
    await shift('29 minutes 30 seconds');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const s = await signedIn('inspector');
    await query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = $1)", ['inspector']);
    expectError(await s.get('/api/auth/me'), 401, 'unauthenticated');
  });
});

describe('what the database keeps', () => {
  it('stores no raw session token: the cookie value is found nowhere in the sessions table', async () => {
    const s = await signedIn('officer.a');
    const rows = await query<Record<string, unknown>>('SELECT * FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(s.cookie);
    // What is kept is the token's sha256: a leaked table gives no working session.
    const digest = createHash('sha256').update(s.cookie).digest('hex');
    expect(rows.filter((r) => r.id === digest)).toHaveLength(1);
  });

  it('hashes every password with argon2id, never keeping the password', async () => {
    const rows = await query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.password_hash, r.username).toMatch(/^\$argon2id\$/);
      expect(r.password_hash).not.toContain(TEST_PASSWORD);
    }
    // Salted: two accounts with the same password have different hashes.
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });
});

describe('my language', () => {
  it('PATCH /api/auth/me changes the locale, keeps it across sessions, and writes an audit event', async () => {
    const s = await signedIn('officer.b');
    expect((await s.get('/api/auth/me')).json().user.locale).toBe('vi');
    const before = await auditCount();
    const res = await s.send('PATCH', '/api/auth/me', { locale: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.locale).toBe('en');
    expect(res.json().csrfToken).toBe(s.csrf);
    expect((await s.get('/api/auth/me')).json().user.locale).toBe('en');
    const again = await signedIn('officer.b');
    expect((await again.get('/api/auth/me')).json().user.locale).toBe('en');

    expect(await auditCount()).toBe(before + 1);
    const [event] = await query<{ action: string; entity_type: string; entity_id: string; actor_name: string; after: unknown }>(
      'SELECT action, entity_type, entity_id, actor_name, after FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const [user] = await query<{ id: string }>('SELECT id FROM users WHERE username = $1', ['officer.b']);
    expect(event).toMatchObject({ action: 'user.setLocale', entity_type: 'user', entity_id: user.id, actor_name: 'officer.b', after: { locale: 'en' } });
  });

  it('refuses a locale it does not have, and an unknown field, listing the field', async () => {
    const s = await signedIn('officer.b');
    const before = await auditCount();
    expectError(await s.send('PATCH', '/api/auth/me', { locale: 'fr' }), 400, 'validation');
    const extra = await s.send('PATCH', '/api/auth/me', { locale: 'vi', username: 'admin' });
    expectError(extra, 400, 'validation');
    const fields = extra.json().error.fields as { path: string; message: string }[];
    expect(fields.some((f) => f.path === 'username' || f.message.includes('username'))).toBe(true);
    expect(await auditCount()).toBe(before);
    expect((await s.get('/api/auth/me')).json().user.username).toBe('officer.b');
  });
});

describe('accounts made and reset by an admin', () => {
  it('an admin creates a user, who signs in; a password reset ends all their sessions and changes the password', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const before = await auditCount();
    const created = await admin.post('/api/users', {
      username: 'Secretary.A2',
      displayName: 'Ma Văn Đức',
      password: 'first-password-123',
      role: 'cell_secretary',
      unitId: world.cellA2.id,
      personId: world.people.secretaryA2.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json().user.id as string;
    expect(created.json().user.username).toBe('secretary.a2');
    expect(created.body).not.toContain('first-password-123');
    expect(await auditCount()).toBe(before + 1);
    const [hash] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId]);
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);

    const one = await signedIn('secretary.a2', 'first-password-123');
    const two = await signedIn('secretary.a2', 'first-password-123');
    expect((await one.get('/api/auth/me')).json().user.roles).toEqual([
      { role: 'cell_secretary', unitId: world.cellA2.id, unitName: world.cellA2.name, unitKind: 'cell' },
    ]);

    const reset = await admin.post(`/api/users/${userId}/reset-password`, { password: 'second-password-456' });
    expect(reset.statusCode, reset.body).toBe(204);
    expectError(await one.get('/api/auth/me'), 401, 'unauthenticated');
    expectError(await two.get('/api/auth/me'), 401, 'unauthenticated');
    expectError(await login('secretary.a2', 'first-password-123'), 401, 'invalid_credentials');
    expect((await login('secretary.a2', 'second-password-456')).statusCode).toBe(200);
    const [event] = await query<{ action: string; entity_id: string }>('SELECT action, entity_id FROM audit_events ORDER BY seq DESC LIMIT 1');
    expect(event).toEqual({ action: 'user.resetPassword', entity_id: userId });
    // The admin's own session is untouched.
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('a reset also lifts a lock', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const created = await admin.post('/api/users', { username: 'unlock.me', displayName: 'Mở khóa', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    for (let i = 0; i < 3; i++) await login('unlock.me', 'wrong');
    expectError(await login('unlock.me', TEST_PASSWORD), 429, 'rate_limited');
    expect((await admin.post(`/api/users/${created.json().user.id}/reset-password`, { password: 'fresh-password-789' })).statusCode).toBe(204);
    expect((await login('unlock.me', 'fresh-password-789')).statusCode).toBe(200);
  });

  it('refuses a too short password or a taken username, listing the field, creating nothing', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const before = await auditCount();
    const short = await admin.post('/api/users', { username: 'short.pw', displayName: 'Ngắn', password: 'short', role: 'member', unitId: world.cellB1.id });
    expectError(short, 400, 'validation');
    expect(JSON.stringify(short.json().error.fields)).toContain('password');
    const taken = await admin.post('/api/users', { username: 'OFFICER.A', displayName: 'Trùng', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    expectError(taken, 409, 'conflict');
    expect(await auditCount()).toBe(before);
    expect((await query('SELECT 1 FROM users WHERE username = $1', ['short.pw'])).length).toBe(0);
  });
});
