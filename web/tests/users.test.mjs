// User management: validation messages beside the fields, an administrator creating a user with
// a role, that user signing in and not seeing user management, and editing a user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, logout, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

const USERNAME = 'nguyen.thi.mai';
const FULL_NAME = 'Nguyễn Thị Mai';
const PASSWORD = 'Mai-Test-Pass-2025';

async function openUsers(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Người dùng', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Người dùng', level: 1 }), 'users page heading');
}

async function pickUnit(page, label, query, optionName) {
  const input = page.getByRole('combobox', { name: label });
  await input.fill(query);
  const option = page.getByRole('option', { name: optionName }).first();
  await option.waitFor();
  await option.click();
  await assertVisible(page.getByText(/Đã chọn:/), 'the chosen unit is confirmed');
}

test('the server’s validation messages appear beside the fields', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await openUsers(page);
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  await assertVisible(page.getByRole('heading', { name: 'Tạo người dùng mới' }), 'create form');
  const form = page.locator('form');
  const submit = form.getByRole('button', { name: 'Tạo người dùng' });

  // No unit chosen: the picker asks for one.
  await submit.click();
  await assertVisible(form.locator('.unit-picker [data-field-error]'), 'the unit field asks for a choice');

  // A unit, but a bad username and password and no name: the server's messages per field.
  await page.getByLabel(/^Tên đăng nhập/).fill('x');
  await page.getByLabel(/^Mật khẩu/).fill('1');
  await pickUnit(page, /^Đơn vị/, 'Lai Châu', /Tỉnh Lai Châu/);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
    submit.click(),
  ]);
  assert.equal(response.status(), 400);
  const body = await response.json();
  for (const d of body.error.details) {
    const id = { username: 'user-username', full_name: 'user-fullname', password: 'user-password', roles: 'user-roles' }[d.field];
    if (!id) continue;
    const shown = form.locator(`#${id}-error`);
    // Compared ignoring case: the page capitalises the first letter of a message.
    assert.equal((await visibleText(shown)).toLowerCase(), d.message.toLowerCase(), `message for ${d.field} beside its field`);
  }
  assert.ok(body.error.details.some((d) => d.field === 'username'), 'the server names the username field');
  assert.equal(await page.getByLabel(/^Tên đăng nhập/).getAttribute('aria-invalid'), 'true');
  await assertVisible(form.getByRole('alert'), 'a summary message');
  await screenshot(page, 'users-validation');
  await page.context().close();
});

test('an administrator creates a user with a role; the user signs in without user management', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await openUsers(page);
  assert.match(await visibleText(page.getByRole('table')), /admin/, 'the list shows the admin user');

  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  await page.getByLabel(/^Tên đăng nhập/).fill(USERNAME);
  await page.getByLabel(/^Họ và tên/).fill(FULL_NAME);
  await page.getByLabel(/^Mật khẩu/).fill(PASSWORD);
  await pickUnit(page, /^Đơn vị/, 'Lai Châu', /Tỉnh Lai Châu/);
  await page.getByRole('checkbox', { name: 'Lập kế hoạch' }).check();
  await screenshot(page, 'users-create-form');
  await page.locator('form').getByRole('button', { name: 'Tạo người dùng' }).click();
  await assertVisible(page.getByText(`Đã tạo người dùng ${USERNAME}.`), 'created message');
  const row = page.getByRole('row').filter({ hasText: USERNAME });
  const rowText = await visibleText(row);
  assert.match(rowText, /Nguyễn Thị Mai/);
  assert.match(rowText, /Lai Châu/);
  assert.match(rowText, /Lập kế hoạch/);
  await screenshot(page, 'users-created');

  // Search narrows the list.
  await page.getByLabel('Tìm theo tên').fill('mai');
  await waitForText(page.getByRole('table'), (s) => s.includes(USERNAME) && !/\badmin\b/.test(s));

  await logout(page);
  await login(page, USERNAME, PASSWORD);
  await assertVisible(page.getByRole('banner').getByText(FULL_NAME), 'the new user’s name in the header');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await assertVisible(nav.getByRole('link', { name: 'Đơn vị', exact: true }));
  assert.equal(await nav.getByRole('link', { name: 'Người dùng', exact: true }).count(), 0, 'no user management link');
  assert.equal(await nav.getByRole('link', { name: 'Nhật ký', exact: true }).count(), 0, 'no audit link');
  await screenshot(page, 'users-non-admin-nav');
  await page.goto(ctx.server.url + '/#/users');
  await assertVisible(page.getByText('Bạn không có quyền quản lý người dùng.'), 'direct address is refused too');
  assert.equal(await page.getByRole('button', { name: 'Tạo người dùng' }).count(), 0);
  await page.context().close();
});

