// The signals' settings per province: threshold, window, on or off, and the commune-level share. A signal without a
// row takes its default (the provider's). Validation reports every problem at once, with codes the web translates;
// nothing is saved unless all is valid.
import { eq, sql } from 'drizzle-orm';
import { COMMUNE_SHARE_DEFAULT, COMMUNE_SHARE_KEY, warningIssue, type WarningSettingsInput } from '../../../domain/warnings.js';
import { allowed, authorize, grantsFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { usesWindow, type SignalConfig, type SignalProvider } from '../../platform/signals.js';
import { warningSettingsPolicy } from './policy.js';
import { warningSettings } from './schema.js';

/** The province a path lies in: the first unit of the path ('/<province>/<commune>/<cell>/'). */
export const provinceOf = (path: string) => path.split('/')[1] ?? '';
export const provincePath = (path: string) => `/${provinceOf(path)}/`;

export interface ProvinceSettings {
  signals: Map<string, SignalConfig>;
  communeShare: number;
}

export async function loadSettings(exec: Executor, provinceId: string, providers: readonly SignalProvider[]): Promise<ProvinceSettings> {
  const rows = provinceId ? await exec.select().from(warningSettings).where(eq(warningSettings.provinceId, provinceId)) : [];
  const stored = new Map(rows.map((r) => [r.signalKey, r]));
  const signals = new Map<string, SignalConfig>();
  for (const p of providers) {
    const r = stored.get(p.key);
    signals.set(p.key, r ? { threshold: r.threshold, windowDays: r.windowDays, enabled: r.enabled } : { ...p.defaults });
  }
  return { signals, communeShare: stored.get(COMMUNE_SHARE_KEY)?.threshold ?? COMMUNE_SHARE_DEFAULT };
}

/** The province whose settings the actor reads: that of their first grant allowing it. */
function provinceFor(actor: Actor, action: 'warning.settings.read' | 'warning.settings.edit'): string {
  const grant = grantsFor(warningSettingsPolicy, actor, action)[0];
  if (!grant) throw notFound('Page');
  return provinceOf(grant.unitPath);
}

export async function readSettings(db: Db, actor: Actor, providers: readonly SignalProvider[]) {
  const provinceId = provinceFor(actor, 'warning.settings.read');
  const s = await loadSettings(db, provinceId, providers);
  return {
    signals: providers.map((p) => ({ key: p.key, label: p.label, ...s.signals.get(p.key)!, defaults: p.defaults, unit: p.unit, windowUsed: usesWindow(p), bounds: { threshold: [...p.bounds.threshold], windowDays: [...p.bounds.windowDays] } })),
    communeShare: s.communeShare,
    editable: allowed(warningSettingsPolicy, actor, 'warning.settings.edit', { path: `/${provinceId}/` }),
  };
}

export function validateSettings(input: WarningSettingsInput, providers: readonly SignalProvider[]) {
  const byKey = new Map(providers.map((p) => [p.key, p]));
  const issues: { path: string; code: string; message: string }[] = [];
  const seen = new Set<string>();
  input.signals.forEach((s, i) => {
    const p = byKey.get(s.key);
    if (!p) return void issues.push(warningIssue('unknown_signal', `signals.${i}.key`));
    if (seen.has(s.key)) issues.push(warningIssue('duplicate_signal', `signals.${i}.key`));
    seen.add(s.key);
    const [tMin, tMax] = p.bounds.threshold;
    const [wMin, wMax] = p.bounds.windowDays;
    if (s.threshold < tMin || s.threshold > tMax) issues.push({ ...warningIssue('threshold_range', `signals.${i}.threshold`), message: `A whole number from ${tMin} to ${tMax}` });
    if (s.windowDays < wMin || s.windowDays > wMax) issues.push({ ...warningIssue('window_range', `signals.${i}.windowDays`), message: `A whole number of days from ${wMin} to ${wMax}` });
  });
  if (input.communeShare < 1 || input.communeShare > 100) issues.push(warningIssue('share_range', 'communeShare'));
  return issues;
}

export async function updateSettings(db: Db, actor: Actor, input: WarningSettingsInput, providers: readonly SignalProvider[]) {
  const provinceId = provinceFor(actor, 'warning.settings.read');
  authorize(warningSettingsPolicy, actor, 'warning.settings.edit', { path: `/${provinceId}/` }, 'Page');
  const issues = validateSettings(input, providers);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    // One writer at a time per province: the before/after of the audit event is what really changed.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`warning_settings:${provinceId}`}))`);
    const before = await loadSettings(tx, provinceId, providers);
    const rows = [
      ...input.signals.map((s) => ({ provinceId, signalKey: s.key, threshold: s.threshold, windowDays: s.windowDays, enabled: s.enabled })),
      { provinceId, signalKey: COMMUNE_SHARE_KEY, threshold: input.communeShare, windowDays: 7, enabled: true },
    ];
    for (const r of rows)
      await tx.insert(warningSettings).values(r).onConflictDoUpdate({
        target: [warningSettings.provinceId, warningSettings.signalKey],
        set: { threshold: r.threshold, windowDays: r.windowDays, enabled: r.enabled },
      });
    const after = await loadSettings(tx, provinceId, providers);
    const flat = (s: ProvinceSettings) => ({ ...Object.fromEntries(s.signals), [COMMUNE_SHARE_KEY]: s.communeShare });
    await recordAudit(tx, actor, { action: 'warning.settings.update', entityType: 'warning_settings', entityId: provinceId, unitPath: `/${provinceId}/`, before: flat(before), after: flat(after) });
  });
  return readSettings(db, actor, providers);
}
