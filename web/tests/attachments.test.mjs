// Attachments: a planner attaches the signed and sealed scan of an issued plan, sees it listed
// with its Vietnamese name, size and who attached it, downloads the same bytes, is refused a
// page disguised as a PDF with a Vietnamese message, and removes the scan with two clicks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiSession, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

for (const width of [1366, 360]) {
  test(`the signed scan of a plan is attached, downloaded and removed (${width} px)`, async () => {
    const api = await apiSession(ctx.server);
    const province = (await api.get('/units?q=lai%20chau&kind=province')).body.items[0];
    const plan = await api.post('/plans', {
      unit_id: province.id,
      title: `Kế hoạch Tháng hành động vì bình đẳng giới ${width}`,
      kind: 'action_month',
      period_start: '2030-11-15',
      period_end: '2030-12-15',
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'binhdang-attach-'));
    const scan = path.join(dir, 'Kế hoạch đã ký.pdf');
    await writeFile(scan, PDF);
    const fake = path.join(dir, 'trang-web.pdf');
    await writeFile(fake, '<html><script>alert(1)</script></html>');

    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await login(page);
    await page.goto(ctx.server.url + '/#/plans/' + plan.body.id);
    const panel = page.locator('[data-attachments="plans"]');
    await panel.waitFor();
    await waitForText(panel, /Chưa có tệp đính kèm/);

    await panel.locator('input[type=file]').setInputFiles(fake);
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await waitForText(panel.locator('.notice--error'), /Chỉ nhận tệp PDF, JPEG hoặc PNG/);

    await panel.locator('input[type=file]').setInputFiles(scan);
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const item = panel.locator('[data-attachment]');
    await waitForText(item, /Kế hoạch đã ký\.pdf/);
    const text = await item.innerText();
    assert.match(text, /Bản ký, đóng dấu/);
    assert.match(text, /\d+ B/);
    assert.match(text, /Quản trị hệ thống, \d\d\/\d\d\/\d{4}/, 'who attached it and when, as dd/mm/yyyy');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `nothing overflows at ${width} px (${scroll}px)`);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `attachments-${width}`);

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link').click()]);
    assert.equal(download.suggestedFilename(), 'Kế hoạch đã ký.pdf');
    assert.equal(await readFile(await download.path(), 'utf8'), PDF, 'the same bytes come back');

    await item.getByRole('button', { name: 'Gỡ' }).click();
    await item.getByRole('button', { name: 'Bấm lần nữa để gỡ' }).click();
    await waitForText(panel, /Đã gỡ tệp đính kèm/);
    assert.equal(await panel.locator('[data-attachment]').count(), 0);
    await page.close();
  });
}
