// Small screens, the audit log, the placeholder modules and keyboard use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, visibleText } from './helpers.mjs';

const ctx = setup({ before, after });

test('at 360 px the navigation collapses behind a menu button', async () => {
  const page = await newPage(ctx.browser, ctx.server, { width: 360, height: 740 });
  await screenshot(page, 'mobile-360-login');
  await login(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  await assertVisible(menu, 'menu button');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  const unitsLink = page.getByRole('navigation').getByRole('link', { name: 'Đơn vị', exact: true });
  assert.equal(await unitsLink.isVisible(), false, 'navigation hidden until the menu opens');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal scrolling (page is ${width}px wide)`);
  await screenshot(page, 'mobile-360-dashboard');

  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await assertVisible(unitsLink, 'navigation shown after opening the menu');
  await assertVisible(page.getByRole('navigation').getByRole('button', { name: 'Đăng xuất' }), 'logout in the menu');
  await screenshot(page, 'mobile-360-menu-open');

  await unitsLink.click();
  await assertVisible(page.getByRole('heading', { name: 'Đơn vị', level: 1 }), 'units page');
  await unitsLink.waitFor({ state: 'hidden' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'the menu closes after choosing');
  await page.getByLabel('Tìm đơn vị').fill('ha tinh');
  await assertVisible(page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByText('Tỉnh Hà Tĩnh'));
  await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link', { name: /Tỉnh Hà Tĩnh/ }).click();
  const heading = page.locator('article.unit-detail h2');
  await heading.waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('article.unit-detail h2')?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await screenshot(page, 'mobile-360-unit-detail');
  const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w2 <= 360, `units page fits (is ${w2}px wide)`);
  await screenshot(page, 'mobile-360-units');

  await menu.click();
  await page.getByRole('navigation').getByRole('link', { name: 'Người dùng', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Người dùng', level: 1 }));
  await assertVisible(page.getByRole('table').getByText('admin', { exact: true }), 'the user list as cards');
  const w3 = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w3 <= 360, `users page fits (is ${w3}px wide)`);
  await screenshot(page, 'mobile-360-users');
  await page.context().close();
});

test('the audit log lists recent actions, newest first, one page at a time', async () => {
  const admin = await apiSession(ctx.server);
  const unit = await findUnit(admin, 'Lai Châu');
  // More than one page (50) of entries.
  for (let i = 0; i < 55; i++) {
    const created = await admin.post('/users', {
      username: `nhat.ky.${i}`,
      full_name: `Người Thử Nhật Ký ${i}`,
      password: 'Audit-Pass-12345',
      unit_id: unit.id,
      roles: ['viewer'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }

  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 }), 'audit heading');
  const rows = page.getByRole('table').locator('tbody tr');
  await assertVisible(rows, 'audit entries');
  assert.ok((await rows.count()) >= 2, 'several entries');
  const first = await visibleText(rows.first());
  assert.match(first, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, 'time shown dd/mm/yyyy HH:mm');
  const all = await visibleText(page.getByRole('table'));
  assert.match(all, /admin/, 'the acting user is shown');
  assert.match(first, /session\.login/, 'the newest entry (this sign-in) comes first');
  const i54 = all.indexOf('nhat.ky.54');
  const i53 = all.indexOf('nhat.ky.53');
  assert.ok(i54 >= 0 && i53 > i54, 'later actions are listed above earlier ones');
  await screenshot(page, 'audit');
  const firstPage = await rows.count();
  await page.getByRole('button', { name: 'Xem thêm' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length > n, firstPage);
  assert.ok((await rows.count()) > firstPage, 'the next page is appended');
  await page.context().close();
});

test('every module opens from the navigation; the keyboard reaches it with visible focus', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);

  // Tab from the top of the page: skip link first, then the header and the navigation.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : null));
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Bỏ qua, đến nội dung chính/);
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent === 'Đơn vị');
  }
  assert.ok(reached, 'the Units link is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await assertVisible(page.getByRole('heading', { name: 'Đơn vị', level: 1 }), 'Enter follows the link');
  for (const name of ['Kế hoạch', 'Việc cần làm', 'Báo cáo']) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await assertVisible(page.getByRole('heading', { level: 1 }).first(), `${name}: a page heading`);
    assert.equal(await page.getByText('Đang xây dựng').count(), 0, `${name} is built, not a placeholder`);
  }
  await screenshot(page, 'modules-reports');
  await page.context().close();
});
