// `npm run api:generate`: writes the web's API types from the routes' schemas (no database needed).
// `--document <file>` also writes the OpenAPI document itself, for the lint (scripts/lint-openapi.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument, WEB_TYPES_FILE, webApiTypes } from '../src/server/openapi.js';

const document = await openApiDocument();
const at = process.argv.indexOf('--document');
if (at > 0) {
  const file = process.argv[at + 1];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
} else {
  fs.writeFileSync(WEB_TYPES_FILE, await webApiTypes(document));
  console.log(`${WEB_TYPES_FILE} written (${Object.keys(document.paths as object).length} paths)`);
}
