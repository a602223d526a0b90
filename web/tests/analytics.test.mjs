// Analytics in the browser (issue 7): the Tổng quan dashboard shows the seeded Tam Đường figures
// of the 2024 action month; a pivot keeps its choice in the address and downloads the same
// table as CSV; the map colours the province that has data and drills down to its dashboard;
// a report accepted through the API shows on the dashboard at the next load, without a restart.
// Each page is checked for horizontal overflow at 1366 px and 360 px, with screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiSession, assertVisible, findUnit, login, newPage, screenshot, setup, visibleText, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });
const PEOPLE = 'action_month_results.activities.people';
const NO_DATA = '#e3e7eb';

/** 1234567 -> "1.234.567". */
const vn = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The current year in Vietnam (UTC+7). */
const yearNow = () => new Date(Date.now() + 7 * 3600 * 1000).getUTCFullYear();

async function pages(api, path) {
  const items = [];
  let cursor = null;
  do {
    const r = await api.get(path + (path.includes('?') ? '&' : '?') + 'limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  return items;
}

/**
 * Tam Đường's seeded 2024 action-month figures, summed here from the seeded reports themselves
 * (GET /reports and each report's rows), not from the analytics: participants by sex in the
 * activities table, and the activity count, over the reports that count (submitted and accepted;
 * drafts and returned reports do not).
 */
let seeded;
async function tamDuong() {
  if (seeded) return seeded;
  const admin = await apiSession(ctx.server);
  const district = await findUnit(admin, 'Huyện Tam Đường', '2024-11-15');
  const children = new Set((await pages(admin, `/units/${district.id}/children?at=2024-11-15`)).map((u) => u.id));
  const reports = [];
  for (const status of ['accepted', 'submitted']) {
    const list = await pages(admin, `/reports?template=action_month_results&period=2024AM&status=${status}`);
    reports.push(...list.filter((r) => children.has(r.unit_id)));
  }
  assert.ok(reports.length > 5, `seeded accepted reports of Tam Đường: ${reports.length}`);
  let male = 0;
  let female = 0;
  let count = 0;
  for (const r of reports) {
    const full = await admin.get('/reports/' + r.id);
    for (const row of full.body.rows) {
      if (row.table !== 'activities') continue;
      const p = row.values.people;
      if (p && typeof p === 'object') {
        male += p.male;
        female += p.female;
      }
      if (typeof row.values.count === 'number') count += row.values.count;
    }
  }
  seeded = { district, male, female, total: male + female, count, reports: reports.length };
  return seeded;
}

async function assertFits(page, width, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `${what} fits ${width} px (is ${w} px wide)`);
}

test('the dashboard shows the seeded Tam Đường figures of 2024, with charts and their tables', async () => {
  const s = await tamDuong();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page);
  await page.goto(`${ctx.server.url}/#/tong-quan/${s.district.id}?pe=2024`);
  await assertVisible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }), 'dashboard heading');
  // The heading is the same on the country's dashboard the sign-in opens: wait for the district's.
  await waitForText(page.getByTestId('overview-unit'), /Tam Đường/);
  const figures = page.getByTestId('key-figures');
  await waitForText(figures.locator('[data-figure="people"] dd'), new RegExp('^' + vn(s.total).replace(/\./g, '\\.') + '$'));
  assert.match(await visibleText(figures.locator('[data-figure="female"] dd')), new RegExp('^' + vn(s.female).replace(/\./g, '\\.') + ' \\('));
  assert.match(await visibleText(figures.locator('[data-figure="female"] dd')), /\d+,\d%\)$/, 'the share of women as 45,6%');
  await waitForText(figures.locator('[data-figure="activities"] dd'), new RegExp('^' + vn(s.count).replace(/\./g, '\\.') + '$'));
  await assertVisible(page.getByTestId('as-of'), 'the freshness line');
  assert.match(await visibleText(page.getByTestId('as-of')), /Số liệu tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

  // The chart is drawn (ECharts, loaded on this page) and its numbers are one click away.
  const people = page.locator('[data-chart="chart-people-years"]');
  await assertVisible(people.locator('canvas'), 'the participants chart is drawn');
  await people.getByText('Xem bảng số liệu').click();
  const row2024 = people.getByRole('row').filter({ hasText: '2024' });
  const cells = await row2024.getByRole('cell').allInnerTexts();
  assert.ok(cells.includes(vn(s.male)) && cells.includes(vn(s.female)), `2024 by sex in the table: ${cells.join(' | ')} (want ${vn(s.male)}, ${vn(s.female)})`);
  const head = await people.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(head.slice(1, 3), ['Nam', 'Nữ'], 'columns by sex');

  // Over the child units: the communes, each a link to its own dashboard.
  const children = page.locator('[data-chart="chart-children"]');
  await assertVisible(children.locator('canvas'), 'the child-units chart');
  await children.getByText('Xem bảng số liệu').click();
  const links = children.getByRole('table').getByRole('link');
  assert.ok((await links.count()) >= 5, 'the child units are listed');
  // Reporting timeliness: the 26 units expected to report in 2024.
  const timeliness = page.locator('[data-chart="chart-timeliness"]');
  await timeliness.getByText('Xem bảng số liệu').click();
  const t2024 = await timeliness.getByRole('row').filter({ hasText: '2024' }).getByRole('cell').allInnerTexts();
  assert.equal(t2024[t2024.length - 1], '26', `expected reports in 2024: ${t2024.join(' | ')}`);
  // The targets of QĐ 2232 and NQ 28 are there; without case data they say so, never a number.
  const cards = page.getByTestId('target-cards');
  await assertVisible(cards, 'the target cards');
  const qd2232 = cards.locator('li[data-target]').filter({ hasText: 'Quyết định 2232' }).first();
  assert.equal(await qd2232.getAttribute('data-status'), 'no_data');
  assert.match(await visibleText(qd2232), /Chưa có số liệu/);
  assert.match(await visibleText(qd2232), /Chỉ tiêu ≥ \d+% năm 20\d\d/);
  await assertFits(page, 1366, 'the dashboard');
  await screenshot(page, 'analytics-dashboard-1366');

  // Drill down to a commune, then the same page at 360 px.
  const first = links.first();
  const name = await first.innerText();
  await first.click();
  await waitForText(page.getByTestId('overview-unit'), (x) => x === name);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${ctx.server.url}/#/tong-quan/${s.district.id}?pe=2024`);
  await waitForText(figures.locator('[data-figure="people"] dd'), new RegExp('^' + vn(s.total).replace(/\./g, '\\.') + '$'));
  await assertVisible(people.locator('canvas'), 'the chart at 360 px');
  await assertFits(page, 360, 'the dashboard');
  await screenshot(page, 'analytics-dashboard-360');
  await page.context().close();
});

