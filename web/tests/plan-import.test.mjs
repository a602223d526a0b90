// Importing a plan from its document (issue 9, "In: import a plan"): a district planner picks the
// Hương Khê plan as a .txt, sees the text beside the fields read, chooses a field and sees its
// source marked in the text, corrects the number, and creates the draft with its activities —
// on a desktop and on a 360 px phone, with nothing wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSession, findUnit, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
const here = path.dirname(fileURLToPath(import.meta.url));
const seed = path.resolve(here, '../../resources/seeds/ke-hoach-chuong-trinh-gbv-2021-2025-huong-khe.txt');

async function planner(tag) {
  const admin = await apiSession(ctx.server);
  const unit = await findUnit(admin, 'Hương Khê', '2021-03-16');
  const name = 'nhap.kehoach.' + tag;
  const r = await admin.post('/users', {
    username: name,
    full_name: 'Trần Thị Nhập',
    password: 'Import-Pass-2026',
    unit_id: unit.id,
    roles: ['planner'],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { name, unit, admin };
}

for (const [width, height, tag, number] of [
  [1366, 860, 'desktop', '911'],
  [360, 740, 'phone', '912'],
]) {
  test(`a plan document is read, reviewed and created as a draft (${tag})`, async () => {
    const { name, unit, admin } = await planner(tag);
    const page = await newPage(ctx.browser, ctx.server, { width, height });
    await login(page, name, 'Import-Pass-2026');
    await page.goto(ctx.server.url + '/#/plans');
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await page.getByRole('heading', { name: 'Nhập kế hoạch từ văn bản' }).waitFor();

    // Without a file: the field says so, nothing is sent.
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await waitForText(page.locator('.field', { has: page.locator('#import-file') }), /Chọn tệp văn bản/);

    await page.locator('#import-file').setInputFiles(seed);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await page.getByRole('heading', { name: 'Văn bản gốc' }).waitFor();
    assert.match(await page.locator('#import-title').inputValue(), /Phòng ngừa và ứng phó với bạo lực/);
    assert.equal(await page.locator('#import-number').inputValue(), '48');
    assert.equal(await page.locator('#import-issued').inputValue(), '16/03/2021');
    await waitForText(page.locator('.import-source .hint'), /đã đọc được \d+ trường/);

    // A field chosen: its source is marked in the text.
    await page.locator('.import-group summary', { hasText: 'Căn cứ' }).first().waitFor();
    await page.getByRole('button', { name: 'Quyết định số 2232/QĐ-TTg', exact: true }).click();
    await waitForText(page.locator('.import-text mark'), /^Quyết định số 2232\/QĐ-TTg$/);
    await page.locator('#import-place').focus();
    await waitForText(page.locator('.import-text mark'), /^Hương Khê$/);
    // The marked words and the field being typed in are on the screen together (on a phone the
    // document is pinned above the fields and scrolls by itself to the words).
    await page.waitForFunction(() => {
      const inView = (el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
      };
      const mark = document.querySelector('.import-text mark');
      const field = document.querySelector('#import-place');
      return mark && field && inView(mark) && inView(field);
    }, null, { timeout: 5000 });

    // The activities read, with the agencies matched.
    await waitForText(page.locator('.import-fields h3'), /Hoạt động và phân công \(\d+\)/);
    const activities = await page.locator('.import-activities > li').count();
    assert.ok(activities >= 10, `${activities} activities read`);
    await waitForText(page.locator('.import-activities'), /Phòng Tư pháp/);

    await page.locator('#import-number').fill(number);  // 48 is the seeded plan's
    if (tag === 'desktop') await screenshot(page, 'plan-import-review-desktop');
    else {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow} px wider than the phone`);
      await screenshot(page, 'plan-import-review-phone');
    }
    await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    await page.waitForURL(/#\/plans\/\d+$/);
    const id = page.url().match(/#\/plans\/(\d+)$/)[1];
    const plan = await admin.get('/plans/' + id);
    assert.equal(plan.status, 200);
    assert.equal(plan.body.status, 'draft');
    assert.equal(plan.body.number, Number(number));
    assert.equal(plan.body.unit_id, unit.id);
    assert.equal(plan.body.bases.length, 2);
    const list = await admin.get('/plans/' + id + '/activities');
    assert.equal(list.body.items.length, activities);
  });
}
