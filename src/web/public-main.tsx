// The public entry (public.html): the pages anyone opens without an account — the report channel, a consultation's
// ballot, the contest's results, the certificate checks. Plain HTML with the browser's own controls and one small
// stylesheet; no component library, no signed-in shell, no module registry: its first load is a fraction of the app's
// (issue 14, bench/bundle.ts). The server serves this page for the public paths (src/domain/public-pages.ts).
import './plain/plain.css';
import { lazy, type LazyExoticComponent, type ComponentType, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { publicPageOf } from '../domain/public-pages';
import { addModuleCatalogs, currentLanguage, loadSomeCatalogs } from './i18n';
import { ParamsContext, useAddress } from './plain/router';
import { Loading, PlainLayout } from './plain/ui';
import { publicModules } from './public-pages';

// Switching the language fetches the public modules' catalogs of the other language (applyLanguage → loadLanguage);
// the first screen waits for its own module's only.
for (const m of publicModules) addModuleCatalogs(m.catalogs);
const pages = new Map<string, LazyExoticComponent<ComponentType>>();
for (const m of publicModules)
  for (const p of m.pages)
    pages.set(
      p.path,
      lazy(() => Promise.all([p.page(), loadSomeCatalogs(m.name, [m.catalogs], currentLanguage())]).then(([Page]) => ({ default: Page }))),
    );

function NotAPublicPage() {
  const { t } = useTranslation();
  return (
    <PlainLayout title={t('errors.not_found')}>
      <a href="/">{t('app.name')}</a>
    </PlainLayout>
  );
}

function PublicApp() {
  const { pathname } = useAddress();
  const found = publicPageOf(pathname);
  const Page = found ? pages.get(found.pattern) : undefined;
  if (!found || !Page) return <NotAPublicPage />;
  return (
    <ParamsContext.Provider value={found.params}>
      <Suspense fallback={<Loading />}>
        <Page key={found.pattern} />
      </Suspense>
    </ParamsContext.Provider>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <PublicApp />
    </StrictMode>,
  );
