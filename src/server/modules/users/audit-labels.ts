// Accounts in the audit trail, and as its actors: "display name (username)".
import { sql } from 'drizzle-orm';
import type { AuditLabeller } from '../../platform/audit/labels.js';

export const userLabels: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; display_name: string; username: string }>(
      sql`SELECT id, display_name, username FROM users WHERE id = ANY(${sql.param(uuids)}::uuid[])`,
    );
    return new Map(rows.map((r) => [r.id, { name: `${r.display_name} (${r.username})` }]));
  },
  search: async (exec, q, limit) => {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await exec.execute<{ id: string }>(sql`SELECT id FROM users WHERE lower(display_name) LIKE ${like} OR username LIKE ${like} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};
