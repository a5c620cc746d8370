// Accounts: for those who may grant a role.
import { lazy } from 'react';
import { Navigate } from 'react-router-dom';
import type { WebModule } from '../../lib/module';
import { useSession } from '../../lib/session';
import { mayManageUsers } from './api';

const AccountPage = lazy(() => import('../auth/AccountPage').then((m) => ({ default: m.AccountPage })));
const UsersPage = lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage })));

function UsersRoute() {
  const { me } = useSession();
  return mayManageUsers(me) ? <UsersPage /> : <Navigate to="/units" replace />;
}

export const usersModule: WebModule = {
  name: 'users',
  routes: [
    { path: '/users', element: <UsersRoute /> },
    { path: '/account', element: <AccountPage /> },
  ],
  menu: [
    { to: '/users', key: 'users', label: 'users.nav', visible: ({ me }) => mayManageUsers(me) },
    { to: '/account', key: 'account', label: 'account.nav' },
  ],
};
