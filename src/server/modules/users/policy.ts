import type { Role } from '../../../domain/enums.js';
import type { Policy } from '../../platform/access.js';

export type UserAction = 'user.read' | 'user.create' | 'user.resetPassword';

/** Province admins manage accounts anywhere in their branch; commune officers those of their commune's cells. */
export const userPolicy: Policy<UserAction> = {
  'user.read': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.create': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.resetPassword': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

/**
 * Who may hand out each role, on a unit of their branch: never more than their own. The action is the role
 * granted; the target is the unit the new account is granted on.
 */
export const grantPolicy: Policy<Role> = {
  province_admin: [{ role: 'province_admin' }],
  commune_officer: [{ role: 'province_admin' }],
  inspection_officer: [{ role: 'province_admin' }],
  cell_secretary: [{ role: 'province_admin' }, { role: 'commune_officer' }],
  member: [{ role: 'province_admin' }, { role: 'commune_officer' }],
};