test('a pivot keeps its choice in the address, shows the table and a chart, and downloads it as CSV', async () => {
  const s = await tamDuong();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page);
  await page.goto(`${ctx.server.url}/#/phan-tich?dx=${PEOPLE}&pe=2024&ou=${s.district.id}`);
  await assertVisible(page.getByRole('heading', { name: 'Phân tích số liệu', level: 1 }), 'pivot heading');
  const table = page.getByTestId('pivot-table');
  await assertVisible(table, 'the pivot table');
  // Split by sex in the form: the address keeps it.
  await page.getByRole('checkbox', { name: 'Giới tính' }).check();
  await page.getByRole('button', { name: 'Xem kết quả' }).click();
  await page.waitForFunction(() => location.hash.includes('by=sex'));
  const rowOf = (sex) => table.getByRole('row').filter({ has: page.locator(`td[data-dim="sex"]`, { hasText: new RegExp('^' + sex + '$') }) });
  await waitForText(rowOf('Nam').locator('td[data-dim="value"]'), (x) => x === vn(s.male));
  assert.equal(await visibleText(rowOf('Nữ').locator('td[data-dim="value"]')), vn(s.female));
  assert.equal(await visibleText(rowOf('Tổng').locator('td[data-dim="value"]')), vn(s.total));
  await assertVisible(page.locator('[data-chart="pivot-chart"] canvas'), 'the pivot chart');
  await assertFits(page, 1366, 'the pivot page');
  await screenshot(page, 'analytics-pivot-1366');

  // The shared address opens the same choice.
  const shared = page.url();
  assert.match(shared, /dx=action_month_results\.activities\.people/);
  await page.goto('about:blank');
  await page.goto(shared);
  await assertVisible(rowOf('Tổng'), 'the same table from the shared address');
  assert.equal(await page.getByRole('checkbox', { name: 'Giới tính' }).isChecked(), true, 'the split is kept');
  assert.equal(await page.locator(`input[type="checkbox"][value="${PEOPLE}"]`).isChecked(), true, 'the element is kept');

  // CSV: a real download through the link, with the same figures.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về CSV' }).click()]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  assert.ok(lines.length >= 4, `a header and three rows: ${csv}`);
  assert.match(lines[0], /Giá trị|value/i, `the header: ${lines[0]}`);
  const totals = lines.filter((l) => /(^|,)("?)(total|Tổng)\2(,|$)/.test(l));
  assert.ok(totals.some((l) => l.endsWith(',' + s.total) || l.endsWith(',"' + s.total + '"')), `the total ${s.total} in the CSV:\n${csv}`);
  assert.ok(lines.some((l) => l.endsWith(',' + s.female)), `the women ${s.female} in the CSV:\n${csv}`);
  const xlsx = await page.request.get(ctx.server.url + (await page.getByRole('link', { name: /Tải về Excel/ }).getAttribute('href')));
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK', 'the XLSX is a zip');

  // A bad dimension: the server's message names it.
  await page.goto(`${ctx.server.url}/#/phan-tich?dx=no_such.table.column&pe=2024&ou=${s.district.id}`);
  await assertVisible(page.getByRole('alert'), 'an error for an unknown element');
  assert.match(await visibleText(page.getByRole('alert')), /no_such|dx/);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(shared);
  await assertVisible(rowOf('Tổng'), 'the table at 360 px');
  await assertFits(page, 360, 'the pivot page');
  await screenshot(page, 'analytics-pivot-360');
  await page.context().close();
});

test('the map colours the province with data, with a legend and the credit, and a click drills down', async () => {
  await tamDuong();
  const admin = await apiSession(ctx.server);
  const laiChau = await findUnit(admin, 'Tỉnh Lai Châu');
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page);
  await page.goto(`${ctx.server.url}/#/ban-do?dx=${PEOPLE}&pe=2024`);
  await assertVisible(page.getByRole('heading', { name: 'Bản đồ số liệu', level: 1 }), 'map heading');
  await assertVisible(page.getByText(/Open Development Vietnam/), 'the credit');
  await assertVisible(page.getByTestId('map-canvas').locator('canvas'), 'the map is drawn');
  await page.getByText('Xem bảng số liệu').click();
  const rows = page.getByTestId('map-table').locator('tr[data-province]');
  assert.equal(await rows.count(), 34, 'the 34 provinces');
  const lai = page.getByTestId('map-table').locator('tr[data-province="Lai Châu"]');
  await waitForText(lai.getByRole('cell'), /^\d/);
  const fill = await lai.getAttribute('data-fill');
  assert.notEqual(fill, NO_DATA, 'Lai Châu has data and a colour');
  assert.equal(await page.getByTestId('map-table').locator('tr[data-province="TP Hà Nội"]').getAttribute('data-fill'), NO_DATA, 'Hà Nội has none');
  const legend = page.getByTestId('map-legend');
  await assertVisible(legend.locator(`li[data-legend-color="${fill}"]`), 'the legend has Lai Châu’s colour');
  assert.match(await visibleText(legend.locator(`li[data-legend-color="${NO_DATA}"]`)), /Chưa có số liệu/);

  // On the canvas itself: the pixels of Lai Châu's colour (the only province with 2024 data).
  const hit = await page.evaluate((hex) => {
    const canvas = document.querySelector('[data-testid="map-canvas"] canvas');
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const g = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = g.getImageData(0, 0, width, height).data;
    const box = canvas.getBoundingClientRect();
    const pts = [];
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i] - want[0]) < 3 && Math.abs(data[i + 1] - want[1]) < 3 && Math.abs(data[i + 2] - want[2]) < 3) pts.push([x, y]);
      }
    }
    if (!pts.length) return null;
    const [x, y] = pts[Math.floor(pts.length / 2)];
    return { n: pts.length, x: box.left + (x * box.width) / width, y: box.top + (y * box.height) / height };
  }, fill);
  assert.ok(hit && hit.n > 20, `the map shows Lai Châu's colour ${fill} (${hit?.n ?? 0} pixels)`);
  await assertFits(page, 1366, 'the map page');
  await screenshot(page, 'analytics-map-1366');
  await page.mouse.click(hit.x, hit.y);
  await page.waitForFunction((id) => location.hash.startsWith('#/tong-quan/' + id), laiChau.id);
  await waitForText(page.getByTestId('overview-unit'), /Lai Châu/);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${ctx.server.url}/#/ban-do?dx=${PEOPLE}&pe=2024`);
  await assertVisible(page.getByTestId('map-canvas').locator('canvas'), 'the map at 360 px');
  await assertVisible(page.getByTestId('map-legend').locator(`li[data-legend-color="${fill}"]`), 'the legend at 360 px');
  await assertFits(page, 360, 'the map page');
  await screenshot(page, 'analytics-map-360');
  await page.context().close();
});

