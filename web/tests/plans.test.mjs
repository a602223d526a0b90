// Plans end to end: a province planner writes a plan, adds activities and issues it; a commune
// derives its own plan from it; the agency marks its activity done in "Việc cần làm"; the
// province sees the cascade change. Also the timeline and the seeded Tam Đường plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, login, logout, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
const PASSWORD = 'Plans-Test-2026';
const AGENCY = 'Công an tỉnh (thử nghiệm kế hoạch)';
const data = {};

async function pickUnit(page, label, query, optionName) {
  const input = page.getByRole('combobox', { name: label });
  await input.fill(query);
  const option = page.getByRole('option', { name: optionName }).first();
  await option.waitFor();
  await option.click();
}

async function prepare() {
  if (data.province) return;
  const api = await apiSession(ctx.server);
  const provinces = await api.get('/units?q=lai%20chau&kind=province');
  data.province = provinces.body.items[0];
  const communes = await api.get(`/units?kind=commune&parent=${data.province.id}&limit=200`);
  // A commune whose name no other current unit shares, so the picker shows it first.
  for (const c of communes.body.items) {
    const same = await api.get(`/units?q=${encodeURIComponent(c.full_name)}&limit=5`);
    if (same.body.items.filter((u) => u.full_name === c.full_name).length === 1) {
      data.commune = c;
      break;
    }
  }
  assert.ok(data.commune, 'a commune with a unique name');
  const agency = await api.post('/units', { parent_id: data.province.id, name: AGENCY, agency_type: 'police' });
  assert.equal(agency.status, 201, JSON.stringify(agency.body));
  data.agency = agency.body;
  const users = [
    ['kh.tinh', data.province.id, 'planner'],
    ['ca.tinh', data.agency.id, 'reporter'],
    ['kh.xa', data.commune.id, 'planner'],
  ];
  for (const [username, unit, role] of users) {
    const r = await api.post('/users', { username, full_name: username, password: PASSWORD, unit_id: unit, roles: [role] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

async function openPlan(page, id) {
  await page.goto(ctx.server.url + '/#/plans/' + id);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

test('a planner writes a plan, adds activities and issues it', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'kh.tinh', PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch', exact: true }).click();
  await page.getByRole('link', { name: 'Lập kế hoạch mới' }).click();
  await page.getByLabel(/^Trích yếu/).fill('Kế hoạch triển khai Tháng hành động năm 2026 (thử nghiệm)');
  await page.getByLabel(/^Từ ngày/).fill('15/11/2026');
  await page.getByLabel(/^Đến ngày/).fill('31/12/2099');

  // Period end before start: the server's message names the field.
  await page.getByLabel(/^Đến ngày/).fill('01/11/2026');
  await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
  await assertVisible(page.locator('#plan-end-error'), 'the period end is refused beside its field');
  await page.getByLabel(/^Đến ngày/).fill('31/12/2099');
  await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
  await assertVisible(page.getByRole('heading', { name: 'I. Mục đích, yêu cầu' }), 'the editor follows the document');
  await assertVisible(page.getByRole('heading', { name: 'II. Nội dung' }), 'section II');
  await assertVisible(page.getByRole('heading', { name: 'III. Tổ chức thực hiện' }), 'section III');
  data.plan = page.url().split('#/plans/')[1];
  assert.ok(data.plan, 'the plan has an address');

  // Issuing asks for confirmation, naming the number and day; without activities it is refused.
  await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
  await assertVisible(page.getByText(/^Ban hành kế hoạch số \d+\/KH-UBND, ngày \d{2}\/\d{2}\/\d{4}\?/), 'the confirmation names number and day');
  await page.getByRole('button', { name: 'Xác nhận ban hành' }).click();
  await assertVisible(page.getByText(/ít nhất một hoạt động/), 'issuing needs an activity');

  // Messages, one per line.
  await page.getByRole('button', { name: 'Thêm nhóm thông điệp' }).click();
  await page.getByLabel('Tên nhóm').fill('Nhóm thông điệp về Huy động sự tham gia của nam giới');
  await page.getByLabel('Các thông điệp').fill('Việc nhà không của riêng ai.\nMình là đàn ông, mình không gây bạo lực.');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText('Đã lưu bản dự thảo.'), 'draft saved');

  // An activity led by the agency, another for the communes.
  const form = page.getByRole('form', { name: 'Giao hoạt động' });
  await form.getByLabel(/^Nội dung hoạt động/).fill('Tuần tra, xử lý nghiêm hành vi bạo lực');
  await pickUnit(page, /^Đơn vị chủ trì/, 'thu nghiem ke hoach', new RegExp('Công an tỉnh'));
  await pickUnit(page, /^Đơn vị phối hợp/, data.commune.full_name, new RegExp(data.commune.full_name));
  await form.getByLabel(/^Hạn hoàn thành/).fill('20/12/2098');
  await form.getByRole('button', { name: 'Thêm hoạt động' }).click();
  await assertVisible(page.locator('.activity-table').getByText('Tuần tra, xử lý nghiêm hành vi bạo lực'), 'activity listed');
  await assertVisible(page.locator('.activity-table td', { hasText: data.commune.full_name }), 'the supporting unit is listed');
  await form.getByLabel(/^Nội dung hoạt động/).fill('Xây dựng và triển khai kế hoạch của xã');
  await form.getByLabel(/Giao cho UBND các xã/).check();
  await form.getByLabel(/^Hạn hoàn thành/).fill('10/12/2098');
  await form.getByRole('button', { name: 'Thêm hoạt động' }).click();
  await assertVisible(page.locator('.activity-table').getByText('UBND các xã, thị trấn'), 'communes activity listed');

  await page.getByLabel(/^Ngày ban hành/).fill('2026-11-30');
  await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
  await assertVisible(page.getByText(/ngày 30\/11\/2026\?/), 'the chosen day is confirmed');
  await page.getByRole('button', { name: 'Xác nhận ban hành' }).click();
  await waitForText(page.locator('[data-plan-status]'), /Đã ban hành/);
  await assertVisible(page.getByText('30/11/2026').first(), 'issued on the chosen day');
  await assertVisible(page.getByText(/Đã ban hành kế hoạch số \d+\/KH-UBND/), 'issued with the next free number');
  await screenshot(page, 'plans-issued');

  // Issued plans are frozen: a change is a new revision and the previous one is kept.
  await page.getByLabel(/^Trích yếu/).fill('Kế hoạch triển khai Tháng hành động năm 2026 (thử nghiệm, sửa đổi)');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText(/lần sửa đổi 2/).first(), 'saved as revision 2');
  await assertVisible(page.getByRole('heading', { name: 'Các lần sửa đổi trước' }), 'the earlier revision is listed');

  // The timeline of the plan's activities.
  await page.getByRole('link', { name: 'Tiến độ theo thời gian' }).click();
  await assertVisible(page.locator('.timeline__row'), 'timeline rows');
  assert.equal(await page.locator('.timeline__row').count(), 2);
  await logout(page);
});

test('a commune derives its plan from the issued plan', async () => {
  await prepare();
  assert.ok(data.plan, 'needs the plan of the previous test');
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'kh.xa', PASSWORD);
  await openPlan(page, data.plan);
  await pickUnit(page, 'Đơn vị xây dựng kế hoạch', data.commune.full_name, new RegExp(data.commune.full_name));
  await page.getByRole('button', { name: 'Xây dựng kế hoạch triển khai' }).click();
  await waitForText(page.locator('[data-plan-status]'), /Dự thảo/);
  assert.notEqual(page.url().split('#/plans/')[1], data.plan, 'a new plan was opened');
  await assertVisible(page.getByRole('link', { name: 'Kế hoạch cấp trên' }), 'linked to its parent');
  await assertVisible(page.getByText('Xây dựng và triển khai kế hoạch của xã'), 'the communes’ activity is now its own');
  assert.match(await page.getByLabel('Các thông điệp').first().inputValue(), /Việc nhà không của riêng ai\./, 'messages copied');
  // The copied activity is led by the commune (issue 11 item 2); in a draft it is cancelled
  // with a reason, or deleted after a second click.
  const row = page.locator('.activity-table tr', { hasText: 'Xây dựng và triển khai kế hoạch của xã' });
  await waitForText(row, new RegExp(data.commune.full_name));
  await page.getByRole('button', { name: 'Sửa hoạt động 1' }).click();
  await row.getByLabel(/^Nội dung hoạt động/).fill('Xây dựng và triển khai kế hoạch của xã, có lịch cụ thể');
  await row.getByRole('button', { name: 'Lưu', exact: true }).click();
  await waitForText(row, /có lịch cụ thể/);
  await page.getByRole('button', { name: 'Huỷ hoạt động 1' }).click();
  await page.getByRole('button', { name: 'Xác nhận huỷ hoạt động' }).click();
  await assertVisible(page.getByText('cần ghi lý do huỷ hoạt động (tối đa 2.000 ký tự)'), 'a reason is required');
  await page.getByLabel(/^Lý do huỷ/).fill('Đã lồng ghép vào hội nghị của xã');
  await page.getByRole('button', { name: 'Xác nhận huỷ hoạt động' }).click();
  await assertVisible(page.getByText('Đã huỷ hoạt động.'), 'cancelled');
  await waitForText(row, /Đã huỷ/);
  await waitForText(row, /Đã lồng ghép vào hội nghị của xã/);
  assert.equal(await page.getByRole('button', { name: 'Huỷ hoạt động 1' }).count(), 0, 'cancelled once');
  await page.getByRole('button', { name: 'Xoá hoạt động 1' }).click();
  await waitForText(page.getByRole('button', { name: 'Xoá hoạt động 1' }), /Xác nhận xoá/);
  await page.getByRole('button', { name: 'Xoá hoạt động 1' }).click();
  await assertVisible(page.getByText('Đã xoá hoạt động.'), 'deleted');
  assert.equal(await page.locator('.activity-table').count(), 0, 'no activity left');
  await logout(page);
});

test('the agency marks its activity done and the cascade changes', async () => {
  await prepare();
  assert.ok(data.plan, 'needs the plan of the first test');
  const planner = await newPage(ctx.browser, ctx.server);
  await login(planner, 'kh.tinh', PASSWORD);
  await planner.goto(ctx.server.url + '/#/plans/' + data.plan + '/cascade');
  const agencyRow = planner.locator(`tr[data-unit="${AGENCY}"]`);
  await waitForText(agencyRow.locator('[data-done]'), /^0\/1/);
  const communeRow = planner.locator(`tr[data-unit="${data.commune.full_name}"]`);
  await waitForText(communeRow, /Dự thảo/);
  await assertVisible(planner.locator('tr.is-behind'), 'communes without a plan are marked behind');
  await screenshot(planner, 'plans-cascade-before');

  const agency = await newPage(ctx.browser, ctx.server);
  await login(agency, 'ca.tinh', PASSWORD);
  await agency.getByRole('navigation').getByRole('link', { name: 'Việc cần làm', exact: true }).click();
  const task = agency.locator('[data-task="Tuần tra, xử lý nghiêm hành vi bạo lực"]');
  await task.waitFor();
  await task.getByLabel('Ghi chú tiến độ').fill('Đã tuần tra 12 địa bàn');
  await task.getByRole('button', { name: 'Đánh dấu đã xong' }).click();
  await assertVisible(agency.getByText(/Đã ghi nhận hoàn thành/), 'one-step update confirmed');
  await waitForText(task.locator('[data-status]'), /Đã xong/);
  await screenshot(agency, 'plans-tasks-done');

  await planner.reload();
  await waitForText(planner.locator(`tr[data-unit="${AGENCY}"] [data-done]`), /^1\/1 \(100%\)/);
  await screenshot(planner, 'plans-cascade-after');
});

test('the seeded Tam Đường plan shows every part of the document', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await page.goto(ctx.server.url + '/#/plans');
  await page.getByLabel('Tìm kế hoạch').fill('tam duong thang hanh dong');
  await page
    .locator('tr')
    .filter({ has: page.getByRole('cell', { name: 'Huyện Tam Đường', exact: true }) })
    .getByRole('link')
    .first()
    .click();
  await assertVisible(page.getByRole('heading', { name: 'III. Tổ chức thực hiện' }), 'the plan opens');
  assert.equal(await page.getByLabel('Các thông điệp').count(), 3, 'three message groups');
  assert.match(await page.getByLabel('Các thông điệp').nth(2).inputValue(), /Việc nhà không của riêng ai\./);
  assert.equal(await page.locator('#signer-name').inputValue(), 'Vũ Xuân Thịnh', 'the signer, now editable');
  // The reporting duty, now edited in the form: its template by name, due 10/12/2024.
  assert.equal(await page.locator('#reporting-due-0').inputValue(), '10/12/2024');
  const label = await page.locator('#reporting-template-0').evaluate((el) => el.selectedOptions[0]?.textContent ?? '');
  assert.match(label, /\p{L}{3,} .+/u, 'the template shown by its name');
  assert.notEqual(label, 'action_month_results');
  assert.equal(await page.locator('#reporting-template-0').inputValue(), 'action_month_results');
  await assertVisible(page.getByText('Hội Liên hiệp Phụ nữ huyện').first(), 'assignments to agencies');
  await screenshot(page, 'plans-tam-duong');
});
