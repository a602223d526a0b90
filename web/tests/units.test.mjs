// The unit browser: search, tree, lineage across the 2025 reform, the pre-reform tree with its
// agencies, and an administrator adding and renaming an agency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, login, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

async function openUnits(width) {
  const page = await newPage(ctx.browser, ctx.server, width ? { width } : {});
  await login(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Đơn vị', level: 1 }), 'units page heading');
  return page;
}

const results = (page) => page.getByRole('list', { name: 'Kết quả tìm kiếm' });
const tree = (page) => page.getByRole('list', { name: 'Cây đơn vị' });
const detail = (page) => page.locator('article.unit-detail');

test('searching "ha tinh" without diacritics lists Hà Tĩnh first', async () => {
  const page = await openUnits();
  await page.getByLabel('Tìm đơn vị').fill('ha tinh');
  const first = results(page).getByRole('listitem').first();
  const text = await waitForText(first, /Hà Tĩnh/);
  assert.match(text, /Tỉnh\/thành phố/, 'the kind is shown');
  assert.match(text, /42/, 'the code is shown');
  assert.match(text, /Từ 01\/07\/2025/, 'the validity is shown dd/mm/yyyy');
  await screenshot(page, 'units-search-ha-tinh');
  await first.getByRole('link').click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Hà Tĩnh/);
  await page.context().close();
});

test('browse the tree: country → province → commune', async () => {
  const page = await openUnits();
  // The country is open by itself; its provinces are listed.
  await page.getByRole('button', { name: /^Mở rộng Tỉnh Lai Châu$/ }).click();
  const commune = tree(page).getByRole('link', { name: /Xã Bình Lư/ });
  await assertVisible(commune, 'a commune of Lai Châu appears under it');
  await commune.click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Xã Bình Lư/);
  const crumbs = await visibleText(detail(page).getByRole('navigation', { name: 'Đơn vị cấp trên' }));
  assert.match(crumbs, /Lai Châu/, 'breadcrumb lists the province');
  const facts = await visibleText(detail(page).locator('dl.facts'));
  assert.match(facts, /Xã\/phường/, 'kind');
  assert.match(facts, /Từ 01\/07\/2025/, 'validity');
  await screenshot(page, 'units-tree-commune');
  await page.context().close();
});

test('lineage: Phường Ba Đình was formed from Trúc Bạch (whole) and others, each clickable', async () => {
  const page = await openUnits();
  await page.getByLabel('Tìm đơn vị').fill('Ba Đình');
  await results(page).getByRole('link', { name: /Phường Ba Đình/ }).first().click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Phường Ba Đình/);
  const facts = await visibleText(detail(page).locator('dl.facts'));
  assert.match(facts, /00004/, 'code 00004');
  assert.match(facts, /Từ 01\/07\/2025/, 'valid from 01/07/2025');
  const formedFrom = page.getByRole('list', { name: 'Hình thành từ' });
  const trucBach = formedFrom.getByRole('listitem').filter({ hasText: 'Phường Trúc Bạch' });
  assert.match(await visibleText(trucBach), /toàn bộ/, 'Trúc Bạch merged whole');
  assert.match(await visibleText(formedFrom.getByRole('listitem').filter({ hasText: 'Phường Quán Thánh' })), /toàn bộ/);
  assert.match(await visibleText(formedFrom.getByRole('listitem').filter({ hasText: 'Phường Ngọc Hà' })), /một phần/);
  await screenshot(page, 'units-lineage-ba-dinh');

  await trucBach.getByRole('link').click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Phường Trúc Bạch/);
  const successors = page.getByRole('list', { name: 'Đã sắp xếp vào' });
  assert.match(await visibleText(successors), /Phường Ba Đình/, 'the old ward lists its successor');
  await screenshot(page, 'units-lineage-truc-bach');
  await page.context().close();
});

test('before 01/07/2025: Lai Châu → Huyện Tam Đường → its agencies', async () => {
  const page = await openUnits();
  await page.getByRole('button', { name: 'Trước 01/07/2025' }).click();
  await assertVisible(page.getByText('Đang xem đơn vị có hiệu lực ngày 30/06/2025.'), 'the date shown');
  assert.equal(await page.getByLabel('Tại ngày').inputValue(), '30/06/2025', 'the date field shows dd/mm/yyyy');
  await page.getByRole('button', { name: /^Mở rộng Tỉnh Lai Châu$/ }).click();
  await page.getByRole('button', { name: /^Mở rộng Huyện Tam Đường$/ }).click();
  const agencyRows = tree(page).getByRole('link').filter({ has: page.locator('.tag--agency') });
  await assertVisible(agencyRows, 'agencies appear under Huyện Tam Đường');
  await assertVisible(tree(page).getByRole('link', { name: /Thị trấn Tam Đường|Xã Bình Lư/ }), 'old communes of the district');
  await tree(page).getByRole('link', { name: /Huyện Tam Đường/ }).click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Huyện Tam Đường/);
  const facts = await visibleText(detail(page).locator('dl.facts'));
  assert.match(facts, /Huyện\/quận/);
  assert.match(facts, /Đến 30\/06\/2025/);
  const agencies = page.getByRole('list', { name: 'Cơ quan, ban, ngành, đoàn thể' });
  assert.ok((await agencies.getByRole('listitem').count()) > 0 || (await agencies.count()) > 0);
  await assertVisible(agencies.getByRole('listitem'), 'the district lists its agencies');
  await screenshot(page, 'units-before-2025-tam-duong');
  await page.context().close();
});

