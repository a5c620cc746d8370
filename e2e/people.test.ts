// People search and the person page, as the province admin: search ignores diacritics, dates read dd/mm/yyyy,
// and lists follow Vietnamese name order (given name first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, compareViWords, fold, screenshot, signedInPage, useBrowser } from './support.js';

interface PersonItem {
  id: string;
  fullName: string;
  birthDate: string;
  joinedOn: string;
  officialOn: string | null;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const givenName = (fullName: string) => fullName.trim().split(/\s+/).at(-1) ?? '';

describe('people', () => {
  const browser = useBrowser();
  let admin: Api;
  let person: PersonItem; // a demo member whose name has diacritics

  beforeAll(async () => {
    admin = await apiAs('admin');
    const items = (await admin.get('/api/people', { limit: 5 })).items as PersonItem[];
    const withMarks = items.find((p) => fold(p.fullName) !== p.fullName.toLowerCase());
    if (!withMarks) throw new Error(`No name with diacritics among ${items.map((p) => p.fullName).join(', ')}`);
    person = withMarks;
  });

  afterAll(async () => {
    await admin?.dispose();
  });

  it('finds a name typed without diacritics, and the person page shows dates as dd/mm/yyyy', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin');
    await page.getByTestId('nav-people').click();
    const typed = fold(person.fullName);
    expect(typed).not.toBe(person.fullName);
    await page.getByTestId('people-search').fill(typed);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
    const row = page.getByTestId('people-row').filter({ hasText: person.fullName }).first();
    // Common names match many people: page on ("load more") until the person shows up.
    await page.getByTestId('people-row').first().waitFor();
    for (let i = 0; i < 10 && (await row.count()) === 0; i++) {
      const more = page.getByTestId('people-more');
      if ((await more.count()) === 0) break;
      const before = await page.getByTestId('people-row').count();
      await more.click();
      await expect.poll(() => page.getByTestId('people-row').count()).toBeGreaterThan(before);
    }
    await row.waitFor();
    // Every row found matches each folded word of the query.
    for (const text of await page.getByTestId('people-row').allInnerTexts()) {
      for (const word of typed.split(' ')) expect(fold(text)).toContain(word);
    }
    await screenshot(page, 'people-search-folded');

    // The row itself shows the birth date as dd/mm/yyyy.
    expect(await row.innerText()).toContain(dmy(person.birthDate));

    await row.getByRole('link', { name: person.fullName }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]+$/);
    await expect.poll(() => page.getByTestId('person-name').innerText()).toBe(person.fullName);
    const detail = (await admin.get(`/api/people/${new URL(page.url()).pathname.split('/').pop()}`)).person as PersonItem;
    const main = await page.locator('main').innerText();
    for (const iso of [detail.birthDate, detail.joinedOn, detail.officialOn]) {
      if (!iso) continue;
      expect(main, `date ${iso} shown as dd/mm/yyyy`).toContain(dmy(iso));
    }
    expect(main, 'no ISO dates on the page').not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // Every date-looking text is dd/mm/yyyy.
    for (const d of main.match(/\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/g) ?? []) expect(d).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await screenshot(page, 'people-person-page');
  });

  it('lists people in Vietnamese name order: given name first', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin');
    await page.getByTestId('nav-people').click();
    const rows = page.getByTestId('people-row');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(20);
    const names = (await rows.locator('a').allInnerTexts()).slice(0, 30).map((s) => s.trim());
    expect(names.length).toBeGreaterThanOrEqual(20);
    const given = names.map(givenName);
    for (let i = 1; i < given.length; i++) {
      expect(compareViWords(given[i - 1], given[i]), `"${names[i - 1]}" before "${names[i]}" (given names ${given[i - 1]} ≤ ${given[i]})`).toBeLessThanOrEqual(0);
    }
    // The province has ~125,000 members: the list starts at the letter A of the given name…
    expect(fold(given[0]).startsWith('a')).toBe(true);
    // Ties of the given name are ordered by the family name.
    for (let i = 1; i < names.length; i++) {
      if (compareViWords(given[i - 1], given[i]) !== 0) continue;
      const [a, b] = [names[i - 1].split(/\s+/)[0], names[i].split(/\s+/)[0]];
      expect(compareViWords(a, b), `"${names[i - 1]}" before "${names[i]}" (same given name: family names)`).toBeLessThanOrEqual(0);
    }

    // The list paginates in the same order: the next page continues after the last given name.
    const more = page.getByTestId('people-more');
    if (await more.count()) {
      const shown = await rows.count();
      const lastBefore = givenName((await rows.nth(shown - 1).locator('a').innerText()).trim());
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(shown);
      const firstAfter = givenName((await rows.nth(shown).locator('a').innerText()).trim());
      expect(compareViWords(lastBefore, firstAfter)).toBeLessThanOrEqual(0);
    }
  });

  it('orders the members of a cell by given name, not by family name', async (ctx) => {
    // A cell with many members, so given and family names are both varied.
    const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
    const communeId = users.find((u) => u.username === 'canbo.xa')?.roles[0].unitId;
    const children = (await admin.get(`/api/units/${communeId}`)).children as { id: string; name: string; kind: string; memberCount: number }[];
    const cell = children.filter((c) => c.kind === 'cell').sort((a, b) => b.memberCount - a.memberCount)[0];
    expect(cell.memberCount).toBeGreaterThanOrEqual(10);

    const page = await signedInPage(browser(), ctx, 'admin');
    await page.goto(`${baseUrl()}/people?unitId=${cell.id}`);
    const rows = page.getByTestId('people-row');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(Math.min(cell.memberCount, 50));
    const names = (await rows.locator('a').allInnerTexts()).map((s) => s.trim());
    const given = names.map(givenName);
    const families = names.map((n) => n.split(/\s+/)[0]);
    expect(new Set(given.map(fold)).size, 'varied given names').toBeGreaterThanOrEqual(3);
    for (let i = 1; i < names.length; i++) {
      expect(compareViWords(given[i - 1], given[i]), `"${names[i - 1]}" before "${names[i]}"`).toBeLessThanOrEqual(0);
    }
    // Sorted by given name, the family names come out of order (a family-first list would have them sorted).
    const familySorted = families.every((f, i) => i === 0 || compareViWords(families[i - 1], f) <= 0);
    expect(familySorted, `family names of ${cell.name} in the shown order: ${families.join(', ')}`).toBe(false);
    await screenshot(page, 'people-cell-order');
  });
});
