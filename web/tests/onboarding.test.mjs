// Onboarding a province (issue 13): an administrator applies the agency sets of the two-level
// government to one commune and to every commune of a province from the unit page; re-applying
// adds nothing; a unit administrator does not get the control outside their subtree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
const detail = (page) => page.locator('article.unit-detail');

async function openUnit(page, q, heading) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.getByLabel('Tìm đơn vị').fill(q);
  await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link', { name: heading }).first().click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), heading);
}

test('the commune set on xã Bản Bo adds its ten agencies once', async () => {
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page);
  await openUnit(page, 'Bản Bo', /Xã Bản Bo/);
  const control = page.getByRole('group', { name: 'Áp dụng bộ cơ quan mẫu' });
  await assertVisible(control, 'the agency-set control');
  assert.equal(await control.getByLabel('Bộ cơ quan mẫu').inputValue(), 'commune-2025', 'the commune set is offered first');
  assert.match(await visibleText(control), /Sẽ thêm vào Xã Bản Bo những cơ quan còn thiếu trong bộ \(10 cơ quan\)/);
  await screenshot(page, 'onboarding-agency-set-commune');
  await control.getByRole('button', { name: 'Áp dụng' }).click();
  await assertVisible(page.getByText('Đã áp dụng cho 1 đơn vị: thêm 10 cơ quan, 0 cơ quan đã có sẵn.'), 'outcome');
  const agencies = page.getByRole('list', { name: 'Cơ quan, ban, ngành, đoàn thể' });
  await assertVisible(agencies.getByRole('link', { name: 'Phòng Văn hóa - Xã hội xã Bản Bo' }), 'the new office is listed');
  assert.equal(await agencies.getByRole('listitem').count(), 10);
  assert.match(await visibleText(agencies), /Trạm Y tế xã Bản Bo · Trạm Y tế/, 'with its Vietnamese type name');
  await screenshot(page, 'onboarding-agency-set-commune-applied');

  await control.getByRole('button', { name: 'Áp dụng' }).click();
  await assertVisible(page.getByText('Đã áp dụng cho 1 đơn vị: thêm 0 cơ quan, 10 cơ quan đã có sẵn.'), 'idempotent');
  assert.equal(await agencies.getByRole('listitem').count(), 10, 'nothing added twice');
  await page.context().close();
});

test('at 360 px: the commune set on Tỉnh Lai Châu reaches every commune of the province', async () => {
  const page = await newPage(ctx.browser, ctx.server, { width: 360 });
  await login(page);
  await openUnit(page, 'Lai Châu', /Tỉnh Lai Châu/);
  const control = page.getByRole('group', { name: 'Áp dụng bộ cơ quan mẫu' });
  await control.getByLabel('Bộ cơ quan mẫu').selectOption({ label: 'Cơ quan của xã, phường, đặc khu (từ 01/7/2025)' });
  assert.match(await visibleText(control), /Sẽ thêm vào mọi xã\/phường đang tồn tại thuộc Tỉnh Lai Châu/i);
  await control.getByRole('button', { name: 'Áp dụng' }).click();
  const outcome = await waitForText(page.getByText(/^Đã áp dụng cho \d+ đơn vị/), /thêm/);
  const api = await apiSession(ctx.server);
  const province = await findUnit(api, 'Lai Châu');
  const communes = await api.get(`/units/${province.id}/children?kind=commune&limit=500`);
  const n = communes.body.items.length;
  assert.ok(n > 10, 'Lai Châu has its communes');
  // Bản Bo got its ten in the test above.
  assert.equal(outcome, `Đã áp dụng cho ${n} đơn vị: thêm ${(n - 1) * 10} cơ quan, 10 cơ quan đã có sẵn.`);
  const last = communes.body.items[n - 1];
  const its = await api.get(`/units/${last.id}/children?kind=agency&limit=100`);
  assert.equal(its.body.items.length, 10, `${last.full_name} has the ten agencies`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (${overflow} px)`);
  await screenshot(page, 'onboarding-agency-set-province-360');
  await page.context().close();
});

test('a unit administrator of Điện Biên gets no agency-set control on Lai Châu', async () => {
  const api = await apiSession(ctx.server);
  const dienBien = await findUnit(api, 'Điện Biên');
  const made = await api.post('/users', {
    username: 'db.onboard', full_name: 'Lò Văn Tám', password: 'dienbien-2025', unit_id: dienBien.id, roles: ['unit_admin'],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page, 'db.onboard', 'dienbien-2025');
  await openUnit(page, 'Lai Châu', /Tỉnh Lai Châu/);
  await assertVisible(page.getByRole('heading', { name: 'Cơ quan, ban, ngành, đoàn thể' }), 'agency section');
  assert.equal(await page.getByRole('group', { name: 'Áp dụng bộ cơ quan mẫu' }).count(), 0);
  await openUnit(page, 'Điện Biên', /Tỉnh Điện Biên/);
  await assertVisible(page.getByRole('group', { name: 'Áp dụng bộ cơ quan mẫu' }), 'in their own province');
  await page.context().close();
});
