// The registry: the modules of chibo, one line each, in the order their routes are registered.
// A new module is its folder (modules/<name>/, with an index.ts exporting its ChiboModule) and one line here.
import type { ChiboModule } from '../platform/module.js';
import { healthModule } from './health/index.js';
import { usersModule } from './users/index.js';
import { orgModule } from './org/index.js';
import { peopleModule } from './people/index.js';
import { auditModule } from './audit/index.js';
import { dashboardModule } from './dashboard/index.js';
import { supervisionModule } from './supervision/index.js';
import { reviewModule } from './review/index.js';
import { documentsModule } from './documents/index.js';
import { meetingsModule } from './meetings/index.js';
import { warningsModule } from './warnings/index.js';
import { inboxModule } from './inbox/index.js';
import { homeModule } from './home/index.js';
import { trainingModule } from './training/index.js';
import { contestModule } from './contest/index.js';
import { consultationsModule } from './consultations/index.js';
import { portalModule } from './portal/index.js';
import { extendOrg } from './org/extensions.js';
import { currentMemberIds, moveMembersOfUnit } from './people/service.js';
import { personActionsAt, secretaryNames } from './people/queries.js';
import { computeBranchFigures, computeFigures, FiguresSchema } from './dashboard/figures.js';
import { AuditEventSchema, listAuditEvents } from './audit/service.js';
import { rehomeOpenCases } from './supervision/rehome.js';
import { rehomeWarningStates } from './warnings/rehome.js';

export const modules: readonly ChiboModule[] = [
  healthModule,
  usersModule,
  orgModule,
  peopleModule,
  auditModule,
  dashboardModule,
  supervisionModule,
  reviewModule,
  documentsModule,
  meetingsModule,
  warningsModule,
  inboxModule,
  homeModule,
  trainingModule,
  contestModule,
  consultationsModule,
  portalModule,
];

// What org asks of the modules built on the tree (org/extensions.ts): they import org, so org cannot import them.
extendOrg({
  memberIds: currentMemberIds,
  moveMembers: moveMembersOfUnit,
  // Open cases follow their cell; a merged cell's open warning work follows the cell it became.
  unitsMoved: async (tx, actor, input) => (await rehomeOpenCases(tx, actor, input)) + (await rehomeWarningStates(tx, actor, input)),
  secretaryNames,
  personActionsAt,
  branchFigures: computeBranchFigures,
  figures: computeFigures,
  FiguresSchema,
  listAuditEvents,
  AuditEventSchema,
});
