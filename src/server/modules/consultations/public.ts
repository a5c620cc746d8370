// The consultation as the public page shows it: the question and its options while it is open, and the result
// (participation, shares, consensus level) with the decision once it has closed. Nothing about who answered.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { consultationDocuments, consultationOptions } from './schema.js';
import { loadConsultation, presentConsultation, resultFor, stateOn, unitNames } from './service.js';

export async function publicConsultation(db: Db, id: string) {
  const c = await loadConsultation(db, null, id);
  const [options, docs, names] = await Promise.all([
    db.select({ id: consultationOptions.id, label: consultationOptions.label }).from(consultationOptions).where(eq(consultationOptions.consultationId, id)).orderBy(asc(consultationOptions.position)),
    db.select({ id: consultationDocuments.id, fileName: consultationDocuments.fileName }).from(consultationDocuments).where(eq(consultationDocuments.consultationId, id)),
    unitNames(db, c.unitId),
  ]);
  // The result is shown once answers are no longer taken, so that a running count does not sway the answers.
  const result = stateOn(c) === 'closed' ? await resultFor(db, c) : null;
  const { unitId: _u, eligibleMembers: _e, households: _h, codesIssued: _c, membersEligible: _m, ...rest } = presentConsultation(c, names);
  return { ...rest, options, result, documents: docs };
}
