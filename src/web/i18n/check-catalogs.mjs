// Checks that vi.json and en.json have the same keys and that every literal t('key') in the web
// sources exists. Run: node src/web/i18n/check-catalogs.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const flat = (obj, prefix = '') =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const vi = new Set(flat(JSON.parse(readFileSync(join(dir, 'vi.json'), 'utf8'))));
const en = new Set(flat(JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8'))));
const problems = [];
for (const k of vi) if (!en.has(k)) problems.push(`only in vi.json: ${k}`);
for (const k of en) if (!vi.has(k)) problems.push(`only in en.json: ${k}`);

const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(tsx?|ts)$/.test(f) ? [p] : [];
  });
const plural = (k) => vi.has(k) || vi.has(`${k}_other`);
for (const file of walk(join(dir, '..'))) {
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/\bt\(\s*'([^'$]+)'/g)) if (!plural(m[1])) problems.push(`missing key ${m[1]} (${file})`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`ok: ${vi.size} keys in each catalog`);
