// The excellent-secretary contest in the browser: a cell secretary (bithu) on a 360 px phone takes the 2026 test,
// loses the connection in the middle and keeps answering, gets it back, reloads, and finds every answer kept (on the
// server too); two judges (admin, kiemtra) score bithu at 1280 px beside the third judge's score the demo holds
// (canbo.xa2's), and the ranking drops the highest and the lowest. Screenshots go to .tmp/e2e/contest-*.png.
import { describe, expect, inject, it } from 'vitest';
import { apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('the excellent-secretary contest', () => {
  const browser = useBrowser();
  let bithuName = '';

  it('a secretary on a phone takes the test through a lost connection and finds every answer kept', async (ctx) => {
    const phone = await signedInPage(browser(), ctx, 'bithu', PHONE);
    await phone.goto(`${baseUrl()}/contest`);
    await phone.getByTestId('take-test').click();
    await phone.getByTestId('start-test').click();
    await phone.getByTestId('confirm-start').click();
    const questions = phone.getByTestId('test-question');
    await questions.first().waitFor();
    const total = await questions.count();
    expect(total).toBe(10);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);

    // Three answers online: each saved at once.
    const choose = async (no: number) => {
      const q = questions.nth(no - 1);
      const option = q.locator('input[type=radio], input[type=checkbox]').first();
      await option.check();
    };
    for (const no of [1, 2, 3]) await choose(no);
    await expect.poll(async () => phone.getByTestId('outbox-state').textContent()).toBe('Mọi câu trả lời đã được lưu trên máy chủ');

    // The connection drops: four more answers wait on the phone.
    await phone.context().setOffline(true);
    for (const no of [4, 5, 6, 7]) await choose(no);
    await expect.poll(async () => phone.getByTestId('outbox-state').textContent()).toBe('4 câu trả lời chờ gửi');
    await phone.getByTestId('offline-note').waitFor();
    await screenshot(phone, 'contest-test-offline-360');

    // Back online: they are sent by themselves.
    await phone.context().setOffline(false);
    await expect.poll(async () => phone.getByTestId('outbox-state').textContent(), { timeout: 20_000 }).toBe('Mọi câu trả lời đã được lưu trên máy chủ');

    // A reload shows the seven answers, read back from the server.
    await phone.reload();
    await questions.first().waitFor();
    await expect.poll(async () => phone.getByTestId('answered-count').textContent()).toBe(`Đã trả lời 7/${total} câu`);
    for (let no = 1; no <= 7; no++) expect(await questions.nth(no - 1).locator('input:checked').count()).toBeGreaterThan(0);
    for (let no = 8; no <= total; no++) expect(await questions.nth(no - 1).locator('input:checked').count()).toBe(0);
    await screenshot(phone, 'contest-test-reloaded-360');

    const api = await apiAs('bithu');
    const contests = await api.get('/api/contests');
    const c26 = await api.get(`/api/contests/${contests.items[0].id}`);
    const attempt = await api.get(`/api/contest-candidates/${c26.rounds[0].myCandidateId}/attempt`);
    expect(attempt.answers).toHaveLength(7);
    // One attempt only: a second start is refused.
    const again = await api.ctx.post(`/api/contest-candidates/${c26.rounds[0].myCandidateId}/attempt`, { data: {}, headers: { 'x-csrf-token': api.csrf } });
    expect(again.status()).toBe(409);
    const me = await api.get('/api/auth/me');
    bithuName = me.displayName ?? me.user?.displayName ?? '';
    await api.dispose();
  });

  it('two judges score; the ranking drops the highest and the lowest of the three', async (ctx) => {
    expect(bithuName).not.toBe('');
    const score = async (username: string, points: [number, number, number]) => {
      const page = await signedInPage(browser(), ctx, username, DESK);
      await page.goto(`${baseUrl()}/contest`);
      await page.getByTestId('judge-round').first().click();
      const card = page.locator(`[data-testid="judge-candidate"][data-name="${bithuName}"]`);
      await card.waitFor({ timeout: 60_000 }); // a sheet of every candidate of the round (about 250 in the demo)
      // Nobody else's score is on the sheet before this judge submits.
      expect(await page.getByTestId('my-score').count()).toBe(0);
      await card.getByTestId('open-score').click();
      await card.getByTestId('score-content').fill(String(points[0]));
      await card.getByTestId('score-solution').fill(String(points[1]));
      await card.getByTestId('score-delivery').fill(String(points[2]));
      await card.getByTestId('submit-score').click();
      await page.getByTestId('confirm-score').click();
      await card.getByTestId('my-score').waitFor();
      return page;
    };
    const admin = await score('admin', [50, 30, 20]); // 100: the highest
    await screenshot(admin, 'contest-judge-1280', false);
    await score('kiemtra', [10, 5, 5]); // 20: the lowest

    await admin.goto(`${baseUrl()}/contest`);
    await admin.getByTestId('round-ranking').first().click();
    const row = admin.locator(`[data-testid="ranking-row"][data-name="${bithuName}"]`);
    await row.waitFor();
    expect((await row.getByTestId('dropped-score').allTextContents()).sort()).toEqual(['100', '20']);
    const kept = await row.getByTestId('kept-score').allTextContents();
    expect(kept).toHaveLength(1); // canbo.xa2's, from the demo
    expect(await row.getByTestId('panel-score').textContent()).toBe(kept[0]);
    await row.scrollIntoViewIfNeeded();
    await screenshot(admin, 'contest-ranking-1280', false);

    const phone = await signedInPage(browser(), ctx, 'admin', PHONE);
    await phone.goto(admin.url());
    await phone.getByTestId('ranking-table').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'contest-ranking-360', false);
  });

  it('the demo holds the contests of 2023–2026, seeded within a couple of seconds', () => {
    const line = inject('startOutput').split('\n').find((l) => l.startsWith('Seeded the demo contest'));
    console.log(line);
    expect(line).toMatch(/"contests":3/);
  });

  it('anyone reads the published results of 2025 without an account', async (ctx) => {
    const page = await (await browser().newContext({ locale: 'vi-VN', ...PHONE })).newPage();
    ctx.onTestFinished(() => page.context().close());
    await page.goto(`${baseUrl()}/results/contest/2025`);
    await page.getByTestId('public-results').first().waitFor();
    expect(await page.textContent('body')).toContain('Giải Nhất');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'contest-results-360', false);
  });
  it('the judge page, the question bank with its editor, and an appeal fit a 360 px phone', async (ctx) => {
    const phone = await signedInPage(browser(), ctx, 'admin', PHONE);
    await phone.goto(`${baseUrl()}/contest`);
    await phone.getByTestId('judge-round').first().click();
    await phone.getByTestId('judge-candidate').first().waitFor({ timeout: 60_000 });
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'contest-judge-360', false);

    await phone.goto(`${baseUrl()}/contest`);
    const card = phone.getByTestId('question-card').first();
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'contest-bank-360', false);
    await card.getByTestId('question-edit').click();
    await phone.getByTestId('question-text').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'contest-question-edit-360', false);
    await phone.keyboard.press('Escape');

    // An appeal: from the commune round's ranking (the one with the test) to the test as the candidate saw it.
    const desk = await signedInPage(browser(), ctx, 'admin', DESK);
    await desk.goto(`${baseUrl()}/contest`);
    await desk.getByTestId('round-ranking').first().click();
    await desk.getByTestId('appeal-link').first().click();
    await desk.getByTestId('appeal-question').first().waitFor();
    expect(await desk.getByTestId('appeal-draw').textContent()).toContain('cho đúng các câu hỏi đã thi');
    expect(await desk.getByTestId('appeal-question').count()).toBe(10);
    await screenshot(desk, 'contest-appeal-1280', false);
    await phone.goto(desk.url());
    await phone.getByTestId('appeal-question').first().waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'contest-appeal-360', false);
  });

  it('a commune officer opens the province round\'s registration at 360 and 1280 px', async (ctx) => {
    for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const) {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', options);
      await page.goto(`${baseUrl()}/contest`);
      await page.getByTestId('register-round').click();
      const province = page.getByRole('option').filter({ hasText: /tỉnh/i }).first();
      await province.click();
      await page.locator('[data-testid="advancing-wait"], [data-testid="advancing-candidate"]').first().waitFor();
      if (size === '360') expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await page.locator('[data-testid="advancing-wait"], [data-testid="advancing-candidate"]').first().scrollIntoViewIfNeeded();
      await screenshot(page, `contest-register-province-${size}`, false);
    }
  });
});
