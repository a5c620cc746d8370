import { Center, Loader, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { api, call, ApiError } from './api/client';
import type { Session } from './api/types';
import { ErrorAlert } from './components/ErrorAlert';
import { publicPagePaths } from '../domain/public-pages';
import { addModuleCatalogs, currentLanguage, loadLanguage } from './i18n';
import { acceptSession, ME_KEY } from './lib/session';
import { webModules } from './modules';
import { cssVariablesResolver, makeTheme } from './theme';

// The pages, menu entries and catalogs come from the modules (modules.ts). A module's pages load when first
// opened (lazy in its module.tsx): the first screen of a commune officer on a slow link needs only the shell, the
// tree and the people list; charts come with the dashboard.
for (const m of webModules) if (m.catalogs) addModuleCatalogs(m.catalogs);
// This page's style nonce, written into index.html by the server (its Content-Security-Policy allows <style>
// elements only with it): Mantine puts it on every <style> it injects. Under the Vite dev server there is none.
const nonceMeta = typeof document === 'undefined' ? null : document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
const styleNonce = () => (nonceMeta && nonceMeta !== '__CSP_NONCE__' ? nonceMeta : '');

// The sign-in page, the two-factor enrolment and the signed-in shell load on use.
// The toasts' container loads after the first screen; a toast shown before it is there waits in its store.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const EnrolmentGate = lazy(() => import('./features/auth/EnrolmentGate').then((m) => ({ default: m.EnrolmentGate })));
// The signed-in shell waits for the modules' catalogs of the language shown (fetched on use).
const SignedInApp = lazy(() =>
  Promise.all([import('./SignedInApp'), loadLanguage(currentLanguage())]).then(([m]) => ({ default: m.SignedInApp })),
);
// The public pages (the report channel, a consultation, the contest's results, the certificate checks) are another
// entry, public.html (public-main.tsx): the server serves it for their paths. A link to one from inside the app loads
// it from the server. Only when this document was itself served for that path (the Vite dev server serves index.html
// everywhere) does it say so instead of loading again in a loop.
const firstPath = typeof window === 'undefined' ? '' : window.location.pathname;
function PublicPageLoad() {
  const location = useLocation();
  const { t } = useTranslation();
  const here = location.pathname === firstPath;
  useEffect(() => {
    if (!here) window.location.assign(`${location.pathname}${location.search}`);
  }, [here, location.pathname, location.search]);
  return here ? <Center p="xl">{t('errors.not_found')}</Center> : <Loader size="sm" />;
}

/** A 401 from any request means the session ended: back to the sign-in page. */
function onUnauthenticated(err: unknown) {
  if (err instanceof ApiError && err.status === 401) queryClient.setQueryData(ME_KEY, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (query.queryKey[0] !== ME_KEY[0]) onUnauthenticated(err);
    },
  }),
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

async function loadSession(): Promise<Session | null> {
  try {
    return acceptSession(await call(api.GET('/api/auth/me')));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function Gate() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery({ queryKey: ME_KEY, queryFn: loadSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (me.error)
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={me.error} />
      </Center>
    );
  if (!me.data) {
    if (location.pathname === '/login') return <LoginPage />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustEnrolTwoFactor) return <EnrolmentGate />;
  return <SignedInApp session={me.data} />;
}

export function App() {
  const { i18n, t } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.closeDialog')), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" getStyleNonce={styleNonce}>
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
        <Suspense fallback={null}>
          <Notifications position="top-center" />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<Loader size="sm" />}>
              <Routes>
                {/* The public pages: another entry (public.html), loaded from the server. */}
                {publicPagePaths.map((path) => (
                  <Route key={path} path={path} element={<PublicPageLoad />} />
                ))}
                <Route path="*" element={<Gate />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
