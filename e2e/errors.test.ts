// Errors a user meets: the "Add member" form shows every field problem at once, in Vietnamese, and saves
// nothing; a wrong password gets a Vietnamese message.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, type TestContext } from 'vitest';
import { baseUrl, newPage, pageGet, runDigits, screenshot, signedInPage, useBrowser, VIETNAMESE_LETTERS } from './support.js';

/** The error text Mantine shows under an input (tied to it by aria-describedby), or null. */
async function fieldError(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).evaluate((el) => {
    if (el.getAttribute('aria-invalid') !== 'true') return null;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const texts = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').filter(Boolean);
    return texts.join(' ') || '(marked invalid, no message)';
  });
}

const FIELDS = ['person-fullName', 'person-birthDate', 'person-sex', 'person-ethnicity', 'person-partyCardNo', 'person-joinedOn', 'person-officialOn', 'person-cccd', 'person-phone', 'person-memberSince'];

async function allFieldErrors(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of FIELDS) {
    if ((await page.getByTestId(id).count()) === 0) continue;
    const e = await fieldError(page, id);
    if (e) out[id] = e;
  }
  return out;
}

async function typeDate(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId);
  await input.fill(text);
  await input.press('Tab'); // closes the calendar, which would cover the next field
}

/** canbo.xa on the page of a cell of the commune; returns the cell id and its member count. */
async function openCell(browser: Browser, ctx: TestContext): Promise<{ page: Page; cellId: string; members: number }> {
  const page = await signedInPage(browser, ctx, 'canbo.xa');
  await page.getByTestId('nav-units').click();
  await page.getByTestId('unit-child').first().getByRole('link').first().click(); // the commune
  await page.waitForURL(/\/units\/[0-9a-f-]{36}$/);
  await page.getByTestId('unit-name-title').waitFor(); // the commune's page (the root list has no title)
  await page.getByTestId('unit-child').first().waitFor();
  await page.getByTestId('unit-child').first().getByRole('link').first().click(); // its first cell
  await page.getByTestId('action-add-member').waitFor();
  const cellId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const members = (await pageGet(page, `/api/units/${cellId}`)).body.figures.members as number;
  return { page, cellId, members };
}

async function fillValid(page: Page, fullName: string, birthDate: string | null = '15/03/1985') {
  await page.getByTestId('person-fullName').fill(fullName);
  if (birthDate) await typeDate(page, 'person-birthDate', birthDate);
  await page.getByTestId('person-sex').click();
  await page.getByRole('option', { name: 'Nam', exact: true }).click();
  await page.getByTestId('person-ethnicity').fill('Kinh');
  await page.getByTestId('person-partyCardNo').fill(`E2E${runDigits(8)}`);
  await typeDate(page, 'person-joinedOn', '10/05/2010');
}

async function nothingCreated(page: Page, cellId: string, members: number, fullName: string) {
  const unit = await pageGet(page, `/api/units/${cellId}`);
  expect(unit.body.figures.members, 'members of the cell after the refused form').toBe(members);
  const found = await pageGet(page, `/api/people?q=${encodeURIComponent(fullName)}&status=active`);
  expect(found.body.items.filter((p: { fullName: string }) => p.fullName === fullName)).toEqual([]);
}

function expectVietnamese(errors: Record<string, string>) {
  for (const [field, text] of Object.entries(errors)) {
    expect(text, `the error of ${field} is in Vietnamese`).toMatch(VIETNAMESE_LETTERS);
  }
}

