// E-mail of the notices: an officer sets their address and "each notice" on their account page
// (a wrong address is named beside its field), an administrator resets their password, and the
// urgent notice arrives at a real SMTP server (Debian's python3-aiosmtpd with STARTTLS and an
// account, tests/support/smtp_server.py) within seconds, in Vietnamese — at 1366 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSession, findUnit, login, newPage, screenshot, setup, waitForText } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'binhdang-mail-web-'));
const box = path.join(dir, 'box');
let smtp = null;

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startSmtp() {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const port = await freePort();
  smtp = spawn('/usr/bin/python3', [
    path.resolve(here, '../../tests/support/smtp_server.py'), '--port', String(port), '--dir', box,
    '--cert', path.join(dir, 'cert.pem'), '--key', path.join(dir, 'key.pem'),
    '--user', 'binhdang', '--password', 'mat-khau-thu',
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  execFileSync('mkdir', ['-p', box]);
  await new Promise((resolve, reject) => {
    let said = '';
    smtp.stdout.on('data', (c) => {
      said += c;
      if (said.includes('ready')) resolve();
    });
    smtp.on('exit', (code) => reject(new Error('the SMTP server stopped: ' + code)));
  });
  return {
    args: ['--smtp-host', 'localhost', '--smtp-port', String(port), '--smtp-user', 'binhdang',
      '--smtp-ca-file', path.join(dir, 'cert.pem'), '--smtp-from', 'binhdang@laichau.gov.vn',
      '--public-url', 'https://binhdang.laichau.gov.vn', '--mail-every', '1'],
    env: { BINHDANG_SMTP_PASSWORD: 'mat-khau-thu' },
  };
}

const ctx = setup({ before, after }, startSmtp);
after(() => {
  smtp?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

// Decodes RFC 2047 "B" words of UTF-8 and a base64 body, as a mail client shows them.
function readMail(file) {
  const raw = readFileSync(file, 'latin1');
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const header = (name) => {
    const line = headers.split('\r\n').find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
    // Space between two encoded words is not text (RFC 2047 6.2); beside plain text it is.
    return (line ?? '').slice(name.length + 1).trim()
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  };
  const body = Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8');
  return { subject: header('Subject'), from: header('From'), to: header('To'), body };
}

async function mailTo(address) {
  const deadline = Date.now() + 20000;
  for (;;) {
    for (const f of readdirSync(box).filter((n) => n.endsWith('.json')).sort()) {
      const meta = JSON.parse(readFileSync(path.join(box, f), 'utf8'));
      if (meta.to.includes(address)) return { meta, ...readMail(path.join(box, f.replace('.json', '.eml'))) };
    }
    if (Date.now() > deadline) throw new Error('no mail to ' + address + ' in 20 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

for (const [width, height, tag] of [
  [1366, 860, 'desktop'],
  [360, 740, 'phone'],
]) {
  test(`an officer chooses mail for each notice and a reset password arrives by mail (${tag})`, async () => {
    const admin = await apiSession(ctx.server);
    const unit = await findUnit(admin, 'Lai Châu');
    const name = 'nhan.thu.' + tag;
    const created = await admin.post('/users', {
      username: name, full_name: 'Lò Văn Thư', password: 'Nhan-Thu-2026', unit_id: unit.id, roles: ['planner'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const page = await newPage(ctx.browser, ctx.server, { width, height });
    await login(page, name, 'Nhan-Thu-2026');
    await page.goto(ctx.server.url + '/#/account');
    const form = page.getByRole('form', { name: 'Nhận thông báo qua thư điện tử' });
    await waitForText(form, /Tổng hợp hằng ngày/);
    assert.equal(await form.getByLabel(/Tổng hợp hằng ngày/).isChecked(), true, 'a daily digest by default');
    await form.getByLabel(/^Địa chỉ thư điện tử/).fill('lo van thu@laichau');
    await form.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
    await waitForText(form.locator('[data-field-error]'), /thư điện tử không hợp lệ/);
    const address = `lovanthu.${tag}@laichau.gov.vn`;
    await form.getByLabel(/^Địa chỉ thư điện tử/).fill(address);
    await form.getByLabel(/Từng thông báo/).check();
    await form.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
    await waitForText(form.getByText('Đã lưu cách nhận thư.'), /Đã lưu/);
    assert.equal(await form.locator('[data-field-error]').count(), 0, 'the error is gone once fixed');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `the page fits ${width} px (${scrollWidth})`);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, `account-mail-${tag}`);
    // Saved, not only shown: a reload shows the same.
    await page.reload();
    await waitForText(form, /Từng thông báo/);
    assert.equal(await form.getByLabel(/^Địa chỉ thư điện tử/).inputValue(), address);
    assert.equal(await form.getByLabel(/Từng thông báo/).isChecked(), true);

    const current = await admin.get('/users/' + created.body.id);
    assert.equal(current.body.email, address, 'an administrator sees the address');
    const reset = await admin.patch('/users/' + created.body.id, { version: current.body.version, password: 'Dat-Lai-Boi-Admin-2026' });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const mail = await mailTo(address);
    assert.equal(mail.subject, '[binhdang] Mật khẩu tài khoản đã được đặt lại');
    assert.equal(mail.from, 'Hệ thống binhdang <binhdang@laichau.gov.vn>');
    assert.match(mail.body, /^Kính gửi đồng chí Lò Văn Thư,/);
    assert.match(mail.body, /Mật khẩu của bạn đã được admin đặt lại lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    assert.match(mail.body, /vào trang Tài khoản/);
    assert.equal(mail.meta.tls, true, 'sent after STARTTLS');
    assert.equal(mail.meta.authenticated, true);
    await page.context().close();
  });
}
