// Two-factor sign-in with TOTP (RFC 6238: 30 s steps, 6 digits, one step either side), by the `otpauth` library.
// Secrets are encrypted at rest with AES-256-GCM (the key: config.twoFactor.key, or <data dir>/totp.key made on
// first use); recovery codes are kept as argon2id hashes. Between the password and the code the browser holds a
// short-lived signed challenge, not a session. Nothing here logs or audits a secret or a code.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { authorize, noBranch, systemActor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { latestPaths } from '../org/tree.js';
import { checkPassword, hashPassword } from './passwords.js';
import { mustUseTwoFactor, userPolicy } from './policy.js';
import { recoveryCodes, roleGrants, twoFactor, users } from './schema.js';
import { closeAllSessions, openSession } from './sessions.js';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const TOTP_WINDOW = 1;
const ISSUER = 'chibo';
export const CHALLENGE_SECONDS = 300;
export const RECOVERY_CODE_COUNT = 10;

// ---------------------------------------------------------------------------------------------------- the key

const keys = new Map<string, Buffer>();

/** The 32-byte key for secrets at rest: configured, or read from (made once into) <data dir>/totp.key. */
export function twoFactorKey(cfg: Config): Buffer {
  if (cfg.twoFactor.key) return cfg.twoFactor.key;
  const file = path.join(cfg.dataDir, 'totp.key');
  let key = keys.get(file);
  if (key) return key;
  if (existsSync(file)) key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  else {
    key = randomBytes(32);
    mkdirSync(cfg.dataDir, { recursive: true });
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`);
  keys.set(file, key);
  return key;
}

const subKey = (cfg: Config, purpose: string) => Buffer.from(hkdfSync('sha256', twoFactorKey(cfg), Buffer.alloc(0), purpose, 32));

/** AES-256-GCM, bound to the account (its id is the additional data): v1.<iv>.<tag>.<ciphertext>, base64url. */
export function sealSecret(cfg: Config, userId: string, base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(cfg, 'chibo totp secret'), iv);
  cipher.setAAD(Buffer.from(userId));
  const ct = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function openSecret(cfg: Config, userId: string, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1') throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', subKey(cfg, 'chibo totp secret'), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

// ---------------------------------------------------------------------------------------------- the challenge

/** The signed proof, valid for five minutes, that this account's password was right: the second step's ticket. */
export function signChallenge(cfg: Config, userId: string, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ u: userId, e: now + CHALLENGE_SECONDS * 1000 })).toString('base64url');
  const mac = createHmac('sha256', subKey(cfg, 'chibo 2fa challenge')).update(body).digest('base64url');
  return `${body}.${mac}`;
}

export function readChallenge(cfg: Config, challenge: string): string | null {
  const [body, mac] = challenge.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', subKey(cfg, 'chibo 2fa challenge')).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { u, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { u: string; e: number };
    return typeof u === 'string' && typeof e === 'number' && e > Date.now() ? u : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------------- the codes

const totpOf = (base32: string, label = '') =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(base32) });

/** The time step a code matches (now, or one step either side), or null. */
function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(base32).validate({ token, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  });
}

/** Replaces the account's recovery codes with ten new ones; returns them in clear, to be shown once. */
async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecovery(c))));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  return codes;
}

const wrongCode = () => new AppError('invalid_credentials', 'Wrong code');
const tooManyFailures = () => new AppError('rate_limited', 'Too many wrong codes; try again later');

/**
 * Counts a wrong code against the account, in one statement like the password lock (simultaneous failures are
 * all counted); answers 429 when a lock already held, 401 otherwise.
 */
async function countFailure(db: Executor, cfg: Config, userId: string): Promise<never> {
  const max = cfg.login.maxFailures;
  const { rows } = await db.execute<{ was_locked: boolean }>(sql`
    WITH old AS (SELECT user_id, coalesce(locked_until > now(), false) AS was_locked FROM user_two_factor WHERE user_id = ${userId} FOR UPDATE)
    UPDATE user_two_factor t SET
      failures = CASE WHEN old.was_locked THEN t.failures WHEN t.failures + 1 >= ${max} THEN 0 ELSE t.failures + 1 END,
      locked_until = CASE WHEN old.was_locked THEN t.locked_until
        WHEN t.failures + 1 >= ${max} THEN now() + make_interval(mins => ${cfg.login.lockMinutes}::int) ELSE NULL END
    FROM old WHERE t.user_id = old.user_id
    RETURNING old.was_locked`);
  if (rows[0]?.was_locked) throw tooManyFailures();
  throw wrongCode();
}

async function isLocked(db: Executor, userId: string): Promise<boolean> {
  const { rows } = await db.execute<{ locked: boolean }>(
    sql`SELECT coalesce(locked_until > now(), false) AS locked FROM user_two_factor WHERE user_id = ${userId}`,
  );
  return rows[0]?.locked ?? false;
}

/**
 * Accepts a TOTP code of the account's secret (`which`: the enabled one, or the pending one being confirmed) once:
 * its time step is written in the same statement that checks it is newer than the last accepted, and only while
 * no lock holds — a code replayed within its window, or sent twice at once, is refused and counted as wrong.
 */
async function acceptCode(db: Executor, cfg: Config, userId: string, code: string, which: 'secret' | 'pendingSecret'): Promise<void> {
  const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
  const sealed = row?.[which];
  if (!row || !sealed) throw wrongCode();
  if (await isLocked(db, userId)) throw tooManyFailures();
  const step = matchingStep(openSecret(cfg, userId, sealed), code);
  if (step !== null) {
    const { rows } = await db.execute<{ user_id: string }>(sql`
      UPDATE user_two_factor SET last_step = ${step}, failures = 0
      WHERE user_id = ${userId} AND (last_step IS NULL OR last_step < ${step}) AND (locked_until IS NULL OR locked_until <= now())
      RETURNING user_id`);
    if (rows.length) return;
  }
  await countFailure(db, cfg, userId);
}

/** Uses one of the account's recovery codes: each is taken once (marked used in the statement that checks it is not). */
async function acceptRecoveryCode(db: Executor, cfg: Config, userId: string, code: string): Promise<void> {
  if (await isLocked(db, userId)) throw tooManyFailures();
  const given = normalizeRecovery(code);
  const unused = await db.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  for (const r of unused) {
    if (given.length === 10 && (await checkPassword(r.codeHash, given))) {
      const taken = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(and(eq(recoveryCodes.id, r.id), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (taken.length) return;
    }
  }
  await countFailure(db, cfg, userId);
}

// ---------------------------------------------------------------------------------------------- the sign-in

async function rolesOf(db: Executor, userId: string) {
  return db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId));
}

async function isEnabled(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db.select({ enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.userId, userId));
  return !!row?.enabledAt;
}

export type AfterPassword = { session: { token: string; csrfToken: string }; limited: boolean } | { challenge: string };

/**
 * What a right password leads to: a second step when the account has two-factor sign-in; a session limited to
 * enrolment when it must have it and has not (unless `exempt`: a demo account still on the demo password); else a
 * session.
 */
export async function afterPassword(db: Db, cfg: Config, userId: string, { exempt }: { exempt: boolean }): Promise<AfterPassword> {
  if (await isEnabled(db, userId)) return { challenge: signChallenge(cfg, userId) };
  const limited = !exempt && mustUseTwoFactor(await rolesOf(db, userId), cfg.twoFactor.requiredRoles);
  return { session: await openSession(db, userId, cfg.session, { limited }), limited };
}

/** The second step: the challenge and a code from the app, or one of the recovery codes. */
export async function completeSignIn(db: Db, cfg: Config, input: { challenge: string; code?: string; recoveryCode?: string }) {
  const userId = readChallenge(cfg, input.challenge);
  if (!userId) throw new AppError('unauthenticated', 'The sign-in has expired; enter your password again');
  const [user] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, userId));
  if (!user || user.disabled === 'yes') throw new AppError('unauthenticated', 'The sign-in has expired; enter your password again');
  if (input.code) await acceptCode(db, cfg, userId, input.code, 'secret');
  else if (input.recoveryCode) await acceptRecoveryCode(db, cfg, userId, input.recoveryCode);
  else throw wrongCode();
  return openSession(db, userId, cfg.session);
}

// --------------------------------------------------------------------------------------- the account's own

export async function twoFactorStatus(db: Db, cfg: Config, actor: Actor) {
  const userId = actor.userId!;
  const [row] = await db.select({ enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.userId, userId));
  const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = ${userId} AND used_at IS NULL`);
  return {
    enabled: !!row?.enabledAt,
    required: mustUseTwoFactor(actor.grants, cfg.twoFactor.requiredRoles),
    recoveryCodesLeft: row?.enabledAt ? rows[0].n : 0,
  };
}

