// The audit trail as a province admin reads it (issue 14, defect 9): an account made through the API shows as a
// sentence — who (name and account) did what to which named thing — found by the thing's name (not an id), and
// opens to a before/after with field labels in Vietnamese, no JSON keys, no sideways scrolling at 360 px.
// Screenshots go to .tmp/e2e/audit-*.png.
import { describe, expect, it } from 'vitest';
import { apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('the audit trail in sentences', () => {
  const browser = useBrowser();
  const stamp = String(Date.now() % 1_000_000);
  const username = `nhatky.${stamp}`;
  const displayName = `Kiểm Tra Nhật Ký ${stamp}`;

  it('an account made by the admin reads as a sentence, found by its name', async () => {
    const admin = await apiAs('admin');
    const me = await admin.get<{ user: { roles: { unitId: string }[] } }>('/api/auth/me');
    await admin.post('/api/users', { username, displayName, password: 'mat-khau-kiem-tra-12', role: 'editor', unitId: me.user.roles[0]!.unitId, email: `${username}@example.vn` });
    await admin.dispose();
  });

  for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const)
    it(`reads who did what to which named thing at ${size} px`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'admin', options);
      await page.goto(`${baseUrl()}/audit`);
      const search = page.getByTestId('audit-search');
      await search.fill('kiem tra nhat ky'); // without diacritics
      await search.press('Enter');
      const sentence = page.getByTestId('audit-sentence').first();
      // Filtered: every row found is about that account (the filter is by the thing's name, not an id).
      await expect
        .poll(async () => {
          const all = await page.getByTestId('audit-sentence').allTextContents();
          return all.length > 0 && all.every((s) => s.includes(displayName));
        }, { timeout: 15_000 })
        .toBe(true);
      const text = (await sentence.textContent())!;
      expect(text).toMatch(/\(admin\) đã tạo tài khoản Kiểm Tra Nhật Ký \d+ \(nhatky\.\d+\)/);
      expect(page.url()).toContain('q=kiem');
      await sentence.click();
      const changes = page.getByTestId('audit-changes').first();
      await changes.waitFor();
      const details = (await changes.textContent())!;
      expect(details).toContain(`Tên đăng nhập: ${username}`);
      expect(details).toContain(`Tên hiển thị: ${displayName}`);
      expect(details).toContain('Vai trò: Biên tập viên Cổng thông tin');
      expect(details).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // ids are named by the sentence, not shown
      expect(details).not.toMatch(/displayName|username|[{}"]/);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(Number(size));
      await page.waitForTimeout(300); // the accordion's transition
      await screenshot(page, `audit-sentences-${size}`);
    });
});
