// From a course to a certificate anyone can check: a commune officer creates a course of their commune (1280 px),
// enrols the secretaries the system suggests in one action, records the session's attendance on a 360 px phone
// (one trainee absent), completes the course after a confirmation; the certificate's PDF carries the address of
// the public page with the signature, and that page — no account — says the certificate is valid and signed, and
// shows the record's own details; a tampered signature is reported. Screenshots go to .tmp/e2e/training-*.png.
import { describe, expect, inject, it } from 'vitest';
import { formatDateVi, todayIso } from '../src/domain/dates.js';
import { extractText } from '../src/server/modules/documents/file-text.js';
import { apiAs, baseUrl, newPage, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('training', () => {
  const browser = useBrowser();
  let courseUrl = '';
  let enrolled = 0;
  let verifyPath = '';

  it("the demo's 2020–2025 history gives the article's figures on the province's dashboard of 31/12/2025", async () => {
    const admin = await apiAs('admin');
    const dash = await admin.get('/api/dashboard', { date: '2025-12-31' });
    const figure = (key: string) => dash.moduleFigures.find((f: { key: string }) => f.key === key)?.value as number;
    expect(figure('training.courses')).toBe(126);
    expect(figure('training.trainees')).toBeGreaterThan(6280);
    console.log(`training figures 2020–2025: ${figure('training.courses')} courses, ${figure('training.trainees')} trainees passed`);
    await admin.dispose();
    // The fresh start's line for this module's part of the demo (its time and counts).
    const line = /Seeded the demo training in [\d.]+ s: .*/.exec(inject('startOutput'))?.[0];
    console.log(line);
    expect(line).toBeDefined();
  });

  it('an officer creates a course of the commune and enrols the suggested secretaries in one action', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/training`);
    await page.getByTestId('course-card').first().waitFor();
    await screenshot(page, 'training-courses-1280', false);
    await page.getByTestId('course-new').click();
    const form = page.getByTestId('course-form');
    const title = `Bồi dưỡng kỹ năng cho bí thư chi bộ ${Date.now()}`;
    await form.getByTestId('course-title').fill(title);
    await form.getByTestId('course-kind').click();
    await page.getByRole('option', { name: 'Bồi dưỡng nghiệp vụ công tác đảng' }).click();
    await form.getByTestId('course-place').fill('Hội trường Đảng ủy xã');
    const today = formatDateVi(todayIso());
    await form.getByTestId('course-starts').fill(today);
    await form.getByTestId('course-ends').fill(today);
    await form.getByTestId('course-capacity').fill('200');
    await form.getByTestId('session-date-0').fill(today);
    await form.getByTestId('session-topic-0').fill('Kỹ năng chủ trì sinh hoạt chi bộ');
    await form.getByTestId('course-title').click();
    await form.getByTestId('modal-submit').click();
    await expect.poll(async () => page.getByTestId('course-heading').textContent()).toBe(title);
    courseUrl = page.url();

    const suggestions = page.getByTestId('suggestion');
    await suggestions.first().waitFor();
    enrolled = await suggestions.count();
    expect(enrolled).toBeGreaterThan(0);
    await page.getByTestId('suggestions-all').click();
    await page.getByTestId('suggestions-enrol').click();
    // A bulk enrolment asks first, with its count (issue 14, defect 7).
    await expect.poll(async () => (await page.getByTestId('confirm-modal').textContent()) ?? '').toContain(`Ghi danh ${enrolled.toLocaleString('vi-VN')} người vào lớp`);
    await page.getByTestId('confirm-ok').click();
    await expect.poll(async () => page.getByTestId('course-seats').textContent()).toContain(`${enrolled}/200`);
    await expect.poll(async () => page.getByTestId('trainee').count()).toBe(enrolled);
    await page.waitForTimeout(300);
    await screenshot(page, 'training-course-enrolled-1280', false);
  });

  it('attendance is recorded on a 360 px phone', async (ctx) => {
    const phone = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await phone.goto(courseUrl);
    const people = phone.getByTestId('attendance-person');
    await people.first().waitFor();
    expect(await people.count()).toBe(enrolled);
    // Everyone starts present; the first trainee was absent.
    await people.first().click();
    await expect.poll(async () => phone.getByTestId('attendance-count').textContent()).toBe(`Có mặt ${enrolled - 1}/${enrolled}`);
    await phone.getByTestId('attendance-save').click();
    await phone.getByText('Đã lưu').first().waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await phone.getByTestId('attendance').scrollIntoViewIfNeeded();
    await screenshot(phone, 'training-attendance-360', false);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, 'training-course-360', false);
    // Who has not been trained, on the phone too.
    await phone.goto(`${baseUrl()}/training?tab=untrained`);
    await phone.getByTestId('untrained-row').first().waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'training-untrained-360', false);
  });

  it('completing the course issues certificates by the rules, after a confirmation', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(courseUrl);
    await page.getByTestId('course-complete').click();
    const confirm = page.getByTestId('complete-confirm');
    await expect.poll(async () => (await confirm.textContent()) ?? '').toContain(`${enrolled} học viên`);
    await confirm.getByTestId('modal-submit').click();
    await expect.poll(async () => page.getByTestId('course-status').textContent(), { timeout: 30_000 }).toBe('Đã kết thúc');
    const results = await page.getByTestId('trainee-result').allTextContents();
    // The absent trainee (0% of the one session) did not pass; everyone else did.
    expect(results.filter((r) => r === 'Không đạt')).toHaveLength(1);
    expect(results.filter((r) => r === 'Đạt')).toHaveLength(enrolled - 1);
    await screenshot(page, 'training-course-completed-1280', false);

    if (enrolled > 1) {
      const link = page.getByTestId('certificate-link').first();
      const href = (await link.getAttribute('href'))!;
      const res = await page.request.get(new URL(href, baseUrl()).toString());
      expect(res.status()).toBe(200);
      const text = (await extractText(Buffer.from(await res.body()))).replace(/\s+/g, '');
      const m = /\/xac-minh\/([A-Z0-9-]+)\?s=([A-Za-z0-9_-]{40,})/.exec(text);
      expect(m, text).not.toBeNull();
      verifyPath = `/xac-minh/${m![1]}?s=${m![2]}`;
    }
  });

  it('the certificate verifies on the public page without an account; a tampered signature does not', async (ctx) => {
    expect(verifyPath).not.toBe('');
    const phone = await newPage(browser(), ctx, PHONE);
    await phone.goto(`${baseUrl()}${verifyPath}`);
    await phone.getByTestId('verify-result').waitFor();
    expect(await phone.getByTestId('verify-status').textContent()).toBe('Còn hiệu lực');
    expect(await phone.getByTestId('verify-signature').textContent()).toBe('Chữ ký số trên mã QR hợp lệ');
    expect(await phone.getByTestId('verify-course').textContent()).toContain('Bồi dưỡng kỹ năng cho bí thư chi bộ');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'training-verify-360');

    const desk = await newPage(browser(), ctx, DESK);
    const forged = verifyPath.replace(/s=(.)/, (_, c: string) => `s=${c === 'A' ? 'B' : 'A'}`);
    await desk.goto(`${baseUrl()}${forged}`);
    await desk.getByTestId('verify-result').waitFor();
    expect(await desk.getByTestId('verify-signature').textContent()).toContain('KHÔNG hợp lệ');
    await screenshot(desk, 'training-verify-forged-1280');
    await desk.goto(`${baseUrl()}/xac-minh/BD2020-AAAAA-AAAAA`);
    await desk.getByTestId('verify-not-found').waitFor();
  });
  it('an officer edits a course and cancels it after a confirmation on a phone; the theory trend at 360 and 1280 px', async (ctx) => {
    const api = await apiAs('canbo.xa');
    const ref = await api.get('/api/training/reference');
    const day = todayIso();
    const created = await api.post('/api/training/courses', {
      title: `Lớp sẽ sửa rồi hủy ${Date.now()}`, kindCode: 'party_work', organizerUnitId: ref.organizerUnits[0].id, targetGroup: 'secretaries',
      startsOn: day, endsOn: day, place: 'Nhà văn hóa', capacity: 5, sessions: [],
    });
    await api.dispose();
    const phone = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await phone.goto(`${baseUrl()}/training/courses/${created.id}`);
    await phone.getByTestId('course-edit').click();
    await phone.getByTestId('edit-capacity').fill('40');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'training-course-edit-360', false);
    await phone.getByTestId('course-edit-form').getByTestId('modal-submit').click();
    await expect.poll(async () => phone.getByTestId('course-seats').textContent()).toContain('/40');
    await phone.getByTestId('course-cancel').click();
    await phone.getByTestId('cancel-reason').fill('Trùng lịch hội nghị của huyện');
    await screenshot(phone, 'training-course-cancel-360', false);
    await phone.getByTestId('course-cancel-form').getByTestId('modal-submit').click();
    await expect.poll(async () => phone.getByTestId('course-status').textContent()).toBe('Đã hủy');
    expect(await phone.getByTestId('course-edit').count()).toBe(0);

    for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const) {
      const page = await signedInPage(browser(), ctx, 'admin', options);
      await page.goto(`${baseUrl()}/training?tab=trend`);
      await page.getByTestId('theory-trend-table').waitFor();
      expect(await page.getByTestId('theory-trend-table').locator('tbody tr').count()).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      if (size === '360') expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await screenshot(page, `training-trend-${size}`, false);
    }
  });
});
