// Two-factor sign-in as a user meets it: enrolment, signing in with a code or a recovery code, wrong codes
// throttled, a code taken once, the roles that must enrol (a limited session reads nothing), the reset downward,
// and nothing secret in the database in clear, in the logs or in the audit trail.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, TEST_PASSWORD, type TestContext } from '../../test/harness.js';
import { DEMO_PASSWORD } from './passwords.js';
import { createUser, resetPasswordByUsername } from './service.js';
import { resetTwoFactorByUsername } from './twofactor.js';

let ctx: TestContext;
let world: World;
let calls = 0;
const nextAddress = () => `10.2.${Math.floor(++calls / 250)}.${(calls % 250) + 1}`;

const codeAt = (secret: string, stepOffset = 0) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, timestamp: Date.now() + stepOffset * 30_000 });

interface Signed {
  csrf: string;
  cookie: string;
  body: Record<string, unknown>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
}

function bind(res: LightMyRequestResponse, cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value): Signed {
  const body = res.json();
  const csrf = (body.csrfToken ?? body.session?.csrfToken) as string;
  return {
    csrf,
    cookie,
    body,
    get: (url) => ctx.app.inject({ method: 'GET', url, cookies: { chibo_session: cookie } }),
    post: (url, payload = {}) => ctx.app.inject({ method: 'POST', url, cookies: { chibo_session: cookie }, headers: { 'x-csrf-token': csrf }, payload: payload as object }),
  };
}

const password = (username: string, pw = TEST_PASSWORD) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextAddress(), payload: { username, password: pw } });
const secondStep = (payload: object) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login/second-step', remoteAddress: nextAddress(), payload });

async function signedIn(username: string): Promise<Signed> {
  const res = await password(username);
  expect(res.statusCode, res.body).toBe(200);
  return bind(res);
}