test('a report submitted, returned and accepted through the API changes the dashboard at each load, without a restart', async () => {
  const admin = await apiSession(ctx.server);
  const province = await findUnit(admin, 'Tỉnh Lai Châu');
  const children = await admin.get(`/units/${province.id}/children?kind=commune&limit=1`);
  const commune = children.body.items[0];
  for (const [username, unit, role] of [
    ['an.rep.xa', commune.id, 'reporter'],
    ['an.rev.tinh', province.id, 'reviewer'],
  ]) {
    const r = await admin.post('/users', { username, full_name: 'Người thử ' + role, password: 'Analytics-2026', unit_id: unit, roles: [role] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const year = yearNow();
  const page = await newPage(ctx.browser, ctx.server, { width: 1366, height: 900 });
  await login(page);
  const url = `${ctx.server.url}/#/tong-quan/${commune.id}?pe=${year}`;
  await page.goto(url);
  const people = page.getByTestId('key-figures').locator('[data-figure="people"] dd');
  await waitForText(people, /^Chưa có số liệu$/);
  const before = Number(await page.getByTestId('as-of').getAttribute('data-sequence'));

  const reporter = await apiSession(ctx.server, 'an.rep.xa', 'Analytics-2026');
  const templates = await reporter.get('/report-templates');
  const templ = templates.body.items.find((x) => x.code === 'action_month_results');
  const created = await reporter.post('/reports', {
    template_id: templ.id,
    unit_id: commune.id,
    period: `${year}AM`,
    rows: [
      { table: 'activities', item: 'launch_ceremony', detail: '', level: 'xa', values: { count: 1, people: { male: 412, female: 587 } } },
      { table: 'activities', item: 'training', detail: '', level: 'xa', values: { count: 2, people: { male: 9, female: 21 } } },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  let r = await reporter.post(`/reports/${id}/submit`, { version: created.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // Submitted counts at once; returned does not.
  await page.reload();
  await waitForText(people, /^1\.029$/);
  const reviewer = await apiSession(ctx.server, 'an.rev.tinh', 'Analytics-2026');
  r = await reviewer.post(`/reports/${id}/return`, { version: r.body.version, comment: 'Kiểm tra lại số người tham gia.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await page.reload();
  await waitForText(people, /^Chưa có số liệu$/);
  r = await reporter.post(`/reports/${id}/submit`, { version: r.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await reviewer.post(`/reports/${id}/accept`, { version: r.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'accepted');

  await page.reload();
  await waitForText(people, /^1\.029$/);
  assert.match(await visibleText(page.getByTestId('key-figures').locator('[data-figure="female"] dd')), /^608 \(59,1%\)$/);
  await waitForText(page.getByTestId('key-figures').locator('[data-figure="activities"] dd'), /^3$/);
  const after = Number(await page.getByTestId('as-of').getAttribute('data-sequence'));
  assert.ok(after > before, `the answer is newer (sequence ${before} -> ${after})`);
  await screenshot(page, 'analytics-dashboard-after-accept');
  await page.context().close();
});
