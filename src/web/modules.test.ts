// The web registry (modules.ts) is the only list of feature modules: catalogs a module keeps but does not declare,
// two modules claiming one path or menu key, fail here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The i18n setup reads the browser's language at load; the registry is read here without a browser.
vi.mock('./i18n', () => ({ applyLanguage: () => {}, addModuleCatalogs: () => {} }));
// Loaded by a path the type checker does not follow: the server's type check, which also reads this file, does
// not compile the web's sources (bundler imports, JSX). The shape of lib/module.ts that the checks read:
type WebModule = {
  name: string;
  routes?: { path: string }[];
  menu?: { key: string }[];
  catalogs?: { vi: unknown; en: unknown };
};
const registry = './modules';
const { webModules } = (await import(registry)) as { webModules: readonly WebModule[] };

const featuresDir = join(import.meta.dirname, 'features');

describe('the web module registry', () => {
  it('names each module once, by its folder, which has a module.tsx', () => {
    const names = webModules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(existsSync(join(featuresDir, name, 'module.tsx')), `features/${name}/module.tsx`).toBe(true);
  });

  it('lists every folder that has a module.tsx', () => {
    const declared = readdirSync(featuresDir).filter((f) => existsSync(join(featuresDir, f, 'module.tsx')));
    expect(declared.filter((f) => !webModules.some((m) => m.name === f))).toEqual([]);
  });

  it('declares the catalogs each module keeps in its i18n folder', async () => {
    for (const name of readdirSync(featuresDir).filter((f) => existsSync(join(featuresDir, f, 'i18n')))) {
      const m = webModules.find((w) => w.name === name);
      for (const lang of ['vi', 'en'] as const) {
        const file = JSON.parse(readFileSync(join(featuresDir, name, 'i18n', `${lang}.json`), 'utf8'));
        // English may be a loader (fetched when chosen, issue 14): what it loads is the file.
        const declared = m?.catalogs?.[lang];
        const catalog = typeof declared === 'function' ? (await declared()).default : declared;
        expect(catalog, `${name} ${lang}`).toEqual(file);
      }
    }
  });

  it('gives each path and each menu entry to one module only', () => {
    const paths = webModules.flatMap((m) => (m.routes ?? []).map((r) => r.path));
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    const keys: string[] = webModules.flatMap((m) => (m.menu ?? []).map((e) => e.key));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
