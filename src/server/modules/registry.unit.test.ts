// The registry (modules/index.ts) is the only list of modules: a module with routes or a policy that is not in
// it, or whose descriptor leaves out one of its policies, fails here.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from './index.js';

const here = import.meta.dirname;
const folders = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('the module registry', () => {
  it('names each module once, by its folder', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(existsSync(join(here, name, 'index.ts')), `modules/${name}/index.ts`).toBe(true);
  });

  it('lists every folder that has routes or a policy', () => {
    const withRoutes = folders.filter((f) => readdirSync(join(here, f)).some((file) => /(^|\.)routes\.ts$|^policy\.ts$/.test(file)));
    expect(withRoutes.filter((f) => !modules.some((m) => m.name === f))).toEqual([]);
  });

  it('declares every policy its policy.ts exports', async () => {
    for (const m of modules) {
      const file = join(here, m.name, 'policy.ts');
      const exported = existsSync(file) ? Object.keys(await import(file)).filter((k) => k.endsWith('Policy')) : [];
      expect(Object.keys(m.policies).sort(), m.name).toEqual(exported.sort());
      for (const k of exported) expect(m.policies[k], `${m.name}.${k}`).toBe((await import(file))[k]);
    }
  });

  it('keys each dashboard figure once across modules', () => {
    const keys = modules.flatMap((m) => (m.figures ?? []).map((f) => f.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keys each early-warning signal once across modules, each key prefixed by its module, with defaults inside its bounds', () => {
    const signals = modules.flatMap((m) => (m.signals ?? []).map((s) => ({ module: m.name, s })));
    const keys = signals.map(({ s }) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { module, s } of signals) {
      expect(s.key.startsWith(`${module}.`)).toBe(true);
      expect(s.defaults.threshold).toBeGreaterThanOrEqual(s.bounds.threshold[0]);
      expect(s.defaults.threshold).toBeLessThanOrEqual(s.bounds.threshold[1]);
      expect(s.defaults.windowDays).toBeGreaterThanOrEqual(s.bounds.windowDays[0]);
      expect(s.defaults.windowDays).toBeLessThanOrEqual(s.bounds.windowDays[1]);
    }
  });

  it('declares each constraint in one module only', () => {
    const names = modules.flatMap((m) => Object.keys(m.constraints ?? {}));
    expect(new Set(names).size).toBe(names.length);
  });
});
