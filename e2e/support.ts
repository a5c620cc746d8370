// Shared pieces of the browser tests: one Chromium per file, a fresh context per test (with a screenshot in
// .tmp/e2e/ when the test fails), an API client for setting up and checking, and roster files made the way a
// user makes them (LibreOffice).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, inject, type TestContext } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signInAs } from './browser.js';

export { DEMO_PASSWORD, signInAs };

export const ARTIFACTS = path.resolve('.tmp/e2e');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const baseUrl = () => inject('baseUrl');

/** Launches Chromium once for the calling test file; the getter gives it to the tests. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is not running');
    return browser;
  };
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 90);
}

/**
 * A new browser context and page for one test. When the test fails, the page's screenshot goes to
 * .tmp/e2e/FAILED-<test>.png (its path is printed); the context is closed when the test ends.
 */
export async function newPage(browser: Browser, ctx: TestContext, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  // One hook, so the screenshot is taken before the context closes.
  ctx.onTestFinished(async () => {
    if (ctx.task.result?.state === 'fail') {
      const file = path.join(ARTIFACTS, `FAILED-${slug(ctx.task.name)}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true });
        console.error(`screenshot of the failed test "${ctx.task.name}" (at ${page.url()}): ${file}`);
        if (consoleErrors.length) console.error(`page errors:\n${consoleErrors.join('\n')}`);
      } catch (err) {
        console.error(`no screenshot for "${ctx.task.name}": ${String(err)}`);
      }
    }
    await context.close().catch(() => {});
  });
  return page;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new Map<string, StorageState>();

/**
 * A new context signed in as `username`: through the sign-in form the first time in a test file, then with
 * that session's cookies (sign-ins are rate limited to 20 a minute, and the form is tested elsewhere).
 */
export async function signedInPage(browser: Browser, ctx: TestContext, username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const state = sessions.get(username);
  const page = await newPage(browser, ctx, state ? { ...options, storageState: state } : options);
  if (state) {
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('logout').waitFor({ state: 'attached', timeout: 30_000 });
    return page;
  }
  await signInAs(page, baseUrl(), username);
  sessions.set(username, await page.context().storageState());
  return page;
}

/** Screenshot into .tmp/e2e/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export interface Api {
  ctx: APIRequestContext;
  csrf: string;
  get<T = any>(p: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T = any>(p: string, body: unknown): Promise<T>;
  dispose(): Promise<void>;
}

/** Signs in through the API (its own cookie jar, not the browser's). */
export async function apiAs(username: string, password = DEMO_PASSWORD): Promise<Api> {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  const res = await ctx.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`API sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const check = async (method: string, p: string, r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<any> => {
    if (!r.ok()) throw new Error(`${method} ${p} as ${username}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  return {
    ctx,
    csrf: csrfToken,
    get: async (p, query) => {
      const params = Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
      return check('GET', p, await ctx.get(p, { params }));
    },
    post: async (p, body) => check('POST', p, await ctx.post(p, { data: body as object, headers: { 'x-csrf-token': csrfToken } })),
    dispose: () => ctx.dispose(),
  };
}

/** The API as the browser page's signed-in user (same cookies); reads only. */
export async function pageGet<T = any>(page: Page, p: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(new URL(p, baseUrl()).toString());
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}

/** Lowercase, no diacritics (đ → d), single spaces: what a user types on a keyboard without Vietnamese input. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd').replace(/\s+/g, ' ').trim();
}

// Vietnamese alphabetical order of letters (ă after a, đ after d, …), tones ignored: the test's own oracle for
// the list order, written independently of the server's sort key.
const VI_ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'];
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Letters of a word as positions in the Vietnamese alphabet, tones removed. */
export function viLetters(word: string): number[] {
  const plain = word.toLowerCase().normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  return [...plain].map((ch) => VI_ALPHABET.indexOf(ch)).filter((i) => i >= 0);
}

export function compareViWords(a: string, b: string): number {
  const x = viLetters(a);
  const y = viLetters(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Text contains letters only Vietnamese has (tone marks, ă â đ ê ô ơ ư). */
export const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

export interface RosterRow {
  fullName: string;
  birthDate: string; // dd/mm/yyyy
  sex: 'Nam' | 'Nữ';
  ethnicity: string;
  partyCardNo: string;
  joinedOn: string; // dd/mm/yyyy
  officialOn: string; // dd/mm/yyyy or ''
  cccd: string;
  phone: string;
  education: string;
  theoryLevel: string;
  cellCode: string;
}

const ROSTER_HEADERS = [
  'STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Số thẻ đảng', 'Ngày vào Đảng', 'Ngày chính thức', 'Số CCCD',
  'Số điện thoại', 'Trình độ chuyên môn', 'Lý luận chính trị', 'Mã chi bộ', 'Chức vụ trong chi bộ', 'Kiêm nhiệm',
  'Ngày cấp máy tính xách tay',
];

function rosterCells(r: RosterRow, i: number): string[] {
  return [String(i + 1), r.fullName, r.birthDate, r.sex, r.ethnicity, r.partyCardNo, r.joinedOn, r.officialOn, r.cccd, r.phone, r.education, r.theoryLevel, r.cellCode, '', '', ''];
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function sofficeAvailable(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A roster .xlsx the way an officer makes one: a CSV opened and saved by LibreOffice (dates read as
 * day/month/year, so they become real date cells; CCCD and phone become numbers, as in a real sheet).
 * Without LibreOffice, ExcelJS writes an equivalent file and `madeBy` says so.
 */
export async function makeRoster(rows: RosterRow[], name: string): Promise<{ file: string; madeBy: 'libreoffice' | 'exceljs' }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-roster-'));
  const csv = path.join(dir, `${name}.csv`);
  const lines = [ROSTER_HEADERS, ...rows.map(rosterCells)].map((cells) => cells.map(csvField).join(','));
  fs.writeFileSync(csv, `${lines.join('\n')}\n`, 'utf8');
  const out = path.join(ARTIFACTS, `${name}.xlsx`);
  fs.rmSync(out, { force: true });
  if (sofficeAvailable()) {
    // Comma-separated, '"' quotes, UTF-8 (76), from line 1; columns 3, 7, 8 (dates) as D/M/Y (4).
    const filter = 'CSV:44,34,76,1,3/4/7/4/8/4/16/4';
    const profile = `file://${path.join(dir, 'lo-profile')}`; // own profile: no clash with another soffice
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', `--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', dir, csv], {
      stdio: 'ignore',
      timeout: 90_000,
    });
    fs.copyFileSync(path.join(dir, `${name}.xlsx`), out);
    fs.rmSync(dir, { recursive: true, force: true });
    return { file: out, madeBy: 'libreoffice' };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(ROSTER_HEADERS);
  rows.forEach((r, i) => ws.addRow(rosterCells(r, i)));
  await wb.xlsx.writeFile(out);
  fs.rmSync(dir, { recursive: true, force: true });
  return { file: out, madeBy: 'exceljs' };
}

/** Digits that differ per run, so re-running against the same database never collides. */
export function runDigits(n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(Math.random() * 1e9).toString().padStart(9, '0');
  return s.slice(0, n);
}

/** Waits until the element's text (trimmed) satisfies `ok`; returns the last text. */
export async function waitForText(page: Page, testId: string, ok: (t: string) => boolean, timeout = 15_000): Promise<string> {
  const loc = page.getByTestId(testId).first();
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = ((await loc.textContent({ timeout: Math.max(1, until - Date.now()) }).catch(() => null)) ?? '').trim();
    if (ok(last)) return last;
    await page.waitForTimeout(150);
  }
  return last;
}

/** scrollWidth of the document (wider than the viewport means a horizontal scroll bar). */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
