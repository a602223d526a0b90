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

test("a reminder's link opens the plan at the activity it is about", async () => {
  const api = await apiSession(ctx.server);
  const province = (await api.get('/units?q=lai%20chau&kind=province')).body.items[0];
  const commune = (await api.get(`/units/${province.id}/children?kind=commune&limit=1`)).body.items[0];
  const plan = await api.post('/plans', {
    unit_id: province.id,
    title: 'Kế hoạch Tháng hành động năm 2031',
    kind: 'action_month',
    period_start: '2031-11-15',
    period_end: '2031-12-15',
  });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const ids = [];
  for (const title of ['Treo băng rôn', 'Tọa đàm', 'Tập huấn', 'Kiểm tra, giám sát', 'Mít tinh']) {
    const a = await api.post(`/plans/${plan.body.id}/activities`, { title, lead_unit_id: commune.id, due_date: '2031-11-20' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    ids.push(a.body.id);
  }
  const page = await newPage(ctx.browser, ctx.server, { width: 360, height: 640 });
  await login(page);
  await page.goto(`${ctx.server.url}/#/plans/${plan.body.id}?activity=${ids[4]}`);
  const row = page.locator(`#activity-${ids[4]}`);
  await row.waitFor();
  assert.match((await row.getAttribute('class')) ?? '', /is-target/);
  assert.equal(await row.getAttribute('aria-current'), 'true');
  await waitForText(row, /Mít tinh/);
  const inView = await row.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });
  assert.ok(inView, 'the row is brought into view');
  assert.equal(await page.locator('tr.is-target').count(), 1);
  await page.close();
});
