// Issue 11's combined journey, from a provincial directive to what a cell did about it: the province board (1280 px)
// registers a directive implementing 21-NQ/TW and sends it to the cells with a deadline; the commune officer sees
// the secretary's cell among those that have not studied it; the secretary on a 360 px phone schedules the cell's
// meeting, attaches the directive as its material, records the meeting held, then loses the signal and records the
// attendance, the directive as studied in it, the minutes and two action items, which reach the server when the
// signal returns; the commune officer scores the meeting, sees the cell leave the "not yet studied" list and the
// cell's attendance figure on the dashboard change. Screenshots: .tmp/e2e/directive-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDateVi, todayIso } from '../src/domain/dates.js';
import { addDays } from '../src/domain/supervision.js';
import { apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };
/** Waits until the phone's outbox has sent everything (a pending entry is sent again with "send now"); fails on a conflict. */
async function settled(phone: Page) {
  await expect
    .poll(
      async () => {
        if (await phone.getByTestId('outbox-conflict').count()) return `conflict: ${await phone.getByTestId('outbox').textContent()}`;
        if (await phone.getByTestId('outbox-pending').count()) {
          await phone.getByRole('button', { name: 'Gửi ngay' }).click({ timeout: 2000 }).catch(() => {});
          return 'pending';
        }
        return 'sent';
      },
      { timeout: 45_000, interval: 1000 },
    )
    .toBe('sent');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('from a directive to the meeting that studied it', () => {
  const browser = useBrowser();
  let documentId = '';
  let number = '';
  let cellId = '';
  let meetingId = '';
  let rateBefore: number | null = null;
  const today = todayIso();
  const stamp = Date.now();
  const items = [`Tổ chức cho đảng viên đăng ký việc làm theo chỉ thị ${stamp}`, `Báo cáo kết quả quán triệt lên Đảng ủy xã ${stamp}`];
  const conclusions = `Chi bộ thống nhất thực hiện chỉ thị trong tháng tới (${stamp})`;

  const attendanceRate = async () => {
    const officer = await apiAs('canbo.xa');
    const d = await officer.get('/api/dashboard', { unitId: cellId, date: today });
    await officer.dispose();
    return (d.moduleFigures as { key: string; value: number | null }[]).find((f) => f.key === 'meetings.attendanceRate')!.value;
  };

  it('the province board registers a directive implementing 21-NQ/TW and sends it to the cells', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    await page.goto(`${baseUrl()}/documents?tab=register`);
    await page.getByTestId('document-card').first().waitFor();
    await page.getByTestId('document-new').click();
    const form = page.getByTestId('document-register');
    await form.getByTestId('document-type').click();
    await page.getByRole('option', { name: /^CT — / }).click();
    await form.getByTestId('document-issued-on').fill(formatDateVi(today));
    await form.getByTestId('document-title').click();
    await expect.poll(async () => (await form.textContent()) ?? '').toMatch(/\d{2}-CT\/TU/);
    await form.getByTestId('document-title').fill(`Về quán triệt Nghị quyết 21-NQ/TW trong sinh hoạt chi bộ, đợt ${Date.now()}`);
    await form.getByTestId('document-signer').fill('T/M Ban Thường vụ Tỉnh ủy');
    await form.getByTestId('modal-submit').click();
    await page.getByTestId('document-heading-number').waitFor();
    number = (await page.getByTestId('document-heading-number').textContent())!.trim();
    documentId = page.url().split('/documents/')[1]!;

    await page.getByTestId('link-add').click();
    const link = page.getByTestId('link-modal');
    await link.getByTestId('link-target').fill('21-NQ/TW');
    await page.getByRole('option', { name: /^21-NQ\/TW — / }).click();
    await link.getByTestId('modal-submit').click();
    await expect.poll(async () => page.getByTestId('link-up').textContent()).toMatch(/21-NQ\/TW/);

    await page.getByTestId('document-send').click();
    await page.getByTestId('send-modal').getByTestId('modal-submit').click();
    await page.getByTestId('send-confirm-yes').click();
    await page.getByTestId('dissemination').waitFor();
    expect(await page.getByTestId('dissemination').textContent()).toMatch(/0\/\d\.\d{3} chi bộ đã quán triệt/);
    await screenshot(page, 'directive-sent-1280');
  });

  it("the commune officer sees the secretary's cell among those that have not studied it", async (ctx) => {
    const secretary = await apiAs('bithu');
    const me = await secretary.get('/api/auth/me');
    cellId = (me.user.roles as { unitKind: string; unitId: string }[]).find((r) => r.unitKind === 'cell')!.unitId;
    // A meeting of this month or quarter the cell has not held yet (this month's regular one may be recorded by the
    // offline journey; the quarter's thematic one then).
    const calendar = await secretary.get(`/api/meetings/cells/${cellId}/calendar`, { year: Number(today.slice(0, 4)) });
    const month = (calendar.months as { month: string; meetings: { id: string; kind: string; state: string }[] }[]).filter((m) => m.month <= today.slice(0, 7)).reverse();
    const open = month.flatMap((m) => m.meetings).find((m) => m.state !== 'held' && m.state !== 'cancelled');
    expect(open, JSON.stringify(month[0])).toBeDefined();
    meetingId = open!.id;
    await secretary.dispose();
    rateBefore = await attendanceRate();

    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/documents/${documentId}`);
    await page.getByTestId('dissemination').click();
    await page.getByTestId('missing-cell').first().waitFor();
    const missing = await page.getByTestId('missing-cell').allTextContents();
    expect(missing.some((l) => l.includes('Bản Phìn Pao'))).toBe(true);
    await screenshot(page, 'directive-missing-before-1280');
  });

  it('the secretary on a 360 px phone schedules the meeting, attaches the directive, records it and ticks the directive studied', async (ctx) => {
    const phone = await signedInPage(browser(), ctx, 'bithu', PHONE);
    await phone.goto(`${baseUrl()}/meetings/${meetingId}`);
    await phone.getByTestId('meeting-schedule').waitFor();
    await phone.getByTestId('meeting-schedule').getByLabel('Chủ đề').fill(`Quán triệt ${number}`);
    await phone.getByTestId('meeting-schedule-save').click();
    await settled(phone);
    await phone.locator('input[type=file]').setInputFiles({ name: `${number.replace('/', '-')}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await settled(phone);
    await expect.poll(async () => phone.getByTestId('meeting-materials').textContent(), { timeout: 30_000 }).toContain('.pdf');
    // The directive itself from the register, by reference: picked among the documents sent to the cell.
    await phone.getByTestId('document-material-pick').click();
    const option = phone.getByRole('option').filter({ hasText: number }).first();
    await option.waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'directive-meeting-document-pick-360', false);
    await option.click();
    await phone.getByTestId('document-material-attach').click();
    await settled(phone);
    const attached = phone.getByTestId('meeting-document-material').filter({ hasText: number });
    await expect.poll(async () => attached.getByTestId('document-material-state').textContent(), { timeout: 30_000 }).toBe('Cần quán triệt');
    await phone.getByTestId('meeting-materials').scrollIntoViewIfNeeded();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'directive-meeting-planned-360', false);

    await phone.getByTestId('meeting-record-held').click();
    await expect.poll(async () => phone.getByTestId('meeting-state').textContent(), { timeout: 30_000 }).toBe('Đã họp');
    await settled(phone);

    // The signal goes: attendance, the study, the minutes and two action items are kept on the phone.
    await phone.context().setOffline(true);
    const rest = phone.getByTestId('attendance-rest-present');
    await rest.waitFor();
    await rest.click();
    const row = phone.getByTestId('meeting-studies').locator('div').filter({ hasText: number });
    await row.getByTestId('study-in-meeting').first().click();
    await phone.getByTestId('minutes-opening').fill('Đồng chí Bí thư khai mạc; có mặt đủ số đảng viên theo quy định');
    await phone.getByTestId('minutes-conclusions').fill(conclusions);
    await phone.getByTestId('minutes-save').click();
    for (const title of items) {
      await phone.getByTestId('item-title').fill(title);
      if (!(await phone.getByTestId('item-owner').inputValue())) {
        await phone.getByTestId('item-owner').click();
        await phone.getByRole('option').first().click();
      }
      await phone.getByTestId('item-due').fill(formatDateVi(addDays(today, 20)));
      await phone.getByTestId('item-title').click(); // leaves the date field
      await phone.getByTestId('item-add').click();
    }
    await expect.poll(async () => phone.getByTestId('action-item-queued').count()).toBe(2);
    expect(Number((await phone.getByTestId('outbox-pending').textContent())!.match(/\d+/)![0])).toBeGreaterThanOrEqual(5);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await phone.getByTestId('outbox').scrollIntoViewIfNeeded();
    await screenshot(phone, 'directive-meeting-offline-360', false);

    // The signal returns: everything reaches the server once.
    await phone.context().setOffline(false);
    await settled(phone);
    await expect.poll(async () => row.getByTestId('study-in-meeting').count(), { timeout: 30_000 }).toBe(0);
    const officer = await apiAs('canbo.xa');
    const after = await officer.get(`/api/meetings/${meetingId}`);
    expect(after.meeting.minutes.sections.conclusions).toBe(conclusions);
    expect((after.actionItems as { title: string }[]).filter((i) => items.includes(i.title))).toHaveLength(2);
    expect((after.members as { attendance: unknown }[]).every((m) => m.attendance)).toBe(true);
    await officer.dispose();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    // Studied in the meeting: the attached directive says so.
    await expect.poll(async () => attached.getByTestId('document-material-state').textContent(), { timeout: 30_000 }).toBe('Đã quán triệt tại cuộc họp này');
    await phone.getByTestId('meeting-studies').scrollIntoViewIfNeeded();
    await screenshot(phone, 'directive-meeting-studied-360', false);
    await phone.getByTestId('meeting-materials').scrollIntoViewIfNeeded();
    await screenshot(phone, 'directive-meeting-material-studied-360', false);
  });

  it('the commune officer sees the cell leave the list and the dashboard figure change', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    // The meeting at 1280 px: the directive among its materials, studied there.
    await page.goto(`${baseUrl()}/meetings/${meetingId}`);
    const material = page.getByTestId('meeting-document-material').filter({ hasText: number });
    await expect.poll(async () => material.getByTestId('document-material-state').textContent(), { timeout: 30_000 }).toBe('Đã quán triệt tại cuộc họp này');
    await page.getByTestId('meeting-materials').scrollIntoViewIfNeeded();
    await screenshot(page, 'directive-meeting-material-1280', false);
    await page.goto(`${baseUrl()}/documents/${documentId}`);
    await page.getByTestId('dissemination').click();
    await page.getByTestId('missing-cell').first().waitFor();
    const missing = await page.getByTestId('missing-cell').allTextContents();
    expect(missing.some((l) => l.includes('Bản Phìn Pao'))).toBe(false);
    await screenshot(page, 'directive-missing-after-1280');

    // The commune scores the meeting: full marks but half on the last criterion.
    await page.goto(`${baseUrl()}/meetings/${meetingId}`);
    await page.getByTestId('review-save').waitFor();
    const officer = await apiAs('canbo.xa');
    const criteria = (await officer.get(`/api/meetings/${meetingId}`)).score.criteria as { code: string; maxPoints: number }[];
    const scores = criteria.map((c, i) => (i === criteria.length - 1 ? c.maxPoints / 2 : c.maxPoints));
    for (const [i, c] of criteria.entries()) await page.getByTestId(`score-${c.code}`).fill(String(scores[i]));
    await page.getByTestId('review-save').click();
    const total = scores.reduce((a, b) => a + b, 0);
    await expect.poll(async () => (await officer.get(`/api/meetings/${meetingId}`)).score.review?.total, { timeout: 30_000 }).toBe(total);
    await officer.dispose();

    const rateAfter = await attendanceRate();
    expect(rateAfter).not.toBeNull();
    expect(rateAfter).not.toBe(rateBefore);
    await page.goto(`${baseUrl()}/dashboard/${cellId}`);
    const card = page.getByTestId('module-figure-meetings.attendanceRate');
    await card.waitFor();
    expect(Number((await card.textContent())!.replace(/[^\d,]/g, '').replace(',', '.'))).toBe(rateAfter);
    await screenshot(page, 'directive-dashboard-1280');
    // The quality distribution: a chart of the cell's scored meetings by band; the meeting just scored (97.5 of 100,
    // Good from 90) is among the Good ones, and the bars say what the API says, in Vietnamese numbers.
    const viewer = await apiAs('canbo.xa');
    const shown = (await viewer.get('/api/dashboard', { unitId: cellId })).moduleFigures as { key: string; value: number | null; chart?: string }[];
    await viewer.dispose();
    const quality = shown.filter((f) => f.chart === 'meetings.figures.qualityChart');
    expect(quality.map((f) => f.key)).toEqual(['meetings.quality.good', 'meetings.quality.fair', 'meetings.quality.average', 'meetings.quality.weak']);
    expect(quality[0]!.value).toBeGreaterThan(0);
    const chart = page.getByTestId('module-chart-meetings.figures.qualityChart');
    await chart.waitFor();
    await expect.poll(() => chart.textContent()).toContain('Chất lượng sinh hoạt');
    expect(await chart.textContent()).toContain('Chất lượng Tốt (%)');
    for (const f of quality)
      expect(await page.getByTestId(`module-figure-${f.key}`).textContent()).toBe(f.value === null ? '—' : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(f.value));
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'directive-dashboard-quality-1280', false);
    // The year's trend of the meetings and documents figures: two line charts, the last point the figure above.
    const trendPct = page.getByTestId('module-trend-pct');
    await trendPct.waitFor();
    await page.getByTestId('module-trend-count').waitFor();
    expect(await trendPct.textContent()).toContain('Diễn biến 12 tháng');
    await trendPct.scrollIntoViewIfNeeded();
    await screenshot(page, 'directive-dashboard-trend-1280', false);

    const phone = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await phone.goto(`${baseUrl()}/dashboard/${cellId}`);
    await phone.getByTestId('module-figure-meetings.attendanceRate').waitFor();
    await phone.getByTestId('module-chart-meetings.figures.qualityChart').waitFor();
    await phone.getByTestId('module-trend-pct').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'directive-dashboard-360');
    await phone.getByTestId('module-chart-meetings.figures.qualityChart').scrollIntoViewIfNeeded();
    await screenshot(phone, 'directive-dashboard-quality-360', false);
    await phone.getByTestId('module-trend-pct').scrollIntoViewIfNeeded();
    await screenshot(phone, 'directive-dashboard-trend-360', false);
  });
});