test('an administrator adds an agency under a commune and renames it', async () => {
  const page = await openUnits();
  await page.getByLabel('Tìm đơn vị').fill('Bình Lư');
  await results(page).getByRole('link', { name: /Xã Bình Lư/ }).first().click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Xã Bình Lư/);
  await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
  const name = 'Hội Liên hiệp Phụ nữ xã Bình Lư';
  await page.getByLabel(/^Tên cơ quan/).fill(name);
  const typeSelect = page.getByLabel(/^Loại cơ quan/);
  await page.waitForFunction(() => document.querySelectorAll('#agency-type option').length > 1);
  const values = await typeSelect.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await typeSelect.selectOption(values[0]);
  await screenshot(page, 'units-add-agency-form');
  await page.getByRole('button', { name: 'Thêm cơ quan' }).last().click();
  await assertVisible(page.getByText(`Đã thêm cơ quan “${name}”.`), 'success message');
  const agencies = page.getByRole('list', { name: 'Cơ quan, ban, ngành, đoàn thể' });
  await assertVisible(agencies.getByRole('link', { name }), 'the new agency is listed');
  await screenshot(page, 'units-agency-added');

  await agencies.getByRole('link', { name }).click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), new RegExp(name));
  await page.getByRole('button', { name: 'Sửa thông tin cơ quan' }).click();
  const renamed = name + ' (đổi tên)';
  await page.getByLabel(/^Tên cơ quan/).fill(renamed);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await assertVisible(page.getByText('Đã lưu thay đổi.'), 'saved message');
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /\(đổi tên\)/);
  await screenshot(page, 'units-agency-renamed');

  // Someone else renames it while this page still holds the old version: a 409, reloaded.
  await page.getByRole('button', { name: 'Sửa thông tin cơ quan' }).click();
  const id = decodeURIComponent(new URL(page.url()).hash.match(/#\/units\/([^?]+)/)[1]);
  const admin = await apiSession(ctx.server);
  const current = await admin.get('/units/' + encodeURIComponent(id));
  const other = await admin.patch('/units/' + encodeURIComponent(id), { version: current.body.version, name: 'Tên do người khác sửa' });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  await page.getByLabel(/^Tên cơ quan/).fill('Tên của tôi');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await waitForText(page.locator('form').getByRole('alert'), /Đã tải lại dữ liệu mới nhất/);
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Tên do người khác sửa/);
  assert.equal(await page.getByLabel(/^Tên cơ quan/).inputValue(), 'Tên do người khác sửa', 'the form shows the saved name');
  await screenshot(page, 'units-agency-conflict');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await assertVisible(page.getByText('Đã lưu thay đổi.'), 'saving again with the new version works');
  await page.context().close();
});

test('a province chooses its reminder days, and a commune under it takes them (360 px)', async () => {
  const page = await openUnits();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByLabel('Tìm đơn vị').fill('Lai Châu');
  await results(page).getByRole('link', { name: /^Tỉnh Lai Châu/ }).first().click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Tỉnh Lai Châu/);
  const section = page.getByRole('region', { name: 'Nhắc việc' });
  await waitForText(section.locator('[data-reminder-days]'), /còn 7 ngày và khi còn 1 ngày.*\(mặc định\)/);
  await section.getByLabel(/^Nhắc lần đầu khi còn/).fill('3');
  await section.getByLabel(/^Nhắc lần cuối khi còn/).fill('3');
  await section.getByRole('button', { name: 'Lưu số ngày nhắc' }).click();
  await waitForText(section.locator('[data-field-error]').first(), /ít ngày hơn lần đầu/);
  await section.getByLabel(/^Nhắc lần đầu khi còn/).fill('10');
  await section.getByRole('button', { name: 'Lưu số ngày nhắc' }).click();
  await waitForText(section.getByText('Đã lưu số ngày nhắc việc.'), /Đã lưu/);
  await waitForText(section.locator('[data-reminder-days]'), /còn 10 ngày và khi còn 3 ngày.*\(do đơn vị này chọn\)/);
  assert.equal(await section.locator('[data-field-error]').count(), 0, 'the error is gone once fixed');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'units-reminder-days-phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page fits 360 px (${width})`);

  await page.getByLabel('Tìm đơn vị').fill('Bình Lư');
  await results(page).getByRole('link', { name: /Xã Bình Lư/ }).first().click();
  await waitForText(detail(page).getByRole('heading', { level: 2 }), /Xã Bình Lư/);
  await waitForText(page.getByRole('region', { name: 'Nhắc việc' }).locator('[data-reminder-days]'), /còn 10 ngày và khi còn 3 ngày.*\(theo Tỉnh Lai Châu\)/);

  // Back to the default, for the other tests.
  const admin = await apiSession(ctx.server);
  const province = (await admin.get('/units?q=lai%20chau&kind=province')).body.items[0];
  const cleared = await admin.del('/units/' + province.id + '/reminder-days');
  assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
  assert.equal(cleared.body.set_by_unit_id, null);
  await page.context().close();
});
