// What a crash or another program's habits leave to the next import: jobs that were running when the server
// died, and party card numbers that LibreOffice stored as numbers (their leading zeros lost).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/access.js';
import { addPerson, makeWorld, type World } from '../../../test/factories.js';
import { setupTestApp, type TestContext } from '../../../test/harness.js';
import { failInterruptedImports, importRosterFile, INTERRUPTED } from './import.js';

let ctx: TestContext;
let world: World;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-recovery-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute<T>(text)).rows;

describe('jobs a crash left running', () => {
  it('are failed at start with a reason; finished jobs are left as they are', async () => {
    const [{ id: userId }] = await q<{ id: string }>(sql`SELECT id FROM users WHERE username = 'officer.a'`);
    const insert = (status: string) =>
      q<{ id: string }>(sql`INSERT INTO import_jobs (unit_id, user_id, file_name, status) VALUES (${world.communeA.id}, ${userId}, 'a.xlsx', ${status}) RETURNING id`);
    const [[validating], [applying], [done]] = await Promise.all([insert('validating'), insert('applying'), insert('done')]);
    expect(await failInterruptedImports(ctx.database.db)).toBe(2);
    const rows = await q<{ id: string; status: string; errors: { code: string; message: string }[]; finished_at: Date | null }>(
      sql`SELECT id, status, errors, finished_at FROM import_jobs WHERE id IN (${validating.id}, ${applying.id}, ${done.id})`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of [validating.id, applying.id]) {
      expect(byId.get(id)).toMatchObject({ status: 'failed', errors: [{ code: 'interrupted', message: INTERRUPTED }] });
      expect(byId.get(id)!.finished_at).not.toBeNull();
    }
    expect(byId.get(done.id)!.status).toBe('done');
  });
});

describe('a party card number stored as a number', () => {
  it('is matched to the person whose card keeps its leading zero: a re-import updates, never duplicates', async () => {
    const person = await addPerson(ctx.database.db, world.cellA1.id, { fullName: 'Đàm Văn Khởi', birthDate: '1970-03-04', partyCardNo: '080000037', cccd: null });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Số thẻ đảng', 'Ngày vào Đảng', 'Mã chi bộ']);
    // What LibreOffice writes for a digit-only text column: a number.
    ws.addRow(['Đàm Văn Khởi', new Date(Date.UTC(1970, 2, 4)), 'Nam', 'Tày', 80000037, new Date(Date.UTC(1990, 2, 1)), '90001-001']);
    const file = path.join(dir, 'libreoffice.xlsx');
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const before = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0].n;
    expect(await importRosterFile(ctx.database.db, systemActor('test'), { unitCode: '90001', filePath: file })).toMatchObject({ created: 0 });
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0].n).toBe(before);
    const [row] = await q<{ party_card_no: string }>(sql`SELECT party_card_no FROM people WHERE id = ${person.id}`);
    expect(row.party_card_no).toBe('080000037');
  });
});
