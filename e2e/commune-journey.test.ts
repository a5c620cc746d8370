// The acceptance journey of a commune officer (canbo.xa): read the commune's member count on the dashboard,
// import a roster made with LibreOffice, see the count grow by exactly the number imported — and never see
// anything of another commune (canbo.xa2's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  apiAs,
  baseUrl,
  fold,
  makeRoster,
  pageGet,
  type RosterRow,
  runDigits,
  screenshot,
  signedInPage,
  useBrowser,
  waitForText,
} from './support.js';

interface UnitRef {
  id: string;
  name: string;
  code: string | null;
}

describe('commune officer journey (canbo.xa)', () => {
  const browser = useBrowser();
  let admin: Api;
  let own: UnitRef; // canbo.xa's commune
  let other: UnitRef; // canbo.xa2's commune
  let cell: UnitRef; // a current cell of canbo.xa's commune
  const imported: RosterRow[] = [];

  beforeAll(async () => {
    admin = await apiAs('admin');
    const users = (await admin.get('/api/users')).items as { username: string; roles: { role: string; unitId: string }[] }[];
    const unitOf = async (username: string): Promise<UnitRef> => {
      const user = users.find((u) => u.username === username);
      if (!user) throw new Error(`No demo account ${username}`);
      const { unit } = await admin.get(`/api/units/${user.roles[0].unitId}`);
      return { id: unit.id, name: unit.name, code: unit.code };
    };
    own = await unitOf('canbo.xa');
    other = await unitOf('canbo.xa2');
    expect(own.id).not.toBe(other.id);
    const detail = await admin.get(`/api/units/${own.id}`);
    const c = (detail.children as { id: string; name: string; code: string | null; kind: string; validTo: string | null }[]).find(
      (u) => u.kind === 'cell' && !u.validTo && u.code,
    );
    if (!c) throw new Error(`No current cell with a code under ${own.name}`);
    cell = { id: c.id, name: c.name, code: c.code };
  });

  afterAll(async () => {
    await admin?.dispose();
  });

  it('imports a LibreOffice roster and the dashboard count grows by exactly the number created', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa'); // the sign-in form, the first time

    // 1. The dashboard of the officer's commune.
    await page.getByTestId('nav-dashboard').click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toContain(own.name);
    // vi-VN groups thousands with a dot (issue 14, defect 11): "1.308".
    const viInt = (t: string) => Number(t.replace(/\./g, ''));
    const beforeText = await waitForText(page, 'figure-members', (t) => /^\d{1,3}(\.\d{3})*$/.test(t));
    expect(beforeText, 'figure-members grouped in thousands the Vietnamese way').toMatch(/^\d{1,3}(\.\d{3})+$/);
    const before = viInt(beforeText);
    expect(before).toBeGreaterThan(0);

    // 2. A roster of three new members of a cell of the commune, typed as CSV and saved as .xlsx by LibreOffice.
    const run = runDigits(14);
    const names = ['Lường Thị Xuân', 'Hà Văn Đức', 'Nông Thị Ánh'];
    names.forEach((fullName, i) => {
      imported.push({
        fullName,
        birthDate: `0${i + 1}/0${i + 3}/19${80 + i}`,
        sex: i === 1 ? 'Nam' : 'Nữ',
        ethnicity: 'Tày',
        partyCardNo: `E2E${run.slice(0, 8)}${i}`,
        joinedOn: `1${i}/05/20${10 + i}`,
        officialOn: `1${i}/05/20${11 + i}`,
        cccd: `095${i % 2}${80 + i}${run.slice(8, 13)}${i}`,
        phone: `09${run.slice(0, 7)}${i}`,
        education: 'Đại học',
        theoryLevel: 'Sơ cấp',
        cellCode: cell.code ?? '',
      });
    });
    const roster = await makeRoster(imported, `roster-${cell.code}-${run.slice(0, 6)}`);
    // CI installs LibreOffice (.ci/run): there the file must be LibreOffice's own; elsewhere ExcelJS stands in, loudly.
    if (process.env.CI === 'true') expect(roster.madeBy).toBe('libreoffice');
    else if (roster.madeBy !== 'libreoffice') console.warn('soffice is missing: the roster was written by ExcelJS instead of LibreOffice');

    // 3. Import it into the commune (the import page starts on the officer's own unit).
    await page.getByTestId('nav-import').click();
    await expect.poll(() => page.getByTestId('import-unit').inputValue()).toBe(own.name);
    await page.getByTestId('import-file').setInputFiles(roster.file);
    await expect.poll(() => page.getByTestId('import-file-name').innerText()).toContain('.xlsx');
    await page.getByTestId('import-submit').click();
    const status = page.getByTestId('import-status');
    await status.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 60_000, interval: 250 })
      .toMatch(/^(done|invalid|failed)$/);
    const final = await status.getAttribute('data-status');
    if (final !== 'done') {
      const errors = await page.getByTestId('import-error-row').allInnerTexts();
      await screenshot(page, 'journey-import-not-done');
      throw new Error(`The import ended "${final}" instead of "done"; errors: ${JSON.stringify(errors)}`);
    }
    const created = Number((await page.getByTestId('import-created').innerText()).trim());
    expect(created).toBe(imported.length);
    await screenshot(page, 'journey-import-done');

    // 4. Back on the dashboard: the commune has exactly `created` more members.
    await page.getByTestId('nav-dashboard').click();
    const after = await waitForText(page, 'figure-members', (t) => viInt(t) === before + created, 20_000);
    expect(viInt(after), `figure-members after importing ${created} (was ${before})`).toBe(before + created);

    // The new members are in the cell named by the roster.
    await page.goto(`${baseUrl()}/units/${cell.id}`);
    await page.getByTestId('unit-name-title').waitFor();
    for (const r of imported) await page.getByTestId('people-row').filter({ hasText: r.fullName }).first().waitFor();
  });

  it('sees only their own commune in the org tree', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa');
    await page.getByTestId('nav-units').click();
    const children = page.getByTestId('unit-child');
    await children.first().waitFor();
    await expect.poll(() => children.count()).toBe(1);
    expect(await children.first().innerText()).toContain(own.name);
    expect(await page.locator('main').innerText()).not.toContain(other.name);

    // One level down: only cells of the own commune.
    await children.first().getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('unit-name-title').innerText()).toBe(own.name);
    expect(await page.locator('main').innerText()).not.toContain(other.name);

    // The unit picker of the import page does not offer the other commune either.
    await page.getByTestId('nav-import').click();
    const picker = page.getByTestId('import-unit');
    await picker.click();
    const searched = page.waitForResponse((r) => r.url().includes('/api/units/search') && new URL(r.url()).searchParams.get('q') === other.name);
    await picker.fill(other.name);
    const res = await searched;
    expect(res.status()).toBe(200);
    expect(((await res.json()).items as { id: string }[]).map((u) => u.id)).not.toContain(other.id);
    await page.waitForTimeout(300);
    expect(await page.getByRole('option', { name: other.name }).count()).toBe(0);
  });

  it('gets "not found" and no data when opening the other commune by its address', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa');
    expect((await pageGet(page, `/api/units/${other.id}`)).status).toBe(404);

    for (const path of [`/units/${other.id}`, `/dashboard/${other.id}`]) {
      await page.goto(`${baseUrl()}${path}`);
      const alert = page.getByTestId('error-alert');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text, `${path}: the not-found message in Vietnamese`).toContain('Không tìm thấy');
      const main = await page.locator('main').innerText();
      expect(main, `${path} shows nothing of ${other.name}`).not.toContain(other.name);
      expect(main).not.toContain(other.code ?? '\u0000');
      expect(await page.getByTestId('unit-name-title').count()).toBe(0);
      expect(await page.getByTestId('figure-members').count()).toBe(0);
    }
    await screenshot(page, 'journey-other-commune-not-found');
  });

  it('finds no one of the other commune in the people search', async (ctx) => {
    // A name held only by members of the other commune (checked as the province admin).
    const cellsOfOther = new Set(((await admin.get(`/api/units/${other.id}`)).children as { id: string }[]).map((c) => c.id));
    const candidates = (await admin.get('/api/people', { unitId: other.id, limit: 60 })).items as { fullName: string }[];
    let name: string | undefined;
    for (const p of candidates) {
      const all = (await admin.get('/api/people', { q: p.fullName, limit: 100 })).items as { fullName: string; unit: { id: string } | null }[];
      if (all.length > 0 && all.length < 100 && all.every((x) => x.unit && cellsOfOther.has(x.unit.id))) {
        name = p.fullName;
        break;
      }
    }
    if (!name) throw new Error(`No name found that only ${other.name} has among ${candidates.length} candidates`);

    const page = await signedInPage(browser(), ctx, 'canbo.xa');
    await page.getByTestId('nav-people').click();
    const search = page.getByTestId('people-search');

    // Control: a name of the own commune is found the same way (the imported members, if the journey ran).
    const own = imported[0]?.fullName;
    if (own) {
      await search.fill(fold(own));
      await page.getByTestId('people-row').filter({ hasText: own }).first().waitFor();
    }

    await search.fill(name);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(name);
    await page.getByTestId('people-empty').waitFor();
    expect(await page.getByTestId('people-row').count(), `rows for "${name}" (only in ${other.name})`).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(name);
    await screenshot(page, 'journey-search-other-commune');
  });
});
