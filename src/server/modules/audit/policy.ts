import type { Policy } from '../../platform/access.js';

export type AuditAction = 'audit.read';

/** The trail shows before/after of every record: the province board reads it for its branch. */
export const auditPolicy: Policy<AuditAction> = {
  'audit.read': [{ role: 'province_admin' }],
};
