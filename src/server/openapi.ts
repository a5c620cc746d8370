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
  return banner + oneEntryALine(astToString(nodes));
}

/**
 * The printer's text with every type that fits in `width` columns on one line: each path, operation and named shape
 * then stands on a line of its own, a table to look a name up in, instead of the printer's 20-odd lines an entry,
 * in which every operation repeats the same parameter, header and answer blocks. The types are unchanged.
 */
export function oneEntryALine(text: string, width = 1000): string {
  const lines = text.split('\n');
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const inComment = (line: string) => /^(\/\*\*|\*)/.test(line.trim()) && !/^\/\*\*.*\*\/$/.test(line.trim());
  const opens = (line: string) => line.trimEnd().endsWith('{') && !inComment(line);
  // The lines from..to (exclusive), each block of them on one line when it fits.
  const fold = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let i = from; i < to; i++) {
      const line = lines[i];
      if (!opens(line)) {
        out.push(line);
        continue;
      }
      let close = i + 1;
      while (!(indentOf(lines[close]) === indentOf(line) && lines[close].trimStart().startsWith('}'))) close++;
      const inner = fold(i + 1, close);
      const joined = [line.trimEnd(), ...inner.map((l) => l.trim()), lines[close].trim()].join(' ');
      if (joined.length <= width && !inner.some(inComment)) out.push(joined);
      else out.push(line, ...inner, lines[close]);
      i = close;
    }
    return out;
  };
  return fold(0, lines.length).join('\n');
}
