import type { Role } from '../../../domain/enums.js';
import type { Policy } from '../../platform/access.js';

export type UserAction = 'user.read' | 'user.create' | 'user.resetPassword';

/**
 * The target is the unit an account is granted on (each of its grants, for a reset). Province admins manage
 * accounts anywhere in their branch; commune officers only strictly below their commune — the accounts of its
 * cells' secretaries and members, never a peer officer of the commune itself. Both see their branch's accounts.
 */
export const userPolicy: Policy<UserAction> = {
  'user.read': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.create': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
  'user.resetPassword': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
};

/**
 * Who may hand out each role, on a unit of their branch: never more than their own, never a peer's. The action is
 * the role granted; the target is the unit the account is granted on, with its `kind`: a cell's roles are held on
 * a cell only.
 */
export const grantPolicy: Policy<Role> = {
  province_admin: [{ role: 'province_admin' }],
  commune_officer: [{ role: 'province_admin' }],
  inspection_officer: [{ role: 'province_admin' }],
  cell_secretary: [
    { role: 'province_admin', where: { kind: 'cell' } },
    { role: 'commune_officer', reach: 'below', where: { kind: 'cell' } },
  ],
  member: [
    { role: 'province_admin', where: { kind: 'cell' } },
    { role: 'commune_officer', reach: 'below', where: { kind: 'cell' } },
  ],
};
