// Accounts, the roles they hold on branches of the tree, and server-side sessions.
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema.js';
import { people } from '../people/schema.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    personId: uuid('person_id').references(() => people.id),
    locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
    /** Where e-mail notifications go (optional; one account per address, compared without case). */
    email: text('email'),
    disabled: text('disabled', { enum: ['no', 'yes'] }).notNull().default('no'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username), uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member', 'editor'] }).notNull(),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
  },
  (t) => [index('role_grants_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a leaked table does not give working sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** A session of a user who must enrol in two-factor sign-in and has not: it reaches the enrolment routes only. */
    limited: boolean('limited').notNull().default(false),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * TOTP two-factor sign-in of an account (RFC 6238, 30 s, 6 digits). The secret is encrypted at rest
 * (AES-256-GCM, twofactor.ts); `pending_secret` is one asked for but not yet confirmed with a first code.
 * `last_step` is the time step of the last code accepted: a code is taken once. Wrong codes are counted and lock
 * the second step like wrong passwords lock the first.
 */
export const twoFactor = pgTable('user_two_factor', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  secret: text('secret'),
  pendingSecret: text('pending_secret'),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  lastStep: bigint('last_step', { mode: 'number' }),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** One-time recovery codes (argon2id hashes, like passwords); a used one keeps its row with `used_at`. */
export const recoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('user_recovery_codes_user_idx').on(t.userId)],
);
