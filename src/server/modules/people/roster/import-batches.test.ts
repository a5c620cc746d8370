// A roster import reads, checks and writes its file in batches: rules across batch boundaries, a problem found
// after earlier batches were written, and the audit chain, end to end with batches of two rows.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../../domain/dates.js';
import { systemActor } from '../../../platform/access.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { makeWorld, type World } from '../../../test/factories.js';
import { setupTestApp, type TestContext } from '../../../test/harness.js';
import { rosterColumns, sexLabels } from './columns.js';
import { importRosterFile } from './import.js';

const HEADERS = rosterColumns.map((c) => c.header);
const base = { 'Ngày sinh': '01/01/1985', 'Giới tính': 'Nam', 'Dân tộc': 'Tày', 'Ngày vào Đảng': '01/01/2010' };

describe('roster import in batches', () => {
  let ctx: TestContext;
  let world: World;
  const actor = systemActor('test');
  const count = async (table: string) => Number((await ctx.database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0].n);
  const counts = () => Promise.all(['people', 'memberships', 'position_terms', 'audit_events', 'concurrent_posts'].map(count));

  async function importRows(rows: Record<string, unknown>[], unitCode = '90001') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HEADERS);
    for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? null));
    // A backslash and a tab in the name: the audit trail goes in with COPY, whose text format escapes them.
    const filePath = path.join(ctx.config.dataDir, `batches-${randomBytes(4).toString('hex')} a\\b\t.xlsx`);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, Buffer.from(await wb.xlsx.writeBuffer()));
    try {
      return await importRosterFile(ctx.database.db, actor, { unitCode, filePath, batchSize: 2 });
    } finally {
      fs.rmSync(filePath, { force: true });
    }
  }

  beforeAll(async () => {
    ctx = await setupTestApp();
    world = await makeWorld(ctx);
  });

  it('reports a duplicate of an earlier batch and writes nothing, though earlier batches were clean', async () => {
    const before = await counts();
    const err = await importRows([
      { ...base, 'Họ và tên': 'Người Một', 'Số thẻ đảng': 'TQ810001', 'Mã chi bộ': '90001-001' },
      { ...base, 'Họ và tên': 'Người Hai', 'Số thẻ đảng': 'TQ810002', 'Mã chi bộ': '90001-001' },
      { ...base, 'Họ và tên': 'Người Ba', 'Số thẻ đảng': 'TQ810003', 'Mã chi bộ': '90001-002' },
      { ...base, 'Họ và tên': 'Người Bốn', 'Số thẻ đảng': 'TQ810004', 'Mã chi bộ': '90001-002', 'Kiêm nhiệm': 'Khác' },
      { ...base, 'Họ và tên': 'Người Năm', 'Số thẻ đảng': 'TQ810001', 'Mã chi bộ': '90001-002' },
      { ...base, 'Họ và tên': 'Người Sáu', 'Số thẻ đảng': 'TQ810006', 'Mã chi bộ': '90009-009' },
    ]).catch((e) => e);
    expect(err.code).toBe('import_invalid');
    expect(err.fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual([
      'row 6 / Số thẻ đảng duplicate_in_file',
      'row 7 / Mã chi bộ unknown_cell',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('lets a new secretary in when a later batch moves the sitting one out, and keeps the audit chain whole', async () => {
    const before = await counts();
    const bình = world.people.secretaryA1;
    const result = await importRows([
      { ...base, 'Họ và tên': 'Người Một', 'Số thẻ đảng': 'TQ820001', 'Mã chi bộ': '90001-002' },
      { ...base, 'Họ và tên': 'Người Hai', 'Số thẻ đảng': 'TQ820002', 'Mã chi bộ': '90001-001', 'Chức vụ trong chi bộ': 'Bí thư' },
      { ...base, 'Họ và tên': 'Người Ba', 'Số thẻ đảng': 'TQ820003', 'Mã chi bộ': '90001-002', 'Kiêm nhiệm': 'Khác' },
      {
        'Họ và tên': bình.fullName, 'Ngày sinh': bình.birthDate, 'Giới tính': sexLabels[bình.sex], 'Dân tộc': bình.ethnicity,
        'Số thẻ đảng': bình.partyCardNo, 'Ngày vào Đảng': bình.joinedOn, 'Mã chi bộ': '90001-002',
      },
      { ...base, 'Họ và tên': 'Người Năm', 'Số thẻ đảng': 'TQ820005', 'Mã chi bộ': '90001-001' },
    ]);
    expect(result).toEqual({ created: 4, updated: 1 });
    const [people, memberships, positions, events, posts] = await counts();
    // 4 new people and a transfer (one membership more, the old one closed); one event per person and a summary.
    expect([people, memberships, positions, events, posts]).toEqual([before[0] + 4, before[1] + 5, before[2] + 1, before[3] + 6, before[4] + 1]);
    const secretaries = await ctx.database.db.execute<{ party_card_no: string; valid_to: string | null }>(sql`
      SELECT p.party_card_no, t.valid_to FROM position_terms t JOIN people p ON p.id = t.person_id
      WHERE t.unit_id = ${world.cellA1.id} AND t.position = 'secretary' ORDER BY t.valid_from`);
    expect(secretaries.rows).toEqual([
      { party_card_no: bình.partyCardNo, valid_to: todayIso() },
      { party_card_no: 'TQ820002', valid_to: null },
    ]);
    const audit = await verifyAuditChain(ctx.database.db);
    expect(audit.problems).toEqual([]);
    const summary = await ctx.database.db.execute<{ after: { created: number; updated: number; total: number; fileName: string } }>(sql`
      SELECT after FROM audit_events WHERE action = 'roster.import' ORDER BY seq DESC LIMIT 1`);
    expect(summary.rows[0].after).toMatchObject({ created: 4, updated: 1, total: 5 });
    const created = await ctx.database.db.execute<{ after: { fileName: string; row: number } }>(sql`
      SELECT after FROM audit_events WHERE action = 'person.create' AND after->>'partyCardNo' = 'TQ820002'`);
    expect(created.rows[0].after).toMatchObject({ fileName: summary.rows[0].after.fileName, row: 3 });
    expect(created.rows[0].after.fileName).toMatch(/ a\\b\t\.xlsx$/);
  });

  it('writes nothing but the summary when the same rows come again', async () => {
    const before = await counts();
    const result = await importRows([
      { ...base, 'Họ và tên': 'Người Một', 'Số thẻ đảng': 'TQ820001', 'Mã chi bộ': '90001-002' },
      { ...base, 'Họ và tên': 'Người Hai', 'Số thẻ đảng': 'TQ820002', 'Mã chi bộ': '90001-001', 'Chức vụ trong chi bộ': 'Bí thư' },
      { ...base, 'Họ và tên': 'Người Ba', 'Số thẻ đảng': 'TQ820003', 'Mã chi bộ': '90001-002', 'Kiêm nhiệm': 'Khác' },
    ]);
    expect(result).toEqual({ created: 0, updated: 0 });
    expect(await counts()).toEqual([before[0], before[1], before[2], before[3] + 1, before[4]]);
  });
});
