// Documents in the audit trail: their number and title.
import { sql } from 'drizzle-orm';
import { formatDocumentNumber } from '../../../domain/documents.js';
import type { AuditLabeller } from '../../platform/audit/labels.js';

export const documentLabels: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; title: string; number: number; type_code: string; issuer_code: string }>(
      sql`SELECT id, title, number, type_code, issuer_code FROM party_documents WHERE id = ANY(${sql.param(uuids)}::uuid[])`,
    );
    return new Map(rows.map((r) => [r.id, { name: `${formatDocumentNumber({ number: r.number, type: r.type_code, issuer: r.issuer_code })} — ${r.title}` }]));
  },
  search: async (exec, q, limit) => {
    const { rows } = await exec.execute<{ id: string }>(sql`SELECT id FROM party_documents WHERE title ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};
