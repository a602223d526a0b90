// The OpenAPI document at /api/v1/openapi.json: public, JSON, valid against the official
// OpenAPI 3.1 schema (with every $ref resolved), and every operation named, summarised, tagged
// and answering some 2xx. (tests/openapi_test.cc checks it against the router.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

test('the OpenAPI document is served without a session and is valid OpenAPI 3.1', async () => {
  const res = await fetch(ctx.server.url + '/api/v1/openapi.json');
  assert.equal(res.status, 200, 'public: no session needed');
  assert.match(res.headers.get('content-type') || '', /^application\/json/, 'served as JSON');
  const doc = await res.json();
  assert.ok(String(doc.openapi).startsWith('3.1'), `openapi is 3.1.x, got ${doc.openapi}`);

  const validator = new Validator();
  const result = await validator.validate(doc);
  if (!result.valid) console.error(JSON.stringify(result.errors, null, 2));
  assert.ok(result.valid, 'the document matches the OpenAPI 3.1 schema and its $refs resolve');
  assert.equal(validator.version, '3.1');
  assert.doesNotThrow(() => validator.resolveRefs(), 'every $ref resolves');

  const ids = new Map();
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations++;
      const key = `${method.toUpperCase()} ${path}`;
      assert.ok(typeof op.operationId === 'string' && op.operationId.length > 0, `${key} has an operationId`);
      assert.ok(typeof op.summary === 'string' && op.summary.length > 0, `${key} has a summary`);
      assert.ok(Array.isArray(op.tags) && op.tags.length > 0, `${key} has tags`);
      assert.ok(
        Object.keys(op.responses || {}).some((status) => /^2\d\d$/.test(status)),
        `${key} documents a 2xx response`,
      );
      assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} of ${key} is also that of ${ids.get(op.operationId)}`);
      ids.set(op.operationId, key);
    }
  }
  assert.ok(operations > 100, `the whole API is documented (${operations} operations)`);
  assert.ok(doc.paths['/api/v1/openapi.json']?.get, 'the document describes its own route');
});

for (const width of [1366, 360]) {
  test(`the API reference page reads the document without a session (${width} px)`, async () => {
    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await page.goto(ctx.server.url + '/#/tai-lieu-api');
    await page.getByRole('heading', { name: 'Tài liệu API' }).waitFor();
    await waitForText(page.locator('.apiref'), /thao tác/);
    const reports = page.locator('.apiref__tag', { has: page.getByRole('heading', { name: 'Báo cáo', exact: true }) });
    await reports.waitFor();
    await page.getByLabel('Tìm theo đường dẫn hoặc nội dung').fill('adx');
    await waitForText(page.locator('.apiref [role=status]'), /^2 thao tác$/);
    const op = page.locator('[data-operation="importReportsAdx"]');
    await op.locator('summary').click();
    const text = await op.innerText();
    assert.match(text, /Nhập báo cáo từ tệp ADX/);
    assert.match(text, /Tham số/);
    assert.match(text, /unit/);
    assert.match(text, /Chuỗi truy vấn/);
    assert.match(text, /application\/adx\+xml/);
    assert.match(text, /Cần đăng nhập/);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `nothing overflows at ${width} px (${scroll}px)`);
    await screenshot(page, `api-reference-${width}`);
    await page.close();
  });
}
