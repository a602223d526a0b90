// Sign-in, lockout, session restore, sign-out and the language switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiSession,
  assertVisible,
  findUnit,
  login,
  logout,
  newPage,
  screenshot,
  setup,
  submitLogin,
  submitLoginAndWait,
  visibleText,
  waitForText,
} from './helpers.mjs';

const ctx = setup({ before, after });

test('wrong password shows the server message and stays on the sign-in page', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await assertVisible(page.getByRole('heading', { name: 'Đăng nhập' }), 'Vietnamese sign-in heading');
  await assertVisible(page.getByLabel('Tên đăng nhập'), 'labelled username field');
  assert.equal(await submitLoginAndWait(page, 'admin', 'not-the-password'), 401);
  const message = await visibleText(page.getByRole('alert'));
  assert.ok(message.length > 3, `an error message is shown, got "${message}"`);
  assert.doesNotMatch(message, /invalid_credentials/, 'the message is words, not the error code');
  assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password field is emptied');
  assert.equal(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count(), 0, 'not signed in');
  await screenshot(page, 'login-wrong-password');
  await page.context().close();
});

test('sign in, reload keeps the session, sign out', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await assertVisible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }), 'dashboard heading');
  await assertVisible(page.getByRole('banner').getByText('binhdang — Bình đẳng giới'), 'product name in header');
  for (const label of ['Tổng quan', 'Kế hoạch', 'Việc cần làm', 'Báo cáo', 'Đơn vị', 'Người dùng', 'Nhật ký']) {
    await assertVisible(page.getByRole('navigation').getByRole('link', { name: label, exact: true }), `nav link ${label}`);
  }
  await screenshot(page, 'login-ok-dashboard');

  await page.reload();
  await assertVisible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }), 'still signed in after reload (GET /me)');

  await logout(page);
  await assertVisible(page.getByText('Bạn đã đăng xuất.'), 'signed-out notice');
  await screenshot(page, 'logout');
  await page.reload();
  await assertVisible(page.getByRole('heading', { name: 'Đăng nhập' }), 'after reload the session is gone');
  await page.context().close();
});

test('switching to English changes labels, persists, and server messages come in English', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await assertVisible(page.getByLabel('Tên đăng nhập'));
  assert.equal(await submitLoginAndWait(page, 'admin', 'wrong-once-vi'), 401);
  const vietnameseError = await visibleText(page.getByRole('alert'));
  await page.getByRole('button', { name: 'English' }).click();
  await assertVisible(page.getByRole('heading', { name: 'Sign in' }), 'English heading');
  await assertVisible(page.getByLabel('Username'), 'English username label');
  await assertVisible(page.getByLabel('Password'), 'English password label');
  assert.equal(await submitLoginAndWait(page, 'admin', 'wrong-once-en'), 401);
  const englishError = await waitForText(page.getByRole('alert'), (s) => s !== '' && s !== vietnameseError);
  assert.notEqual(englishError, vietnameseError, 'the server message follows Accept-Language');
  await screenshot(page, 'login-english');

  await page.reload();
  await assertVisible(page.getByLabel('Username'), 'language choice survives a reload');
  await login(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const label of ['Overview', 'Plans', 'Tasks', 'Reports', 'Units', 'Users', 'Audit log']) {
    await assertVisible(nav.getByRole('link', { name: label, exact: true }), `English nav link ${label}`);
  }
  await assertVisible(page.getByRole('button', { name: 'Log out' }), 'English logout');
  await screenshot(page, 'app-english');
  await nav.getByRole('link', { name: 'Units', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Units', level: 1 }));
  await page.getByLabel('Find a unit').fill('ha tinh');
  const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  const text = await waitForText(first, /Hà Tĩnh/);
  assert.match(text, /Province/, 'kinds in English');
  assert.match(text, /From 01\/07\/2025/, 'validity in English, dates still dd/mm/yyyy');
  await first.getByRole('link').click();
  await assertVisible(page.getByRole('heading', { name: '2025 reorganisation of administrative units' }));
  await assertVisible(page.getByRole('button', { name: 'Add agency' }));
  await screenshot(page, 'units-english');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await assertVisible(page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn vị', exact: true }), 'back to Vietnamese');
  await page.context().close();
});

test('repeated failures pause sign-ins with the name, the page says until when, an admin unlocks', async () => {
  const admin = await apiSession(ctx.server);
  const unit = await findUnit(admin, 'Lai Châu');
  const created = await admin.post('/users', {
    username: 'khoa.thu',
    full_name: 'Người Dùng Khoá',
    password: 'Locked-Pass-123',
    unit_id: unit.id,
    roles: ['viewer'],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const page = await newPage(ctx.browser, ctx.server);
  assert.equal(await submitLoginAndWait(page, 'khoa.thu', 'wrong-first'), 401);
  await waitForText(page.getByRole('alert'), /còn 4 lần thử/);
  const statuses = [];
  for (let i = 0; i < 7 && !statuses.includes(429); i++) {
    statuses.push(await submitLoginAndWait(page, 'khoa.thu', 'wrong-' + i));
  }
  assert.ok(statuses.includes(429), `sign-ins with the name wait after repeated failures: ${statuses}`);
  await waitForText(page.getByRole('alert'), /Đăng nhập sai quá nhiều lần\. Hãy thử lại sau \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // Even the right password waits, from a browser the user never signed in from.
  assert.equal(await submitLoginAndWait(page, 'khoa.thu', 'Locked-Pass-123'), 429);
  assert.equal(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count(), 0, 'not signed in');
  await screenshot(page, 'login-locked');
  await page.context().close();

  // An administrator sees the pause on the user and lifts it.
  const adminPage = await newPage(ctx.browser, ctx.server);
  await login(adminPage);
  await adminPage.goto(ctx.server.url + '/#/users');
  await adminPage.getByLabel('Tìm theo tên').fill('khoa.thu');
  await waitForText(adminPage.locator('[data-blocked]').first(), /Tạm chặn đăng nhập đến/);
  await adminPage.getByRole('button', { name: 'Mở khoá đăng nhập cho khoa.thu' }).click();
  await waitForText(adminPage.getByText('Đã mở khoá đăng nhập cho khoa.thu.'), /mở khoá/);
  await screenshot(adminPage, 'users-unlocked');
  await adminPage.context().close();

  const again = await newPage(ctx.browser, ctx.server);
  assert.equal(await submitLoginAndWait(again, 'khoa.thu', 'Locked-Pass-123'), 200);
  await again.context().close();
});
