import type { Role } from '../../../domain/enums.js';
import type { Policy } from '../../platform/access.js';

export type UserAction = 'user.read' | 'user.create' | 'user.resetPassword' | 'user.resetTwoFactor';

/**
 * The target is the unit an account is granted on (each of its grants, for a reset). Province admins manage
 * accounts anywhere in their branch; commune officers only strictly below their commune — the accounts of its
 * cells' secretaries and members, never a peer officer of the commune itself. Both see their branch's accounts.
 */
export const userPolicy: Policy<UserAction> = {
  'user.read': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'user.create': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
  'user.resetPassword': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
  // Turning off someone's two-factor sign-in (a lost phone): the same downward rule as a password reset — an
  // officer for the secretaries and members of their commune's cells, the province board for officers.
  'user.resetTwoFactor': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'below' }],
};

/**
 * Whether an account holding `grants` must use two-factor sign-in: it holds one of `requiredRoles`
 * (config.twoFactor.requiredRoles; by default province administrators and inspection officers).
 */
export const mustUseTwoFactor = (grants: readonly { role: Role }[], requiredRoles: readonly Role[]) =>
  grants.some((g) => requiredRoles.includes(g.role));

/**
 * Who may hand out each role, on a unit of their branch: never more than their own, never a peer's. The action is
 * the role granted; the target is the unit the account is granted on, with its `kind`: a cell's roles are held on
 * a cell only.
 */
export const grantPolicy: Policy<Role> = {
  province_admin: [{ role: 'province_admin' }],
  commune_officer: [{ role: 'province_admin' }],
  inspection_officer: [{ role: 'province_admin' }],
  // The portal's editors (the province's or a commune's communication staff) are appointed by the province board.
  editor: [{ role: 'province_admin' }],
  cell_secretary: [
    { role: 'province_admin', where: { kind: 'cell' } },
    { role: 'commune_officer', reach: 'below', where: { kind: 'cell' } },
  ],
  member: [
    { role: 'province_admin', where: { kind: 'cell' } },
    { role: 'commune_officer', reach: 'below', where: { kind: 'cell' } },
  ],
};
