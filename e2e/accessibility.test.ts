// Accessibility: axe-core (WCAG 2.0/2.1 A and AA) on every key page, for the roles that use them, at 1280 and
// 360 px — no serious or critical violation. And the keyboard: the phone menu holds focus and closes on Escape,
// the skip link takes focus to the main content. One context per role and size, pages visited in sequence.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, DEMO_PASSWORD, useBrowser } from './support.js';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an inline <script>.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [
  { name: '1280', viewport: { width: 1280, height: 800 } },
  { name: '360', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
] as const;

interface Finding {
  page: string;
  size: string;
  rule: string;
  impact: string;
  target: string;
  detail: string;
}

/** Waits until the page has loaded its data (no request in flight, no loader showing). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page
    .waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0, undefined, { timeout: 10_000 })
    .catch(() => {});
  await page.waitForTimeout(250); // transitions
}

async function axe(page: Page, label: string, size: string): Promise<Finding[]> {
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return (r.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: v.impact as string,
      nodes: (v.nodes as any[]).map((n) => ({
        target: (n.target as string[]).join(' '),
        impact: n.impact as string,
        data: (n.any as any[]).concat(n.all, n.none).map((c: any) => c.data).find((d: any) => d && typeof d === 'object' && 'contrastRatio' in d),
        summary: String(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim(),
      })),
    }));
  });
  const out: Finding[] = [];
  for (const v of result)
    for (const n of v.nodes) {
      const impact = n.impact ?? v.impact;
      if (impact !== 'serious' && impact !== 'critical') continue;
      const d = n.data;
      const detail = d ? `${d.fgColor} on ${d.bgColor} = ${d.contrastRatio}:1 (needs ${d.expectedContrastRatio})` : n.summary;
      out.push({ page: label, size, rule: v.id, impact, target: n.target, detail });
    }
  return out;
}

type Visit = { label: string; go: (page: Page) => Promise<void> };

/** Navigates inside the app (the router's history), without reloading it: the pages' own requests only. */
async function navigate(page: Page, path: string) {
  const here = await page.evaluate(() => location.origin).catch(() => '');
  if (here !== new URL(baseUrl()).origin) {
    await page.goto(`${baseUrl()}${path}`);
    return;
  }
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
}

const goto = (path: string, label = path): Visit => ({ label, go: (page) => navigate(page, path) });

