// The portal's page of decided consultations (/tin/<lang>/tham-van), its feed, and where it is linked from: a decided
// consultation is published with its unit (named with its parent), question, participation, consensus level,
// decision and follow-up; an open one, one whose decision is dated ahead, and another province's (for a chosen
// commune) are not. Bad input is a portal page (400/404), never a 5xx.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { openConsultation } from '../consultations/service.js';
import { createUnit } from '../org/service.js';

let ctx: TestContext;
let world: World;
let officerA: Client;
const ids: Record<'decided' | 'open' | 'ahead' | 'other', string> = { decided: '', open: '', ahead: '', other: '' };
let communeC: { id: string };

const page = (url: string) => ctx.app.inject({ method: 'GET', url, remoteAddress: '10.9.1.1' });
const sys = systemActor('test');

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  officerA = await signIn(ctx.app, 'officer.a');
  const db = ctx.database.db;
  const today = todayIso();
  const from = '2020-01-01';
  // Another province, with a commune and a village of its own.
  const province2 = await createUnit(db, sys, { parentId: null, kind: 'province', name: 'Tỉnh ủy Thứ hai', code: '09', validFrom: from });
  communeC = await createUnit(db, sys, { parentId: province2.id, kind: 'commune', name: 'Đảng ủy xã Tân Trào', code: '90101', validFrom: from });
  const cellC1 = await createUnit(db, sys, { parentId: communeC.id, kind: 'cell', name: 'Chi bộ thôn Tân Lập', code: '90101-01', validFrom: from });
  const open = (unitId: string, title: string) =>
    openConsultation(db, sys, { unitId, title, question: `${title}?\nMỗi hộ góp một phần.`, options: ['Đồng ý', 'Không đồng ý'], membersEligible: true, households: 10, opensOn: today, closesOn: today });
  ids.decided = (await open(world.cellA1.id, 'Làm đường bê tông liên thôn')).id;
  ids.open = (await open(world.cellA2.id, 'Sửa nhà văn hóa thôn')).id;
  ids.ahead = (await open(world.cellA1.id, 'Lắp đèn chiếu sáng ngõ xóm')).id;
  ids.other = (await open(cellC1.id, 'Nạo vét kênh mương Tân Lập')).id;
  // Closed yesterday: the decided one, the one decided ahead, the other province's.
  await db.execute(sql`UPDATE consultations SET opens_on = ${today}::date - 10, closes_on = ${today}::date - 1 WHERE id IN (${ids.decided}, ${ids.ahead}, ${ids.other})`);
  // Some answers in the room for the decided one: 9 for, 1 against (consensus by the default 75 %).
  const opts = (await db.execute<{ id: string }>(sql`SELECT id FROM consultation_options WHERE consultation_id = ${ids.decided} ORDER BY position`)).rows;
  await db.execute(sql`INSERT INTO consultation_tallies (consultation_id, method, held_on, present, version) VALUES (${ids.decided}, 'hands', ${today}::date - 2, 10, 1)`);
  await db.execute(sql`INSERT INTO consultation_tally_counts (consultation_id, option_id, count) VALUES (${ids.decided}, ${opts[0]!.id}, 9), (${ids.decided}, ${opts[1]!.id}, 1)`);
  // The decision through the API (as the secretary records it), with its follow-up.
  const r = await officerA.post(`/api/consultations/${ids.decided}/decision`, { decision: 'Nhất trí làm 1,2 km đường bê tông.\nKhởi công tháng 3.', followUp: 'Ban phát triển thôn lập dự toán <ngay>.', decidedOn: today });
  expect(r.statusCode, r.body).toBe(200);
  // The still-open one with a decision written on it, the one decided for a day to come, and the other province's.
  await db.execute(sql`UPDATE consultations SET decision = 'Quyết định khi còn mở', decided_on = ${today} WHERE id = ${ids.open}`);
  await db.execute(sql`UPDATE consultations SET decision = 'Quyết định soạn trước', decided_on = ${today}::date + 3 WHERE id = ${ids.ahead}`);
  await db.execute(sql`UPDATE consultations SET decision = 'Nạo vét trước mùa mưa', decided_on = ${today} WHERE id = ${ids.other}`);
});