/** A new secret, kept pending until a first code confirms it: the otpauth:// URI, its QR code (SVG) and the key. */
export async function startEnrolment(db: Db, cfg: Config, actor: Actor, username: string) {
  const userId = actor.userId!;
  if (await isEnabled(db, userId)) throw conflict('Two-factor sign-in is already on; turn it off first');
  const base32 = new OTPAuth.Secret({ size: 20 }).base32;
  const pendingSecret = sealSecret(cfg, userId, base32);
  await db.insert(twoFactor).values({ userId, pendingSecret }).onConflictDoUpdate({ target: twoFactor.userId, set: { pendingSecret } });
  const uri = totpOf(base32, username).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, secret: base32, qrSvg, digits: TOTP_DIGITS, period: TOTP_PERIOD };
}

/**
 * Confirms the pending secret with a first code: two-factor sign-in is on, and ten recovery codes are made and
 * returned (shown once). A limited session (a user who had to enrol) is replaced by a full one.
 */
export async function confirmEnrolment(db: Db, cfg: Config, actor: Actor, { code }: { code: string }) {
  const userId = actor.userId!;
  if (await isEnabled(db, userId)) throw conflict('Two-factor sign-in is already on');
  await acceptCode(db, cfg, userId, code, 'pendingSecret');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(twoFactor).where(eq(twoFactor.userId, userId)).for('update');
    if (!row?.pendingSecret || row.enabledAt) throw conflict('Two-factor sign-in is already on');
    await tx.update(twoFactor).set({ secret: row.pendingSecret, pendingSecret: null, enabledAt: new Date() }).where(eq(twoFactor.userId, userId));
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, actor, { action: 'user.enableTwoFactor', entityType: 'user', entityId: userId });
    return codes;
  });
}

