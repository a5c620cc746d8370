// The web registry: the feature modules of chibo, one line each. Their order is the order of the shell's menu.
// A new module is its folder (features/<name>/, with a module.tsx exporting its WebModule) and one line here.
import { auditModule } from './features/audit/module';
import { homeModule } from './features/home/module';
import { inboxModule } from './features/inbox/module';
import { contestModule } from './features/contest/module';
import { dashboardModule } from './features/dashboard/module';
import { documentsModule } from './features/documents/module';
import { importsModule } from './features/imports/module';
import { meetingsModule } from './features/meetings/module';
import { consultationsModule } from './features/consultations/module';
import { peopleModule } from './features/people/module';
import { portalModule } from './features/portal/module';
import { reviewModule } from './features/review/module';
import { supervisionModule } from './features/supervision/module';
import { trainingModule } from './features/training/module';
import { unitsModule } from './features/units/module';
import { usersModule } from './features/users/module';
import { warningsModule } from './features/warnings/module';
import type { WebModule } from './lib/module';

export const webModules: readonly WebModule[] = [
  homeModule,
  inboxModule,
  unitsModule,
  peopleModule,
  dashboardModule,
  reviewModule,
  documentsModule,
  meetingsModule,
  trainingModule,
  contestModule,
  consultationsModule,
  portalModule,
  importsModule,
  supervisionModule,
  warningsModule,
  auditModule,
  usersModule,
];
