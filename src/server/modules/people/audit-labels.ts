// Persons in the audit trail: their name and their cell (latest membership) — never their citizen id.
import { sql } from 'drizzle-orm';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { AuditLabeller } from '../../platform/audit/labels.js';
import { allVersions } from '../org/queries.js';

export const personLabels: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; name: string; cell: string | null }>(sql`
      SELECT p.id, p.full_name AS name, cell.name AS cell FROM people p
      LEFT JOIN LATERAL (SELECT unit_id FROM memberships m WHERE m.person_id = p.id ORDER BY m.valid_from DESC LIMIT 1) m ON true
      LEFT JOIN LATERAL (SELECT v.name FROM ${allVersions} v WHERE v.unit_id = m.unit_id ORDER BY v.valid_from DESC LIMIT 1) cell ON true
      WHERE p.id = ANY(${sql.param(uuids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, { name: r.name, context: r.cell }]));
  },
  search: async (exec, q, limit) => {
    const { rows } = await exec.execute<{ id: string }>(sql`
      SELECT id FROM people WHERE name_folded LIKE ${`%${foldDiacritics(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};
