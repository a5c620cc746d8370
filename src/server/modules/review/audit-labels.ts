// Review cycles and participants in the audit trail: the cycle's title; a participant's name (or cell) in the cycle.
import { sql } from 'drizzle-orm';
import type { AuditLabeller } from '../../platform/audit/labels.js';

const uuidsOf = (ids: readonly string[]) => ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));

const cycles: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = uuidsOf(ids);
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; title: string }>(sql`SELECT id, title FROM review_cycles WHERE id = ANY(${sql.param(uuids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, { name: r.title }]));
  },
  search: async (exec, q, limit) => {
    const { rows } = await exec.execute<{ id: string }>(sql`SELECT id FROM review_cycles WHERE title ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};

const participants: AuditLabeller = {
  label: async (exec, ids) => {
    const uuids = uuidsOf(ids);
    if (uuids.length === 0) return new Map();
    const { rows } = await exec.execute<{ id: string; name: string; cycle: string }>(sql`
      SELECT p.id, coalesce(p.full_name, p.unit_name) AS name, c.title AS cycle
      FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id WHERE p.id = ANY(${sql.param(uuids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, { name: r.name, context: r.cycle }]));
  },
};

export const reviewAuditLabels = { review_cycle: cycles, review_participant: participants };
