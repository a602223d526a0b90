// Copy last year's plan: an officer of a commune merged away in the 2025 reform opens last
// year's plan, copies it for next year, and gets a draft of the commune it became, a year later,
// with the old women's union replaced by the new commune's and that change listed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const ctx = setup({ before, after });

async function prepare() {
  const api = await apiSession(ctx.server);
  const district = (await api.get('/units?q=phong%20tho&kind=district&at=2024-11-15')).body.items[0];
  const oldXa = (await api.get(`/units?kind=commune&parent=${district.id}&at=2024-11-15`)).body.items[0];
  const lineage = (await api.get(`/units/${oldXa.id}/lineage`)).body;
  const newXa = lineage.successors[0].unit;
  const union = await api.post('/units', { parent_id: oldXa.id, name: 'Hội Phụ nữ xã (cũ)', agency_type: 'womens_union' });
  assert.equal(union.status, 201, JSON.stringify(union.body));
  const set = await api.post(`/units/${newXa.id}/agency-sets/commune-2025`, {});
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const plan = await api.post('/plans', {
    unit_id: oldXa.id,
    title: 'Kế hoạch tổ chức Tháng hành động vì bình đẳng giới năm 2024',
    kind: 'action_month',
    period_start: '2024-11-15',
    period_end: '2024-12-15',
  });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const act = await api.post(`/plans/${plan.body.id}/activities`, {
    title: 'Nói chuyện chuyên đề phòng, chống bạo lực gia đình',
    lead_unit_id: union.body.id,
    due_date: '2024-11-30',
  });
  assert.equal(act.status, 201, JSON.stringify(act.body));
  return { plan: plan.body, newXa };
}

for (const width of [1366, 360]) {
  test(`last year's plan is copied for next year to the commune it became (${width} px)`, async () => {
    const { plan, newXa } = await prepare();
    const page = await newPage(ctx.browser, ctx.server, { width, height: 900 });
    await login(page);
    await page.goto(ctx.server.url + '/#/plans/' + plan.id);
    const panel = page.locator('[data-copy-plan]');
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Sao chép thành kế hoạch năm sau' }).click();
    const made = panel.locator('[data-copy-made]');
    await waitForText(made, /Đã tạo bản dự thảo/);
    const notes = await made.locator('[data-copy-note]').allInnerTexts();
    assert.ok(notes.some((n) => n.includes('Hội Phụ nữ xã (cũ)') && n.includes('nay là')), notes.join(' | '));
    assert.ok(notes.some((n) => n.includes(newXa.full_name)), notes.join(' | '));
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `nothing overflows at ${width} px (${scroll}px)`);
    await screenshot(page, `plan-copy-made-${width}`);
    await made.getByRole('link', { name: 'Mở bản dự thảo' }).click();
    const h1 = page.getByRole('heading', { level: 1 });
    await waitForText(h1, /năm 2025/);
    const body = await page.locator('main').innerText();
    assert.match(body, /30\/11\/2025/, 'the activity is due a year later, as dd/mm/yyyy');
    assert.match(body, /Hội Liên hiệp Phụ nữ phường Đoàn Kết/, "led by the new commune's women's union");
    assert.doesNotMatch(body, /Hội Phụ nữ xã \(cũ\)/, 'not by the old one');
    await screenshot(page, `plan-copy-draft-${width}`);
    await page.close();
  });
}
