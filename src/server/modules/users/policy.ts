import type { Policy } from '../../platform/access.js';

export type UserAction = 'user.read' | 'user.create' | 'user.resetPassword';

/** Province admins manage accounts anywhere in their branch; commune officers those of their commune's cells. */
export const userPolicy: Policy<UserAction> = {
  'user.read': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.create': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.resetPassword': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

/** Which roles a grantor may hand out: never more than their own. */
export const grantableRoles = {
  province_admin: ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'],
  commune_officer: ['cell_secretary', 'member'],
} as const;
