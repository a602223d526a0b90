// Reports in the browser: a commune's reporter enters and submits the action-month report, the
// province's reviewer returns it with a comment, the reporter fixes and resubmits it, the
// reviewer accepts it and sees it in the consolidation and the completeness pages. The demo
// reports of Tam Đường 2024 show late and missing units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, logout, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
let province, commune;

async function prepare() {
  if (province) return;
  const admin = await apiSession(ctx.server);
  province = await findUnit(admin, 'Tỉnh Lai Châu');
  const children = await admin.get(`/units/${province.id}/children?kind=commune&limit=1`);
  commune = children.body.items[0];
  for (const [username, unit, role] of [
    ['rep.xa', commune.id, 'reporter'],
    ['rev.tinh', province.id, 'reviewer'],
  ]) {
    const r = await admin.post('/users', { username, full_name: 'Người thử ' + role, password: 'Reports-2026', unit_id: unit, roles: [role] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

async function openReports(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Báo cáo', level: 1 }), 'reports page');
}

/** Chooses an action month in a period picker (kind, then year), as a user does. */
async function pickActionMonth(picker, year) {
  await picker.getByLabel('Loại kỳ').selectOption('action_month');
  await picker.getByLabel('Năm', { exact: true }).selectOption(String(year));
  await waitForText(picker.locator('[data-period-label]'), new RegExp(`^Tháng hành động ${year}$`));
}

async function openReportOf(page, period) {
  await pickActionMonth(page.locator('#inbox-period'), Number(period.slice(0, 4)));
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('link', { name: commune.full_name }).first().click();
  await assertVisible(page.getByTestId('report-status'), 'the report page');
}

test('enter, submit, return, fix, resubmit, accept; then consolidation and completeness', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'rep.xa', 'Reports-2026');
  await openReports(page);
  // Create the commune's action-month report for 2026.
  const form = page.getByRole('form', { name: 'Tạo báo cáo' });
  await pickActionMonth(form, 2026);
  await form.getByRole('button', { name: 'Tạo báo cáo của đơn vị' }).click();
  await assertVisible(page.getByTestId('report-status'), 'the new report opens');
  assert.match(await visibleText(page.getByTestId('report-status')), /Đang soạn/);
  assert.match(await visibleText(page.locator('.page-header')), /10\/12\/2026/, 'the deadline is shown');

  await page.getByLabel('I.1. Công tác chỉ đạo, ban hành kế hoạch triển khai').fill('UBND xã ban hành kế hoạch số 15/KH-UBND.');
  await page.getByRole('button', { name: /Thêm dòng: 1\. Tổ chức phát động/ }).click();
  await page.getByLabel('Hoạt động 1', { exact: true }).selectOption('launch_ceremony');
  await page.getByLabel('Số cuộc/Đoàn 1', { exact: true }).fill('1');
  await page.getByLabel('Số người tham gia Nam 1', { exact: true }).fill('40');
  await page.getByLabel('Số người tham gia Nữ 1', { exact: true }).fill('55');
  await page.getByRole('button', { name: /Thêm dòng: 1\. Tổ chức phát động/ }).click();
  await page.getByLabel('Hoạt động 2', { exact: true }).selectOption('training');
  await page.getByLabel('Số người tham gia Nữ 2', { exact: true }).fill('20');
  // Running totals.
  await waitForText(page.getByTestId('total-activities'), /Tổng cộng\s+1\s+40\s+75/);
  await screenshot(page, 'report-entry');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await assertVisible(page.getByText('Đã gửi báo cáo.'), 'submitted');
  await waitForText(page.getByTestId('report-status'), /Đã gửi · Đúng hạn/);
  // Submitted: read-only for the reporter, who may withdraw it before review (issue 11 item 1).
  const direction = page.getByLabel('I.1. Công tác chỉ đạo, ban hành kế hoạch triển khai');
  assert.equal(await direction.isEditable(), false, 'a submitted report is read-only');
  assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0, 'no second submit');
  assert.equal(await page.getByRole('button', { name: /Thêm dòng/ }).count(), 0, 'no rows added');
  await assertVisible(page.getByTestId('report-readonly'), 'the read-only notice');
  await page.getByRole('button', { name: 'Rút lại', exact: true }).click();
  await assertVisible(page.getByText('Đã rút lại báo cáo; báo cáo trở lại trạng thái đang soạn.'), 'withdrawn');
  await waitForText(page.getByTestId('report-status'), /Đang soạn/);
  assert.equal(await direction.isEditable(), true, 'a withdrawn report is a draft again');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await waitForText(page.getByTestId('report-status'), /Đã gửi · Đúng hạn/);
  await logout(page);

  // The province's reviewer returns it.
  await login(page, 'rev.tinh', 'Reports-2026');
  await openReports(page);
  await openReportOf(page, '2026AM');
  await page.getByLabel(/^Lý do trả lại/).fill('Đề nghị bổ sung số liệu truyền thông.');
  await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
  await waitForText(page.getByTestId('report-status'), /Bị trả lại/);
  await logout(page);

  // The reporter sees the comment, fixes and resubmits.
  await login(page, 'rep.xa', 'Reports-2026');
  await openReports(page);
  await openReportOf(page, '2026AM');
  await assertVisible(page.getByText('Báo cáo bị trả lại: Đề nghị bổ sung số liệu truyền thông.'), 'the comment');
  await page.getByRole('button', { name: /Thêm dòng: 2\. Kết quả truyền thông/ }).click();
  await page.getByLabel('Nội dung 1', { exact: true }).selectOption('radio_loudspeaker');
  await page.getByLabel('Số lượng 1', { exact: true }).first().fill('12');
  await page.getByLabel('Số người tiếp cận Nữ 1', { exact: true }).first().fill('300');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await waitForText(page.getByTestId('report-status'), /Đã gửi/);
  await logout(page);

  // Accept, then the consolidation and completeness of the province.
  await login(page, 'rev.tinh', 'Reports-2026');
  await openReports(page);
  await openReportOf(page, '2026AM');
  await page.getByRole('button', { name: 'Chấp nhận', exact: true }).click();
  await waitForText(page.getByTestId('report-status'), /Đã chấp nhận/);
  await page.goto(`${ctx.server.url}/#/reports/consolidated?template=action_month_results&period=2026AM&unit=${province.id}`);
  await assertVisible(page.getByRole('heading', { name: /Tổng hợp của Tỉnh Lai Châu/ }), 'consolidation page');
  await waitForText(page.getByTestId('total-activities'), /Tổng cộng\s+1\s+40\s+75/);
  await waitForText(page.getByTestId('total-media'), /Tổng cộng\s+12\s+0\s+300/);
  await assertVisible(page.getByRole('link', { name: commune.full_name }), 'the commune is listed as included');
  await screenshot(page, 'report-consolidation');
  await page.getByRole('link', { name: 'Tình hình nộp báo cáo' }).click();
  const row = page.getByRole('row').filter({ hasText: commune.full_name });
  assert.match(await visibleText(row), /Đúng hạn/);
  await logout(page);
  await page.context().close();
});

test('the demo: Tam Đường 2024 shows on-time, late, returned and missing units at a glance', async () => {
  const admin = await apiSession(ctx.server);
  const district = await findUnit(admin, 'Huyện Tam Đường', '2024-11-15');
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await page.goto(`${ctx.server.url}/#/reports/completeness?template=action_month_results&period=2024AM&unit=${district.id}`);
  await assertVisible(page.getByRole('heading', { name: /Huyện Tam Đường/ }), 'completeness page');
  const summary = await visibleText(page.getByTestId('completeness-summary'));
  assert.match(summary, /Phải nộp\s+26/);
  for (const state of ['Đúng hạn', 'Muộn', 'Chưa nộp', 'Bị trả lại']) {
    await assertVisible(page.getByRole('cell', { name: state, exact: true }), 'a unit ' + state);
  }
  await screenshot(page, 'report-completeness');
  await page.goto(`${ctx.server.url}/#/reports/consolidated?template=action_month_results&period=2024AM&unit=${district.id}`);
  await assertVisible(page.getByRole('heading', { name: /Tổng hợp của Huyện Tam Đường/ }), 'consolidation');
  // The consolidated báo cáo as an official document: the buttons download a real PDF and DOCX.
  for (const [name, type, magic] of [
    ['Tải bản PDF (NĐ 30)', 'application/pdf', '%PDF-'],
    ['Tải văn bản Word (NĐ 30)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'],
  ]) {
    const link = page.getByRole('link', { name, exact: true });
    await assertVisible(link, name);
    const res = await page.request.get(ctx.server.url + (await link.getAttribute('href')));
    assert.equal(res.status(), 200, name);
    assert.equal(res.headers()['content-type'], type, name);
    assert.equal((await res.body()).subarray(0, magic.length).toString('latin1'), magic, name);
  }
  await page.context().close();
});

test('an administrator creates a template in the page and edits it into a new version', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page);
  await openReports(page);
  await page.getByRole('link', { name: 'Mẫu báo cáo' }).click();
  await page.getByRole('link', { name: 'Tạo mẫu mới' }).click();
  await page.getByLabel('Mã mẫu').fill('community_models');
  await page.getByLabel('Tên mẫu').fill('Báo cáo mô hình cộng đồng');
  await page.getByLabel(/^Loại kỳ báo cáo/).fill('year');
  await page.getByRole('button', { name: 'Thêm mục' }).click();
  await page.getByLabel('Mã 1', { exact: true }).fill('results');
  await page.getByLabel('Tên 1', { exact: true }).fill('Kết quả');
  await page.getByRole('button', { name: 'Thêm bảng' }).click();
  await page.getByLabel('Mã bảng 1').fill('models');
  await page.getByLabel('Tên bảng 1').fill('Mô hình');
  await page.getByRole('button', { name: 'Thêm cột' }).click();
  await page.getByLabel('Mã cột 1').fill('members');
  await page.getByLabel('Tên cột 1').fill('Thành viên');
  await page.getByRole('checkbox', { name: 'Chia theo giới tính' }).check();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await assertVisible(page.getByText('Đã lưu mẫu community_models, phiên bản 1.'), 'saved v1');
  await page.getByLabel('Tên mẫu').fill('Báo cáo mô hình cộng đồng (sửa đổi)');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await assertVisible(page.getByText('Đã lưu mẫu community_models, phiên bản 2.'), 'saved v2');
  await screenshot(page, 'report-template-editor');
  await page.context().close();
});