describe('errors', () => {
  const browser = useBrowser();

  it('"Add member": an invalid CCCD and an impossible date (31/02) are both shown at once, in Vietnamese; nothing is saved', async (ctx) => {
    const { page, cellId, members } = await openCell(browser(), ctx);
    await page.getByTestId('action-add-member').click();
    await page.getByTestId('add-member-modal').getByTestId('person-fullName').waitFor();

    const fullName = 'Trần Thị Ngày';
    await fillValid(page, fullName, null);
    await typeDate(page, 'person-birthDate', '31/02/1985');
    const birthShown = await page.getByTestId('person-birthDate').inputValue();
    await page.getByTestId('person-cccd').fill('12345');
    await page.getByTestId('modal-submit').click();

    try {
      await expect
        .poll(() => allFieldErrors(page), { timeout: 5_000 })
        .toSatisfy((e: Record<string, string>) => 'person-cccd' in e && 'person-birthDate' in e);
    } catch {
      const now = await allFieldErrors(page);
      const native = await page.getByTestId('person-birthDate').evaluate((el) => (el as HTMLInputElement).validationMessage);
      await screenshot(page, 'errors-impossible-date');
      throw new Error(
        `Expected errors on CCCD and birth date together. Typed "31/02/1985" into the birth date; the field then showed "${birthShown}". ` +
          `Field errors shown: ${JSON.stringify(now)}; the browser's own validation message on the birth date: "${native}" ` +
          `(screenshot .tmp/e2e/errors-impossible-date.png).`,
      );
    }
    const errors = await allFieldErrors(page);
    expectVietnamese(errors);
    await screenshot(page, 'errors-add-member-impossible-date');
    await nothingCreated(page, cellId, members, fullName);
  });

  /** Fills the form, submits, and checks: the fields named are exactly the ones in error, all in Vietnamese. */
  async function submitExpectingErrors(page: Page, fullName: string, set: (page: Page) => Promise<void>, expected: string[], shot: string) {
    await fillValid(page, fullName);
    await set(page);
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/people') && r.request().method() === 'POST');
    await page.getByTestId('modal-submit').click();
    const res = await posted;
    expect(res.status()).toBe(400);
    const sent = ((await res.json()).error.fields as { path: string }[]).map((f) => `person-${f.path}`);
    try {
      await expect.poll(() => allFieldErrors(page), { timeout: 5_000 }).toSatisfy((e: Record<string, string>) => expected.every((f) => f in e));
    } catch {
      await screenshot(page, shot);
      throw new Error(
        `Expected errors on ${expected.join(', ')} at once; the server answered with problems on ${sent.join(', ') || 'nothing'} ` +
          `and the form shows ${JSON.stringify(await allFieldErrors(page))} (screenshot .tmp/e2e/${shot}.png).`,
      );
    }
    const errors = await allFieldErrors(page);
    // Every problem the server named is on its own field, and nothing else is marked.
    expect(Object.keys(errors).sort()).toEqual([...new Set([...sent, ...expected])].sort());
    expect(await page.getByTestId('add-member-modal').getByTestId('error-alert').count(), 'no leftover form-level alert').toBe(0);
    await screenshot(page, shot);
    expectVietnamese(errors);
  }

  it('"Add member": invalid CCCD, joined before 18 and official before joining — every field error at once, in Vietnamese; nothing is saved', async (ctx) => {
    const { page, cellId, members } = await openCell(browser(), ctx);
    await page.getByTestId('action-add-member').click();
    await page.getByTestId('person-fullName').waitFor();
    const fullName = 'Trần Thị Thử';
    await submitExpectingErrors(
      page,
      fullName,
      async (p) => {
        await typeDate(p, 'person-birthDate', '15/03/2000');
        await typeDate(p, 'person-joinedOn', '10/05/2010'); // at 10 years old
        await typeDate(p, 'person-officialOn', '10/05/2009'); // before joining
        await p.getByTestId('person-cccd').fill('12345');
      },
      ['person-cccd', 'person-joinedOn', 'person-officialOn'],
      'errors-add-member',
    );
    await nothingCreated(page, cellId, members, fullName);
  });

  it('"Add member": invalid CCCD and a joining date in the future — both errors at once, in Vietnamese; nothing is saved', async (ctx) => {
    const { page, cellId, members } = await openCell(browser(), ctx);
    await page.getByTestId('action-add-member').click();
    await page.getByTestId('person-fullName').waitFor();
    const fullName = 'Trần Văn Thử';
    await submitExpectingErrors(
      page,
      fullName,
      async (p) => {
        await typeDate(p, 'person-joinedOn', '10/05/2090'); // has not happened yet
        await p.getByTestId('person-cccd').fill('12345');
      },
      ['person-cccd', 'person-joinedOn'],
      'errors-add-member-future-date',
    );
    await nothingCreated(page, cellId, members, fullName);
  });

  it('"Add member": an empty party card number (not required) is no error', async (ctx) => {
    const { page } = await openCell(browser(), ctx);
    await page.getByTestId('action-add-member').click();
    await page.getByTestId('person-fullName').waitFor();
    await fillValid(page, 'Trần Văn Thẻ');
    await page.getByTestId('person-partyCardNo').fill('');
    await page.getByTestId('person-cccd').fill('12345'); // keeps the form from saving
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => allFieldErrors(page), { timeout: 5_000 }).toHaveProperty('person-cccd');
    const errors = await allFieldErrors(page);
    expect(errors, 'only the CCCD is wrong').toEqual({ 'person-cccd': errors['person-cccd'] });
  });

  it('a wrong password gets a Vietnamese message', async (ctx) => {
    const page = await newPage(browser(), ctx);
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('login-username').fill('dangvien');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('Không đăng nhập được');
    expect(text).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(text).toMatch(VIETNAMESE_LETTERS);
    expect(text).not.toMatch(/wrong|invalid|password/i);
    expect(await page.getByTestId('logout').count()).toBe(0);
    await screenshot(page, 'errors-wrong-password');
  });
});
