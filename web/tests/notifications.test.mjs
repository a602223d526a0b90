// Nhắc nhở: a province reviewer opens the completeness of the action month, reminds the
// communes that have not sent, and is told how many units and people; the commune's reporter
// finds the reminder with its deadline on their account page and opens the reports from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

test('a reviewer reminds the communes not sent; the reporter sees it and opens the reports', async () => {
  const api = await apiSession(ctx.server);
  const province = (await api.get('/units?q=lai%20chau&kind=province')).body.items[0];
  const commune = (await api.get(`/units/${province.id}/children?kind=commune&limit=1`)).body.items[0];
  for (const [username, unit, role] of [
    ['nhac.rev', province.id, 'reviewer'],
    ['nhac.rep', commune.id, 'reporter'],
  ]) {
    const made = await api.post('/users', { username, full_name: `Cán bộ ${role}`, password: 'nhac-nho-2026', unit_id: unit, roles: [role] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }

  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'nhac.rev', 'nhac-nho-2026');
  await page.goto(`${ctx.server.url}/#/reports/completeness?template=action_month_results&period=2026AM&unit=${province.id}`);
  await waitForText(page.locator('.page'), /Tháng hành động 2026 — Hạn gửi: 10\/12\/2026/);
  const button = page.getByRole('button', { name: /^Nhắc nhở [\d.]+ đơn vị chưa gửi$/ });
  await button.click();
  await waitForText(page.locator('.notice--success'), /Đã nhắc [\d.]+ đơn vị; 1 người nhận thông báo\./);
  assert.match(await page.locator('.notice--success').innerText(), /đơn vị chưa có tài khoản người báo cáo/);
  await screenshot(page, 'remind-1366');
  // A second reminder the same day tells nobody twice.
  await button.click();
  await waitForText(page.locator('.notice--success'), /; 0 người nhận thông báo\./);
  await page.close();

  const phone = await newPage(ctx.browser, ctx.server, { width: 360, height: 800 });
  await login(phone, 'nhac.rep', 'nhac-nho-2026');
  await phone.goto(ctx.server.url + '/#/account');
  const notices = phone.locator('[data-notifications]');
  await waitForText(notices, /Tỉnh Lai Châu nhắc: báo cáo .*Tháng hành động 2026.* chưa gửi; hạn nộp 10\/12\/2026\./);
  const scroll = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 360, `nothing overflows at 360 px (${scroll}px)`);
  await screenshot(phone, 'remind-360');
  await notices.getByRole('link', { name: 'Mở trang liên quan' }).first().click();
  await phone.waitForURL(/#\/reports\?template=action_month_results&period=2026AM/);
  await phone.getByRole('heading', { name: /Báo cáo/ }).first().waitFor();
  await phone.close();
});