/** Ten new recovery codes (the old ones stop working), against a current code. */
export async function regenerateRecoveryCodes(db: Db, cfg: Config, actor: Actor, { code }: { code: string }) {
  const userId = actor.userId!;
  if (!(await isEnabled(db, userId))) throw conflict('Two-factor sign-in is off');
  await acceptCode(db, cfg, userId, code, 'secret');
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, actor, { action: 'user.regenerateRecoveryCodes', entityType: 'user', entityId: userId });
    return codes;
  });
}

/** Turns one's own two-factor sign-in off, against a current code; refused to a role that must have it. */
export async function disableOwnTwoFactor(db: Db, cfg: Config, actor: Actor, { code }: { code: string }) {
  const userId = actor.userId!;
  if (mustUseTwoFactor(actor.grants, cfg.twoFactor.requiredRoles)) throw new AppError('forbidden', 'Your role must use two-factor sign-in');
  if (!(await isEnabled(db, userId))) throw conflict('Two-factor sign-in is off');
  await acceptCode(db, cfg, userId, code, 'secret');
  await db.transaction(async (tx) => {
    await removeTwoFactor(tx, userId);
    await recordAudit(tx, actor, { action: 'user.disableTwoFactor', entityType: 'user', entityId: userId });
  });
}

async function removeTwoFactor(tx: Executor, userId: string) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
}

/**
 * Resets someone's two-factor sign-in (a lost phone): only downward (policy `user.resetTwoFactor`, over every
 * grant of the account), audited; their sessions end and, if their role requires it, they enrol again at the next
 * sign-in.
 */
export async function resetTwoFactor(db: Db, actor: Actor, userId: string) {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound('User');
    const grants = await tx.select().from(roleGrants).where(eq(roleGrants.userId, userId));
    const paths = [...(await latestPaths(tx, grants.map((g) => g.unitId))).values()].map((p) => p.path);
    for (const p of paths.length ? paths : [noBranch]) authorize(userPolicy, actor, 'user.resetTwoFactor', { path: p }, 'User');
    await removeTwoFactor(tx, userId);
    await closeAllSessions(tx, userId);
    await recordAudit(tx, actor, { action: 'user.resetTwoFactor', entityType: 'user', entityId: userId, unitPath: paths[0] ?? null });
  });
}

/** `chibo users reset-two-factor U`: the command line, for the accounts no one is above (the province board). */
export async function resetTwoFactorByUsername(db: Db, { username }: { username: string }) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username.trim().toLowerCase()));
  if (!user) throw notFound('User');
  await resetTwoFactor(db, systemActor('cli'), user.id);
}
