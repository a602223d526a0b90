// Freshness on one server (SQLite): the time from the HTTP request that makes a report count
// (its submission; acceptance keeps the figures) to the first GET /api/v1/analytics answer that
// includes it, against a real `build/binhdang serve`. Each round: a commune's reporter enters
// an action-month report and submits it; the clock starts before the submit request and stops
// when an analytics answer for the commune carries the report's figure; then a reviewer accepts
// it and the answer must still carry it. Prints median and max of the rounds.
// Usage: node bench/analytics/freshness.mjs [rounds]   (BINHDANG_BIN overrides build/binhdang)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 20);
const bin = process.env.BINHDANG_BIN ?? 'build/binhdang';
const work = mkdtempSync(join(tmpdir(), 'binhdang-fresh-'));
const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['--db', `sqlite:${join(work, 'fresh.db')}`, 'serve', '--listen', `127.0.0.1:${port}`,
  '--no-access-log', '--web', '', '--no-demo'], { env: { ...process.env, BINHDANG_ADMIN_PASSWORD: 'bench-Secret-1' }, stdio: 'ignore' });
const stop = () => { server.kill(); rmSync(work, { recursive: true, force: true }); };
try {
  for (let i = 0; ; ++i) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch {}
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const login = async (username, password) => {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = (await res.json()).csrf_token;
    return async (method, path, body) => {
      const r = await fetch(base + path, { method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return JSON.parse(text);
    };
  };
  const admin = await login('admin', 'bench-Secret-1');
  const am = (await admin('GET', '/api/v1/report-templates')).items.find((t) => t.code === 'action_month_results').id;
  const province = (await admin('GET', '/api/v1/units?q=lai%20chau&kind=province')).items[0].id;
  const communes = (await admin('GET', `/api/v1/units/${province}/children?kind=commune&limit=${rounds}`)).items.map((u) => u.id);
  await admin('POST', '/api/v1/users', { username: 'fresh.rev', full_name: 'Người duyệt', password: 'reviewer-2025',
    unit_id: province, roles: ['reviewer'] });
  const reviewer = await login('fresh.rev', 'reviewer-2025');
  const times = [], accepts = [], stale = [];
  for (let i = 0; i < Math.min(rounds, communes.length); ++i) {
    const unit = communes[i];
    await admin('POST', '/api/v1/users', { username: `fresh.${i}`, full_name: 'Người báo cáo', password: 'reporter-2025',
      unit_id: unit, roles: ['reporter'] });
    const reporter = await login(`fresh.${i}`, 'reporter-2025');
    const people = 100 + i;
    const report = await reporter('POST', '/api/v1/reports', { template_id: am, unit_id: unit, period: '2027AM',
      rows: [{ table: 'activities', item: 'training', level: 'xa', values: { count: 1, people: { male: 0, female: people } } }] });
    const ask = async () => (await reviewer('GET',
      `/api/v1/analytics?dx=action_month_results.activities.people&pe=2027AM&ou=${unit}`)).rows[0]?.[3] ?? 0;
    if ((await ask()) !== 0) throw new Error('a draft counted');
    // A report counts from its submission (the write that puts its figures in the engine;
    // acceptance changes its status, not its figures): the clock runs from the submit request.
    const t0 = performance.now();
    await reporter('POST', `/api/v1/reports/${report.id}/submit`, { version: report.version });
    const t1 = performance.now();
    let polls = 0;
    while ((await ask()) !== people) ++polls;
    times.push(performance.now() - t0);
    accepts.push(t1 - t0);
    if (polls) stale.push(polls);
    const got = await reviewer('GET', `/api/v1/reports/${report.id}`);
    await reviewer('POST', `/api/v1/reports/${report.id}/accept`, { version: got.version });
    if ((await ask()) !== people) throw new Error('the accepted report does not count');
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`Freshness, one server (SQLite), ${times.length} reports: submit request ${med(accepts).toFixed(1)} ms median; ` +
    `submit request to the first analytics answer including it ${med(times).toFixed(1)} ms median, ` +
    `${Math.max(...times).toFixed(1)} ms max; answers that did not include it yet: ${stale.reduce((a, b) => a + b, 0)}`);
} finally {
  stop();
}
