// The provinces' lists kept ready: after a write in the province, a pass over the watched branches computes the
// signals the write changed, so the next read runs none and says what a fresh computation says; a branch not read for
// half an hour is no longer watched; a list read without watching (a direct call), or a commune's, is not warmed.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { type Actor } from '../../platform/access.js';
import type { SignalProvider } from '../../platform/signals.js';
import { modules } from '../index.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { reportAbout } from '../../test/reports.js';
import { forgetKept } from './kept.js';
import { listWarnings } from './list.js';
import { forgetWatched, WATCH_MS, warmWatched } from './warm.js';

let ctx: TestContext;
let world: World;
const today = todayIso();
let askedKeys = new Set<string>();
const providers: SignalProvider[] = modules
  .flatMap((m) => m.signals ?? [])
  .map((p) => ({
    ...p,
    evaluate: (exec, at) => (askedKeys.add(p.key), p.evaluate(exec, at)),
    evaluateDays: p.evaluateDays ? (exec, at) => (askedKeys.add(p.key), p.evaluateDays!(exec, at)) : undefined,
  }));

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

const reader = (u: { id: string; path: string }, role: 'inspection_officer' | 'commune_officer'): Actor => ({ userId: null, name: 'test', personId: null, ownCellId: null, grants: [{ role, unitId: u.id, unitPath: u.path, unitName: 'x', unitKind: 'x' }] });
// The province's inspection: a reader whose list is worth keeping ready.
const officer = () => reader(world.province, 'inspection_officer');
const said = (l: Awaited<ReturnType<typeof listWarnings>>) => l.items.map((w) => `${w.key}: ${w.signals.map((s) => `${s.key}=${s.count}`).join(' ')}`).sort();

async function read(watch: boolean) {
  askedKeys = new Set();
  const list = await listWarnings(ctx.database.db, officer(), providers, { date: today }, { watch });
  return { keys: [...askedKeys].sort(), list };
}

async function warm(now = Date.now()) {
  askedKeys = new Set();
  const n = await warmWatched(ctx.database.db, providers, now);
  return { n, keys: [...askedKeys].sort() };
}

describe('the officers’ lists kept ready', () => {
  it('computes after a write what the next read would, and nothing when nothing was written', async () => {
    forgetWatched();
    forgetKept();
    await read(true);
    expect(await warm()).toEqual({ n: 1, keys: [] });

    for (let i = 0; i < 3; i++) await reportAbout(ctx, world.cellA2.id);
    // Only what the write changed is computed: supervision's three (none if the app's own pass, every 2 s, came first).
    const warmed = await warm();
    expect(warmed.n).toBe(1);
    expect(['supervision.overdue', 'supervision.reports_in_window', 'supervision.same_matter']).toEqual(expect.arrayContaining(warmed.keys));
    const after = await read(true);
    expect(after.keys).toEqual([]);
    forgetKept();
    expect(said(after.list)).toEqual(said((await read(false)).list));
    expect(said(after.list).some((w) => w.startsWith(`cell:${world.cellA2.id}: `) && w.includes('supervision.reports_in_window=3'))).toBe(true);
  });

  it('forgets a branch not read for half an hour, and never watches a list read without watching, nor a commune', async () => {
    forgetWatched();
    await read(false);
    expect((await warm()).n).toBe(0);
    // A commune's list computes what a write changed in milliseconds: not kept ready.
    await listWarnings(ctx.database.db, reader(world.communeA, 'commune_officer'), providers, { date: today }, { watch: true });
    expect((await warm()).n).toBe(0);
    await read(true);
    expect((await warm(Date.now() + WATCH_MS + 1_000)).n).toBe(0);
    expect((await warm()).n).toBe(0);
  });
});
