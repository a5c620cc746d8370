// What an integration test file uses: its own database cloned from the migrated template, the app built on
// it, and a client that signs in and carries the session cookie and CSRF token like the browser does.
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/index.js';
import type { ChiboModule } from '../platform/module.js';
import { TEMPLATE, withDatabase } from './global-setup.js';

/** Every statement the app sends, for tests that count queries per request (no N+1). */
export const queryLog: string[] = [];

export async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  const before = queryLog.length;
  await fn();
  return queryLog.length - before;
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  config: Config;
  url: string;
}

/**
 * Clones the template into a fresh database and builds the app on it; both are dropped after the file.
 * `modules` replaces the registry (a test adds a module of its own to the registered ones).
 */
export async function setupTestApp(overrides: Partial<Config> = {}, opts: { modules?: readonly ChiboModule[] } = {}): Promise<TestContext> {
  const adminUrl = inject('pgAdminUrl');
  const name = `chibo_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = openDatabase(url, 5, { onQuery: (q) => queryLog.push(q) });
  // Two-factor sign-in is not required of any role unless a test asks (twofactor.test.ts does): the other suites
  // sign in with a password alone. Its key is the file's own, never one in a data directory.
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' } as NodeJS.ProcessEnv, {
    ...overrides,
    twoFactor: { requiredRoles: [], key: randomBytes(32), ...overrides.twoFactor },
  });
  const app = await buildApp({ config, database, modules: opts.modules });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  });
  return { app, database, config, url };
}

export interface Client {
  username: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  request: (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

/** Signs in over HTTP and returns a client bound to that session. */
export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!;
  const csrf = res.json().csrfToken as string;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      cookies: { chibo_session: cookie.value },
      headers: { 'x-csrf-token': csrf, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    username,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
  };
}

export const TEST_PASSWORD = 'correct-horse-battery';
