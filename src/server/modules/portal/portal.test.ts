// The portal end to end on the test world: an editor of commune A writes an article in a series with an English
// and a Persian translation and publishes it; readers get server-rendered pages in one language each, right to left
// in Persian, with hreflang, canonical and Open Graph; drafts and scheduled articles stay invisible everywhere;
// comments wait for moderation and their address is erased; bad input gets a clear answer and saves nothing.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from '../../test/harness.js';
import { createUser } from '../users/service.js';
import { eraseExpiredAddresses } from './comments.js';
import { seedPortalDemo } from './demo.js';

let ctx: TestContext;
let world: World;
let editorA: Client;
let editorB: Client;
let officerA: Client;
let admin: Client;
let articleId: string;
let seriesId: string;
let topicId: string;
let version: number;
const SLUG = 'chi-bo-thon-na-kha-sinh-hoat-chuyen-de';

const count = async (q: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(q))).rows[0]!.n;
const page = (url: string, remoteAddress = '10.9.0.1') => ctx.app.inject({ method: 'GET', url, remoteAddress });
const comment = (url: string, form: Record<string, string>, remoteAddress = '10.9.0.1') =>
  ctx.app.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const sys = systemActor('test');
  await createUser(ctx.database.db, sys, { username: 'editor.a', displayName: 'Biên tập xã A', password: TEST_PASSWORD, role: 'editor', unitId: world.communeA.id });
  await createUser(ctx.database.db, sys, { username: 'editor.b', displayName: 'Biên tập xã B', password: TEST_PASSWORD, role: 'editor', unitId: world.communeB.id });
  [editorA, editorB, officerA, admin] = await Promise.all(['editor.a', 'editor.b', 'officer.a', 'admin'].map((u) => signIn(ctx.app, u)));
});

