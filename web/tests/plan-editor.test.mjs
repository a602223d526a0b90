// The plan editor (issue 9, "The plan editor, complete"): bases, budget sources, recipients and
// the signer are edited in the browser, saved, and still there after a reload; a bad basis date
// is refused beside its field and the message clears once fixed; a conflict keeps what was
// typed; the print preview shows the NĐ 30/2020 header; nothing overflows at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, assertVisible, login, newPage, screenshot, setup } from './helpers.mjs';

const ctx = setup({ before, after });
const data = {};

async function prepare() {
  if (data.plan) return;
  const api = await apiSession(ctx.server);
  const provinces = await api.get('/units?q=lai%20chau&kind=province');
  data.province = provinces.body.items[0];
  const r = await api.post('/plans', {
    unit_id: data.province.id,
    title: 'Kế hoạch thử nghiệm trình soạn thảo',
    kind: 'action_month',
    place: 'Lai Châu',
    period_start: '2026-11-15',
    period_end: '2026-12-15',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  data.plan = r.body;
  data.api = api;
}

async function openPlan(page) {
  await page.goto(ctx.server.url + '/#/plans/' + data.plan.id);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

test('bases, budget, recipients and signer are edited, saved and kept after a reload', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page);
  await openPlan(page);

  await page.getByRole('button', { name: 'Thêm căn cứ' }).click();
  await page.getByRole('button', { name: 'Thêm căn cứ' }).click();
  await page.locator('#basis-document-0').fill('Luật Bình đẳng giới');
  await page.locator('#basis-title-0').fill('số 73/2006/QH11');
  await page.locator('#basis-document-1').fill('Quyết định số 2232/QĐ-TTg');
  await page.locator('#basis-date-1').fill('31/02/2025');
  await page.locator('#basis-issuer-1').fill('Thủ tướng Chính phủ');
  await page.locator('#basis-title-1').fill('phê duyệt Chương trình truyền thông về bình đẳng giới');

  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await page.locator('#target-text-0').fill('Số người được truyền thông về bình đẳng giới');
  await page.locator('#target-unit-0').fill(' người');
  await page.getByRole('button', { name: 'Thêm giá trị theo năm' }).click();
  await page.locator('#target-year-0-0').fill('2026');
  await page.locator('#target-value-0-0').fill('một nghìn');

  await page.getByRole('button', { name: 'Thêm nguồn kinh phí' }).click();
  await page.locator('#budget-kind-0').selectOption('mobilised');
  await page.locator('#budget-text-0').fill('Huy động từ các tổ chức, cá nhân');
  await page.getByRole('button', { name: 'Thêm nơi nhận' }).click();
  await page.locator('#recipient-name-0').fill('UBND các huyện, thành phố');
  await page.getByRole('button', { name: 'Thêm nơi nhận' }).click();
  await page.locator('#recipient-name-1').fill('Lưu: VT');
  await page.locator('#signer-on-behalf').fill('Ủy ban nhân dân');
  await page.locator('#signer-authority').fill('Chủ tịch');
  await page.locator('#signer-title').fill('Phó Chủ tịch');
  await page.locator('#signer-name').fill('Nguyễn Văn Thử');
  // The reporting duty: a template chosen by its name, a due date typed dd/mm/yyyy.
  await page.getByRole('button', { name: 'Thêm yêu cầu báo cáo' }).click();
  await page.locator('#reporting-template-0').selectOption('action_month_results');
  await page.locator('#reporting-due-0').fill('10/13/2026');
  await page.locator('#reporting-note-0').fill('Các sở, ngành báo cáo kết quả về UBND tỉnh (qua Sở Y tế).');

  // 31/02 is no date: refused beside the basis' date field, nothing is sent.
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.locator('#basis-date-1-error'), 'the bad basis date is named');
  assert.match(await page.locator('#basis-date-1-error').innerText(), /ngày|dd\/mm\/yyyy/i);
  await assertVisible(page.locator('#target-value-0-0-error'), 'the bad target value is named');
  await assertVisible(page.locator('#reporting-due-0-error'), 'the bad reporting due date is named');
  const stored = await data.api.get('/plans/' + data.plan.id);
  assert.equal(stored.body.bases.length, 0, 'nothing was saved');

  // Fixed: the message clears and the plan is saved.
  await page.locator('#basis-date-1').fill('18/12/2025');
  await page.locator('#target-value-0-0').fill('1.234.567');
  await page.locator('#reporting-due-0').fill('10/12/2026');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText('Đã lưu bản dự thảo.'), 'saved');
  assert.equal(await page.locator('#basis-date-1-error').count(), 0, 'the message cleared');
  assert.equal(await page.locator('#target-value-0-0-error').count(), 0, 'the target message cleared');

  // Reorder: the second basis goes up, then save again.
  await page.getByRole('button', { name: 'Lên Căn cứ 2' }).click();
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText('Đã lưu bản dự thảo.'), 'saved again');

  await page.reload();
  await page.locator('#basis-document-0').waitFor();
  assert.equal(await page.locator('#basis-document-0').inputValue(), 'Quyết định số 2232/QĐ-TTg');
  assert.equal(await page.locator('#basis-date-0').inputValue(), '18/12/2025');
  assert.equal(await page.locator('#basis-document-1').inputValue(), 'Luật Bình đẳng giới');
  assert.equal(await page.locator('#budget-kind-0').inputValue(), 'mobilised');
  assert.equal(await page.locator('#budget-text-0').inputValue(), 'Huy động từ các tổ chức, cá nhân');
  assert.equal(await page.locator('#recipient-name-1').inputValue(), 'Lưu: VT');
  assert.equal(await page.locator('#signer-name').inputValue(), 'Nguyễn Văn Thử');
  const after = await data.api.get('/plans/' + data.plan.id);
  assert.equal(after.body.bases[0].date, '2025-12-18');
  assert.equal(after.body.targets[0].values[0].value, 1234567);
  assert.equal(await page.locator('#target-value-0-0').inputValue(), '1.234.567', 'thousands shown with dots');
  assert.equal(after.body.signer.authority, 'Chủ tịch');
  assert.equal(after.body.reporting.length, 1);
  assert.equal(after.body.reporting[0].template_code, 'action_month_results');
  assert.equal(after.body.reporting[0].due_date, '2026-12-10');
  assert.equal(await page.locator('#reporting-due-0').inputValue(), '10/12/2026');
  const label = await page.locator('#reporting-template-0').evaluate((el) => el.selectedOptions[0]?.textContent ?? '');
  assert.match(label, /\p{L}{3,} .+/u, 'the template shown by its name');
  assert.notEqual(label, 'action_month_results');
  await screenshot(page, 'plan-editor-1366');

  // Remove a recipient, but someone else saves first: the edit stays on screen and says so.
  await page.getByRole('button', { name: 'Xoá Nơi nhận 2' }).click();
  await page.locator('#signer-name').fill('Trần Thị Sửa');
  const other = await data.api.patch('/plans/' + data.plan.id, { version: after.body.version, theme: 'Chủ đề đổi ở nơi khác' });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText(/vừa được người khác sửa/), 'the conflict is said');
  assert.equal(await page.locator('#signer-name').inputValue(), 'Trần Thị Sửa', 'the typed edit is kept');
  assert.equal(await page.locator('#recipient-name-1').count(), 0, 'the removal is kept');
  await page.close();
});

