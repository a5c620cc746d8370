// The web registry: the feature modules of chibo, one line each. Their order is the order of the shell's menu.
// A new module is its folder (features/<name>/, with a module.tsx exporting its WebModule) and one line here.
import { auditModule } from './features/audit/module';
import { dashboardModule } from './features/dashboard/module';
import { documentsModule } from './features/documents/module';
import { importsModule } from './features/imports/module';
import { meetingsModule } from './features/meetings/module';
import { peopleModule } from './features/people/module';
import { portalModule } from './features/portal/module';
import { reviewModule } from './features/review/module';
import { supervisionModule } from './features/supervision/module';
import { unitsModule } from './features/units/module';
import { usersModule } from './features/users/module';
import type { WebModule } from './lib/module';

export const webModules: readonly WebModule[] = [
  unitsModule,
  peopleModule,
  dashboardModule,
  reviewModule,
  documentsModule,
  meetingsModule,
  portalModule,
  importsModule,
  supervisionModule,
  auditModule,
  usersModule,
];
