// Server-side sessions: the cookie holds a random token; the table holds its sha256, the user, a CSRF token,
// and the times that enforce the idle timeout and the absolute lifetime.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import type { Actor, Grant } from '../../platform/access.js';
import type { Config } from '../../platform/config.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { latestPaths } from '../org/tree.js';
import { roleGrants, sessions, users } from './schema.js';

export const SESSION_COOKIE = 'chibo_session';
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(db: Db, userId: string, cfg: Config['session']) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + cfg.maxHours * 3600_000);
  await db.insert(sessions).values({ id: tokenId(token), userId, csrfToken, expiresAt });
  return { token, csrfToken };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  user: { id: string; username: string; displayName: string; locale: 'vi' | 'en'; personId: string | null };
}

/** Looks up a live session and touches it; an idle or expired one is deleted and treated as absent. */
export async function resolveSession(db: Db, token: string, cfg: Config['session']): Promise<ResolvedSession | null> {
  const id = tokenId(token);
  const idleCutoff = new Date(Date.now() - cfg.idleMinutes * 60_000);
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (row.s.expiresAt < new Date() || row.s.lastSeenAt < idleCutoff || row.u.disabled === 'yes') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: a read-heavy page should not write on every request.
  if (Date.now() - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  }
  const grants = await loadGrants(db, row.u.id);
  return {
    sessionId: id,
    csrfToken: row.s.csrfToken,
    user: { id: row.u.id, username: row.u.username, displayName: row.u.displayName, locale: row.u.locale, personId: row.u.personId },
    actor: { userId: row.u.id, name: row.u.displayName, personId: row.u.personId, grants },
  };
}

export async function loadGrants(exec: Executor, userId: string): Promise<Grant[]> {
  const rows = await exec.select().from(roleGrants).where(eq(roleGrants.userId, userId));
  const paths = await latestPaths(exec, rows.map((r) => r.unitId));
  return rows.flatMap((r) => {
    const p = paths.get(r.unitId);
    return p ? [{ role: r.role, unitId: r.unitId, unitPath: p.path, unitName: p.name, unitKind: p.kind }] : [];
  });
}

export const closeSession = (db: Db, sessionId: string) => db.delete(sessions).where(eq(sessions.id, sessionId));
export const closeAllSessions = (exec: Executor, userId: string) => exec.delete(sessions).where(eq(sessions.userId, userId));

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Housekeeping: removes sessions past their lifetime or idle timeout. */
export async function purgeSessions(db: Db, cfg: Config['session']) {
  const idleCutoff = new Date(Date.now() - cfg.idleMinutes * 60_000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}
