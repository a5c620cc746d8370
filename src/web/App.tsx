import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { api, call, ApiError } from './api/client';
import type { Session } from './api/types';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginPage } from './features/auth/LoginPage';
import { PeoplePage } from './features/people/PeoplePage';
import { Shell } from './features/shell/Shell';
import { UnitPage } from './features/units/UnitPage';
import { UnitsRootPage } from './features/units/UnitsRootPage';
import { mayManageUsers } from './features/users/api';
import { acceptSession, ME_KEY, SessionProvider, useSession } from './lib/session';

// Pages load when first opened: the first screen of a commune officer on a slow link needs only the shell,
// the tree and the people list. Charts come with the dashboard.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const AuditPage = lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const ImportPage = lazy(() => import('./features/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const PersonPage = lazy(() => import('./features/people/PersonPage').then((m) => ({ default: m.PersonPage })));
const ReviewPage = lazy(() => import('./features/review/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const UnitHistoryPage = lazy(() => import('./features/units/UnitHistoryPage').then((m) => ({ default: m.UnitHistoryPage })));
const UsersPage = lazy(() => import('./features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const CasePage = lazy(() => import('./features/supervision/CasePage').then((m) => ({ default: m.CasePage })));
const CasesPage = lazy(() => import('./features/supervision/CasesPage').then((m) => ({ default: m.CasesPage })));
const FollowPage = lazy(() => import('./features/supervision/FollowPage').then((m) => ({ default: m.FollowPage })));
const ReportPage = lazy(() => import('./features/supervision/ReportPage').then((m) => ({ default: m.ReportPage })));

const theme = createTheme({ primaryColor: 'red', defaultRadius: 'sm' });

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

function AuditRoute() {
  const { isProvinceAdmin } = useSession();
  return isProvinceAdmin ? <AuditPage /> : <Navigate to="/units" replace />;
}

function UsersRoute() {
  const { me } = useSession();
  return mayManageUsers(me) ? <UsersPage /> : <Navigate to="/units" replace />;
}

function SignedInRoutes() {
  return (
    <Shell>
      <Suspense fallback={<Loader size="sm" />}>
        <Routes>
          <Route path="/" element={<Navigate to="/units" replace />} />
          <Route path="/login" element={<RedirectAfterLogin />} />
          <Route path="/units" element={<UnitsRootPage />} />
          <Route path="/units/:id" element={<UnitPage />} />
          <Route path="/units/:id/history" element={<UnitHistoryPage />} />
          <Route path="/people" element={<PeoplePage />} />
          <Route path="/people/:id" element={<PersonPage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/dashboard/:unitId" element={<DashboardPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/review" element={<ReviewPage />} />
          <Route path="/audit" element={<AuditRoute />} />
          <Route path="/users" element={<UsersRoute />} />
          <Route path="/supervision" element={<CasesPage />} />
          <Route path="/supervision/:id" element={<CasePage />} />
          <Route path="*" element={<Navigate to="/units" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

function RedirectAfterLogin() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/units'} replace />;
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
  return (
    <SessionProvider session={me.data}>
      <SignedInRoutes />
    </SessionProvider>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
        <Notifications position="top-center" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<Loader size="sm" />}>
              <Routes>
                {/* The public supervision channel: no account, outside the sign-in gate. */}
                <Route path="/gop-y" element={<ReportPage />} />
                <Route path="/gop-y/theo-doi" element={<FollowPage />} />
                <Route path="*" element={<Gate />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
