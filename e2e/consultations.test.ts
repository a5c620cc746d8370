// A village consultation from question to consensus: the commune officer (1280 px) opens one for the demo
// secretary's village and prints a sheet of ballot codes; a citizen on a 360 px phone, without an account, answers
// with a code from the sheet (and the same code again is refused, in Vietnamese); the secretary on a 360 px phone
// enters the meeting's tally with no signal — it waits on the phone and is sent when the connection returns; the
// result shows the consensus level. Screenshots go to .tmp/e2e/consultations-*.png.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatDateVi, todayIso } from '../src/domain/dates.js';
import { addDays } from '../src/domain/supervision.js';
import { extractText } from '../src/server/modules/documents/file-text.js';
import { apiAs, baseUrl, newPage, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const require = createRequire(import.meta.url);
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('village consultations', () => {
  const browser = useBrowser();
  const stamp = Date.now();
  const title = `Đóng góp làm đường liên xóm ${stamp}`;
  let consultationId = '';
  let codes: string[] = [];

  it('the commune officer opens a consultation for a village and prints the sheet of ballot codes', async (ctx) => {
    const secretary = await apiAs('bithu');
    const me = await secretary.get('/api/auth/me');
    const village = (me.user.roles as { unitKind: string; unitName: string }[]).find((r) => r.unitKind === 'cell')!.unitName;
    await secretary.dispose();

    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/consultations`);
    await page.getByTestId('consultation-card').first().waitFor();
    await page.getByTestId('consultation-new').click();
    const form = page.getByTestId('consultation-open-modal');
    await form.getByTestId('consultation-unit').fill(village);
    await page.getByRole('option', { name: village, exact: true }).click();
    await form.getByTestId('consultation-title').fill(title);
    await form.getByTestId('consultation-question').fill('Mỗi hộ góp 300.000 đồng và hai ngày công để đổ bê tông đường liên xóm. Ý kiến của hộ gia đình?');
    await form.getByTestId('consultation-options').fill('Đồng ý\nKhông đồng ý');
    await form.getByTestId('consultation-households').fill('30');
    await form.getByTestId('consultation-opens').fill(formatDateVi(todayIso()));
    await form.getByTestId('consultation-closes').fill(formatDateVi(addDays(todayIso(), 7)));
    await form.getByTestId('consultation-title').click();
    await form.getByTestId('consultation-open-save').click();
    await page.getByTestId('consultation-heading').waitFor();
    expect(await page.getByTestId('consultation-heading').textContent()).toBe(title);
    consultationId = page.url().split('/consultations/')[1]!;
    expect(await page.getByTestId('consultation-state').textContent()).toBe('Đang lấy ý kiến');

    await page.getByTestId('codes-count').fill('4');
    await page.getByTestId('codes-print').click();
    const download = page.waitForEvent('download');
    await page.waitForTimeout(300); // the modal's transition
    await screenshot(page, 'consultations-codes-confirm-1280', false);
    await page.getByTestId('codes-confirm').click();
    const file = await (await download).path();
    const text = await extractText(fs.readFileSync(file));
    codes = [...text.matchAll(/\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b/g)].map((m) => m[0]);
    expect(codes).toHaveLength(4);
    expect(text).toContain(title);
    await expect.poll(async () => page.getByTestId('codes-issued').textContent()).toBe('Đã phát 4 / 30 mã');
    await screenshot(page, 'consultations-opened-1280');
  });

  it('a citizen on a 360 px phone answers with a ballot code; the same code again is refused', async (ctx) => {
    const phone = await newPage(browser(), ctx, PHONE);
    await phone.goto(`${baseUrl()}/tham-van/${consultationId}`);
    await phone.getByTestId('public-question').waitFor();
    await phone.getByTestId('public-option-0').click();
    await phone.getByTestId('public-code').fill(codes[0]!.toLowerCase());
    await screenshot(phone, 'consultations-public-answer-360');
    await phone.getByTestId('public-submit').click();
    await phone.getByTestId('public-thanks').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'consultations-public-thanks-360');

    await phone.reload();
    await phone.getByTestId('public-option-1').click();
    await phone.getByTestId('public-code').fill(codes[0]!);
    await phone.getByTestId('public-submit').click();
    await phone.getByTestId('issue-used_code').waitFor();
    expect(await phone.getByTestId('issue-used_code').textContent()).toBe('Mã phiếu này đã được dùng');
    await screenshot(phone, 'consultations-public-reused-360');
  });

  it("the secretary enters the meeting's tally on a 360 px phone without signal; it is sent when the signal returns", async (ctx) => {
    const phone = await signedInPage(browser(), ctx, 'bithu', PHONE);
    await phone.goto(`${baseUrl()}/consultations/${consultationId}`);
    await phone.getByTestId('tally-card').waitFor();
    expect(await phone.getByTestId('tally-hint').textContent()).toContain('Đã có 1 người');
    await phone.getByTestId('tally-present').fill('12');
    await phone.getByTestId('tally-count-0').fill('11');
    await phone.getByTestId('tally-count-1').fill('1');
    await phone.getByTestId('tally-reason').fill('Biểu quyết giơ tay tại hội nghị thôn');
    await phone.context().setOffline(true);
    await phone.getByTestId('tally-save').click();
    await phone.getByTestId('tally-queued').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'consultations-tally-queued-360');
    await phone.context().setOffline(false);
    await phone.getByTestId('tally-log').waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId('tally-log').textContent()).toContain('Biểu quyết giơ tay tại hội nghị thôn');
    // 1 by code + 11 in the room for "Đồng ý", 1 against: 12 of 13 answers, 92.3 %.
    await expect.poll(async () => phone.getByTestId('consensus-level').textContent()).toBe('Đồng thuận cao');
    await screenshot(phone, 'consultations-tally-sent-360');
  });

  it('the result shows the consensus level to the commune at 1280 px', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/consultations/${consultationId}`);
    await page.getByTestId('consultation-result').waitFor();
    expect(await page.getByTestId('consensus-level').textContent()).toBe('Đồng thuận cao');
    expect(await page.getByTestId('participation').textContent()).toMatch(/13 \/ \d+ người trả lời/);
    const first = page.getByTestId('result-option').first();
    expect(await first.textContent()).toContain('92,3 %');
    expect(await first.textContent()).toMatch(/Mã phiếu 1 · Tại hội nghị 11/);
    await screenshot(page, 'consultations-result-1280');
  });

  it('the public page has no link told apart by colour alone (axe: link-in-text-block)', async (ctx) => {
    const phone = await newPage(browser(), ctx, PHONE);
    await phone.goto(`${baseUrl()}/tham-van/${consultationId}`);
    await phone.getByTestId('public-question').waitFor();
    await phone.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const found = await phone.evaluate(async () => {
      const r = await (window as any).axe.run(document, { runOnly: { type: 'rule', values: ['link-in-text-block'] } });
      return (r.violations as any[]).flatMap((v) => (v.nodes as any[]).map((n) => (n.target as string[]).join(' ')));
    });
    expect(found).toEqual([]);
  });

  it('a province admin sets a minimum turnout: a wrong order is refused on its field; the result then reads "not enough participation"', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    try {
      await page.goto(`${baseUrl()}/consultations`);
      await page.getByTestId('thresholds-current').waitFor();
      expect(await page.getByTestId('thresholds-current').textContent()).toContain('đồng thuận từ 75,0 %, đa số từ 50,0 %, tham gia tối thiểu 0,0 %');
      await page.getByTestId('thresholds-link').click();
      await page.getByTestId('threshold-majority').waitFor();
      await page.getByTestId('threshold-majority').fill('80');
      await page.getByTestId('thresholds-save').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByText('Ngưỡng đa số phải nhỏ hơn ngưỡng đồng thuận').waitFor();
      await screenshot(page, 'consultations-thresholds-refused-1280');
      await page.getByTestId('threshold-majority').fill('50');
      await page.getByTestId('threshold-minTurnout').fill('90,5');
      await page.getByTestId('thresholds-save').click();
      await page.getByTestId('confirm-ok').waitFor();
      await page.waitForTimeout(300); // the modal's transition
      await screenshot(page, 'consultations-thresholds-confirm-1280', false);
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('confirm-ok').waitFor({ state: 'hidden' });
      await page.goto(`${baseUrl()}/consultations/${consultationId}`);
      await expect.poll(async () => page.getByTestId('consensus-level').textContent()).toBe('Chưa đủ người tham gia');
      expect(await page.getByTestId('consultation-result').textContent()).toContain('Cần ít nhất 90,5 % số người đủ điều kiện');
      await screenshot(page, 'consultations-low-turnout-1280');

      const phone = await signedInPage(browser(), ctx, 'admin', PHONE);
      await phone.goto(`${baseUrl()}/consultations/thresholds`);
      await phone.getByTestId('threshold-minTurnout').waitFor();
      expect(await phone.getByTestId('threshold-minTurnout').inputValue()).toBe('90,5 %');
      expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
      await screenshot(phone, 'consultations-thresholds-360');
    } finally {
      // The thresholds are the whole server's: back to the defaults for the journeys after this one.
      const admin = await apiAs('admin');
      await admin.ctx.put('/api/consultations/thresholds', { data: { consensus: 75, majority: 50, minTurnout: 0 }, headers: { 'x-csrf-token': admin.csrf } });
      await admin.dispose();
    }
  });
});
