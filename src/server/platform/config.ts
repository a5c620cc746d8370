// Configuration is read once, here, at boot; nowhere else reads process.env.
import path from 'node:path';
import { z } from 'zod';
import { Role } from '../../domain/enums.js';

const Env = z.object({
  DATABASE_URL: z.string().url().optional(),
  // Streaming standbys for stale-tolerant reads: one URL or several, comma-separated.
  DATABASE_REPLICA_URL: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: 'Expected postgres://user:password@host:port/database' }))),
  CHIBO_DATA_DIR: z.string().default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHIBO_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  CHIBO_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  CHIBO_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  CHIBO_LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  CHIBO_MAX_UPLOAD_MB: z.coerce.number().positive().default(30),
  CHIBO_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  CHIBO_DEMO_SEED: z.coerce.number().int().default(2025),
  // Connections to the primary per chibo process.
  CHIBO_DB_POOL: z.coerce.number().int().min(2).max(200).default(10),
  // In-process caches of sessions and read answers, kept right by the change feed (platform/cache).
  CHIBO_CACHE: z.enum(['on', 'off']).default('on'),
  // Two-factor sign-in (TOTP): the roles that must enrol (comma-separated; empty: none), and the key that encrypts
  // the secrets at rest (32 bytes, base64; when absent, generated once into <data dir>/totp.key).
  CHIBO_2FA_REQUIRED_ROLES: z
    .string()
    .default('province_admin,inspection_officer')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(Role)),
  CHIBO_2FA_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, 'Expected 32 bytes in base64'),
  // Backups (docs/decisions/0013-backups.md): where they go (default <data dir>/backups), when `chibo start` takes
  // the daily one (HH:MM server time, or "off"), how many of each kind are kept; and WAL archiving on the embedded
  // server, which point-in-time recovery needs.
  CHIBO_BACKUP_DIR: z.string().optional(),
  CHIBO_BACKUP_AT: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, 'Expected HH:MM (24-hour) or off').default('02:30'),
  CHIBO_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  CHIBO_WAL_ARCHIVE: z.enum(['on', 'off']).default('on'),
  // Reports sent without an account, per address and hour (the public channel's flood limit; default the rule's 5).
  CHIBO_PUBLIC_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).optional(),
  // Sign-in requests per address and minute (default 20). Raised only where every request comes from one address
  // (the browser suite); failed sign-ins per account are limited apart (CHIBO_LOGIN_MAX_FAILURES).
  CHIBO_SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  // The public address readers reach chibo at (e.g. https://tin.tinh.gov.vn): the portal's canonical, Open Graph,
  // sitemap and feed links use it. Unset: the address of each request (its Host header), fine on one name only.
  CHIBO_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || publicOrigin(v) !== null, 'Expected an http(s) address with no path, query or fragment, e.g. https://tin.example.vn'),
  // E-mail (docs/decisions/0014-notifications-and-home.md): the SMTP server (smtp:// or smtps://user:pass@host:port;
  // unset: nothing is sent), the sender, the daily digest's time (HH:MM server time, or "off"), and the links in e-mails start
  // at CHIBO_PUBLIC_URL (above; default http://HOST:PORT).
  CHIBO_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'Expected smtp://user:password@host:port or smtps://…' }).optional(),
  CHIBO_MAIL_FROM: z.string().min(3).max(200).default('chibo <no-reply@localhost>'),
  CHIBO_DIGEST_AT: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, 'Expected HH:MM (24-hour) or off').default('07:00'),
});

/** The origin of a public address (scheme, host, port), or null when it is not one (a path, a query, credentials). */
function publicOrigin(v: string): string | null {
  try {
    const u = new URL(v);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export type Config = {
  databaseUrl: string | undefined;
  databaseReplicaUrls: string[];
  dataDir: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  session: { idleMinutes: number; maxHours: number; secureCookies: boolean };
  login: { maxFailures: number; lockMinutes: number };
  maxUploadBytes: number;
  demoSeed: number;
  cache: boolean;
  dbPool: number;
  /** Two-factor sign-in: who must enrol; the key for secrets at rest (null: the one in <dataDir>/totp.key). */
  twoFactor: { requiredRoles: Role[]; key: Buffer | null };
  /** Backups: their folder, the daily time (null: none), how many of each kind are kept, WAL archiving (embedded). */
  backup: { dir: string; at: string | null; keep: number; walArchive: boolean };
  /** Public reports per address and hour; null: the supervision rule's own number. */
  publicReportsPerHour: number | null;
  /** Sign-in requests per address and minute. */
  signInsPerMinute: number;
  /** The public origin for absolute links in the portal (no trailing slash); null: each request's own. */
  publicUrl: string | null;
  /** E-mail: SMTP server (null: nothing is sent), sender, the digest's daily time (null: none), the links' base. */
  mail: { smtpUrl: string | null; from: string; digestAt: string | null; baseUrl: string };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrls: e.DATABASE_REPLICA_URL,
    dataDir: path.resolve(e.CHIBO_DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.CHIBO_SESSION_IDLE_MINUTES,
      maxHours: e.CHIBO_SESSION_MAX_HOURS,
      secureCookies: e.CHIBO_SECURE_COOKIES === 'true',
    },
    login: { maxFailures: e.CHIBO_LOGIN_MAX_FAILURES, lockMinutes: e.CHIBO_LOGIN_LOCK_MINUTES },
    maxUploadBytes: Math.round(e.CHIBO_MAX_UPLOAD_MB * 1024 * 1024),
    demoSeed: e.CHIBO_DEMO_SEED,
    cache: e.CHIBO_CACHE === 'on',
    dbPool: e.CHIBO_DB_POOL,
    twoFactor: { requiredRoles: e.CHIBO_2FA_REQUIRED_ROLES, key: e.CHIBO_2FA_KEY ? Buffer.from(e.CHIBO_2FA_KEY, 'base64') : null },
    backup: {
      dir: path.resolve(e.CHIBO_BACKUP_DIR ?? path.join(e.CHIBO_DATA_DIR, 'backups')),
      at: e.CHIBO_BACKUP_AT === 'off' ? null : e.CHIBO_BACKUP_AT,
      keep: e.CHIBO_BACKUP_KEEP,
      walArchive: e.CHIBO_WAL_ARCHIVE === 'on',
    },
    publicReportsPerHour: e.CHIBO_PUBLIC_REPORTS_PER_HOUR ?? null,
    signInsPerMinute: e.CHIBO_SIGN_INS_PER_MINUTE,
    publicUrl: e.CHIBO_PUBLIC_URL ? publicOrigin(e.CHIBO_PUBLIC_URL) : null,
    mail: {
      smtpUrl: e.CHIBO_SMTP_URL ?? null,
      from: e.CHIBO_MAIL_FROM,
      digestAt: e.CHIBO_DIGEST_AT === 'off' ? null : e.CHIBO_DIGEST_AT,
      baseUrl: (e.CHIBO_PUBLIC_URL ? publicOrigin(e.CHIBO_PUBLIC_URL)! : `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    },
    ...overrides,
  };
}
