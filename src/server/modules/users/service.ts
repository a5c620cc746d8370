// Accounts: sign-in with throttling, creation with a role on a branch, password reset, language.
import { issue } from '../../../domain/issues.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../domain/enums.js';
import { allowed, authorize, branchesFor, isUnder, noBranch, scopeFor, systemActor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { openVersions } from '../org/queries.js';
import { findUnit, latestPaths, prefixMatch } from '../org/tree.js';
import { personHome } from '../people/service.js';
import { checkPassword, DEMO_PASSWORD, DEMO_USERNAMES, dummyHash, hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { afterPassword } from './twofactor.js';
import { grantPolicy, userPolicy } from './policy.js';
import { roleGrants, users } from './schema.js';
import { closeAllSessions } from './sessions.js';
import { todayIso } from '../../../domain/dates.js';

const normalizeUsername = (u: string) => u.trim().toLowerCase();

/**
 * Failed sign-ins with a username no account has, counted like an account's (in this process, a bounded map):
 * an unknown name is refused with 429 after as many failures as a real one, so the answers tell no one which
 * usernames exist.
 */
const unknownFailures = new Map<string, { failures: number; lockedUntil: number }>();
const UNKNOWN_KEPT = 10_000;

function unknownAttempt(username: string, cfg: Config['login']): 'locked' | 'counted' {
  const now = Date.now();
  const entry = unknownFailures.get(username);
  if (entry && entry.lockedUntil > now) return 'locked';
  const failures = (entry && entry.lockedUntil === 0 ? entry.failures : 0) + 1;
  const lock = failures >= cfg.maxFailures;
  unknownFailures.delete(username);
  if (unknownFailures.size >= UNKNOWN_KEPT) unknownFailures.delete(unknownFailures.keys().next().value!);
  unknownFailures.set(username, { failures: lock ? 0 : failures, lockedUntil: lock ? now + cfg.lockMinutes * 60_000 : 0 });
  return 'counted';
}

const wrongCredentials = () => new AppError('invalid_credentials', 'Wrong username or password');
const tooManyFailures = () => new AppError('rate_limited', 'Too many failed sign-ins; try again later');

export async function login(db: Db, cfg: Config, input: { username: string; password: string }) {
  const username = normalizeUsername(input.username);
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) {
    // The same work (one password hash) and the same answers as for an account.
    await checkPassword(await dummyHash(), input.password);
    if (unknownAttempt(username, cfg.login) === 'locked') throw tooManyFailures();
    throw wrongCredentials();
  }
  const ok = user.disabled === 'no' && (await checkPassword(user.passwordHash, input.password));
  if (!ok) {
    // One statement reads and writes the count: simultaneous failures each add one, none is lost. A failure while
    // locked is not counted (the lock does not grow), and is answered as the lock.
    const max = cfg.login.maxFailures;
    const { rows } = await db.execute<{ was_locked: boolean }>(sql`
      WITH old AS (SELECT id, coalesce(locked_until > now(), false) AS was_locked FROM users WHERE id = ${user.id} FOR UPDATE)
      UPDATE users u SET
        failed_logins = CASE WHEN old.was_locked THEN u.failed_logins WHEN u.failed_logins + 1 >= ${max} THEN 0 ELSE u.failed_logins + 1 END,
        locked_until = CASE WHEN old.was_locked THEN u.locked_until
          WHEN u.failed_logins + 1 >= ${max} THEN now() + make_interval(mins => ${cfg.login.lockMinutes}::int) ELSE NULL END
      FROM old WHERE u.id = old.id
      RETURNING old.was_locked`);
    const row = rows[0];
    if (row?.was_locked) throw tooManyFailures();
    throw wrongCredentials();
  }
  // The right password clears the count only if no lock holds at this moment (checked and written in one statement,
  // so a lock set by simultaneous failures is never lifted by a success that read the row before it).
  const [cleared] = await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.id, user.id), sql`(${users.lockedUntil} IS NULL OR ${users.lockedUntil} <= now())`))
    .returning({ id: users.id });
  if (!cleared) throw tooManyFailures();
  const exempt = input.password === DEMO_PASSWORD && (DEMO_USERNAMES as readonly string[]).includes(user.username);
  return afterPassword(db, cfg, user.id, { exempt });
}

export async function setLocale(db: Db, actor: Actor, { locale }: { locale: 'vi' | 'en' }) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId!));
    await recordAudit(tx, actor, { action: 'user.setLocale', entityType: 'user', entityId: actor.userId!, after: { locale } });
  });
}

export async function logoutEverywhere(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    await closeAllSessions(tx, actor.userId!);
    await recordAudit(tx, actor, { action: 'user.logoutAll', entityType: 'user', entityId: actor.userId! });
  });
}

/**
 * An e-mail address as stored: trimmed, lower case, null when empty. Refuses what cannot be an address (one @, a dot
 * in the domain, no spaces or control characters, at most 254 characters).
 */
export function normalizeEmail(raw: string | null | undefined, field = 'email'): string | null {
  const email = (raw ?? '').trim().toLowerCase();
  if (!email) return null;
  if (email.length > 254 || !/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(email)) throw invalid([issue('email_format', field)]);
  return email;
}

async function refuseTakenEmail(tx: Executor, email: string | null, except: string | null) {
  if (!email) return;
  const { rows } = await tx.execute(sql`SELECT 1 FROM users WHERE lower(email) = ${email} AND id IS DISTINCT FROM ${except}::uuid LIMIT 1`);
  if (rows.length) throw conflict('This e-mail address belongs to another account', [issue('email_taken', 'email')]);
}

