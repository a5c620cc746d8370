// A wait longer than a second shows progress and ends clearly, and a roster or a case prints (issue 14): a download through DownloadButton (the
// untrained-secretaries workbook) shows its bar, then names the saved file; a document's file upload shows the bytes
// travelling or the server working, then "done" — and "Đang tải tệp lên" never stays after the upload finished.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../src/domain/dates.js';
import { extractText } from '../src/server/modules/documents/file-text.js';
import { type Api, apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

/** Records every state the element with `testId` goes through (data-phase, or "shown"), however fast. */
async function watch(page: Page, testId: string) {
  await page.evaluate((id) => {
    const seen: string[] = ((window as unknown as { __seen: string[] }).__seen = []);
    const note = () => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const state = el ? (el.getAttribute('data-phase') ?? 'shown') : 'none';
      if (seen[seen.length - 1] !== state) seen.push(state);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
    note();
  }, testId);
  return () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
}

/** Clicks a DownloadButton and waits for its file: the name the browser saves it under, its text (a PDF's), and
 * whether the progress bar was seen; then waits for "done" and checks the page still fits `width`. */
async function downloadPdf(page: Page, testId: string, shot: string, width: number) {
  const button = page.getByTestId(testId);
  await button.waitFor();
  const seen = await watch(page, 'download-progress');
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  const text = (await extractText(Buffer.from(await (await import('node:fs/promises')).readFile((await file.path())!)))).replace(/\s+/g, ' ');
  expect(await seen()).toContain('shown');
  await page.getByTestId('download-done').waitFor();
  await screenshot(page, shot, false);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
  return { name: file.suggestedFilename(), text };
}

/** A real PDF of about 3 MB (a long comment before its end), so its upload takes more than one progress event. */
function bigPdf(): Buffer {
  const head = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 10 50 Td (tien do tai len) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n';
  const pad = `%${'x'.repeat(78)}\n`.repeat(40_000);
  return Buffer.from(`${head}${pad}trailer<</Root 1 0 R>>\n%%EOF\n`);
}

describe('progress on long waits', () => {
  const browser = useBrowser();
  let admin: Api;
  let documentId = '';
  let reporterName = '';

  beforeAll(async () => {
    admin = await apiAs('admin');
    const province = (await admin.get('/api/auth/me')).user.roles[0].unitId as string;
    const created = await admin.post('/api/documents', {
      unitId: province,
      typeCode: 'CT',
      issuerCode: 'TU',
      issuedOn: todayIso(),
      title: `Về thử tải tệp lên ${Date.now()}`,
      signer: 'T/M Ban Thường vụ Tỉnh ủy',
    });
    documentId = created.document?.id ?? created.id;
    expect(documentId).toBeTruthy();
    // A case in the commune officer's commune, to print.
    const member = await apiAs('dangvien');
    const me = (await member.get('/api/auth/me')).user;
    const cellId = me.roles[0].unitId as string;
    reporterName = me.displayName as string;
    await member.post('/api/supervision/reports', { cellId, category: 'suggestion', subject: 'village', content: 'Đề nghị sửa cầu treo bản dưới.' });
    await member.dispose();
  });

  afterAll(async () => {
    await admin?.dispose();
  });

  it('the untrained-secretaries workbook downloads with a progress bar, then names the file (360 px)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', PHONE);
    await page.goto(`${baseUrl()}/training`);
    await page.getByTestId('training-tab-untrained').click();
    const button = page.getByTestId('untrained-export');
    await button.waitFor();
    expect(await button.getAttribute('href'), 'still a real link').toMatch(/\/api\/training\/untrained\.xlsx/);
    const seen = await watch(page, 'download-progress');
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('download-done').waitFor();
    expect(await page.getByTestId('download-done').textContent()).toContain(file.suggestedFilename());
    expect(await page.getByTestId('download-progress').count(), 'the bar is gone').toBe(0);
    expect(await seen(), 'the bar was shown while the file came').toContain('shown');
    await screenshot(page, 'progress-download-360', false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
  }, 60_000);

  it("a document's file uploads with progress and ends with \"done\" (1280 px)", async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    await page.goto(`${baseUrl()}/documents/${documentId}`);
    const upload = page.getByTestId('document-upload');
    await upload.waitFor();
    const seen = await watch(page, 'document-upload-progress');
    const chooser = page.waitForEvent('filechooser');
    await upload.click();
    await (await chooser).setFiles({ name: 'chi-thi-thu.pdf', mimeType: 'application/pdf', buffer: bigPdf() });
    const status = page.getByTestId('document-upload-progress');
    await expect.poll(() => status.getAttribute('data-phase'), { timeout: 30_000 }).toBe('done');
    expect(await status.textContent()).toContain('Đã tải lên xong: chi-thi-thu.pdf');
    await page.getByTestId('document-download').waitFor();
    // "Đang tải tệp lên" is gone once the upload finished (issue 14, defect 11).
    expect(await page.locator('body').textContent()).not.toContain('Đang tải tệp lên');
    const states = await seen();
    expect(states.some((s) => s === 'sending' || s === 'processing'), `progress shown before done: ${states.join(' → ')}`).toBe(true);
    expect(states[states.length - 1]).toBe('done');
    await screenshot(page, 'progress-upload-1280', false);
  }, 60_000);

  it("a cell's roster prints as a PDF from the unit page, with progress (360 px)", async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'bithu', PHONE);
    const cellId = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))).user.roles[0].unitId as string;
    await page.goto(`${baseUrl()}/units/${cellId}`);
    const { name, text } = await downloadPdf(page, 'unit-print-roster', 'print-roster-360', 360);
    expect(name).toMatch(/^Danh sách đảng viên - .*\.pdf$/);
    expect(text).toContain('DANH SÁCH ĐẢNG VIÊN');
    expect(text).toMatch(/Tổng số: \d+ đảng viên/);
  }, 60_000);

  it('a case prints without the menu and the buttons, the reporter as the page shows it (1280 px, print media)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/supervision`);
    await page.getByTestId('supervision-case').filter({ hasText: 'Đề nghị sửa cầu treo bản dưới.' }).first().click();
    await page.getByTestId('case-print').waitFor();
    const reporter = (await page.getByTestId('case-reporter').textContent()) ?? '';
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false);
    expect(await page.getByTestId('case-print').isVisible()).toBe(false);
    expect(await page.getByTestId('case-content').isVisible()).toBe(true);
    expect((await page.getByTestId('case-reporter').textContent()) ?? '').toBe(reporter);
    await screenshot(page, 'print-case-1280');
  }, 60_000);

  it('the dashboard downloads as a PDF with progress: the unit named with its parent, vi-VN numbers (360 px)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await page.goto(`${baseUrl()}/dashboard`);
    await page.getByTestId('dashboard-pdf').waitFor();
    const dash = await page.evaluate(() => fetch('/api/dashboard').then((r) => r.json()));
    const { name, text } = await downloadPdf(page, 'dashboard-pdf', 'dashboard-pdf-360', 360);
    expect(name).toMatch(/^Số liệu - .*\.pdf$/);
    expect(text).toContain('SỐ LIỆU CHI BỘ, BÍ THƯ CHI BỘ');
    expect(text).toMatch(new RegExp(`${dash.unit.name} · \\S`));
    expect(text).toContain(`Toàn ${dash.unit.name} ${[dash.figures.cells, dash.figures.members].map((n: number) => n.toLocaleString('vi-VN')).join(' ')}`);
    for (const child of dash.children.slice(0, 3)) expect(text).toContain(child.unit.name);
  }, 60_000);

  it("a case downloads as a PDF from its page, with progress, without the reporter's name (360 px)", async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await page.goto(`${baseUrl()}/supervision`);
    await page.getByTestId('supervision-case').filter({ hasText: 'Đề nghị sửa cầu treo bản dưới.' }).first().click();
    const { name, text } = await downloadPdf(page, 'case-pdf', 'case-pdf-360', 360);
    expect(name).toMatch(/^Vụ việc #\d+ - .*\.pdf$/);
    expect(text).toContain('HỒ SƠ VỤ VIỆC GÓP Ý, PHẢN ÁNH');
    expect(text).toContain('Đề nghị sửa cầu treo bản dưới.');
    expect(reporterName.length).toBeGreaterThan(3);
    expect(text).not.toContain(reporterName);
  }, 60_000);
});
