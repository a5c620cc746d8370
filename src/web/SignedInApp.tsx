// The signed-in part of the app: the shell with its menu and the modules' pages. Loaded only after the session
// answers (App.tsx's Gate, lazily), so the sign-in page and the public pages (report, follow, verify,
// consultation, results) never fetch the shell's code (issue 14: first load ≤ 200 KB, the public pages lighter).
import { Loader } from '@mantine/core';
import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Session } from './api/types';
import { Shell } from './features/shell/Shell';
import { SessionProvider } from './lib/session';
import { webModules } from './modules';

const signedInRoutes = webModules.flatMap((m) => m.routes ?? []);

function RedirectAfterLogin() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

export function SignedInApp({ session }: { session: Session }) {
  return (
    <SessionProvider session={session}>
      <Shell>
        <Suspense fallback={<Loader size="sm" />}>
          <Routes>
            <Route path="/login" element={<RedirectAfterLogin />} />
            {signedInRoutes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </Shell>
    </SessionProvider>
  );
}
