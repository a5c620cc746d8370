// Criteria template sets: data per province and year. A year without a set starts from the default one
// (domain/review.ts) the first time it is needed; the province admin edits or copies it for another year.
import { and, eq } from 'drizzle-orm';
import { defaultTemplateSet, type TemplateSetBody } from '../../../domain/review.js';
import { reviewIssue } from '../../../domain/review-issues.js';
import { allowed, authorize, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { todayIso } from '../../../domain/dates.js';
import { findUnit } from '../org/tree.js';
import { reviewPolicy } from './policy.js';
import { templateSetProblems } from './rules.js';
import { reviewTemplateSets } from './schema.js';

type SetRow = typeof reviewTemplateSets.$inferSelect;

export const presentTemplateSet = (s: Pick<SetRow, 'year' | 'cap' | 'templates'> & { unitId: string }, saved: boolean) => ({
  unitId: s.unitId,
  year: s.year,
  saved,
  cap: s.cap,
  templates: s.templates,
});

/** The province (root of the path) a unit belongs to. */
export const provinceOf = (path: string) => path.split('/').filter(Boolean)[0];

async function loadProvince(exec: Executor, actor: Actor, unitId: string) {
  const unit = await findUnit(exec, unitId, todayIso());
  if (!unit || !allowed(reviewPolicy, actor, 'review.template.read', { path: unit.path })) throw notFound('Unit');
  const provinceId = provinceOf(unit.path);
  const province = await findUnit(exec, provinceId, todayIso());
  if (!province) throw notFound('Unit');
  return province;
}

/** The saved set of the province for the year, or the default one (not saved) when there is none yet. */
export async function getTemplateSet(db: Db, actor: Actor, input: { unitId: string; year: number }) {
  const province = await loadProvince(db, actor, input.unitId);
  const [row] = await db.select().from(reviewTemplateSets).where(and(eq(reviewTemplateSets.unitId, province.id), eq(reviewTemplateSets.year, input.year)));
  return row ? presentTemplateSet(row, true) : presentTemplateSet({ ...defaultTemplateSet, unitId: province.id, year: input.year }, false);
}

/** The set a cycle uses: the saved one, or the default saved now (audited) so the cycle points at real data. */
export async function ensureTemplateSet(tx: Executor, actor: Actor, provinceId: string, provincePath: string, year: number): Promise<SetRow> {
  const [row] = await tx.select().from(reviewTemplateSets).where(and(eq(reviewTemplateSets.unitId, provinceId), eq(reviewTemplateSets.year, year)));
  if (row) return row;
  const [created] = await tx.insert(reviewTemplateSets).values({ unitId: provinceId, year, cap: defaultTemplateSet.cap, templates: defaultTemplateSet.templates }).returning();
  await recordAudit(tx, actor, { action: 'review.template.seed', entityType: 'review_template_set', entityId: created.id, unitPath: provincePath, after: { year } });
  return created;
}

/** Saves the whole set for a year (creating or replacing it); cycles already open keep their own copy. */
export async function saveTemplateSet(db: Db, actor: Actor, input: { unitId: string; year: number; body: TemplateSetBody }) {
  return db.transaction(async (tx) => {
    const province = await loadProvince(tx, actor, input.unitId);
    authorize(reviewPolicy, actor, 'review.template.edit', { path: province.path }, 'Unit');
    const problems = templateSetProblems(input.body);
    if (problems.length) throw invalid(problems.map((p) => reviewIssue(p.code, p.path)));
    const [before] = await tx.select().from(reviewTemplateSets).where(and(eq(reviewTemplateSets.unitId, province.id), eq(reviewTemplateSets.year, input.year)));
    const values = { cap: input.body.cap, templates: input.body.templates, updatedAt: new Date() };
    const [row] = before
      ? await tx.update(reviewTemplateSets).set(values).where(eq(reviewTemplateSets.id, before.id)).returning()
      : await tx.insert(reviewTemplateSets).values({ unitId: province.id, year: input.year, ...values }).returning();
    await recordAudit(tx, actor, {
      action: 'review.template.save',
      entityType: 'review_template_set',
      entityId: row.id,
      unitPath: province.path,
      before: before ? { cap: before.cap, templates: before.templates } : null,
      after: { year: input.year, cap: row.cap, templates: row.templates },
    });
    return presentTemplateSet(row, true);
  });
}