/** Enrols the signed-in user; answers the secret and the recovery codes. */
async function enrol(s: Signed): Promise<{ secret: string; recoveryCodes: string[]; session: Signed }> {
  const start = await s.post('/api/auth/two-factor/enrol');
  expect(start.statusCode, start.body).toBe(200);
  const { secret, uri, qrSvg } = start.json();
  expect(uri).toMatch(/^otpauth:\/\/totp\/chibo:.+\?.*secret=/);
  expect(uri).toContain('period=30');
  expect(uri).toContain('digits=6');
  expect(qrSvg).toMatch(/^<svg/);
  const confirm = await s.post('/api/auth/two-factor/confirm', { code: codeAt(secret) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  const renewed = confirm.cookies.find((c) => c.name === 'chibo_session')?.value;
  return { secret, recoveryCodes: confirm.json().recoveryCodes, session: renewed ? bind(confirm, renewed) : s };
}

async function account(username: string, role: 'member' | 'commune_officer' | 'province_admin' | 'inspection_officer', unitId: string) {
  await createUser(ctx.database.db, systemActor('test'), { username, displayName: username, password: TEST_PASSWORD, role, unitId });
}

const rows = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.database.pool.query<T>(text, values)).rows;

beforeAll(async () => {
  ctx = await setupTestApp({
    login: { maxFailures: 3, lockMinutes: 15 },
    twoFactor: { requiredRoles: ['province_admin', 'inspection_officer'], key: null },
    dataDir: `${process.cwd()}/.tmp/twofactor-${process.pid}`,
  } as never);
  world = await makeWorld(ctx);
});

describe('enrolment and signing in with a code', () => {
  it('enrols with a first code, stores the secret encrypted and ten hashed recovery codes, then asks for a code after the password', async () => {
    await account('tf.member1', 'member', world.cellA1.id);
    const s = await signedIn('tf.member1');
    expect((await s.get('/api/auth/two-factor')).json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const { secret, recoveryCodes } = await enrol(s);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await s.get('/api/auth/two-factor')).json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });

    const [stored] = await rows<{ secret: string }>(`SELECT t.secret FROM user_two_factor t JOIN users u ON u.id = t.user_id WHERE u.username = 'tf.member1'`);
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret).toMatch(/^v1\./);
    const hashes = await rows<{ code_hash: string }>(`SELECT code_hash FROM user_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'tf.member1'`);
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(h.code_hash).toMatch(/^\$argon2id\$/);

    const first = await password('tf.member1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ secondStep: 'totp', challenge: expect.any(String) });
    expect(first.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
    // A minute later the code has moved on: the one just used for the confirmation is not taken again.
    const done = await secondStep({ challenge: first.json().challenge, code: codeAt(secret, 1) });
    expect(done.statusCode, done.body).toBe(200);
    const me = await bind(done).get('/api/auth/me');
    expect(me.json().user.username).toBe('tf.member1');
  });

  it('refuses a code replayed within its window, a forged or stale challenge, and a wrong code', async () => {
    await account('tf.member2', 'member', world.cellA1.id);
    const { secret } = await enrol(await signedIn('tf.member2'));
    const challenge = (await password('tf.member2')).json().challenge as string;
    // A fresh code sent twice at once: one sign-in, not two; then once more: refused.
    const code = codeAt(secret, 1);
    const both = await Promise.all([secondStep({ challenge, code }), secondStep({ challenge, code })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const replay = await secondStep({ challenge, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_credentials');
    const forged = challenge.slice(0, -2) + (challenge.endsWith('AA') ? 'BB' : 'AA');
    expect((await secondStep({ challenge: forged, code: codeAt(secret) })).statusCode).toBe(401);
    expect((await secondStep({ challenge: 'e30.x', code: codeAt(secret) })).statusCode).toBe(401);
  });

  it('counts wrong codes per account, atomically, and locks the second step (a right code then waits too)', async () => {
    await account('tf.member3', 'member', world.cellA1.id);
    const { secret } = await enrol(await signedIn('tf.member3'));
    const challenge = (await password('tf.member3')).json().challenge as string;
    const wrong = String((Number(codeAt(secret, 1)) + 500_000) % 1_000_000).padStart(6, '0');
    // Six simultaneous wrong codes, each from its own address: three are counted to the lock, the rest meet it.
    const answers = await Promise.all(Array.from({ length: 6 }, () => secondStep({ challenge, code: wrong })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses).toContain(429);
    const right = await secondStep({ challenge, code: codeAt(secret, 1) });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
  });

  it('takes a recovery code once, and regenerates them against a code', async () => {
    await account('tf.member4', 'member', world.cellA1.id);
    const { secret, recoveryCodes, session } = await enrol(await signedIn('tf.member4'));
    const challenge = (await password('tf.member4')).json().challenge as string;
    const used = await secondStep({ challenge, recoveryCode: recoveryCodes[3].toUpperCase() });
    expect(used.statusCode, used.body).toBe(200);
    expect((await secondStep({ challenge, recoveryCode: recoveryCodes[3] })).statusCode).toBe(401);
    expect((await bind(used).get('/api/auth/two-factor')).json().recoveryCodesLeft).toBe(9);

    expect((await session.post('/api/auth/two-factor/recovery-codes', { code: '000000' })).statusCode).toBe(401);
    const fresh = await session.post('/api/auth/two-factor/recovery-codes', { code: codeAt(secret, 1) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    const codes = fresh.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect((await secondStep({ challenge, recoveryCode: recoveryCodes[0] })).statusCode).toBe(401);
    expect((await secondStep({ challenge, recoveryCode: codes[0] })).statusCode).toBe(200);
  });

  it('lets a member turn it off with a code', async () => {
    await account('tf.member5', 'member', world.cellA1.id);
    const { secret, session } = await enrol(await signedIn('tf.member5'));
    expect((await session.post('/api/auth/two-factor/disable', { code: codeAt(secret, 1) })).statusCode).toBe(204);
    const again = await password('tf.member5');
    expect(again.json().csrfToken).toEqual(expect.any(String));
  });
});

describe('the roles that must use it', () => {
  it('gives a province admin who has not enrolled a session limited to enrolment: it reads no data', async () => {
    await account('tf.admin', 'province_admin', world.province.id);
    const first = await password('tf.admin');
    expect(first.statusCode).toBe(200);
    expect(first.json().mustEnrolTwoFactor).toBe(true);
    const s = bind(first);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    for (const url of ['/api/users', `/api/units/${world.province.id}`, '/api/audit']) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('two_factor_enrolment');
    }
    expect((await s.post('/api/users', { username: 'x.y.z', displayName: 'x', password: TEST_PASSWORD, role: 'member', unitId: world.cellA1.id })).statusCode).toBe(403);
    expect((await s.get('/api/auth/two-factor')).json()).toMatchObject({ enabled: false, required: true });

    const { session, secret } = await enrol(s);
    expect(session.cookie).not.toBe(s.cookie);
    expect((await s.get('/api/users')).statusCode).toBe(401); // the limited session is gone
    expect((await session.get('/api/users')).statusCode).toBe(200);
    expect(session.body).toMatchObject({ session: { mustEnrolTwoFactor: false } });
    // It may not turn it off.
    expect((await session.post('/api/auth/two-factor/disable', { code: codeAt(secret, 1) })).statusCode).toBe(403);
    // Next time: the password, then a code.
    expect((await password('tf.admin')).json().secondStep).toBe('totp');
  });

  it('limits an inspection officer alike, but not a commune officer or a member', async () => {
    await account('tf.inspector', 'inspection_officer', world.province.id);
    expect((await password('tf.inspector')).json().mustEnrolTwoFactor).toBe(true);
    expect((await password('officer.a')).json().mustEnrolTwoFactor).toBe(false);
    expect((await password('member.a1')).json().mustEnrolTwoFactor).toBe(false);
  });

  it('exempts a demo account while it still has the demo password', async () => {
    await account('kiemtra', 'inspection_officer', world.province.id);
    await resetPasswordByUsername(ctx.database.db, { username: 'kiemtra', password: DEMO_PASSWORD });
    expect((await password('kiemtra', DEMO_PASSWORD)).json().mustEnrolTwoFactor).toBe(false);
    await resetPasswordByUsername(ctx.database.db, { username: 'kiemtra', password: 'a-changed-password' });
    expect((await password('kiemtra', 'a-changed-password')).json().mustEnrolTwoFactor).toBe(true);
    await account('tf.notdemo', 'inspection_officer', world.province.id);
    await resetPasswordByUsername(ctx.database.db, { username: 'tf.notdemo', password: DEMO_PASSWORD });
    expect((await password('tf.notdemo', DEMO_PASSWORD)).json().mustEnrolTwoFactor).toBe(true);
  });
});

describe('resetting someone else’s', () => {
  it('lets an officer reset a member of their commune’s cells, not a peer officer; the province board resets officers; audited', async () => {
    await account('tf.member6', 'member', world.cellA1.id);
    await account('tf.officer.a2', 'commune_officer', world.communeA.id);
    await enrol(await signedIn('tf.member6'));
    await enrol(await signedIn('tf.officer.a2'));
    const ids = Object.fromEntries((await rows<{ id: string; username: string }>(`SELECT id, username FROM users`)).map((r) => [r.username, r.id]));
    const officer = await signedIn('officer.a');
    expect((await officer.post(`/api/users/${ids['tf.officer.a2']}/reset-two-factor`)).statusCode).toBe(403);
    expect((await officer.post(`/api/users/${ids['tf.member6']}/reset-two-factor`)).statusCode).toBe(204);
    expect((await password('tf.member6')).json().csrfToken).toEqual(expect.any(String));

    const memberSelf = await signedIn('member.a1');
    expect((await memberSelf.post(`/api/users/${ids['tf.member6']}/reset-two-factor`)).statusCode).toBe(403);

    const adminRes = await password('tf.admin');
    expect(adminRes.json().secondStep).toBe('totp');
    // The board (a province admin) resets the officer: reached through the admin's full session made by enrolment.
    await ctx.database.pool.query(`UPDATE user_two_factor SET failures = 0, locked_until = NULL`);
    const board = await (async () => {
      await account('tf.admin2', 'province_admin', world.province.id);
      return (await enrol(bind(await password('tf.admin2')))).session;
    })();
    expect((await board.post(`/api/users/${ids['tf.officer.a2']}/reset-two-factor`)).statusCode).toBe(204);
    expect((await password('tf.officer.a2')).json().csrfToken).toEqual(expect.any(String));
    // The command line resets anyone (the system actor).
    await resetTwoFactorByUsername(ctx.database.db, { username: 'tf.admin' });
    expect((await password('tf.admin')).json().mustEnrolTwoFactor).toBe(true);

    const audit = await rows<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_events WHERE action LIKE '%TwoFactor%' OR action LIKE '%RecoveryCodes%'`,
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.enableTwoFactor', 'user.resetTwoFactor', 'user.regenerateRecoveryCodes', 'user.disableTwoFactor']));
  });

  it('keeps secrets and codes out of the audit trail', async () => {
    const text = JSON.stringify(await rows(`SELECT * FROM audit_events WHERE action LIKE '%TwoFactor%' OR action LIKE '%RecoveryCodes%'`));
    expect(text).toContain('TwoFactor');
    const secrets = await rows<{ secret: string | null }>(`SELECT secret FROM user_two_factor`);
    for (const s of secrets) if (s.secret) expect(text).not.toContain(s.secret);
    expect(text).not.toMatch(/otpauth:|"code"|recoveryCode/);
  });
});
