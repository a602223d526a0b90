// The case module's administration and supervision pages, on the real server: the service
// directory's administration (#/dich-vu/quan-ly), a supervisor's approvals (#/vu-viec/phe-duyet),
// the transfer of a case, emergency access (#/vu-viec/truy-cap-khan), the anonymised statistics
// with the TT 07/2017 report (#/vu-viec/thong-ke) and the new case form's consent to be counted;
// each at 1366 and 360 px with screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, screenshotDir, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
const PASSWORD = 'Case-Staff-2025';

async function fits(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${what} fits at 360 px (is ${width}px wide)`);
}

let staffPromise = null;
/**
 * Once per file: a commune of Lai Châu with two case workers and two case supervisors (their
 * case roles approved by a second administrator, as the four-eyes rule asks).
 */
function staff() {
  staffPromise ??= (async () => {
    const admin = await apiSession(ctx.server);
    const province = await findUnit(admin, 'Lai Châu');
    const communes = await admin.get(`/units?kind=commune&parent=${province.id}&limit=1`);
    const commune = communes.body.items[0];
    const second = await admin.post('/users', { username: 'quan.tri.bon', full_name: 'Quản trị thứ tư', password: 'Fourth-Admin-2025', unit_id: province.id, roles: ['admin'] });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    const people = {
      worker: { username: 'cb.an', full_name: 'Lò Văn An', roles: ['case_worker'] },
      worker2: { username: 'cb.binh', full_name: 'Tòng Thị Bình', roles: ['case_worker'] },
      supervisor: { username: 'gs.cuong', full_name: 'Vàng A Cường', roles: ['case_supervisor'] },
      supervisor2: { username: 'gs.dung', full_name: 'Lường Thị Dung', roles: ['case_supervisor'] },
    };
    const ids = {};
    for (const [key, p] of Object.entries(people)) {
      const r = await admin.post('/users', { ...p, password: PASSWORD, unit_id: commune.id });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids[key] = r.body.id;
    }
    const approver = await apiSession(ctx.server, 'quan.tri.bon', 'Fourth-Admin-2025');
    for (const g of (await approver.get('/role-grants')).body.items) {
      const r = await approver.post(`/role-grants/${g.id}/approve`, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const sessions = {};
    for (const [key, p] of Object.entries(people)) sessions[key] = await apiSession(ctx.server, p.username, PASSWORD);
    return { admin, province, commune, people, ids, sessions };
  })();
  return staffPromise;
}

/** A case opened by `worker` at the commune, with one incident. */
async function openCase(s, worker, extra = {}) {
  const r = await worker.post('/cases', {
    unit_id: s.commune.id,
    sex: 'female',
    age_band: '26-40',
    full_name: 'Người Thử Quản Trị',
    consent_to_count: true,
    incident: {
      occurred_on: '2026-03-01',
      reported_on: '2026-03-02',
      how_reported: 'commune_committee',
      reported_by: 'survivor',
      place_type: 'home',
      gbv_type: 'physical_assault',
      dv_form: 'physical',
      perpetrator_relationship: 'intimate_partner',
      perpetrator_sex: 'male',
      perpetrator_age_band: '26-40',
    },
    ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

test('an administrator adds and edits a provider; the API\'s field errors show beside the fields', async () => {
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Danh bạ dịch vụ', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Quản lý danh bạ dịch vụ hỗ trợ', level: 1 }));
  const list = page.locator('[data-providers]');
  await assertVisible(list.getByText('Tổng đài quốc gia bảo vệ trẻ em 111'), 'the seeded hotline is listed');
  assert.match(await list.innerText(), /Đường dây nóng, tổng đài/, 'types in words');
  assert.doesNotMatch(await list.innerText(), /\bhotline\b|trusted_address/, 'no codes');

  await page.getByRole('button', { name: 'Thêm nơi cung cấp dịch vụ' }).click();
  const form = page.locator('[data-provider-form]');
  await form.getByLabel(/^Tên/).fill('Địa chỉ tin cậy bản Thử');
  await form.getByLabel(/^Loại/).selectOption({ label: 'Địa chỉ tin cậy ở cộng đồng' });
  await form.getByLabel(/^Số điện thoại/).fill('gọi trưởng bản');
  await form.getByRole('button', { name: 'Thêm vào danh bạ' }).click();
  const phoneField = form.locator('.field', { has: page.getByLabel(/^Số điện thoại/) });
  await assertVisible(phoneField.getByText(/Số điện thoại chỉ gồm chữ số/), 'the phone error beside the phone field');
  await assertVisible(form.locator('fieldset').getByText('Cần chọn ít nhất một dịch vụ'), 'the services error beside the services');
  await screenshot(page, 'cases-admin-directory-1366-errors');

  await form.getByLabel(/^Số điện thoại/).fill('0213 3876 000');
  await form.getByLabel('Tư vấn, hỗ trợ tâm lý - xã hội').check();
  await form.getByLabel('Nơi tạm lánh an toàn').check();
  await form.getByRole('combobox', { name: /^Đơn vị được phục vụ/ }).fill('Lai Châu');
  await page.getByRole('option', { name: /Tỉnh Lai Châu/ }).first().click();
  await form.getByLabel(/^Giờ làm việc/).fill('24/7');
  await form.getByLabel(/^Cách liên hệ/).fill('Gọi trưởng bản hoặc Hội Phụ nữ xã');
  await form.getByLabel(/^Địa chỉ$/).fill('Nhà văn hóa bản Thử');
  await form.getByRole('button', { name: 'Thêm vào danh bạ' }).click();
  await assertVisible(page.getByText('Đã thêm "Địa chỉ tin cậy bản Thử" vào danh bạ.'));
  const row = list.locator('[data-provider]', { hasText: 'Địa chỉ tin cậy bản Thử' });
  await assertVisible(row, 'the new provider in the list');
  const rowText = await row.innerText();
  assert.match(rowText, /Địa chỉ tin cậy ở cộng đồng/);
  assert.match(rowText, /Tỉnh Lai Châu/);
  assert.match(rowText, /Tư vấn, hỗ trợ tâm lý - xã hội, Nơi tạm lánh an toàn/);
  assert.match(rowText, /0213 3876 000/);

  // Edit: the form starts from what is stored; PATCH replaces every field.
  await page.getByRole('button', { name: 'Sửa Địa chỉ tin cậy bản Thử' }).click();
  await assertVisible(form.getByRole('heading', { name: 'Sửa: Địa chỉ tin cậy bản Thử' }));
  assert.equal(await form.getByLabel(/^Cách liên hệ/).inputValue(), 'Gọi trưởng bản hoặc Hội Phụ nữ xã');
  assert.equal(await form.getByLabel('Nơi tạm lánh an toàn').isChecked(), true);
  await form.getByLabel(/^Giờ làm việc/).fill('7h00–21h00 hằng ngày');
  await form.getByLabel('Nơi tạm lánh an toàn').uncheck();
  await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await assertVisible(page.getByText('Đã lưu "Địa chỉ tin cậy bản Thử".'));
  await waitForText(row, /7h00–21h00 hằng ngày/);
  assert.doesNotMatch(await row.innerText(), /Nơi tạm lánh an toàn/, 'the unchecked service is gone');
  assert.match(await row.innerText(), /Gọi trưởng bản|Tư vấn, hỗ trợ tâm lý - xã hội/, 'other fields kept');
  const admin = await apiSession(ctx.server);
  const stored = (await admin.get('/services?q=' + encodeURIComponent('bản Thử'))).body.items[0];
  assert.equal(stored.how_to_reach, 'Gọi trưởng bản hoặc Hội Phụ nữ xã', 'the edit kept the fields it did not change');
  assert.equal(stored.street_address, 'Nhà văn hóa bản Thử');
  assert.deepEqual(stored.services.map((x) => x.code), ['psychosocial']);
  await screenshot(page, 'cases-admin-directory-1366');
  await page.context().close();

  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await login(small);
  await small.getByRole('button', { name: 'Menu' }).click();
  await small.getByRole('navigation').getByRole('link', { name: 'Danh bạ dịch vụ', exact: true }).click();
  await assertVisible(small.locator('[data-provider]', { hasText: 'Địa chỉ tin cậy bản Thử' }));
  await fits(small, 'the directory list');
  await small.getByRole('button', { name: 'Thêm nơi cung cấp dịch vụ' }).click();
  await assertVisible(small.locator('[data-provider-form]'));
  await fits(small, 'the provider form');
  await screenshot(small, 'cases-admin-directory-360');
  await small.context().close();
});

test('a case supervisor approves one closure, returns another and reads referrals made without consent', async () => {
  const s = await staff();
  const { worker, supervisor } = s.sessions;
  const shelter = await s.admin.post('/services', {
    name: 'Nhà tạm lánh xã Thử',
    type: 'shelter',
    unit_id: s.province.id,
    services: ['safe_shelter'],
    phone: '0213 000 222',
    how_to_reach: 'Gọi để được đón',
  });
  assert.equal(shelter.status, 201, JSON.stringify(shelter.body));
  const made = [];
  for (let i = 0; i < 2; i++) {
    let c = await openCase(s, worker);
    const m = await worker.post(`/cases/${c.id}/members`, { user_id: s.ids.supervisor, role: 'supervisor' });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    if (i === 0) {
      const r = await supervisor.post(`/cases/${c.id}/referrals`, {
        provider_id: shelter.body.id,
        service: 'safe_shelter',
        consent: false,
        override_reason: 'Người bị bạo lực đang bị đe dọa tính mạng, chưa thể hỏi ý kiến',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      c = r.body;
    }
    const closed = await worker.post(`/cases/${c.id}/close`, { version: c.version, reason: i === 0 ? 'needs_met' : 'moved_away' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    made.push(closed.body);
  }

  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'gs.cuong', PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Duyệt vụ việc', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Duyệt vụ việc', level: 1 }));
  const first = page.locator('[data-closure-item]', { hasText: made[0].code });
  const second = page.locator('[data-closure-item]', { hasText: made[1].code });
  await assertVisible(first);
  assert.match(await first.innerText(), /Nhu cầu hỗ trợ đã được đáp ứng, người bị bạo lực an toàn/, 'the reason in words');
  assert.match(await first.innerText(), /Chờ duyệt đóng/);
  assert.match(await first.innerText(), /Người đề nghị: (Lò Văn An|cb\.an|Cán bộ quản lý ca phụ trách)/);
  assert.match(await second.innerText(), /Chuyển đến nơi khác/);
  const override = page.locator('[data-override]', { hasText: made[0].code });
  await assertVisible(override.getByText('Người bị bạo lực đang bị đe dọa tính mạng, chưa thể hỏi ý kiến'), 'the written reason');
  assert.match(await override.innerText(), /Nơi tạm lánh an toàn/);
  assert.match(await override.innerText(), /Không có sự đồng ý/);
  await screenshot(page, 'cases-admin-approvals-1366-before');

  await page.getByRole('button', { name: `Duyệt đóng vụ việc ${made[0].code}` }).click();
  await assertVisible(page.getByText(`Đã duyệt đóng vụ việc ${made[0].code}.`));
  await waitForText(first, /Đã đóng/);
  await page.getByRole('button', { name: `Trả lại vụ việc ${made[1].code}` }).click();
  await assertVisible(page.getByText(`Đã trả lại vụ việc ${made[1].code}: tiếp tục hỗ trợ.`));
  await waitForText(second, (t) => !/Chờ duyệt đóng/.test(t));
  assert.equal(await page.getByRole('button', { name: /^Duyệt đóng vụ việc/ }).count(), 0, 'nothing left to decide');
  assert.equal((await worker.get(`/cases/${made[0].id}`)).body.status, 'closed');
  assert.notEqual((await worker.get(`/cases/${made[1].id}`)).body.status, 'closure_requested');
  await screenshot(page, 'cases-admin-approvals-1366');
  await override.getByRole('link', { name: made[0].code }).click();
  await assertVisible(page.getByRole('heading', { level: 1, name: `Vụ việc ${made[0].code}` }), 'the link opens the case');
  await page.context().close();

  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await login(small, 'gs.cuong', PASSWORD);
  await small.goto(ctx.server.url + '/#/vu-viec/phe-duyet');
  await assertVisible(small.locator('[data-override]', { hasText: made[0].code }));
  await fits(small, 'the approvals page');
  await screenshot(small, 'cases-admin-approvals-360');
  await small.context().close();
});

test('a case worker transfers a case to a colleague and goes back to the list', async () => {
  const s = await staff();
  const c = await openCase(s, s.sessions.worker);

  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'cb.an', PASSWORD);
  await page.goto(ctx.server.url + '/#/cases/' + c.id);
  const panel = page.locator('[data-transfer]');
  await assertVisible(panel.getByRole('heading', { name: 'Chuyển vụ việc cho cán bộ khác' }));
  const select = panel.getByLabel(/^Cán bộ quản lý ca nhận vụ việc/);
  await select.locator('option', { hasText: 'Tòng Thị Bình' }).first().waitFor({ state: 'attached' });
  const candidates = await select.locator('option').allInnerTexts();
  assert.ok(candidates.some((o) => /^Tòng Thị Bình \(cb\.binh\) — /.test(o)), 'the colleague is a candidate, by name and unit: ' + candidates);
  assert.ok(!candidates.some((o) => /Lò Văn An|Vàng A Cường/.test(o)), 'neither the owner nor a supervisor: ' + candidates);
  await panel.getByRole('button', { name: 'Chuyển vụ việc' }).click();
  await assertVisible(panel.getByText('Cần chọn cán bộ nhận vụ việc.'));
  await assertVisible(panel.getByText('Cần ghi lý do chuyển.'));
  await select.selectOption({ label: (await select.locator('option', { hasText: 'Tòng Thị Bình' }).first().innerText()).trim() });
  await panel.getByLabel(/^Lý do chuyển/).fill('Cán bộ An nghỉ phép hai tháng');
  await screenshot(page, 'cases-admin-transfer-1366');
  await panel.getByRole('button', { name: 'Chuyển vụ việc' }).click();
  await assertVisible(page.getByText(`Đã chuyển vụ việc ${c.code} cho cán bộ khác. Bạn không còn phụ trách vụ việc này.`), 'the notice on the list');
  await assertVisible(page.getByRole('heading', { name: 'Vụ việc', level: 1 }));
  assert.equal(await page.locator('[data-cases]').getByRole('link', { name: c.code }).count(), 0, 'no longer in my list');
  assert.equal((await s.sessions.worker2.get(`/cases/${c.id}`)).status, 200, 'the colleague has it now');
  assert.equal((await s.sessions.worker.get(`/cases/${c.id}`)).status, 403, 'the former owner no longer reads it');
  await page.context().close();

  // At 360 px the colleague sees the panel too (she owns the case now).
  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await login(small, 'cb.binh', PASSWORD);
  await small.goto(ctx.server.url + '/#/cases/' + c.id);
  await assertVisible(small.locator('[data-transfer]').getByLabel(/^Lý do chuyển/));
  await assertVisible(small.locator('[data-access-log]').getByText(/cb\.an — Chuyển vụ việc/), 'the transfer is in the access log, in words');
  assert.doesNotMatch(await small.locator('[data-access-log]').innerText(), /cases\.|accessWhat/, 'no keys or codes in the log');
  await fits(small, 'the case page with the transfer panel');
  await screenshot(small, 'cases-admin-transfer-360');
  await small.context().close();
});

test('a case supervisor breaks the glass with a reason and the case shows until when', async () => {
  const s = await staff();
  const c = await openCase(s, s.sessions.worker);
  assert.equal((await s.sessions.supervisor2.get(`/cases/${c.id}`)).status, 403, 'not named: no access before');

  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'gs.dung', PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Truy cập khẩn cấp', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Truy cập khẩn cấp vụ việc', level: 1 }));
  await assertVisible(page.getByText('Cán bộ phụ trách vụ việc được thông báo ngay, kèm lý do bạn ghi.'));
  await assertVisible(page.getByText(/mọi lần xem vụ việc đều được ghi vào nhật ký/));
  await assertVisible(page.getByText(/Ít nhất 20 ký tự/), 'the minimum is said under the field');
  await page.getByLabel(/^Mã vụ việc/).fill(c.code);
  await page.getByLabel(/^Lý do truy cập khẩn cấp/).fill('Gấp lắm');
  await page.getByRole('button', { name: 'Mở vụ việc khẩn cấp' }).click();
  await assertVisible(page.getByText('Lý do cần ít nhất 20 ký tự (mới có 7).'));
  await page.getByLabel(/^Mã vụ việc/).fill('VV-2026-ZZZZZZ');
  await page.getByLabel(/^Lý do truy cập khẩn cấp/).fill('Người bị bạo lực gọi cầu cứu lúc nửa đêm, cán bộ phụ trách không nghe máy');
  await page.getByRole('button', { name: 'Mở vụ việc khẩn cấp' }).click();
  const refused = page.locator('[role=alert], [data-field-error]');
  await assertVisible(refused, 'an unknown code is refused');
  assert.match(await refused.first().innerText(), /[ạảãáàâăđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ]/i, 'in Vietnamese');
  await screenshot(page, 'cases-admin-emergency-1366-form');
  await page.getByLabel(/^Mã vụ việc/).fill(c.code.toLowerCase());
  await page.getByRole('button', { name: 'Mở vụ việc khẩn cấp' }).click();
  await assertVisible(page.getByRole('heading', { level: 1, name: `Vụ việc ${c.code}` }), 'the case opens');
  const banner = page.locator('[data-emergency-banner]');
  await assertVisible(banner);
  assert.match(await banner.innerText(), /^Truy cập khẩn cấp đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await screenshot(page, 'cases-admin-emergency-1366-case');
  const view = await s.sessions.supervisor2.get(`/cases/${c.id}`);
  assert.equal(view.status, 200, 'the access is real');
  assert.ok(view.body.emergency_until, 'the case view says until when');
  const notes = await s.sessions.worker.get('/notifications');
  assert.ok(JSON.stringify(notes.body).includes(c.code), 'the owner is notified: ' + JSON.stringify(notes.body).slice(0, 300));
  await page.context().close();

  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await login(small, 'gs.dung', PASSWORD);
  await small.goto(ctx.server.url + '/#/vu-viec/truy-cap-khan');
  await assertVisible(small.getByLabel(/^Lý do truy cập khẩn cấp/));
  await fits(small, 'the emergency access form');
  await screenshot(small, 'cases-admin-emergency-360');
  await small.goto(ctx.server.url + '/#/cases/' + c.id);
  await assertVisible(small.locator('[data-emergency-banner]'));
  await fits(small, 'the case with its banner');
  await small.context().close();
});

test('statistics show each breakdown in words, hide small cells and render the TT 07 report', async () => {
  const s = await staff();
  // Six counted cases of physical assault, one case without consent (not counted).
  for (let i = 0; i < 6; i++) await openCase(s, s.sessions.worker2);
  await openCase(s, s.sessions.worker2, { consent_to_count: false });
  const year = String(new Date(Date.now() + 7 * 3600_000).getUTCFullYear());

  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page, 'gs.cuong', PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Thống kê vụ việc', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Thống kê vụ việc', level: 1 }));
  assert.equal(await page.getByLabel('Năm').inputValue(), year);
  const gbv = page.locator('[data-breakdown="by_gbv_type"]');
  await assertVisible(gbv.getByText('Theo loại bạo lực (GBVIMS)'));
  const physical = gbv.getByRole('row', { name: /Tấn công thể chất|Hành hung/ });
  await waitForText(physical, /\d/);
  assert.match(await physical.innerText(), /\b(6|[1-9]\d*)$/, 'the physical assault cases are counted');
  const order = (await gbv.locator('tbody th').allInnerTexts()).map((x) => x.trim());
  assert.equal(order[0], 'Hiếp dâm', 'the GBVIMS order, not the codes\' alphabetical order: ' + order);
  assert.equal(order.length, 6, 'every GBVIMS type has its row, 0 included');
  const gbvText = await gbv.innerText();
  assert.doesNotMatch(gbvText, /physical_assault|sexual_assault|rape/, 'no codes');
  const sex = page.locator('[data-breakdown="by_sex"]');
  assert.match(await sex.getByRole('row', { name: /Nữ/ }).innerText(), /\d|<5|\*/);
  for (const key of ['by_dv_form', 'by_measure', 'by_service']) {
    await assertVisible(page.locator(`[data-breakdown="${key}"]`), key + ' as a table');
  }
  await assertVisible(page.locator('[data-footnote]').getByText(/"<5": có từ 1 đến 4 vụ việc/), 'the footnote explains <5');
  assert.match(await page.locator('[data-footnote]').innerText(), /"\*" là ô bị ẩn thêm/);
  const notCounted = page.locator('[data-cell="not_counted_no_consent"]');
  await assertVisible(notCounted, 'the cases not counted for lack of consent');

  const report = page.locator('[data-tt07]');
  await assertVisible(report.getByRole('columnheader', { name: 'STT' }));
  await assertVisible(report.getByRole('columnheader', { name: 'Chỉ tiêu' }));
  await assertVisible(report.getByRole('columnheader', { name: 'Số lượng' }));
  const rows = report.locator('tbody tr');
  assert.ok((await rows.count()) >= 3, 'the report has its indicators');
  assert.match((await rows.first().locator('td').first().innerText()).trim(), /^\S+$/, 'each indicator has its number (STT)');
  const cells = (await report.locator('tbody td.num').allInnerTexts()).map((c) => c.trim());
  for (const cell of cells) assert.match(cell, /^(|0|<5|\*|[1-9]\d{0,2}(\.\d{3})*)$/, 'a cell is a number or a suppression mark: ' + cell);
  assert.ok(cells.some((c) => c !== ''), 'the report has figures');
  assert.match(await report.innerText(), new RegExp(year));
  await screenshot(page, 'cases-admin-statistics-1366');

  // Another year: the page asks again (pe=) and says which period it shows.
  await page.getByLabel('Năm').selectOption(String(Number(year) - 1));
  await page.waitForURL(new RegExp('pe=' + (Number(year) - 1)));
  await waitForText(page.locator('[data-stats-summary] h2'), new RegExp(String(Number(year) - 1)));
  await page.context().close();

  const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 780 });
  await login(small, 'gs.cuong', PASSWORD);
  await small.goto(ctx.server.url + '/#/vu-viec/thong-ke');
  await assertVisible(small.locator('[data-tt07] tbody tr').first());
  await fits(small, 'the statistics page');
  await screenshot(small, 'cases-admin-statistics-360');
  await small.locator('[data-tt07]').screenshot({ path: path.join(screenshotDir, 'cases-admin-statistics-360-report.png') });
  await small.locator('[data-stats-summary]').screenshot({ path: path.join(screenshotDir, 'cases-admin-statistics-360-summary.png') });
  await small.context().close();
});

test('the new case form asks for consent to be counted and who reported', async () => {
  const s = await staff();
  for (const width of [1366, 360]) {
    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await login(page, 'cb.binh', PASSWORD);
    await page.goto(ctx.server.url + '/#/cases/new');
    const consent = page.getByLabel(/Người bị bạo lực đồng ý cho thống kê ẩn danh/);
    await assertVisible(consent);
    assert.equal(await consent.isChecked(), false, 'asked, never assumed');
    await assertVisible(page.getByText(/Chỉ vụ việc có sự đồng ý mới được đếm/));
    const reporter = page.getByLabel(/^Ai trình báo/);
    const options = await reporter.locator('option').allInnerTexts();
    assert.deepEqual(options, [
      'Người bị bạo lực tự trình báo, tìm kiếm giúp đỡ',
      'Người thân, gia đình',
      'Hàng xóm, người trong cộng đồng',
      'Cơ quan, tổ chức phát hiện',
      'Người khác',
    ]);
    if (width === 360) {
      await fits(page, 'the new case form');
      await screenshot(page, 'cases-admin-new-case-360');
      await page.context().close();
      continue;
    }
    await page.getByLabel(/^Họ và tên/).fill('Người Thử Đồng Ý');
    await page.getByLabel(/^Ngày xảy ra/).fill('05/04/2026');
    await page.getByLabel(/^Ngày trình báo/).fill('06/04/2026');
    await consent.check();
    await reporter.selectOption({ label: 'Hàng xóm, người trong cộng đồng' });
    await screenshot(page, 'cases-admin-new-case-1366');
    await page.getByRole('button', { name: 'Lưu vụ việc' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Vụ việc VV-\d{4}-[0-9A-Z]{6}$/ });
    await assertVisible(heading, 'the new case');
    await assertVisible(page.getByText('Hàng xóm, người trong cộng đồng'), 'who reported, in words');
    const id = page.url().split('/').pop();
    const stored = await s.sessions.worker2.get(`/cases/${id}`);
    assert.equal(stored.body.consent_to_count, true, 'the consent went to the server');
    assert.equal(stored.body.incidents[0].reported_by, 'community');
    // The survivor changes her mind: the owner records it on the case page.
    await waitForText(page.locator('[data-consent]'), /^Có — vụ việc được đếm trong thống kê$/);
    await page.getByRole('button', { name: 'Người bị bạo lực rút lại đồng ý thống kê' }).click();
    await waitForText(page.locator('[data-consent]'), /^Không — vụ việc không được đếm$/);
    assert.equal((await s.sessions.worker2.get(`/cases/${id}`)).body.consent_to_count, false, 'withdrawn on the server');
    await assertVisible(page.getByRole('button', { name: 'Người bị bạo lực nay đồng ý cho thống kê' }));
    await page.context().close();
  }
});
