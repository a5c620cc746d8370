// What users offers other modules as SQL pieces and typed reads: accounts and their grants are named here and in
// users' own files only.
import { checkPassword } from './passwords.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { openVersions } from '../org/queries.js';

/** Whether the person has an account that is not disabled. */
export const hasActiveAccount = (personId: SQL): SQL => sql`EXISTS (SELECT 1 FROM users u WHERE u.person_id = ${personId} AND u.disabled = 'no')`;

/** Of `personIds`, those with an account that is not disabled. */
export async function activeAccountHolders(exec: Executor, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const { rows } = await exec.execute<{ person_id: string }>(
    sql`SELECT DISTINCT person_id FROM users WHERE disabled = 'no' AND person_id = ANY(${sql.param(personIds)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.person_id));
}

/** An account's display name. */
export async function displayNameOf(exec: Executor, userId: string): Promise<string | null> {
  return (await displayNamesOf(exec, [userId])).get(userId) ?? null;
}

/** Accounts' display names, by id, in one statement (an account not found is absent). */
export async function displayNamesOf(exec: Executor, userIds: readonly string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const { rows } = await exec.execute<{ id: string; name: string }>(sql`SELECT id, display_name AS name FROM users WHERE id = ANY(${sql.param([...userIds])}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Role grants with their account, as a FROM item: user_id, username, display_name, disabled, person_id, role, unit_id. */
export const accountGrants: SQL = sql`(SELECT u.id AS user_id, u.username, u.display_name, u.disabled, u.person_id, g.role, g.unit_id
    FROM users u JOIN role_grants g ON g.user_id = u.id)`;

/** Which of `usernames` are taken (at most one, the first found). */
export async function takenUsername(exec: Executor, usernames: readonly string[]): Promise<string | null> {
  const { rows } = await exec.execute<{ username: string }>(sql`SELECT username FROM users WHERE username = ANY(${sql.param([...usernames])}::text[]) LIMIT 1`);
  return rows[0]?.username ?? null;
}

/** Which of `usernames` the password opens (their hashes never leave this module): the demo's start-up banner. */
export async function usernamesOpenedBy(exec: Executor, usernames: readonly string[], password: string): Promise<Set<string>> {
  const { rows } = await exec.execute<{ username: string; password_hash: string }>(
    sql`SELECT username, password_hash FROM users WHERE username = ANY(${sql.param([...usernames])}::text[])`,
  );
  const opened = await Promise.all(rows.map((r) => checkPassword(r.password_hash, password)));
  return new Set(rows.filter((_, i) => opened[i]).map((r) => r.username));
}

/**
 * Recipients of a notification (platform/notifications): the ids of the active accounts of these persons, as a
 * SELECT of one column. A person without an account — an anonymous reporter above all — is never among them.
 */
export const accountsOfPersons = (personIds: SQL): SQL =>
  sql`SELECT u.id FROM users u WHERE u.disabled = 'no' AND u.person_id IN (${personIds})`;

/**
 * Recipients of a notification: the active accounts holding one of `roles` on a unit whose branch holds `path` (the
 * unit itself or one above it, by the grant unit's current path), as a SELECT of one column. The caller names the
 * roles its policy gives the duty to.
 */
export const accountsOverPath = (roles: readonly string[], path: string, excludePersons?: SQL): SQL =>
  sql`SELECT DISTINCT g.user_id FROM role_grants g
    JOIN users u ON u.id = g.user_id AND u.disabled = 'no'
    JOIN ${openVersions} v ON v.unit_id = g.unit_id
    WHERE g.role = ANY(${sql.param([...roles])}::text[]) AND starts_with(${path}, v.path)
      ${excludePersons ? sql`AND (u.person_id IS NULL OR u.person_id NOT IN (${excludePersons}))` : sql``}`;

/** Recipients of a notification: the active accounts holding one of `roles` on one of the units (a SELECT of unit ids). */
export const accountsWithRoleOn = (roles: readonly string[], unitIds: SQL): SQL =>
  sql`SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id AND u.disabled = 'no'
    WHERE g.role = ANY(${sql.param([...roles])}::text[]) AND g.unit_id IN (${unitIds})`;
/** Accounts by username (those that exist and are not disabled): id and display name, for pickers of other modules. */
export async function accountsByUsername(exec: Executor, usernames: readonly string[]): Promise<{ id: string; username: string; displayName: string }[]> {
  if (usernames.length === 0) return [];
  const { rows } = await exec.execute<{ id: string; username: string; display_name: string }>(
    sql`SELECT id, username, display_name FROM users WHERE disabled = 'no' AND username = ANY(${sql.param([...usernames])}::text[])`,
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

/** Where e-mail for these accounts goes: the active ones with an address, with their language. Read when sending only. */
export async function mailTargets(exec: Executor, userIds: readonly string[]): Promise<Map<string, { email: string; locale: 'vi' | 'en' }>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await exec.execute<{ id: string; email: string; locale: 'vi' | 'en' }>(
    sql`SELECT id, email, locale FROM users WHERE disabled = 'no' AND email IS NOT NULL AND id = ANY(${sql.param([...userIds])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, { email: r.email, locale: r.locale }]));
}

/** The language of each of these accounts (vi when unknown). */
export async function localesOf(exec: Executor, userIds: readonly string[]): Promise<Map<string, 'vi' | 'en'>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await exec.execute<{ id: string; locale: 'vi' | 'en' }>(sql`SELECT id, locale FROM users WHERE id = ANY(${sql.param([...userIds])}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.locale]));
}

/**
 * The active accounts holding one of `roles` on the branch that holds `path` (a grant on the unit itself or one above
 * it, by the grant unit's current path), except the persons of `excludePersons` (a SELECT of person ids): id, display
 * name and username, by name. Scoped in the SQL: a picker of other modules (a warning's follow-up) lists no account
 * outside the branch.
 */
export async function accountsOnBranch(
  exec: Executor,
  input: { roles: readonly string[]; path: string; excludePersons?: SQL; userId?: string },
): Promise<{ id: string; displayName: string; username: string }[]> {
  const { rows } = await exec.execute<{ id: string; display_name: string; username: string }>(sql`
    SELECT DISTINCT u.id, u.display_name, u.username FROM role_grants g
    JOIN users u ON u.id = g.user_id AND u.disabled = 'no'
    JOIN ${openVersions} v ON v.unit_id = g.unit_id
    WHERE g.role = ANY(${sql.param([...input.roles])}::text[]) AND starts_with(${input.path}, v.path)
      ${input.userId ? sql`AND u.id = ${input.userId}` : sql``}
      ${input.excludePersons ? sql`AND (u.person_id IS NULL OR u.person_id NOT IN (${input.excludePersons}))` : sql``}
    ORDER BY u.display_name, u.username`);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username }));
}
