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
];
