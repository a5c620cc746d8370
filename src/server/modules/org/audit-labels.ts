// Units in the audit trail: their latest name, with their parent's (a cell is told apart by its commune).
import { sql } from 'drizzle-orm';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { AuditLabeller } from '../../platform/audit/labels.js';

const units: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; name: string; parent: string | null }>(sql`
      SELECT v.unit_id AS id, v.name, p.name AS parent
      FROM (SELECT DISTINCT ON (unit_id) unit_id, name, parent_id FROM org_unit_versions
            WHERE unit_id = ANY(${sql.param(uuids)}::uuid[]) ORDER BY unit_id, valid_from DESC) v
      LEFT JOIN LATERAL (SELECT name FROM org_unit_versions pv WHERE pv.unit_id = v.parent_id ORDER BY valid_from DESC LIMIT 1) p ON true`);
    return new Map(rows.map((r) => [r.id, { name: r.name, context: r.parent }]));
  },
  search: async (exec, q, limit) => {
    const { rows } = await exec.execute<{ id: string }>(sql`
      SELECT DISTINCT unit_id AS id FROM org_unit_versions WHERE name_folded LIKE ${`%${foldDiacritics(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};

export const orgAuditLabels = { unit: units, org_unit: units };
