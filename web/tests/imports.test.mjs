// Bulk import (#/nhap-du-lieu): an administrator downloads the template, uploads a filled .xlsx
// with mistakes, sees each error by row and column, imports only the valid rows and downloads
// the sheet of initial passwords; a generated password signs in and must be changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

// ---- A minimal .xlsx as a spreadsheet program saves it: the OOXML parts in a zip (stored). ----
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (i) => String.fromCharCode(65 + i);
/** An .xlsx whose first sheet holds `rows` (the header first) as inline strings. */
function xlsx(rows) {
  const sheetRows = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">` +
        cells
          .map((v, c) => (v === '' ? '' : `<c r="${colName(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`))
          .join('') +
        '</row>',
    )
    .join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zip({
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships">` +
      `<sheets><sheet name="Người dùng" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml':
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

const HEADER = ['Tên đăng nhập', 'Họ và tên', 'Mã đơn vị', 'Vai trò', 'Mật khẩu'];

async function openImports(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Nhập dữ liệu', exact: true }).click();
  await assertVisible(page.getByRole('heading', { name: 'Nhập dữ liệu hàng loạt', level: 1 }), 'import page heading');
}

test('a file with mistakes shows each error by row and column; only the valid rows are imported', async () => {
  const api = await apiSession(ctx.server);
  const commune = await findUnit(api, 'Bản Bo', '2026-01-01');
  assert.ok(commune?.code, 'a commune with a code');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imports-web-'));
  const file = path.join(dir, 'nguoi-dung.xlsx');
  await writeFile(
    file,
    xlsx([
      HEADER,
      ['web.mot', 'Lò Thị Một', commune.code, 'Xem, Báo cáo', ''],
      ['web.hai', 'Vàng Văn Hai', '99999', 'Xem', ''],
      ['web.ba', 'Tao Thị Ba', commune.full_name, 'Thủ kho', ''],
      ['web.bon', 'Lý Văn Bốn', commune.code, 'Lập kế hoạch', 'ngan'],
      ['web.nam', 'Hoàng Thị Năm', commune.code, 'Duyệt', ''],
    ]),
  );

  // First at 360 px (a check only: nothing is written), then at 1366 px through to the import.
  for (const width of [360, 1366]) {
    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await login(page);
    if (width === 360) {
      await page.getByRole('button', { name: /Menu|Danh mục/ }).click();
    }
    await openImports(page);
    // The template is a real .xlsx.
    const template = await page.request.get(ctx.server.url + '/api/v1/imports/users/template.xlsx');
    assert.equal(template.status(), 200);
    assert.equal((await template.body()).subarray(0, 2).toString(), 'PK');

    await page.locator('input[data-import-file]').setInputFiles(file);
    const result = page.locator('[data-import-result]');
    await waitForText(result, /5 dòng: 2 hợp lệ, 3 có lỗi/);
    const table = result.getByRole('table');
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    const texts = await rows.allInnerTexts();
    assert.match(texts[0], /^3\s+C\s+không có đơn vị nào/);
    assert.match(texts[1], /^4\s+D\s+vai trò “Thủ kho” không có trong danh mục/);
    assert.match(texts[2], /^5\s+E\s+mật khẩu cần ít nhất 10 ký tự/);
    await assertVisible(result.getByRole('button', { name: 'Nhập tất cả 5 dòng' }), 'import-all button');
    assert.equal(await result.getByRole('button', { name: 'Nhập tất cả 5 dòng' }).isDisabled(), true);
    await screenshot(page, `imports-errors-${width}`);
    if (width === 360) {
      // Nothing is written by a check; the narrow page is only looked at.
      const none = await api.get('/users?q=web.');
      assert.equal(none.body.items.length, 0);
      await page.context().close();
      continue;
    }
    // Only the valid rows. The answer is held back a moment, as for a large file: the page says
    // what it is doing and with how many rows.
    await page.route('**/api/v1/imports/users?mode=valid', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const responded = page.waitForResponse((r) => r.url().includes('/api/v1/imports/users?mode=valid'));
    await result.getByRole('button', { name: 'Chỉ nhập 2 dòng hợp lệ' }).click();
    await waitForText(page.locator('.imports__busy'), /Đang nhập 2 dòng…/);
    await screenshot(page, `imports-busy-${width}`);
    const response = await responded;
    assert.equal(response.status(), 200);
    await waitForText(page.getByRole('status').filter({ hasText: 'Đã nhập' }), /Đã nhập 2 người dùng/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải danh sách mật khẩu ban đầu (.xlsx)' }).click();
    const saved = await (await download).path();
    const sheet = await readFile(saved);
    assert.equal(sheet.subarray(0, 2).toString(), 'PK', 'the passwords sheet is an .xlsx');
    await screenshot(page, `imports-done-${width}`);
    const body = await response.json();
    assert.equal(body.written, 2);
    assert.deepEqual(body.credentials.map((c) => c.username), ['web.mot', 'web.nam']);
    const listed = await api.get('/users?q=web.');
    assert.deepEqual(listed.body.items.map((u) => u.username).sort(), ['web.mot', 'web.nam']);
    assert.ok(listed.body.items.every((u) => u.must_change_password));
    await page.context().close();

    // The new user signs in with the generated password and is asked to change it.
    const newcomer = await newPage(ctx.browser, ctx.server);
    await login(newcomer, 'web.mot', body.credentials[0].password);
    await assertVisible(newcomer.getByText(/Hãy đổi sang mật khẩu chỉ mình bạn biết/), 'asked to change the password');
    await newcomer.context().close();
  }
});
