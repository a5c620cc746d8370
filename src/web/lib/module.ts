// What a feature module is to the web app: one descriptor in `features/<name>/module.tsx`, listed by one line in
// `modules.ts` (docs/adding-a-module.md). App.tsx builds its routes from the list, the Shell its menu, and the
// i18n setup merges the modules' catalogs.
import type { ComponentType, ReactNode } from 'react';
import type { SessionApi } from './session';

type Catalog = Record<string, unknown>;
export type CatalogLoader = () => Promise<{ default: Catalog }>;

export interface WebRoute {
  /** A react-router path, e.g. `/people/:id`. */
  path: string;
  /** What the path shows; a page loaded on first use is wrapped in `lazy()` (App has the Suspense around it). */
  element: ReactNode;
}

export interface MenuEntry {
  to: string;
  /** Stable: the entry's test hook is `nav-<key>`. */
  key: string;
  /** i18n key of the entry's label. */
  label: string;
  /** Who sees the entry (default everyone signed in). The server decides what they may do; this only hides. */
  visible?: (session: SessionApi) => boolean;
}

export interface WebModule {
  name: string;
  /** Pages inside the signed-in shell. */
  routes?: readonly WebRoute[];
  /** Small pieces the shell's header shows on every page (the inbox's unread count, the search box), in registry order. */
  header?: readonly ComponentType[];
  /** Entries of the shell's menu, in the registry's order. */
  menu?: readonly MenuEntry[];
  /**
   * The module's own message catalogs (`features/<name>/i18n/{vi,en}.json`, one top-level key: the module's name).
   * Best given as loaders (`vi: () => import('./i18n/vi.json')`, the same for `en`): a language's module catalogs
   * are fetched with the first signed-in or public page in that language, never by the sign-in page (issue 14:
   * first load ≤ 200 KB). A plain object is merged at the same moment, after the shared catalog.
   */
  catalogs?: { vi: Catalog | CatalogLoader; en: Catalog | CatalogLoader };
}
