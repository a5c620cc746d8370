// The modules' public pages, one line a module (src/web/plain/public-module.ts). The public entry routes among them;
// the server serves public.html for their paths (src/domain/public-pages.ts, checked in public-pages.test.ts).
import { consultationsPublic } from './features/consultations/public';
import { contestPublic } from './features/contest/public';
import { supervisionPublic } from './features/supervision/public';
import { trainingPublic } from './features/training/public';
import type { PublicModule } from './plain/public-module';

export const publicModules: readonly PublicModule[] = [supervisionPublic, consultationsPublic, contestPublic, trainingPublic];
