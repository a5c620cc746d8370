// What a module offers the public entry (src/web/public-main.tsx): its public pages, each loaded on use, and its
// catalogs (a public page waits for its own module's catalogs only). Declared in `features/<module>/public.ts` and
// listed once in src/web/public-pages.ts, as module.tsx is in modules.ts.
import type { ComponentType } from 'react';
import type { PublicPagePath } from '../../domain/public-pages';
import type { CatalogLoader } from '../lib/module';

export interface PublicModule {
  name: string;
  catalogs: { vi: CatalogLoader; en: CatalogLoader };
  pages: readonly { path: PublicPagePath; page: () => Promise<ComponentType> }[];
}
