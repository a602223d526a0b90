// Offline report entry (issue 11): a commune's reporter keeps typing when the connection drops.
// What is typed is kept in the browser (IndexedDB) and shown as "Chưa gửi"; when the connection
// returns it is sent by itself, and when someone changed the same report meanwhile the reporter
// sees both versions of each field that differs and chooses, and the server then holds what was
// chosen. The connection is cut with the browser's own offline switch (context.setOffline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
let admin, commune, sections, templateId;

async function prepare() {
  if (admin) return;
  admin = await apiSession(ctx.server);
  const province = await findUnit(admin, 'Tỉnh Lai Châu');
  const children = await admin.get(`/units/${province.id}/children?kind=commune&limit=1`);
  commune = children.body.items[0];
  const r = await admin.post('/users', { username: 'rep.offline', full_name: 'Người nhập báo cáo', password: 'Offline-2026', unit_id: commune.id, roles: ['reporter'] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const list = await admin.get('/report-templates');
  const found = list.body.items.find((t) => t.code === 'action_month_results');
  assert.ok(found, 'the action-month template is seeded');
  const tpl = await admin.get('/report-templates/' + found.id);
  assert.equal(tpl.status, 200, JSON.stringify(tpl.body));
  sections = tpl.body.sections;
  templateId = tpl.body.id;
  assert.ok(sections.length >= 2, 'the template has two narrative sections at least');
}

async function newReport(period) {
  const r = await admin.post('/reports', { template_id: templateId, unit_id: commune.id, period });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function openAsReporter(width, report) {
  const page = await newPage(ctx.browser, ctx.server, { width, height: 800 });
  await login(page, 'rep.offline', 'Offline-2026');
  await page.goto(`${ctx.server.url}/#/reports/${report.id}`);
  await waitForText(page.getByTestId('report-status'), /Đang soạn/);
  return page;
}

const field = (page, i) => page.locator('#section-' + sections[i].key);

test('typed without a connection: kept on the device, sent by itself when the connection returns', async () => {
  await prepare();
  const report = await newReport('2025AM');
  const page = await openAsReporter(1366, report);
  await page.context().setOffline(true);
  await field(page, 0).fill('Xã tổ chức lễ phát động tại nhà văn hoá thôn.');
  await assertVisible(page.getByTestId('unsent'), '"Chưa gửi" while the server does not have it');
  await waitForText(page.getByTestId('offline-notice'), /không có kết nối/);
  await screenshot(page, 'offline-unsent');
  // The server has nothing yet.
  const before = await admin.get('/reports/' + report.id);
  assert.equal(before.body.sections?.[sections[0].key] ?? '', '');

  await page.context().setOffline(false);
  await page.getByTestId('unsent').waitFor({ state: 'detached' });
  await assertVisible(page.getByText(/Đã lưu/), 'saved notice');
  const after = await admin.get('/reports/' + report.id);
  assert.equal(after.body.sections[sections[0].key], 'Xã tổ chức lễ phát động tại nhà văn hoá thôn.');
  assert.equal(after.body.version, before.body.version + 1);
  await page.context().close();
});

for (const width of [1366, 360]) {
  test(`changed elsewhere meanwhile: both versions side by side, the reporter chooses (${width} px)`, async () => {
    await prepare();
    const report = await newReport(width === 1366 ? '2024AM' : '2023AM');
    const page = await openAsReporter(width, report);
    await page.context().setOffline(true);
    await field(page, 0).fill('Bản nhập trên điện thoại khi mất sóng.');
    await field(page, 1).fill('Chỉ bản này sửa mục thứ hai.');
    await waitForText(page.getByTestId('offline-notice'), /không có kết nối/);

    // Meanwhile the same report is saved from another computer.
    const other = await admin.patch('/reports/' + report.id, {
      version: report.version,
      sections: { [sections[0].key]: 'Bản sửa ở máy tính cơ quan.' },
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));

    await page.context().setOffline(false);
    const panel = page.getByTestId('merge');
    await assertVisible(panel, 'the merge panel');
    const text = await visibleText(panel);
    assert.match(text, /Bản nhập trên điện thoại khi mất sóng\./);
    assert.match(text, /Bản sửa ở máy tính cơ quan\./);
    assert.match(text, /Chỉ bản này sửa mục thứ hai\./);
    assert.match(text, /Cả hai cùng sửa/);
    const fields = panel.locator('fieldset');
    assert.equal(await fields.count(), 2, 'one choice per field that differs');
    // The field only this device changed is proposed; the one both changed waits for a choice.
    const apply = panel.getByRole('button', { name: 'Lưu theo lựa chọn' });
    assert.equal(await apply.isDisabled(), true, 'nothing is saved before every field is chosen');
    await assertVisible(panel.getByText('Còn 1 ô chưa chọn.'), 'how many are left');
    await screenshot(page, `offline-merge-${width}`);
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the merge panel fits 360 px (overflow ${overflow} px)`);
    }
    const both = fields.filter({ hasText: 'Cả hai cùng sửa' });
    await both.getByRole('radio', { name: /Bản trên máy chủ/ }).check();
    await apply.click();
    await panel.waitFor({ state: 'detached' });
    await page.getByTestId('unsent').waitFor({ state: 'detached' });

    const saved = await admin.get('/reports/' + report.id);
    assert.equal(saved.body.sections[sections[0].key], 'Bản sửa ở máy tính cơ quan.', 'the server version kept where chosen');
    assert.equal(saved.body.sections[sections[1].key], 'Chỉ bản này sửa mục thứ hai.', 'the device version kept where only it changed');
    assert.equal(await field(page, 0).inputValue(), 'Bản sửa ở máy tính cơ quan.');
    await page.context().close();
  });
}