describe('portal: an editor writes and publishes', () => {
  it('adds a series and a topic, writes the article in the series, translates it', async () => {
    const s = await editorA.post('/api/portal/terms', { kind: 'series', unitId: world.communeA.id, names: { vi: 'Chi bộ vững mạnh', en: 'Strong cells', fa: 'هسته‌های نیرومند' } });
    expect(s.statusCode).toBe(201);
    seriesId = s.json().id;
    const t = await editorA.post('/api/portal/terms', { kind: 'topic', unitId: world.communeA.id, names: { vi: 'Chất lượng sinh hoạt' } });
    topicId = t.json().id;
    const a = await editorA.post('/api/portal/articles', {
      unitId: world.communeA.id,
      slug: SLUG,
      seriesId,
      seriesOrder: 1,
      topicIds: [topicId],
      title: 'Chi bộ thôn Nà Khà sinh hoạt chuyên đề',
      summary: 'Chi bộ bàn về làm đường liên thôn',
      body: '## Sinh hoạt chuyên đề\n\nChi bộ đã **thống nhất** phương án. <script>alert(1)</script>',
    });
    expect(a.statusCode).toBe(201);
    articleId = a.json().id;
    let r = await editorA.request('PUT', `/api/portal/articles/${articleId}/translations/en`, { title: 'Nà Khà cell holds a thematic meeting', summary: 'On the inter-village road', body: 'The cell **agreed** on the plan.', version: 1 });
    expect(r.statusCode).toBe(200);
    r = await editorA.request('PUT', `/api/portal/articles/${articleId}/translations/fa`, { title: 'نشست موضوعی هستهٔ حزبی روستای نا خا', summary: 'دربارهٔ جادهٔ میان‌روستایی', body: 'هسته دربارهٔ طرح **به توافق رسید**.', version: r.json().version });
    version = r.json().version;
    const detail = (await editorA.get(`/api/portal/articles/${articleId}`)).json();
    expect(detail.translations.map((x: { lang: string; dir: string }) => `${x.lang}:${x.dir}`)).toEqual(['en:ltr', 'fa:rtl', 'vi:ltr']);
    expect(detail.revisions).toHaveLength(3);
    expect(detail.article.state).toBe('draft');
    expect(detail.actions).toEqual(['article.write', 'article.publish']);
  });

  it('answers 404, not 500, for a list segment named like an Object member (found by the fuzz)', async () => {
    for (const segment of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await page(`/tin/fa/${segment}/tac-gia?q[]=1&q[]=2`)).statusCode, segment).toBe(404);
    }
  });

  it('shows nothing of a draft to readers', async () => {
    expect((await page(`/tin/vi/bai/${SLUG}`)).statusCode).toBe(404);
    expect((await page('/tin/vi/')).body).not.toContain('Nà Khà');
    expect((await page('/tin/vi/tim-kiem?q=na%20kha')).body).not.toContain(SLUG);
    expect((await page('/tin/sitemap.xml')).body).not.toContain(SLUG);
    expect((await page('/tin/vi/rss.xml')).body).not.toContain(SLUG);
  });

  it('a scheduled article stays hidden until its time', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const r = await editorA.post(`/api/portal/articles/${articleId}/publication`, { publish: true, publishAt: later, version });
    expect(r.json().state).toBe('scheduled');
    version = r.json().version;
    expect((await page(`/tin/vi/bai/${SLUG}`)).statusCode).toBe(404);
    expect((await page('/tin/vi/loat-bai/chi-bo-vung-manh')).body).not.toContain(SLUG);
    const now = await editorA.post(`/api/portal/articles/${articleId}/publication`, { publish: true, version });
    expect(now.json().state).toBe('published');
    version = now.json().version;
  });

  it('serves the Persian page right to left, in Persian only, with its alternates', async () => {
    const res = await page(`/tin/fa/bai/${SLUG}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/);
    for (const l of ['vi', 'en', 'fa']) expect(html).toContain(`<link rel="alternate" hreflang="${l}" href="http://localhost:80/tin/${l}/bai/${SLUG}">`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="http://localhost:80/tin/vi/bai/${SLUG}">`);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:80/tin/fa/bai/${SLUG}">`);
    expect(html).toContain('<meta property="og:title" content="نشست موضوعی هستهٔ حزبی روستای نا خا">');
    expect(html).toContain('<strong>به توافق رسید</strong>');
    // Never a mix: neither the original's text nor the page chrome of another language.
    expect(html).not.toContain('Chi bộ thôn Nà Khà');
    expect(html).not.toContain('Bình luận');
    expect(html).toContain('دیدگاه‌ها');
    expect(html).toContain('هسته‌های نیرومند'); // the series in Persian
    expect(html).not.toMatch(/<script/i);
  });

  it("lists the consultations open today in the article's branch, linked to their public page", async () => {
    expect((await page(`/tin/vi/bai/${SLUG}`)).body).toContain('Hiện chưa có cuộc lấy ý kiến nào đang mở ở đây.');
    const today = todayIso();
    const opened = await officerA.post('/api/consultations', {
      unitId: world.cellA1.id, title: 'Đóng góp làm đường liên thôn', question: 'Mỗi hộ góp 300.000 đồng?', options: ['Đồng ý', 'Không đồng ý'],
      membersEligible: true, households: 10, opensOn: today, closesOn: today,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const html = (await page(`/tin/vi/bai/${SLUG}`)).body;
    expect(html).toContain(`<a href="/tham-van/${opened.json().id}" lang="vi" dir="ltr">Đóng góp làm đường liên thôn</a>`);
    // The page in another language lists it too (its title in Vietnamese, marked so).
    expect((await page(`/tin/en/bai/${SLUG}`)).body).toContain('/tham-van/');
    // Once closed with its decision, it is listed among the results and decisions (published on its public page).
    await ctx.database.db.execute(sql`UPDATE consultations SET opens_on = opens_on - 10, closes_on = ${today}::date - 1, decision = 'Nhất trí làm đường' WHERE id = ${opened.json().id}`);
    const after = (await page(`/tin/vi/bai/${SLUG}`)).body;
    expect(after).toContain('Hiện chưa có cuộc lấy ý kiến nào đang mở ở đây.');
    expect(after).toContain('Kết quả và quyết định của các cuộc lấy ý kiến vừa qua</h3>');
    expect(after).toContain(`<a href="/tham-van/${opened.json().id}" lang="vi" dir="ltr">Đóng góp làm đường liên thôn</a>`);
  });

  it("lets a reader choose their own commune: its consultations, named with their commune, without a cookie", async () => {
    const today = todayIso();
    const officerB = await signIn(ctx.app, 'officer.b');
    const inB = await officerB.post('/api/consultations', {
      unitId: world.cellB1.id, title: 'Lắp đèn đường tổ dân phố', question: 'Góp tiền lắp đèn?', options: ['Đồng ý', 'Không'],
      membersEligible: true, households: 8, opensOn: today, closesOn: today,
    });
    expect(inB.statusCode, inB.body).toBe(201);
    // The article is of commune A: by default, B's consultation is not listed; the form offers every commune of the province.
    const plain = await page(`/tin/vi/bai/${SLUG}`);
    expect(plain.body).not.toContain('Lắp đèn đường tổ dân phố');
    expect(plain.body).toContain(`<form method="get" action="/tin/vi/bai/${SLUG}#lay-y-kien"`);
    expect(plain.body).toContain(`<option value="${world.communeB.id}" lang="vi" dir="ltr">Đảng ủy phường Hà Giang 1</option>`);
    expect(plain.body).toContain(`<option value="${world.communeA.id}" lang="vi" dir="ltr">Đảng ủy xã Minh Quang</option>`);
    expect(plain.headers['set-cookie']).toBeUndefined();
    // The reader in ward B chooses it: B's consultation, its unit named with its ward; A's not.
    const views = await count(`SELECT views AS n FROM portal_articles WHERE slug = '${SLUG}'`);
    const chosen = await page(`/tin/vi/bai/${SLUG}?xa=${world.communeB.id}`);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.body).toContain(`<a href="/tham-van/${inB.json().id}" lang="vi" dir="ltr">Lắp đèn đường tổ dân phố</a><small lang="vi" dir="ltr">Chi bộ tổ dân phố 3, Đảng ủy phường Hà Giang 1 — `);
    expect(chosen.body).toContain('Đang lấy ý kiến ở Đảng ủy phường Hà Giang 1');
    expect(chosen.body).toContain(`<option value="${world.communeB.id}" selected lang="vi" dir="ltr">`);
    expect(chosen.body).not.toContain('Đóng góp làm đường liên thôn');
    // The canonical address stays the article's; the choice does not count as another view.
    expect(chosen.body).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+/tin/vi/bai/${SLUG}">`));
    expect(await count(`SELECT views AS n FROM portal_articles WHERE slug = '${SLUG}'`)).toBe(views);
    // In English the heading is English, the names stay Vietnamese (marked so).
    expect((await page(`/tin/en/bai/${SLUG}?xa=${world.communeB.id}`)).body).toContain('Open in Đảng ủy phường Hà Giang 1 and its villages');
    // The empty choice is the article's own branch.
    expect((await page(`/tin/vi/bai/${SLUG}?xa=`)).statusCode).toBe(200);
    // A commune that is not one (a cell, an unknown id, not an id at all) is a clear 400 page, in the page language.
    expect((await page(`/tin/en/bai/${SLUG}?xa=%00`)).statusCode).toBe(400);
    for (const bad of [world.cellB1.id, '00000000-0000-4000-8000-000000000000', 'abc']) {
      const r = await page(`/tin/en/bai/${SLUG}?xa=${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.body).toContain('The commune chosen is not in the list.');
    }
    expect((await page(`/tin/vi/bai/${SLUG}?xa=abc`)).body).toContain('Xã, phường đã chọn không có trong danh sách.');
  });

  it('escapes what the editor typed as HTML', async () => {
    const html = (await page(`/tin/vi/bai/${SLUG}`)).body;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('says which languages an article has when asked for another', async () => {
    const other = await editorA.post('/api/portal/articles', { unitId: world.communeA.id, slug: 'chi-co-tieng-viet', seriesId, seriesOrder: 2, title: 'Chỉ có tiếng Việt', body: 'Nội dung' });
    const id = other.json().id;
    await editorA.post(`/api/portal/articles/${id}/publication`, { publish: true, version: 1 });
    const res = await page('/tin/fa/bai/chi-co-tieng-viet');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('href="/tin/vi/bai/chi-co-tieng-viet"');
    // The Persian series page lists its Persian part and says one more is in Vietnamese only.
    const series = (await page('/tin/fa/loat-bai/chi-bo-vung-manh')).body;
    expect(series).toContain(`/tin/fa/bai/${SLUG}`);
    expect(series).not.toContain('/tin/fa/bai/chi-co-tieng-viet');
    expect(series).toContain('۱ بخش دیگر');
  });

  it('finds articles without diacritics, in the page language', async () => {
    const vi = (await page('/tin/vi/tim-kiem?q=sinh%20hoat%20chuyen%20de')).body;
    expect(vi).toContain(`/tin/vi/bai/${SLUG}`);
    expect((await page(`/tin/vi/tim-kiem?q=${encodeURIComponent('SINH HOẠT')}`)).body).toContain(`/tin/vi/bai/${SLUG}`);
    expect((await page('/tin/en/tim-kiem?q=thematic')).body).toContain(`/tin/en/bai/${SLUG}`);
    expect((await page('/tin/en/tim-kiem?q=sinh%20hoat')).body).not.toContain(SLUG);
  });

  it('lists it on the topic page, the home page, the feeds and the sitemap', async () => {
    expect((await page('/tin/vi/')).body).toContain(`/tin/vi/bai/${SLUG}`);
    expect((await page('/tin/vi/chu-de/chat-luong-sinh-hoat')).body).toContain(`/tin/vi/bai/${SLUG}`);
    const rss = await page('/tin/fa/rss.xml');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain(`<link>http://localhost:80/tin/fa/bai/${SLUG}</link>`);
    expect((await page('/tin/vi/chu-de/chat-luong-sinh-hoat/rss.xml')).body).toContain(`/tin/vi/bai/${SLUG}`);
    const map = (await page('/sitemap.xml')).body;
    expect(map).toContain(`<loc>http://localhost:80/tin/fa/bai/${SLUG}</loc>`);
    expect(map).toContain(`hreflang="x-default" href="http://localhost:80/tin/vi/bai/${SLUG}"`);
  });

  it('counts views and opinions on the server, without a cookie, and sends the opinion on pre-filled', async () => {
    const before = (await editorA.get(`/api/portal/articles/${articleId}`)).json().article;
    const res = await page(`/tin/vi/bai/${SLUG}`);
    expect(res.headers['set-cookie']).toBeUndefined();
    const go = await page(`/tin/vi/bai/${SLUG}/y-kien`);
    expect(go.statusCode).toBe(303);
    expect(decodeURIComponent(go.headers.location as string)).toContain('/gop-y?bai=Chi bộ thôn Nà Khà sinh hoạt chuyên đề');
    const after = (await editorA.get(`/api/portal/articles/${articleId}`)).json().article;
    expect(after.views).toBe(before.views + 1);
    expect(after.opinions).toBe(before.opinions + 1);
  });
});

describe('portal: images', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
  const upload = (client: Client, id: string, name: string, content: Buffer, type = 'image/png') => {
    const boundary = 'portalboundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.request('POST', `/api/portal/articles/${id}/images`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };
  it('keeps an image of an article, served once the article is public, by what its bytes are', async () => {
    const r = await upload(editorA, articleId, 'anh.png', PNG);
    expect(r.statusCode).toBe(201);
    const img = await page(r.json().url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const fake = await upload(editorA, articleId, 'anh.png', Buffer.from('<svg onload=alert(1)>'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.fields[0].code).toBe('portal_image_unreadable');
    expect((await upload(editorB, articleId, 'anh.png', PNG)).statusCode).toBe(404);
    const draft = await editorA.post('/api/portal/articles', { unitId: world.communeA.id, title: 'Bản nháp có ảnh', body: 'x' });
    const hidden = await upload(editorA, draft.json().id, 'anh.png', PNG);
    expect((await page(hidden.json().url)).statusCode).toBe(404);
  });
});

describe('portal: comments', () => {
  it('holds a comment until an editor approves it, then erases the sender address', async () => {
    const res = await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'Hà Văn Sơn', body: 'Đường làm xong thì bà con đi lại thuận tiện hơn.', website: '' }, '10.9.1.1');
    expect(res.statusCode).toBe(303);
    expect((await page(res.headers.location as string)).body).toContain('Bình luận sẽ hiện sau khi được biên tập viên duyệt');
    expect((await page(`/tin/vi/bai/${SLUG}`)).body).not.toContain('bà con đi lại thuận tiện');
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE ip_address = '10.9.1.1'`)).toBe(1);
    const queue = (await editorA.get('/api/portal/comments')).json();
    expect(queue.items.map((c: { body: string }) => c.body)).toContain('Đường làm xong thì bà con đi lại thuận tiện hơn.');
    expect((await editorB.get('/api/portal/comments')).json().items).toHaveLength(0);
    const id = queue.items[0].id;
    expect((await editorB.post(`/api/portal/comments/${id}/moderation`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await editorA.post(`/api/portal/comments/${id}/moderation`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await editorA.post(`/api/portal/comments/${id}/moderation`, { decision: 'reject' })).statusCode).toBe(409);
    expect((await page(`/tin/vi/bai/${SLUG}`)).body).toContain('bà con đi lại thuận tiện');
    // Shown on the page of the language it was written in only.
    expect((await page(`/tin/en/bai/${SLUG}`)).body).not.toContain('bà con đi lại thuận tiện');
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE ip_address IS NOT NULL`)).toBe(0);
  });

  it('erases the address of a comment nobody moderated once the window has passed', async () => {
    await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'Lý Thị Mai', body: 'Cảm ơn chi bộ.' }, '10.9.2.2');
    await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'Lý Văn Tư', body: 'Mới gửi hôm nay.' }, '10.9.2.3');
    await ctx.database.db.execute(sql`UPDATE portal_comments SET created_at = now() - interval '8 days' WHERE ip_address = '10.9.2.2'`);
    expect(await eraseExpiredAddresses(ctx.database.db)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE ip_address = '10.9.2.2'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE ip_address = '10.9.2.3'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE author_name = 'Lý Thị Mai' AND status = 'pending'`)).toBe(1);
  });

  it('answers a flood with 429 and keeps nothing more', async () => {
    const before = await count('SELECT count(*)::int AS n FROM portal_comments');
    const url = `/tin/vi/bai/${SLUG}/binh-luan`;
    // One after the other: five pass, the sixth is refused with a page that says why.
    for (let i = 0; i < 5; i++) expect((await comment(url, { name: 'Hỏi', body: `Câu hỏi số ${i}` }, '10.9.3.1')).statusCode).toBe(303);
    const sixth = await comment(url, { name: 'Hỏi', body: 'Câu hỏi số 6' }, '10.9.3.1');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['content-type']).toContain('text/html');
    expect(sixth.body).toContain('quá nhiều bình luận');
    // Twenty at the same instant from another address: exactly five kept, fifteen refused with the 429 page.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => comment(url, { name: 'Lũ', body: `Bình luận số ${i}` }, '10.9.3.3')));
    expect(answers.filter((a) => a.statusCode === 303)).toHaveLength(5);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('quá nhiều bình luận');
    }
    expect(await count('SELECT count(*)::int AS n FROM portal_comments')).toBe(before + 10);
    expect(await count(`SELECT count(*)::int AS n FROM portal_comments WHERE author_name = 'Lũ'`)).toBe(5);
    // Another address is not held back by them.
    expect((await comment(url, { name: 'Khác', body: 'Một câu hỏi khác' }, '10.9.3.4')).statusCode).toBe(303);
  });

  it('refuses a bad comment with the field named, in the page language, and saves nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM portal_comments');
    const empty = await comment(`/tin/fa/bai/${SLUG}/binh-luan`, { name: '', body: 'x' }, '10.9.4.1');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('لطفاً نامی بنویسید');
    expect(empty.body).toContain('دیدگاه باید ۲ تا ۲٬۰۰۰ نویسه باشد');
    const nul = await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'A\u0000B', body: 'Nội dung \ud800 lỗi' }, '10.9.4.2');
    expect(nul.statusCode).toBe(400);
    expect(nul.headers['content-type']).toContain('text/html');
    const huge = await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'A', body: 'x'.repeat(20_000) }, '10.9.4.3');
    expect(huge.statusCode).toBe(413);
    const robot = await comment(`/tin/vi/bai/${SLUG}/binh-luan`, { name: 'Bot', body: 'Mua hàng giá rẻ', website: 'http://spam.example' }, '10.9.4.4');
    expect(robot.statusCode).toBe(303);
    const draft = await comment('/tin/vi/bai/ban-nhap-khong-co/binh-luan', { name: 'A', body: 'Xin chào' }, '10.9.4.5');
    expect(draft.statusCode).toBe(404);
    expect(await count('SELECT count(*)::int AS n FROM portal_comments')).toBe(before);
  });
});

describe('portal: bad requests to the public pages', () => {
  it('answers every one with a page, never a 5xx', async () => {
    const cases: [string, number][] = [
      ['/tin/xx/', 404],
      ['/tin/vi/bai/KHONG_HOP_LE', 404],
      ['/tin/vi/bai/khong-co-bai-nay', 404],
      ['/tin/vi/tim-kiem?q=%00', 400],
      ['/tin/vi/tim-kiem?q=%ED%A0%80', 200],
      [`/tin/vi/tim-kiem?q=${'a'.repeat(300)}`, 400],
      ['/tin/vi/tim-kiem?q=%22%27%3C%3E%26%7C!%3A*', 200],
      ['/tin/vi/khong-biet/abc', 404],
      ['/tin/vi/chu-de/khong-co', 404],
      ['/tin/vi/?trang=-5', 200],
      ['/tin/vi/?trang=99999999999', 200],
      ['/tin/anh/khong-phai-uuid', 404],
      ['/tin/anh/00000000-0000-0000-0000-000000000000', 404],
    ];
    for (const [url, status] of cases) {
      const res = await page(url, '10.9.5.1');
      expect({ url, status: res.statusCode }).toEqual({ url, status });
      expect(res.headers['content-type']).toContain('text/html');
    }
  });
});

describe('portal: who may edit', () => {
  it('refuses those who are not editors of the branch', async () => {
    expect((await officerA.post('/api/portal/articles', { unitId: world.communeA.id, title: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await editorB.post('/api/portal/articles', { unitId: world.communeA.id, title: 'x', body: 'y' })).statusCode).toBe(404);
    expect((await editorB.get(`/api/portal/articles/${articleId}`)).statusCode).toBe(404);
    expect((await editorB.patch(`/api/portal/articles/${articleId}`, { source: 'x', version })).statusCode).toBe(404);
    expect((await editorB.get('/api/portal/articles')).json().items).toHaveLength(0);
    expect((await admin.get('/api/portal/articles')).json().items.length).toBeGreaterThan(0);
    expect((await admin.patch(`/api/portal/articles/${articleId}`, { source: 'Đảng ủy xã A', version })).statusCode).toBe(200);
  });

  it('files an article into a series as the editor\'s form sends it (every field, empty ones as null)', async () => {
    const a = await editorA.post('/api/portal/articles', { unitId: world.communeA.id, title: 'Bài vào loạt sau', body: 'y' });
    const r = await editorA.patch(`/api/portal/articles/${a.json().id}`, { seriesId, seriesOrder: 5, categoryId: null, authorId: null, source: '', topicIds: [], version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect((await editorA.get(`/api/portal/articles/${a.json().id}`)).json().article).toMatchObject({ seriesId, seriesOrder: 5 });
  });

  it('refuses a place in the series that another article holds, and a stale version', async () => {
    const r = await editorA.post('/api/portal/articles', { unitId: world.communeA.id, seriesId, seriesOrder: 1, title: 'Trùng vị trí', body: 'y' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'seriesOrder', code: 'portal_series_order_taken' });
    const stale = await editorA.request('PUT', `/api/portal/articles/${articleId}/translations/en`, { title: 'x', body: 'y', version: 1 });
    expect(stale.statusCode).toBe(409);
    const noLang = await editorA.request('PUT', `/api/portal/articles/${articleId}/translations/xx`, { title: 'x', body: 'y', version: 1 });
    expect(noLang.statusCode).toBe(400);
  });

  it('keeps series places unique when the same article is sent 20 times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => editorA.post('/api/portal/articles', { unitId: world.communeA.id, seriesId, seriesOrder: 9, title: 'Cùng lúc', body: 'y', slug: 'cung-luc' })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
  });
});

describe('portal: the demo', () => {
  it('seeds the series with the Persian article, readable right to left', async () => {
    const made = await seedPortalDemo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
    expect(made.articles).toBe(5);
    // A commune's editor files under the province's series and topics; not under another commune's.
    const slugs = (c: Client) => c.get('/api/portal/reference').then((r) => r.json().terms.map((t: { slug: string }) => t.slug));
    expect(await slugs(editorA)).toEqual(expect.arrayContaining(['nang-cao-vai-tro-bi-thu-chi-bo-thon-ban', 'chi-bo-vung-manh']));
    expect(await slugs(editorB)).toContain('nang-cao-vai-tro-bi-thu-chi-bo-thon-ban');
    expect(await slugs(editorB)).not.toContain('chi-bo-vung-manh');
    const fa = await page('/tin/fa/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh');
    expect(fa.statusCode).toBe(200);
    expect(fa.body).toContain('<html lang="fa" dir="rtl">');
    expect(fa.body).toContain('تقویت نقش دبیران');
    const series = (await page('/tin/vi/loat-bai/nang-cao-vai-tro-bi-thu-chi-bo-thon-ban')).body;
    expect(series.indexOf('bai-1-nhung-nguoi-hai-vai')).toBeLessThan(series.indexOf('bai-2-van-con-nhung-rao-can'));
    expect(series.indexOf('bai-2-van-con-nhung-rao-can')).toBeLessThan(series.indexOf('bai-cuoi-dang-manh-tu-moi-chi-bo-manh'));
    expect((await page('/tin/vi/bai/hoi-thi-bi-thu-chi-bo-gioi-2026')).statusCode).toBe(404);
    expect((await page('/tin/vi/bai/ban-nhap-so-tay-bi-thu')).statusCode).toBe(404);
    expect((await page('/tin/vi/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh')).body).toContain('Hoàng Văn Thắng');
    expect((await page('/tin/vi/bai/bai-cuoi-dang-manh-tu-moi-chi-bo-manh')).body).not.toContain('Nguyễn Văn Bình');
  });
});