describe('portal: the decided consultations', () => {
  it('lists a decided consultation with its unit, question, participation, consensus, decision and follow-up', async () => {
    const res = await page('/tin/vi/tham-van');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<a href="/tham-van/${ids.decided}">Làm đường bê tông liên thôn</a>`);
    expect(html).toMatch(/Chi bộ thôn [^<]+, Đảng ủy xã Minh Quang<\/small>/);
    expect(html).toContain('Làm đường bê tông liên thôn?<br>Mỗi hộ góp một phần.');
    const eligible = (await ctx.database.db.execute<{ n: number }>(sql`SELECT (eligible_members + households)::int AS n FROM consultations WHERE id = ${ids.decided}`)).rows[0]!.n;
    expect(html).toContain(`Tham gia: 10/${eligible} (`);
    expect(html).toContain('Mức đồng thuận: <span class="level level-consensus">Đồng thuận</span>');
    expect(html).toContain('Nhất trí làm 1,2 km đường bê tông.<br>Khởi công tháng 3.');
    expect(html).toContain('Ban phát triển thôn lập dự toán &lt;ngay&gt;.');
    // All provinces without a choice; never the open one nor the decision dated ahead.
    expect(html).toContain('Nạo vét kênh mương Tân Lập');
    expect(html).not.toContain('Sửa nhà văn hóa thôn');
    expect(html).not.toContain('Quyết định khi còn mở');
    expect(html).not.toContain('Lắp đèn chiếu sáng ngõ xóm');
    expect(html).not.toContain('Quyết định soạn trước');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it("for the reader's chosen commune: its own decisions, not another province's", async () => {
    const a = (await page(`/tin/vi/tham-van?xa=${world.communeA.id}`)).body;
    expect(a).toContain('Kết quả lấy ý kiến và quyết định ở Đảng ủy xã Minh Quang');
    expect(a).toContain('Làm đường bê tông liên thôn');
    expect(a).not.toContain('Nạo vét kênh mương Tân Lập');
    expect(a).toContain(`<option value="${world.communeA.id}" selected>Đảng ủy xã Minh Quang</option>`);
    // Two provinces: the communes grouped by province.
    expect(a).toContain('<optgroup label="Tỉnh ủy Thứ hai">');
    const c = (await page(`/tin/vi/tham-van?xa=${communeC.id}`)).body;
    expect(c).toContain('Nạo vét kênh mương Tân Lập');
    expect(c).not.toContain('Làm đường bê tông liên thôn');
    // Ward B has none.
    expect((await page(`/tin/vi/tham-van?xa=${world.communeB.id}`)).body).toContain('Chưa có cuộc lấy ý kiến nào đã có quyết định.');
  });

  it('in English: the words are English, what people wrote stays Vietnamese and is marked so', async () => {
    const html = (await page('/tin/en/tham-van')).body;
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('Consensus level: <span class="level level-consensus">Consensus</span>');
    expect(html).toContain('<p lang="vi" dir="ltr">Nhất trí làm 1,2 km đường bê tông.<br>Khởi công tháng 3.</p>');
    expect(html).toContain(`<a href="/tham-van/${ids.decided}" lang="vi" dir="ltr">Làm đường bê tông liên thôn</a>`);
    expect(html).toMatch(/<link rel="alternate" hreflang="fa" href="[^"]+\/tin\/fa\/tham-van">/);
    expect((await page('/tin/fa/tham-van')).body).toContain('<html lang="fa" dir="rtl">');
  });

  it("links the contest's latest published results from the home page, and no unpublished year", async () => {
    expect((await page('/tin/vi/')).body).not.toContain('id="hoi-thi"');
    await ctx.database.pool.query(
      `INSERT INTO contests (year, title, organizer_unit_id, awards, published_at) VALUES (2024, 'Hội thi 2024', $1, '[]', now()), (2025, 'Hội thi 2025', $1, '[]', now()), (2026, 'Hội thi 2026', $1, '[]', NULL)`,
      [world.province.id],
    );
    expect((await page('/tin/vi/')).body).toContain('<a href="/results/contest/2025">Kết quả Hội thi năm 2025 →</a>');
    expect((await page('/tin/en/')).body).toContain('<a href="/results/contest/2025">Results of the 2025 contest →</a>');
  });

  it('is linked from the home page and the navigation, in the sitemap, and has its feed', async () => {
    const home = (await page('/tin/vi/')).body;
    expect(home).toContain('<nav class="site"');
    expect(home).toContain('<a href="/tin/vi/tham-van">Tất cả kết quả lấy ý kiến →</a>');
    expect(home).toContain(`<a href="/tham-van/${ids.decided}">Làm đường bê tông liên thôn</a>`);
    expect(home).not.toContain('Lắp đèn chiếu sáng ngõ xóm');
    const map = (await page('/sitemap.xml')).body;
    for (const l of ['vi', 'en', 'fa']) expect(map).toMatch(new RegExp(`<loc>[^<]+/tin/${l}/tham-van</loc>`));
    const feed = await page('/tin/en/tham-van/rss.xml');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/rss+xml');
    expect(feed.body).toContain(`/tham-van/${ids.decided}</link>`);
    expect(feed.body).toContain('Consensus level: Consensus. Decision: Nhất trí làm 1,2 km');
    expect(feed.body).not.toContain(ids.open);
    expect(feed.body).not.toContain(ids.ahead);
  });

  it('answers bad input with the portal pages, never a 5xx', async () => {
    const cases: [string, number][] = [
      ['/tin/xx/tham-van', 404],
      ['/tin/%00/tham-van', 400], // a NUL in the address: refused before the page, still as a page
      ['/tin/xx/tham-van/rss.xml', 404],
      ['/tin/vi/tham-van?xa=%00', 400],
      ['/tin/vi/tham-van?xa=abc', 400],
      [`/tin/vi/tham-van?xa=${world.cellA1.id}`, 400], // a village, not a commune
      ['/tin/en/tham-van?xa=00000000-0000-4000-8000-000000000000', 400],
      ['/tin/vi/tham-van?xa=%ED%A0%80', 400],
      ['/tin/vi/tham-van?xa=1&xa=2', 400],
      ['/tin/vi/tham-van?trang=1e9', 200],
      ['/tin/vi/tham-van?trang=99999999999999999999', 200],
      ['/tin/vi/tham-van?trang=%00', 400],
    ];
    for (const [url, status] of cases) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    const en = await page('/tin/en/tham-van?xa=abc');
    expect(en.body).toContain('<html lang="en"');
    // Past the last page: the page says there is nothing, with a link back.
    const far = (await page('/tin/vi/tham-van?trang=500')).body;
    expect(far).toContain('Chưa có cuộc lấy ý kiến nào đã có quyết định.');
    expect(far).toContain('rel="prev"');
  });
});