test('an administrator edits a user: full name, roles, active', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await openUsers(page);
  await page.getByRole('button', { name: `Sửa ${USERNAME}` }).click();
  await assertVisible(page.getByRole('heading', { name: `Sửa người dùng ${USERNAME}` }), 'edit form');
  assert.equal(await page.getByLabel(/^Họ và tên/).inputValue(), FULL_NAME);
  assert.ok(await page.getByRole('checkbox', { name: 'Lập kế hoạch' }).isChecked());
  await page.getByLabel(/^Họ và tên/).fill('Nguyễn Thị Mai Anh');
  await page.getByRole('checkbox', { name: 'Báo cáo' }).check();
  await page.getByRole('checkbox', { name: 'Đang hoạt động' }).uncheck();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await assertVisible(page.getByText(`Đã cập nhật người dùng ${USERNAME}.`), 'updated message');
  const rowText = await visibleText(page.getByRole('row').filter({ hasText: USERNAME }));
  assert.match(rowText, /Nguyễn Thị Mai Anh/);
  assert.match(rowText, /Báo cáo/);
  assert.match(rowText, /Ngừng hoạt động/);
  await screenshot(page, 'users-edited');
  await page.context().close();
});

test('a unit administrator manages users and agencies only inside their unit', async () => {
  const admin = await apiSession(ctx.server);
  const laiChau = await findUnit(admin, 'Tỉnh Lai Châu');
  const created = await admin.post('/users', {
    username: 'qt.laichau',
    full_name: 'Quản Trị Lai Châu',
    password: 'Unit-Admin-Pass-1',
    unit_id: laiChau.id,
    roles: ['unit_admin'],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'qt.laichau', 'Unit-Admin-Pass-1');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await assertVisible(nav.getByRole('link', { name: 'Người dùng', exact: true }), 'user management for a unit admin');
  assert.equal(await nav.getByRole('link', { name: 'Nhật ký', exact: true }).count(), 0, 'no audit log');

  await nav.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.getByLabel('Tìm đơn vị').fill('Bình Lư');
  await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link', { name: /Xã Bình Lư/ }).first().click();
  await waitForText(page.locator('article.unit-detail h2'), /Xã Bình Lư/);
  await assertVisible(page.getByRole('button', { name: 'Thêm cơ quan' }), 'may add agencies inside Lai Châu');
  await page.getByLabel('Tìm đơn vị').fill('ha tinh');
  await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link', { name: /Tỉnh Hà Tĩnh/ }).first().click();
  await waitForText(page.locator('article.unit-detail h2'), /Hà Tĩnh/);
  await assertVisible(page.getByRole('heading', { name: 'Cơ quan, ban, ngành, đoàn thể' }));
  assert.equal(await page.getByRole('button', { name: 'Thêm cơ quan' }).count(), 0, 'not outside it');
  await screenshot(page, 'users-unit-admin-outside');

  await nav.getByRole('link', { name: 'Người dùng', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Người dùng', level: 1 }));
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  assert.equal(await page.getByRole('checkbox', { name: 'Quản trị hệ thống' }).count(), 0, 'cannot grant admin');
  await page.context().close();
});
