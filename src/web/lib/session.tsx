import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, call, setCsrfToken } from '../api/client';
import type { Locale, Me, Session } from '../api/types';
import { applyLanguage } from '../i18n';

export const ME_KEY = ['me'] as const;

export interface SessionApi {
  me: Me;
  isProvinceAdmin: boolean;
  /** The unit of the user's first role: default scope for imports and dashboards. */
  homeUnitId: string | null;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Remembers a fresh session answer: CSRF token and the user's language. */
export function acceptSession(session: Session): Session {
  setCsrfToken(session.csrfToken);
  applyLanguage(session.user.locale === 'en' ? 'en' : 'vi');
  return session;
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = session.user;

  const end = async (path: '/api/auth/logout' | '/api/auth/logout-all') => {
    try {
      await call(api.POST(path));
    } finally {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    }
  };

  const value: SessionApi = {
    me,
    isProvinceAdmin: me.roles.some((r) => r.role === 'province_admin'),
    homeUnitId: me.roles[0]?.unitId ?? null,
    signOut: () => end('/api/auth/logout'),
    signOutEverywhere: () => end('/api/auth/logout-all'),
    setLocale: async (locale) => {
      applyLanguage(locale);
      const next = await call(api.PATCH('/api/auth/me', { body: { locale } }));
      queryClient.setQueryData(ME_KEY, acceptSession(next));
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session when signed in, null on the sign-in page. */
export function useOptionalSession(): SessionApi | null {
  return useContext(SessionContext);
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
