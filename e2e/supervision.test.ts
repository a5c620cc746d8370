// The supervision journey: a person with no account reports anonymously about a village and keeps only the
// receipt; the commune officer (canbo.xa) accepts the case and asks a question; the person, with the receipt
// alone, reads the question and answers; the officer reads the answer. A cell secretary never sees the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, newPage, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

describe('supervision channel (no account → commune officer → receipt holder)', () => {
  const browser = useBrowser();
  let admin: Api;
  let commune: { id: string; name: string };
  let cell: { id: string; name: string };
  let receipt = '';
  const marker = `Phản ánh thử ${Date.now()}: tiền làm đường thôn chưa được công khai.`;
  const question = 'Khoản tiền này thu từ tháng nào, ai thu?';
  const reply = 'Thu từ tháng 3, do trưởng thôn thu, không có biên lai.';

  beforeAll(async () => {
    admin = await apiAs('admin');
    const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
    const officer = users.find((u) => u.username === 'canbo.xa')!;
    const { unit, children } = await admin.get(`/api/units/${officer.roles[0].unitId}`);
    commune = { id: unit.id, name: unit.name };
    const c = (children as { id: string; name: string; kind: string; validTo: string | null }[]).find((u) => u.kind === 'cell' && !u.validTo)!;
    cell = { id: c.id, name: c.name };
  });

  afterAll(async () => {
    await admin?.dispose();
  });

  it('a person without an account reports anonymously and gets a receipt code, shown once', async (ctx) => {
    const page = await newPage(browser(), ctx, { viewport: { width: 320, height: 720 } });
    await page.goto(`${baseUrl()}/login`);
    await page.getByTestId('login-to-report').click();
    await page.waitForURL(/\/gop-y$/);
    // The commune and cell are the browser's own lists (native selects): the cell waits for the commune, then lists
    // only that commune's cells, each named with its commune.
    expect(await page.getByTestId('report-cell').isDisabled()).toBe(true);
    await page.getByTestId('report-commune').selectOption({ label: commune.name });
    await expect.poll(() => page.getByTestId('report-cell').locator('option').count()).toBeGreaterThan(1);
    const lines = await page.getByTestId('report-cell').locator('option').allTextContents();
    expect(lines.slice(1).every((l) => l.endsWith(` — ${commune.name}`)), lines.join(' | ')).toBe(true);
    await page.getByTestId('report-cell').selectOption({ label: `${cell.name} — ${commune.name}` });
    await page.getByTestId('report-content').fill(marker);
    expect(await page.getByTestId('report-anonymous').isChecked()).toBe(true);
    await page.getByTestId('report-submit').click();
    receipt = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // Nothing overflows a 320 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('the commune officer accepts the case and asks a question', async (ctx) => {
    expect(receipt).not.toBe('');
    const page = await signedInPage(browser(), ctx, 'canbo.xa');
    await page.getByTestId('nav-supervision').click();
    await page.getByTestId('supervision-case').filter({ hasText: marker.slice(0, 40) }).click();
    await expect.poll(() => page.getByTestId('case-content').textContent()).toBe(marker);
    expect(await page.getByTestId('case-reporter').textContent()).toMatch(/Giấu tên/);
    await page.getByTestId('case-action-accept').click();
    await page.getByTestId('case-action-submit').click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Đã thụ lý');
    await page.getByTestId('case-action-ask').click();
    await page.getByTestId('case-message').fill(question);
    await page.getByTestId('case-action-submit').click();
    await page.getByTestId('conversation').getByText(question).waitFor();
  });

  it('the person, with the receipt alone, reads the question and answers it', async (ctx) => {
    const page = await newPage(browser(), ctx, { viewport: { width: 320, height: 720 } });
    await page.goto(`${baseUrl()}/gop-y/theo-doi`);
    await page.getByTestId('follow-code').fill(receipt.toLowerCase());
    await page.getByTestId('follow-submit').click();
    await page.getByTestId('follow-case').getByText(question).waitFor();
    expect(await page.getByTestId('follow-status').textContent()).toBe('Đã thụ lý');
    await page.getByTestId('follow-answer').fill(reply);
    await page.getByTestId('follow-answer-submit').click();
    await page.getByTestId('conversation').getByText(reply).waitFor();
    // A wrong code gets the one generic answer.
    await page.getByTestId('follow-code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByTestId('follow-submit').click();
    await page.getByTestId('follow-unknown').waitFor();
    expect(await page.getByTestId('follow-unknown').textContent()).not.toMatch(/mã tham chiếu|reference|[0-9a-f]{8}-/i);
  });

  it('the officer reads the answer; a cell secretary (bithu) does not see the case', async () => {
    const officer = await apiAs('canbo.xa');
    const list = (await officer.get('/api/supervision/cases')).items as { id: string; excerpt: string }[];
    const found = list.find((c) => marker.startsWith(c.excerpt.replace(/…$/, '')))!;
    const detail = await officer.get(`/api/supervision/cases/${found.id}`);
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual([question, reply]);
    await officer.dispose();
    const secretary = await apiAs('bithu');
    const seen = await secretary.ctx.get(`/api/supervision/cases/${found.id}`);
    expect(seen.status()).toBe(404);
    await secretary.dispose();
  });

  it('a member reports from inside under their name; the commune officer sees the identity protected', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'dangvien', { viewport: { width: 320, height: 720 } });
    await page.goto(`${baseUrl()}/supervision`);
    const named = `Góp ý của đảng viên ${Date.now()}: sinh hoạt chi bộ cần đúng kỳ hằng tháng.`;
    await page.getByTestId('report-named-as').waitFor();
    expect(await page.getByTestId('report-anonymous').isChecked()).toBe(false);
    // The commune and cell are the browser's own lists (native selects): chosen by the line's text.
    await page.getByTestId('report-commune').selectOption({ label: commune.name });
    await page.getByTestId('report-cell').selectOption({ label: `${cell.name} — ${commune.name}` });
    await page.getByTestId('report-content').fill(named);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await screenshot(page, 'supervision-member-report-320');
    for (const who of ['canbo.xa', 'kiemtra']) {
      const api = await apiAs(who);
      const list = (await api.get('/api/supervision/cases')).items as { id: string; excerpt: string }[];
      const found = list.find((c) => named.startsWith(c.excerpt.replace(/…$/, '')));
      if (found) {
        const detail = await api.get(`/api/supervision/cases/${found.id}`);
        expect(detail.case.reporter.state, who).toBe(who === 'kiemtra' ? 'shown' : 'protected');
      } else expect(who).toBe('kiemtra'); // the cell of the reporter may be outside an officer's view
      await api.dispose();
    }
  });

  it('the officer pages fit a 320 px screen', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', { viewport: { width: 320, height: 720 } });
    await page.goto(`${baseUrl()}/supervision`);
    await page.getByTestId('supervision-case').first().waitFor();
    const check = async (name: string) => {
      await screenshot(page, `supervision-${name}-320`);
      expect(await scrollWidth(page), name).toBeLessThanOrEqual(320);
    };
    await check('cases');
    await page.getByTestId('tab-figures').click();
    await page.getByTestId('supervision-trend').waitFor();
    await check('figures');
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rule-deadlines.complaint.acknowledgeDays').waitFor();
    await check('rules');
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-content').waitFor();
    await check('report');
    await page.getByTestId('tab-figures').click(); // back to the list through its tab
    await page.getByRole('tab').first().click();
    await page.getByTestId('supervision-case').first().click();
    await page.getByTestId('case-content').waitFor();
    await check('case');
  });
});
