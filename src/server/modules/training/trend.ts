// The secretaries' training over time for one unit: each of the last six years (at its end, the current year today),
// the secretaries in office, the share with elementary political theory or higher (the registry's figure, as the
// dashboard computes it for that day), and the untrained secretaries (this module's figure). What the training
// page draws as a trend.
import { todayIso } from '../../../domain/dates.js';
import type { Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { computeFigures } from '../dashboard/figures.js';
import { findUnit } from '../org/tree.js';
import { FIGURE_YEARS, trainingFigures } from './figures.js';
import { mayTrainee, traineeUnitsFor } from './policy.js';

const untrainedFigure = trainingFigures.find((f) => f.key === 'training.untrainedSecretaries')!;

export async function theoryTrend(db: Db, actor: Actor, query: { unitId?: string }) {
  const today = todayIso();
  const unitId = query.unitId ?? traineeUnitsFor(actor, 'trainee.read')[0]?.id;
  if (!unitId) throw notFound('Unit');
  const now = await findUnit(db, unitId, today);
  if (!now || (now.validTo && now.validTo <= today) || !mayTrainee(actor, 'trainee.read', now.path)) throw notFound('Unit');
  const year = Number(today.slice(0, 4));
  const points = [];
  for (let y = year - FIGURE_YEARS + 1; y <= year; y++) {
    const date = y === year ? today : `${y}-12-31`;
    const unit = await findUnit(db, unitId, date);
    // A unit made later (the 2025 communes) has no figures for the years before it.
    if (!unit || (unit.validTo && unit.validTo <= date) || unit.validFrom > date) continue;
    const [f, untrained] = await Promise.all([computeFigures(db, { path: unit.path, date }), untrainedFigure.compute(db, { unitId, path: unit.path, date })]);
    points.push({ year: y, date, secretaries: f.secretaries, theoryPct: f.secretariesTheoryPct, untrained });
  }
  return { unitId, unitName: now.name, items: points };
}
