// The audit trail: the province's admins only.
import { lazy } from 'react';
import { Navigate } from 'react-router-dom';
import type { WebModule } from '../../lib/module';
import { useSession } from '../../lib/session';

const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));

function AuditRoute() {
  const { isProvinceAdmin } = useSession();
  return isProvinceAdmin ? <AuditPage /> : <Navigate to="/units" replace />;
}

export const auditModule: WebModule = {
  name: 'audit',
  routes: [{ path: '/audit', element: <AuditRoute /> }],
  menu: [{ to: '/audit', key: 'audit', label: 'nav.audit', visible: ({ isProvinceAdmin }) => isProvinceAdmin }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
