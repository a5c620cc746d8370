// The OpenAPI document of the API, built from the routes alone: the app is built on a database it never reaches,
// so the document (and the web's generated types) can be written and checked without PostgreSQL.
import { buildApp } from './app.js';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/index.js';

/** The document `/api/openapi.json` serves, as a plain object. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, { cache: false });
  // Port 1 refuses at once: a query started at boot (the escalation sweep) fails quietly instead of waiting.
  const database = openDatabase('postgres://chibo@127.0.0.1:1/none', 1);
  const app = await buildApp({ config, database, webRoot: '/nonexistent' });
  try {
    await app.ready();
    return JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

/** Where the web's generated API types live (committed; a unit test fails when they are stale). */
export const WEB_TYPES_FILE = 'src/web/api/schema.gen.ts';

/** The web's API types for a document, as openapi-typescript writes them: `paths`, `components`, `operations`. */
export async function webApiTypes(document: Record<string, unknown>): Promise<string> {
  // Loaded here, not at the top: the server never needs the generator, only the script and the test do.
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  const nodes = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  const banner = `${COMMENT_HEADER.trimEnd().replace(/\n \*\/$/, '')}\n * Generated from /api/openapi.json by \`npm run api:generate\`.\n */\n\n`;
  return banner + astToString(nodes);
}