/** Follows the first link in the main content whose address matches. */
const follow = (from: string, hrefPrefix: RegExp, label: string): Visit => ({
  label,
  go: async (page) => {
    await navigate(page, from);
    const href = await page
      .waitForFunction(
        (re) => [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href') ?? '').find((h) => new RegExp(re).test(h)),
        hrefPrefix.source,
        { timeout: 15_000 },
      )
      .then((h) => h.jsonValue() as Promise<string>)
      .catch(() => {
        throw new Error(`${label}: no link matching ${hrefPrefix} on ${from}`);
      });
    await navigate(page, href);
  },
});

/** Clicks something on the page (a tab, a button opening a form); `dialog` waits for the form. */
const click = (path: string, testId: string, label: string, dialog = false): Visit => ({
  label,
  go: async (page) => {
    await navigate(page, path);
    await page.getByTestId(testId).first().click();
    if (dialog) await page.getByRole('dialog').first().waitFor();
  },
});

/** A dissemination's status page: the demo's first one (found before the scan). */
let disseminationPath = '';
const dissemination: Visit = {
  label: 'dissemination status',
  go: async (page) => {
    if (!disseminationPath) throw new Error('dissemination: no link matching a dissemination in the demo');
    await navigate(page, disseminationPath);
  },
};

const DOCUMENT = /^\/documents\/(?!disseminations)[^/]+$/;
const ROLES: Record<string, Visit[]> = {
  admin: [
    goto('/dashboard'),
    follow('/units', /^\/units\/[^/]+$/, 'unit'),
    goto('/people'),
    follow('/people', /^\/people\/[^/]+$/, 'person'),
    goto('/import'),
    goto('/review'),
    click('/review', 'open-cycle', 'review: open a cycle', true),
    click('/review', 'review-templates-toggle', 'review: templates'),
    goto('/supervision'),
    follow('/supervision', /^\/supervision\/[^/]+$/, 'case'),
    goto('/warnings'),
    goto('/audit'),
    goto('/users'),
    goto('/documents'),
    follow('/documents', DOCUMENT, 'document'),
    dissemination,
  ],
  'canbo.xa': [
    goto('/units'),
    goto('/review'),
    goto('/supervision'),
    goto('/users'),
    follow('/documents', DOCUMENT, 'document'),
    // The new modules' pages (issue 14): home, meetings and a meeting, training and a course.
    goto('/', 'home'),
    goto('/meetings'),
    follow('/meetings', /^\/meetings\/[0-9a-f-]{36}$/, 'meeting'),
    goto('/training'),
    follow('/training', /^\/training\/courses\/[0-9a-f-]{36}$/, 'course'),
  ],
  kiemtra: [follow('/supervision', /^\/supervision\/[^/]+$/, 'case'), goto('/warnings')],
  bithu: [goto('/', 'home'), goto('/units'), goto('/review'), goto('/supervision'), follow('/documents', DOCUMENT, 'document')],
  dangvien: [goto('/people'), goto('/documents')],
};

async function signIn(page: Page, username: string) {
  await page.goto(`${baseUrl()}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor({ state: 'attached', timeout: 30_000 });
}

function report(findings: Finding[], runs: number): string {
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const head = `${findings.length} serious/critical elements on ${runs} page runs; by rule: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`;
  const seen = new Set<string>();
  const lines = findings
    .filter((f) => {
      const k = `${f.rule}|${f.detail}|${f.page}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, 80)
    .map((f) => `  [${f.size}] ${f.page}: ${f.rule} (${f.impact}) ${f.target} — ${f.detail}`);
  return [head, ...lines].join('\n');
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const browser = useBrowser();

  // A dissemination of the demo's; and the case pages need a case: the demo has none, so a report is sent to a
  // cell of canbo.xa's commune.
  beforeAll(async () => {
    const admin = await apiAs('admin');
    try {
      for (const d of (await admin.get('/api/documents')).items as { id: string }[]) {
        const sent = (await admin.get(`/api/documents/${d.id}/disseminations`)) as { id: string }[];
        if (sent.length) {
          disseminationPath = `/documents/disseminations/${sent[0].id}`;
          break;
        }
      }
      if ((await admin.get('/api/supervision/cases')).items.length > 0) return;
      const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
      const officer = users.find((u) => u.username === 'canbo.xa')!;
      const { children } = await admin.get(`/api/units/${officer.roles[0].unitId}`);
      const cell = (children as { id: string; kind: string; validTo: string | null }[]).find((u) => u.kind === 'cell' && !u.validTo)!;
      const res = await admin.ctx.post('/api/public/reports', {
        headers: { 'x-csrf-token': admin.csrf },
        data: { cellId: cell.id, category: 'suggestion', subject: 'cell', content: 'Đề nghị chi bộ họp công khai lịch sinh hoạt hằng tháng.', anonymous: true },
      });
      if (!res.ok()) throw new Error(`report: ${res.status()} ${await res.text()}`);
    } finally {
      await admin.dispose();
    }
  });

  const skipped: string[] = [];

  async function scan(b: Browser, username: string | null, visits: Visit[], findings: Finding[]): Promise<number> {
    let runs = 0;
    for (const size of SIZES) {
      const { name, ...options } = size;
      const context = await b.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        if (username) await signIn(page, username);
        for (const v of visits) {
          try {
            await v.go(page);
          } catch (err) {
            // A page that needs data this server lacks (a dissemination before any document was sent) is named.
            if (!String(err).includes('no link matching')) throw err;
            skipped.push(`${username} [${name}] ${String((err as Error).message)}`);
            continue;
          }
          findings.push(...(await axe(page, `${username ?? 'public'} ${v.label}`, name)));
          runs++;
          if (await page.getByRole('dialog').count()) {
            await page.keyboard.press('Escape');
            await page.getByRole('dialog').first().waitFor({ state: 'detached' });
          }
        }
      } finally {
        await context.close();
      }
    }
    return runs;
  }

  it('no serious or critical violation on the public pages and on every role’s key pages, at 1280 and 360 px', { timeout: 240_000 }, async () => {
    const findings: Finding[] = [];
    // The public pages are another document (public.html): scanned in a context of their own, entered by address.
    let runs = await scan(browser(), null, [goto('/login', 'sign-in')], findings);
    runs += await scan(browser(), null, [goto('/gop-y', 'public report'), goto('/gop-y/theo-doi', 'follow'), goto('/xac-minh', 'certificate check'), goto('/results/contest/2025', 'contest results')], findings);
    for (const [username, visits] of Object.entries(ROLES)) runs += await scan(browser(), username, visits, findings);
    const text = report(findings, runs);
    console.log(`axe: ${text.split('\n')[0]}`);
    if (skipped.length) console.log(`pages without data here:\n${skipped.join('\n')}`);
    expect(findings.length, text).toBe(0);
  });

  it('on a 360 px phone the menu opened with the keyboard holds focus and closes on Escape; the skip link works', async () => {
    const context = await browser().newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await signIn(page, 'bithu');
      await page.goto(`${baseUrl()}/people`);
      await settle(page);

      // The skip link: the first Tab stop, and it moves focus to the main content.
      await page.locator('body').focus();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Bỏ qua đến nội dung' });
      await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await skip.isVisible(), 'the skip link shows when focused').toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');

      // The burger, with the keyboard.
      const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
      await burger.focus();
      await page.keyboard.press('Enter');
      await expect(burger.getAttribute('aria-expanded')).resolves.toBe('true');
      const nav = page.locator('nav');
      await expect.poll(() => nav.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      // 40 Tab stops forward and 10 back: focus never leaves the menu (and its burger).
      const outside: string[] = [];
      for (let i = 0; i < 50; i++) {
        await page.keyboard.press(i < 40 ? 'Tab' : 'Shift+Tab');
        const where = await page.evaluate(() => {
          const a = document.activeElement;
          const inMenu = !!a && (!!a.closest('nav') || a.getAttribute('aria-label') === 'Mở/đóng menu');
          return inMenu ? null : `${a?.tagName} ${a?.textContent?.slice(0, 30)}`;
        });
        if (where) outside.push(where);
      }
      expect(outside, 'Tab stops outside the open menu').toEqual([]);

      await page.keyboard.press('Escape');
      await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => burger.evaluate((el) => el === document.activeElement), { message: 'focus back on the burger' }).toBe(true);
      const offScreen = async () => {
        const box = await page.getByTestId('nav-people').boundingBox();
        return box === null || box.x + box.width <= 1;
      };
      await expect.poll(offScreen, { message: 'the menu is off screen after Escape' }).toBe(true);
    } finally {
      await context.close();
    }
  });
});
