// Two-factor sign-in as a new inspection officer meets it on a 360 px phone: the first sign-in leads to the
// set-up before anything else (QR code, key, first code), the recovery codes stay on screen until saved, and the
// next sign-in asks for a code after the password — computed here from the key the page showed.
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { apiAs, baseUrl, newPage, screenshot, useBrowser } from './support.js';

const PASSWORD = 'a-long-password-2fa';
const codeFor = (secret: string, offsetSteps = 0) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, timestamp: Date.now() + offsetSteps * 30_000 });

describe('two-factor sign-in', () => {
  const browser = useBrowser();

  it('enrols a new inspection officer at 360 px and signs in with a code', async (ctx) => {
    const admin = await apiAs('admin');
    const me = await admin.get('/api/auth/me');
    const username = `kt.2fa.${Date.now() % 1_000_000}`;
    await admin.post('/api/users', { username, displayName: 'Cán bộ kiểm tra 2FA', password: PASSWORD, role: 'inspection_officer', unitId: me.user.roles[0].unitId });
    await admin.dispose();

    const page = await newPage(browser(), ctx, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    // The role must use it: the set-up comes first.
    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').locator('svg').waitFor();
    const secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByTestId('two-factor-code').fill(codeFor(secret));
    await page.getByTestId('two-factor-confirm').click();
    await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'two-factor-recovery-codes-360');
    await page.getByTestId('recovery-saved').click();
    await page.getByTestId('logout').waitFor({ state: 'attached', timeout: 30_000 });

    // Next time: the password, then a code (of the next time step: the one of the set-up is taken).
    await page.context().clearCookies();
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-code').fill(codeFor(secret, 1));
    await screenshot(page, 'two-factor-second-step-360');
    await page.getByTestId('login-verify').click();
    await page.getByTestId('logout').waitFor({ state: 'attached', timeout: 30_000 });
    const status = await page.evaluate(async () => (await fetch('/api/auth/two-factor')).json());
    expect(status).toMatchObject({ enabled: true, required: true, recoveryCodesLeft: 10 });
  });
});
