// The user's own account: a password reset by an administrator is announced (badge and notice),
// the notification can be read, and the user changes the password themselves — on a desktop and
// on a 360 px phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, findUnit, login, logout, newPage, screenshot, setup, submitLoginAndWait, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

async function userWithResetPassword(name) {
  const admin = await apiSession(ctx.server);
  const unit = await findUnit(admin, 'Lai Châu');
  const created = await admin.post('/users', {
    username: name,
    full_name: 'Cầm Thị Đổi',
    password: 'First-Pass-2025',
    unit_id: unit.id,
    roles: ['viewer'],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const reset = await admin.patch('/users/' + created.body.id, { version: 1, password: 'Reset-By-Admin-2025' });
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.equal(reset.body.must_change_password, true);
}

for (const [width, height, tag] of [
  [1366, 860, 'desktop'],
  [360, 740, 'phone'],
]) {
  test(`a reset password is announced and the user changes it (${tag})`, async () => {
    const name = 'doi.matkhau.' + tag;
    await userWithResetPassword(name);
    const page = await newPage(ctx.browser, ctx.server, { width, height });
    await login(page, name, 'Reset-By-Admin-2025');
    await waitForText(page.locator('[data-unread]:visible').first(), /1/);
    await waitForText(page.getByRole('main'), /Mật khẩu của bạn do người khác đặt lại/);
    await page.goto(ctx.server.url + '/#/account');
    await waitForText(page.getByRole('heading', { name: 'Tài khoản của tôi' }), /Tài khoản/);
    const notice = page.locator('[data-notifications] .result').first();
    await waitForText(notice, /Mật khẩu của bạn đã được admin đặt lại lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    await screenshot(page, `account-${tag}`);
    await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.locator('[data-unread]').first().waitFor({ state: 'detached' });

    // Two different new passwords are caught before sending.
    await page.getByLabel(/^Mật khẩu hiện tại/).fill('Reset-By-Admin-2025');
    await page.getByLabel(/^Mật khẩu mới/).fill('My-Own-Pass-2025');
    await page.getByLabel(/^Nhập lại mật khẩu mới/).fill('My-Own-Pass-2026');
    await waitForText(page.locator('[data-field-error]').first(), /không giống nhau/);
    assert.equal(await page.getByRole('button', { name: 'Đổi mật khẩu' }).isDisabled(), true);
    // A wrong current password is named beside its field.
    await page.getByLabel(/^Mật khẩu hiện tại/).fill('Not-The-Pass-2025');
    await page.getByLabel(/^Nhập lại mật khẩu mới/).fill('My-Own-Pass-2025');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await waitForText(page.locator('[data-field-error]').first(), /mật khẩu hiện tại không đúng/i);
    await page.getByLabel(/^Mật khẩu hiện tại/).fill('Reset-By-Admin-2025');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await waitForText(page.getByText('Đã đổi mật khẩu.'), /Đã đổi/);
    assert.equal(await page.getByText('Mật khẩu của bạn do người khác đặt lại').count(), 0, 'the must-change notice is gone');
    if (width < 600) await page.getByRole('button', { name: 'Menu' }).click();
    await logout(page);
    assert.equal(await submitLoginAndWait(page, name, 'My-Own-Pass-2025'), 200);
    await page.context().close();
  });
}
