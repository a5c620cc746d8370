// The e-mail fields seen in Chromium at 360 px (issue 14): the account form's e-mail (a new account, /users) and the
// e-mail card of the notification preferences (/inbox/preferences) fit the phone, say a wrong address in words
// next to the field, and the card saves a good one. Screenshots: .tmp/e2e/email-*.png.
import { describe, expect, it } from 'vitest';
import { baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const FORMAT = 'Viết địa chỉ thư điện tử, ví dụ ten@vidu.vn';

describe('e-mail fields on a 360 px phone', () => {
  const browser = useBrowser();

  it('the account form: the e-mail field fits and a wrong address is named under it', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', PHONE);
    await page.goto(`${baseUrl()}/users`);
    await page.getByTestId('users-create').click();
    const email = page.getByTestId('users-email');
    await email.waitFor();
    await email.scrollIntoViewIfNeeded();
    const box = (await email.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await email.getAttribute('type')).toBe('email');
    await email.fill('khong-phai-thu');
    await page.getByTestId('users-username').fill(`thu.email.${Date.now().toString(36)}`);
    await page.getByTestId('users-display-name').fill('Thử thư điện tử');
    await page.getByTestId('users-password').fill('mat-khau-rat-dai-2026');
    await page.getByTestId('modal-submit').click();
    // The message sits with the field (its description list), in Vietnamese.
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    await expect.poll(async () => (describedBy || (await email.getAttribute('aria-describedby'))) ?? '').not.toBe('');
    await expect
      .poll(async () => {
        const ids = ((await email.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
        const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
        return texts.join(' ');
      })
      .toContain(FORMAT);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(300); // the modal's transition
    await screenshot(page, 'email-account-form-360', false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  }, 60_000);

  it("the preferences' e-mail card: fits, refuses a wrong address in words, saves a good one", async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'dangvien', PHONE);
    await page.goto(`${baseUrl()}/inbox/preferences`);
    const email = page.getByTestId('own-email');
    await email.waitFor();
    await screenshot(page, 'email-preferences-360', false);
    const box = (await email.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await email.fill('ten@');
    await page.getByTestId('own-email-save').click();
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toContain(FORMAT);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'email-preferences-wrong-360', false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await email.fill(`dangvien.${Date.now().toString(36)}@vidu.vn`);
    await page.getByTestId('own-email-save').click();
    await page.getByTestId('own-email-saved').waitFor();
    expect(await page.getByTestId('own-email-missing').count()).toBe(0);
    await screenshot(page, 'email-preferences-saved-360', false);
  }, 60_000);
});
