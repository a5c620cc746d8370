// Cases in the audit trail: by their number ("#12"), never by their text or their reporter.
import { sql } from 'drizzle-orm';
import type { AuditLabeller } from '../../platform/audit/labels.js';

export const caseLabels: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; number: number }>(sql`SELECT id, number FROM supervision_cases WHERE id = ANY(${sql.param(uuids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, { name: `#${r.number}` }]));
  },
};
