// Every user-facing string goes through i18n: the two catalogs match key for key, every key the code uses
// exists, and every code the server can send (error codes, field issue codes, coded values) has a translation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as enums from '../../domain/enums.js';
import { issueMessages } from '../../domain/issues.js';
import { statusOf } from '../../server/platform/errors.js';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };
const flat = (obj: Tree, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
// Module catalogs (features/<module>/i18n/{vi,en}.json) are merged deep over the shared ones, as the app does
// (i18next's addResourceBundle with deep = true): a module may add its own `fieldErrors.<code>`.
const featuresDir = join(import.meta.dirname, '..', 'features');
const deepMerge = (into: Tree, from: Tree): Tree => {
  for (const [k, v] of Object.entries(from)) into[k] = typeof v === 'object' && typeof into[k] === 'object' ? deepMerge({ ...(into[k] as Tree) }, v) : v;
  return into;
};
const withModules = (shared: Tree, lang: string): Tree =>
  readdirSync(featuresDir)
    .map((m) => join(featuresDir, m, 'i18n', `${lang}.json`))
    .filter((p) => existsSync(p))
    .reduce((all, p) => deepMerge(all, JSON.parse(readFileSync(p, 'utf8')) as Tree), { ...shared });
const viKeys = new Set(flat(withModules(vi as Tree, 'vi')));
const enKeys = new Set(flat(withModules(en as Tree, 'en')));

const sources = (d: string): string[] =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });

describe('message catalogs', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
  });

  it('hold every key the web code asks for', () => {
    const missing: string[] = [];
    for (const file of sources(join(import.meta.dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'$]+)'/g)) {
        if (!viKeys.has(m[1]) && !viKeys.has(`${m[1]}_other`)) missing.push(`${m[1]} in ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('translate every error code and field issue code the server sends', () => {
    const wanted = [...Object.keys(statusOf).map((c) => `errors.${c}`), ...Object.keys(issueMessages).map((c) => `fieldErrors.${c}`)];
    expect(wanted.filter((k) => !viKeys.has(k) || !enKeys.has(k))).toEqual([]);
  });

  it('translate every coded value', () => {
    const lists: Record<string, readonly string[]> = {
      cellKind: enums.cellKinds,
      education: enums.educationLevels,
      theoryLevel: enums.theoryLevels,
      position: enums.cellPositions,
      post: enums.concurrentPosts,
      equipment: enums.equipmentKinds,
      role: enums.roles,
      sex: enums.sexes,
      status: enums.personStatuses,
      unitKind: enums.unitKinds,
    };
    const missing = Object.entries(lists).flatMap(([name, values]) => values.map((v) => `enums.${name}.${v}`)).filter((k) => !viKeys.has(k) || !enKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('are really Vietnamese by default (diacritics in the sign-in strings)', () => {
    expect(JSON.stringify((vi as Tree).login)).toMatch(/[ăâđêôơưàảãáạ]/);
  });
});
