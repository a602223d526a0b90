// "Vụ việc": a case worker opens a case, the list names no one, the survivor's identity shows
// only after "Hiện thông tin nhận diện" (and the access log says so), at 1366 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, visibleText } from './helpers.mjs';

const ctx = setup({ before, after });
const NAME = 'Lò Thị Thử Nghiệm';

/** A case worker at a commune: asked by the admin, approved by a second administrator. */
async function caseWorker() {
  const admin = await apiSession(ctx.server);
  const province = await findUnit(admin, 'Lai Châu');
  const communes = await admin.get(`/units?kind=commune&parent=${province.id}&limit=1`);
  const commune = communes.body.items[0];
  const second = await admin.post('/users', {
    username: 'quan.tri.hai',
    full_name: 'Quản trị thứ hai',
    password: 'Second-Admin-2025',
    unit_id: province.id,
    roles: ['admin'],
  });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  const made = await admin.post('/users', {
    username: 'can.bo.ca',
    full_name: 'Cán bộ quản lý ca',
    password: 'Case-Worker-2025',
    unit_id: commune.id,
    roles: ['case_worker'],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const approver = await apiSession(ctx.server, 'quan.tri.hai', 'Second-Admin-2025');
  const grants = await approver.get('/role-grants');
  for (const g of grants.body.items) {
    const r = await approver.post(`/role-grants/${g.id}/approve`, {});
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  return commune;
}

test('a case worker opens a case and sees the name only after asking for it', async () => {
  const commune = await caseWorker();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'can.bo.ca', 'Case-Worker-2025');
  await page.getByRole('navigation').getByRole('link', { name: 'Vụ việc', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Vụ việc', level: 1 }), 'cases page');
  await assertVisible(page.getByText('Chưa có vụ việc nào.'));
  await page.getByRole('link', { name: 'Mở vụ việc mới' }).click();
  await assertVisible(page.getByRole('heading', { name: 'Mở vụ việc mới', level: 1 }));
  await page.getByLabel(/^Họ và tên/).fill(NAME);
  await page.getByLabel(/^Ngày sinh/).fill('02/04/1990');
  await page.getByLabel(/^Số điện thoại/).fill('0912000111');
  await page.getByLabel(/^Địa chỉ/).fill('Bản Thử, xã ' + commune.name);
  await page.getByLabel(/^Dân tộc/).fill('Thái');
  await page.getByLabel(/^Ngày xảy ra/).fill('01/03/2025');
  await page.getByLabel(/^Ngày trình báo/).fill('31/02/2025');
  await page.getByLabel(/^Loại bạo lực theo GBVIMS/).selectOption('psychological_abuse');
  await page.getByLabel(/^Hình thức bạo lực gia đình/).selectOption('psychological');
  await page.getByLabel(/^Nơi tiếp nhận tin báo/).selectOption('police');
  await screenshot(page, 'cases-1366-new');
  await page.getByRole('button', { name: 'Lưu vụ việc' }).click();
  await assertVisible(page.getByText('Ngày phải có dạng dd/mm/yyyy.'), 'an impossible date is refused in the form');
  await page.getByLabel(/^Ngày trình báo/).fill('03/03/2025');
  await page.getByRole('button', { name: 'Lưu vụ việc' }).click();

  const heading = page.getByRole('heading', { level: 1, name: /^Vụ việc VV-\d{4}-[0-9A-Z]{6}$/ });
  await assertVisible(heading, 'the new case');
  const code = (await visibleText(heading)).replace('Vụ việc ', '');
  await assertVisible(page.getByText('Bạo lực tâm lý, tinh thần'));
  await assertVisible(page.getByText('03/03/2025 (Số ngày đến khi trình báo: 2)'));
  assert.equal(await page.getByText(NAME).count(), 0, 'the name is hidden until asked for');
  await screenshot(page, 'cases-1366-case-hidden');
  await page.getByRole('button', { name: 'Hiện thông tin nhận diện' }).click();
  await assertVisible(page.getByText(NAME), 'the name after the click');
  await assertVisible(page.getByText('02/04/1990'), 'date of birth dd/mm/yyyy');
  await assertVisible(page.locator('[data-access-log]').getByText(/can\.bo\.ca — Xem thông tin nhận diện/), 'the reveal is logged');
  await screenshot(page, 'cases-1366-case-shown');

  await page.getByRole('link', { name: 'Quay lại danh sách vụ việc' }).click();
  const table = page.locator('[data-cases]');
  await assertVisible(table.getByRole('link', { name: code }), 'the case in the list');
  const listText = await visibleText(table);
  assert.match(listText, /Bạo lực tâm lý, tinh thần/);
  assert.match(listText, /01\/03\/2025/);
  assert.match(listText, /Mới mở/);
  assert.ok(!listText.includes(NAME) && !listText.includes('0912000111'), 'no names in the list');
  await screenshot(page, 'cases-1366-list');
  await page.context().close();

  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 740 });
  await login(small, 'can.bo.ca', 'Case-Worker-2025');
  await small.getByRole('button', { name: 'Menu' }).click();
  await small.getByRole('navigation').getByRole('link', { name: 'Vụ việc', exact: true }).click();
  await assertVisible(small.getByRole('link', { name: code }));
  let width = await small.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the list fits at 360 px (is ${width}px wide)`);
  await screenshot(small, 'cases-360-list');
  await small.getByRole('link', { name: code }).click();
  await small.getByRole('button', { name: 'Hiện thông tin nhận diện' }).click();
  await assertVisible(small.getByText(NAME));
  width = await small.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the case fits at 360 px (is ${width}px wide)`);
  await screenshot(small, 'cases-360-case');
  await small.getByRole('link', { name: 'Quay lại danh sách vụ việc' }).click();
  await small.getByRole('link', { name: 'Mở vụ việc mới' }).click();
  await assertVisible(small.getByLabel(/^Họ và tên/));
  width = await small.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the form fits at 360 px (is ${width}px wide)`);
  await screenshot(small, 'cases-360-new');
  await small.context().close();
});

test('the administrator has no case page and the API refuses case content', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Vụ việc', exact: true }).count(), 0);
  await page.goto(ctx.server.url + '/#/cases');
  await assertVisible(page.getByText('Chỉ cán bộ quản lý ca và giám sát viên vụ việc được xem vụ việc.'));
  const admin = await apiSession(ctx.server);
  assert.equal((await admin.get('/cases')).status, 403);
  await page.context().close();
});