/** The signed-in account's e-mail address (where the notifications it chose to receive by e-mail go). */
export async function ownEmail(db: Db, actor: Actor): Promise<{ email: string | null }> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId!));
  return { email: row?.email ?? null };
}

/** Sets or clears the signed-in account's e-mail address (the address itself is not written into the audit trail). */
export async function setOwnEmail(db: Db, actor: Actor, input: { email: string | null }): Promise<{ email: string | null }> {
  const email = normalizeEmail(input.email);
  await db.transaction(async (tx) => {
    await refuseTakenEmail(tx, email, actor.userId!);
    await tx.update(users).set({ email }).where(eq(users.id, actor.userId!));
    await recordAudit(tx, actor, { action: 'user.setEmail', entityType: 'user', entityId: actor.userId!, after: { email: email ? 'set' : 'cleared' } });
  });
  return { email };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId: string;
  personId?: string | null;
  email?: string | null;
}

/** Creates an account. With `actor` = the system actor (CLI, seed) no policy applies. */
export async function createUser(db: Db, actor: Actor, input: NewUser) {
  const username = normalizeUsername(input.username);
  const issues = [];
  if (!/^[a-z0-9._-]{3,40}$/.test(username)) issues.push(issue('username_format', 'username'));
  if (input.password.length < MIN_PASSWORD_LENGTH) issues.push(issue('password_short', 'password'));
  if (!input.displayName.trim()) issues.push(issue('required', 'displayName'));
  let email: string | null = null;
  try {
    email = normalizeEmail(input.email);
  } catch {
    issues.push(issue('email_format', 'email'));
  }
  if (issues.length) throw invalid(issues);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId, todayIso());
    if (!unit || unit.validTo) throw notFound('Unit');
    authorize(userPolicy, actor, 'user.create', { path: unit.path }, 'Unit');
    if (!allowed(grantPolicy, actor, input.role, { path: unit.path, kind: unit.kind })) throw new AppError('forbidden', `You may not grant the role ${input.role} here`);
    if (input.personId) {
      // The person the account speaks for is a current member under the unit it is granted on: an officer cannot
      // hand someone of another branch (or another cell) an account that acts as them.
      const home = await personHome(tx, input.personId);
      if (!home?.open || !isUnder(home.path, unit.path)) throw invalid([issue('person_unknown', 'personId')]);
    }
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (exists) throw conflict('This username is taken', [issue('username_taken', 'username')]);
    await refuseTakenEmail(tx, email, null);
    const [user] = await tx
      .insert(users)
      .values({ username, displayName: input.displayName.trim(), passwordHash, personId: input.personId ?? null, email })
      .returning();
    await tx.insert(roleGrants).values({ userId: user.id, role: input.role, unitId: unit.id });
    await recordAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      unitPath: unit.path,
      after: { username, displayName: user.displayName, role: input.role, unitId: unit.id, personId: user.personId },
    });
    return { id: user.id, username, displayName: user.displayName };
  });
}

export async function resetPassword(db: Db, actor: Actor, userId: string, { password }: { password: string }) {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid([issue('password_short', 'password')]);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw notFound('User');
    const grants = await tx.select().from(roleGrants).where(eq(roleGrants.userId, userId));
    const paths = [...(await latestPaths(tx, grants.map((g) => g.unitId))).values()].map((p) => p.path);
    // Resetting needs authority over every branch the account can reach; an account without a grant lies in no
    // branch, which only the system actor (the command line) reaches.
    for (const path of paths.length ? paths : [noBranch]) authorize(userPolicy, actor, 'user.resetPassword', { path }, 'User');
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    await closeAllSessions(tx, userId);
    await recordAudit(tx, actor, { action: 'user.resetPassword', entityType: 'user', entityId: userId, unitPath: paths[0] ?? null });
  });
}

export async function resetPasswordByUsername(db: Db, { username, password }: { username: string; password: string }) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, normalizeUsername(username)));
  if (!user) throw notFound('User');
  await resetPassword(db, systemActor('cli'), user.id, { password });
}

/** Accounts whose grants lie in the actor's branches (and under `unitId` when given). */
export async function listUsers(db: Db, actor: Actor, { unitId }: { unitId?: string } = {}) {
  const branches = branchesFor(userPolicy, actor, 'user.read');
  let under: string[] | null = null;
  if (unitId) {
    const unit = await findUnit(db, unitId, todayIso());
    if (!unit || !branches.some((b) => unit.path.startsWith(b))) throw notFound('Unit');
    under = [unit.path];
  }
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, disabled: users.disabled, role: roleGrants.role, unitId: roleGrants.unitId, unitName: sql<string>`v.name` })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(sql`${openVersions} v`, sql`v.unit_id = ${roleGrants.unitId}`)
    .where(and(scopeFor(userPolicy, actor, 'user.read', { path: sql`v.path` }), under ? prefixMatch(sql`v.path`, under) : undefined))
    .orderBy(users.username)
    .limit(500);
  const byId = new Map<string, { id: string; username: string; displayName: string; disabled: boolean; roles: { role: string; unitId: string; unitName: string }[] }>();
  for (const r of rows) {
    const u = byId.get(r.id) ?? { id: r.id, username: r.username, displayName: r.displayName, disabled: r.disabled === 'yes', roles: [] };
    u.roles.push({ role: r.role, unitId: r.unitId, unitName: r.unitName });
    byId.set(r.id, u);
  }
  return [...byId.values()];
}
