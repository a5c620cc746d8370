// Server-side sessions: the cookie holds a random token; the table holds its sha256, the user, a CSRF token,
// and the times that enforce the idle timeout and the absolute lifetime.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Actor, Grant } from '../../platform/access.js';
import type { Config } from '../../platform/config.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { executePrepared } from '../../platform/db/prepared.js';
import type { CachedSession, TaggedCache } from '../../platform/cache/index.js';
import { sessions } from './schema.js';
import { joinLatestVersion, lineagePathsOf } from '../org/queries.js';

export const SESSION_COOKIE = 'chibo_session';
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** `limited`: the user must enrol in two-factor sign-in first; the session reaches the enrolment routes only. */
export async function openSession(db: Executor, userId: string, cfg: Config['session'], { limited = false } = {}) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + cfg.maxHours * 3600_000);
  await db.insert(sessions).values({ id: tokenId(token), userId, csrfToken, expiresAt, limited });
  return { token, csrfToken };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  /** Reaches the two-factor enrolment routes only (the user must enrol before anything else). */
  limited: boolean;
  user: { id: string; username: string; displayName: string; locale: 'vi' | 'en'; personId: string | null };
}

declare module '../../platform/http.js' {
  // A request's session is the one resolveSession gives (platform/http.ts declares the part it reads itself).
  interface RequestSession extends ResolvedSession {}
}

// A session is touched at most this often: a read-heavy page should not write on every request.
const TOUCH_MS = 60_000;
/**
 * The moment before which a session's last touch makes it idle. A use up to TOUCH_MS after the last touch is
 * not written down, so the idle time is counted from a minute after it: a session never ends before the idle
 * limit (at most a minute after it).
 */
const idleCutoff = (cfg: Config['session']) => new Date(Date.now() - cfg.idleMinutes * 60_000 - TOUCH_MS);

/**
 * Looks up a live session and touches it; an idle or expired one is deleted and treated as absent.
 * With a cache (platform/cache), a session read less than a minute after its last touch is answered from memory:
 * the change feed drops it at once when it is closed, its user changes or their grants do, and every minute it is
 * read again (and touched), so the idle timeout and the absolute lifetime hold as before.
 */
export async function resolveSession(
  db: Db,
  token: string,
  cfg: Config['session'],
  cache?: TaggedCache<CachedSession<unknown>>,
): Promise<ResolvedSession | null> {
  const id = tokenId(token);
  const hit = cache?.get(id) as CachedSession<ResolvedSession> | undefined;
  const now = Date.now();
  if (hit && hit.expiresAt > now && now - hit.lastSeenAt <= TOUCH_MS) return hit.session;
  if (!cache) return readSession(db, id, cfg);
  const ticket = cache.begin();
  try {
    const read = await readSession(db, id, cfg);
    if (!read) {
      cache.delete(id);
      return null;
    }
    cache.put(ticket, id, { session: read, lastSeenAt: read.lastSeenAt, expiresAt: read.expiresAt }, { user: read.user.id, kind: 'session', paths: [] });
    return read;
  } finally {
    cache.end(ticket);
  }
}

/** One round trip: the session, its user and the user's grants with each unit's current path. */
async function readSession(db: Db, id: string, cfg: Config['session']): Promise<(ResolvedSession & { lastSeenAt: number; expiresAt: number }) | null> {
  const { rows } = await executePrepared<{
    csrf_token: string;
    limited: boolean;
    last_seen_at: Date;
    expires_at: Date;
    user_id: string;
    username: string;
    display_name: string;
    locale: 'vi' | 'en';
    person_id: string | null;
    disabled: string;
    grants: Grant[];
  }>(db, sql`
    SELECT s.csrf_token, s.limited, s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.display_name, u.locale, u.person_id, u.disabled,
      COALESCE((
        SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', v.path, 'unitName', v.name, 'unitKind', v_unit.kind,
          'lineagePaths', ${lineagePathsOf(sql`g.unit_id`)}) ORDER BY v.path)
        FROM role_grants g ${joinLatestVersion(sql`g.unit_id`, 'v')}
        WHERE g.user_id = u.id), '[]') AS grants
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id}`);
  const row = rows[0];
  if (!row) return null;
  if (new Date(row.expires_at) < new Date() || new Date(row.last_seen_at) < idleCutoff(cfg) || row.disabled === 'yes') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let lastSeenAt = new Date(row.last_seen_at).getTime();
  if (Date.now() - lastSeenAt > TOUCH_MS) {
    const touched = new Date();
    await db.update(sessions).set({ lastSeenAt: touched }).where(eq(sessions.id, id));
    lastSeenAt = touched.getTime();
  }
  return {
    lastSeenAt,
    expiresAt: new Date(row.expires_at).getTime(),
    sessionId: id,
    csrfToken: row.csrf_token,
    limited: row.limited,
    user: { id: row.user_id, username: row.username, displayName: row.display_name, locale: row.locale, personId: row.person_id },
    actor: { userId: row.user_id, name: row.display_name, personId: row.person_id, grants: row.grants },
  };
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
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff(cfg))));
}
