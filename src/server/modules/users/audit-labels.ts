// Accounts in the audit trail, and as its actors: "display name (username)".
import { sql } from 'drizzle-orm';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { AuditLabeller } from '../../platform/audit/labels.js';

const VI_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
const VI_PLAIN = 'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy';

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
    const like = `%${foldDiacritics(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Display names have no folded column: fold them here the way foldDiacritics does (Vietnamese letters).
    const folded = sql`translate(lower(display_name), ${VI_LETTERS}, ${VI_PLAIN})`;
    const { rows } = await exec.execute<{ id: string }>(sql`SELECT id FROM users WHERE ${folded} LIKE ${like} OR username LIKE ${like} LIMIT ${limit}`);
    return rows.map((r) => r.id);
  },
};
