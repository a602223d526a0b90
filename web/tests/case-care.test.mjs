// The public help page (#/tro-giup) without signing in, with its quick exit; and the care of a
// case on its page: a no-contact request with its 12-hour countdown, a referral with consent, a
// follow-up, at 1366 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup } from './helpers.mjs';

const ctx = setup({ before, after });

test('anyone finds help near their commune without signing in, and leaves at once', async () => {
  const page = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await assertVisible(page.getByRole('link', { name: 'Tìm nơi trợ giúp (không cần đăng nhập)' }), 'the link on the sign-in page');
  await page.getByRole('link', { name: 'Tìm nơi trợ giúp (không cần đăng nhập)' }).click();
  await assertVisible(page.getByRole('heading', { name: 'Tìm nơi trợ giúp', level: 1 }));
  await assertVisible(page.getByRole('link', { name: 'Gọi 111' }), 'the child protection hotline');
  await page.getByLabel('Nơi bạn ở (xã, phường, đặc khu)').fill('Lai Châu');
  await page.getByRole('button', { name: /^Tỉnh Lai Châu/ }).click();
  await assertVisible(page.getByRole('link', { name: 'Gọi 113' }));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, 'nothing wider than the phone: ' + width);
  await screenshot(page, 'help-360');
  const historyBefore = await page.evaluate(() => history.length);
  await page.route('https://www.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>thời tiết</p>' }));
  await page.getByRole('button', { name: 'Thoát nhanh' }).click();
  await page.waitForURL(/google\.com/);
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'the help page was replaced, not added to');
  await page.close();
});

test('a case worker records a no-contact request, a referral with consent and a follow-up', async () => {
  const admin = await apiSession(ctx.server);
  const province = await findUnit(admin, 'Lai Châu');
  const communes = await admin.get(`/units?kind=commune&parent=${province.id}&limit=1`);
  const commune = communes.body.items[0];
  const shelter = await admin.post('/services', {
    name: 'Nhà tạm lánh thử nghiệm',
    type: 'shelter',
    unit_id: province.id,
    services: ['safe_shelter'],
    phone: '0213 000 111',
    how_to_reach: 'Gọi để được đón',
    street_address: 'Số 1 đường Thử',
  });
  assert.equal(shelter.status, 201, JSON.stringify(shelter.body));
  assert.equal((await admin.post('/users', { username: 'quan.tri.ba', full_name: 'Quản trị ba', password: 'Third-Admin-2025', unit_id: province.id, roles: ['admin'] })).status, 201);
  assert.equal((await admin.post('/users', { username: 'cb.chamsoc', full_name: 'Cán bộ chăm sóc', password: 'Case-Worker-2025', unit_id: commune.id, roles: ['case_worker'] })).status, 201);
  const approver = await apiSession(ctx.server, 'quan.tri.ba', 'Third-Admin-2025');
  for (const g of (await approver.get('/role-grants')).body.items) {
    assert.equal((await approver.post(`/role-grants/${g.id}/approve`, {})).status, 200);
  }
  const worker = await apiSession(ctx.server, 'cb.chamsoc', 'Case-Worker-2025');
  const made = await worker.post('/cases', { unit_id: commune.id, sex: 'female', full_name: 'Người Thử Chăm Sóc' });
  assert.equal(made.status, 201, JSON.stringify(made.body));

  for (const width of [1366, 360]) {
    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await login(page, 'cb.chamsoc', 'Case-Worker-2025');
    await page.goto(ctx.server.url + '/#/cases/' + made.body.id);
    const measures = page.locator('[data-measures]');
    await assertVisible(measures.getByRole('heading', { name: 'Biện pháp ngăn chặn, bảo vệ, hỗ trợ' }));
    if (width === 1366) {
      await measures.getByLabel('Biện pháp', { exact: true }).selectOption('no_contact');
      await measures.getByLabel('Người, cơ quan quyết định').selectOption('police');
      await measures.getByRole('button', { name: 'Thêm biện pháp' }).click();
      await assertVisible(page.getByText(/Quyết định cấm tiếp xúc do Chủ tịch Ủy ban nhân dân cấp xã hoặc Tòa án/), 'the law names who decides');
      await measures.getByLabel('Người, cơ quan quyết định').selectOption('commune_chairman');
      await measures.getByRole('button', { name: 'Thêm biện pháp' }).click();
      await assertVisible(measures.locator('[data-countdown]'), 'the 12-hour countdown');
      assert.match(await measures.locator('[data-countdown]').innerText(), /còn (11|12) giờ/);
      const referrals = page.locator('[data-referrals]');
      await referrals.getByLabel('Nơi cung cấp dịch vụ').selectOption({ label: 'Nhà tạm lánh thử nghiệm' });
      await referrals.getByLabel('Dịch vụ', { exact: true }).selectOption('safe_shelter');
      await referrals.getByRole('button', { name: 'Chuyển gửi' }).click();
      await assertVisible(referrals.locator('[data-referral]').getByText(/Nơi tạm lánh an toàn — Đã chuyển/));
      const followups = page.locator('[data-followups]');
      await followups.getByLabel('Ngày hẹn').fill('20/12/2026');
      await followups.getByLabel('Ghi chú (được mã hóa)').fill('Gọi điện hỏi thăm');
      await followups.getByRole('button', { name: 'Thêm lần theo dõi' }).click();
      await assertVisible(followups.getByText('Gọi điện hỏi thăm'));
      await assertVisible(followups.getByText('20/12/2026'), 'the date as typed, dd/mm/yyyy');
      await assertVisible(page.locator('[data-access-log]').getByText(/cb\.chamsoc — Ghi theo dõi/), 'the write is in the access log, in words');
    } else {
      await assertVisible(measures.locator('[data-countdown]'), 'kept after reload');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 360, 'nothing wider than the phone: ' + scroll);
    }
    await screenshot(page, `case-care-${width}`);
    await page.close();
  }
});
