// Accounts of the user's branch (docs/api.md: /api/users) and what the current user may grant.
import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../domain/enums';
import { api, call, type Schemas } from '../../api/client';
import type { Me } from '../../api/types';

export type UserSummary = Schemas['UserSummary'];

export function useUsers(unitId: string | null) {
  return useQuery({
    queryKey: ['users', unitId ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/users', { params: { query: { unitId: unitId ?? undefined } }, signal })),
  });
}

/** Mirrors the server's rules (src/server/modules/users/policy.ts, service.ts); the server still decides. */
const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  province_admin: ['province_admin', 'commune_officer', 'inspection_officer', 'editor', 'cell_secretary', 'member'],
  commune_officer: ['cell_secretary', 'member'],
};

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
export const MIN_PASSWORD_LENGTH = 10;

/** Roles that belong to a cell: such an account should be linked to the person who uses it. */
export const CELL_ROLES: readonly Role[] = ['cell_secretary', 'member'];

export const mayManageUsers = (me: Me) => me.roles.some((r) => GRANTABLE[r.role] !== undefined);

export function grantableRoles(me: Me): Role[] {
  const all = new Set<Role>(me.roles.flatMap((r) => GRANTABLE[r.role] ?? []));
  return (GRANTABLE.province_admin ?? []).filter((r) => all.has(r));
}

export const normalizeUsername = (u: string) => u.trim().toLowerCase();