test('the print preview shows the official header and fits 360 px', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page);
  await openPlan(page);
  await page.getByRole('link', { name: 'Xem bản in' }).click();
  const doc = page.locator('[data-doc]');
  await assertVisible(doc, 'the document is shown');
  const text = await doc.innerText();
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Số: /);
  assert.match(text, /KẾ HOẠCH/);
  assert.match(text, /Kế hoạch thử nghiệm trình soạn thảo/);
  assert.match(text, /Lai Châu, ngày …… tháng …… năm ……/);
  assert.match(text, /Căn cứ Quyết định số 2232\/QĐ-TTg ngày 18\/12\/2025 của Thủ tướng Chính phủ/);
  assert.match(text, /Nơi nhận:/);
  assert.match(text, /năm 2026 đạt ít nhất 1\.234\.567 người/);
  assert.match(text, /KT\. CHỦ TỊCH/);
  const font = await doc.evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /Times New Roman/);
  assert.equal(await page.locator('[data-doc-date] ').evaluate((el) => getComputedStyle(el).fontStyle), 'italic');
  assert.equal(await page.getByRole('link', { name: 'Tải về Word' }).getAttribute('href'), `/api/v1/plans/${data.plan.id}/document.docx`);
  assert.equal(await page.getByRole('link', { name: 'Tải về PDF' }).getAttribute('href'), `/api/v1/plans/${data.plan.id}/document.pdf`);
  await screenshot(page, 'plan-preview-1366');
  await page.close();

  for (const [name, path] of [['plan-preview-360', '/preview'], ['plan-editor-360', '']]) {
    const small = await newPage(ctx.browser, ctx.server, { width: 360, height: 740 });
    await login(small);
    await small.goto(ctx.server.url + '/#/plans/' + data.plan.id + path);
    await small.getByRole('heading', { level: 1 }).or(small.locator('[data-doc]')).first().waitFor();
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${name}: nothing overflows (${width}px)`);
    await screenshot(small, name);
    await small.close();
  }
});

test('header fields: a symbol with a slash is refused by the server beside its field; the kind is kept', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page);
  await openPlan(page);
  await page.locator('#plan-symbol').fill('KH/UBND');
  await page.locator('#plan-kind').selectOption('programme');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.locator('#plan-symbol-error'), 'the server names the symbol');
  assert.match(await page.locator('#plan-symbol-error').innerText(), /ký hiệu/i);
  assert.equal(await page.locator('#plan-kind').inputValue(), 'programme', 'the other edit is kept');
  await page.locator('#plan-symbol').fill('KH-BCĐ');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await assertVisible(page.getByText('Đã lưu bản dự thảo.'), 'saved');
  assert.equal(await page.locator('#plan-symbol-error').count(), 0, 'the message cleared');
  await page.reload();
  await page.locator('#plan-symbol').waitFor();
  assert.equal(await page.locator('#plan-symbol').inputValue(), 'KH-BCĐ');
  assert.equal(await page.locator('#plan-kind').inputValue(), 'programme');
  await page.close();
});

test('a key activity is added without losing what was typed in the plan form', async () => {
  await prepare();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366 });
  await login(page);
  await openPlan(page);
  await page.locator('#signer-name').fill('Đang gõ dở');
  const form = page.getByRole('form', { name: 'Giao hoạt động' });
  await form.getByLabel(/^Nội dung hoạt động/).fill('Tổ chức Lễ phát động Tháng hành động');
  await form.getByLabel(/Hoạt động trọng tâm/).check();
  await form.getByLabel(/Giao cho UBND các xã/).check();
  await form.getByRole('button', { name: 'Thêm hoạt động' }).click();
  await assertVisible(page.locator('.activity-table').getByText('Tổ chức Lễ phát động Tháng hành động'), 'activity listed');
  await assertVisible(page.getByRole('heading', { name: 'Các hoạt động trọng tâm' }), 'listed as a key activity');
  assert.equal(await page.locator('#signer-name').inputValue(), 'Đang gõ dở', 'the unsaved signer is kept');
  const acts = await data.api.get('/plans/' + data.plan.id + '/activities');
  assert.equal(acts.body.items.find((x) => x.title === 'Tổ chức Lễ phát động Tháng hành động').section, 'key');
  await page.close();
});
