// Shared helpers for the browser tests: start the real binhdang server on a fresh SQLite
// database, launch Debian's Chromium through playwright-core, sign in, take screenshots.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');

export const ADMIN_PASSWORD = 'admin-Secret-1';
export const binPath = path.resolve(webDir, process.env.BINHDANG_BIN || '../build/binhdang');
export const webOut = path.resolve(webDir, process.env.BINHDANG_WEB_OUT || '../build/web');
export const screenshotDir = path.join(here, 'screenshots');

/** How long to wait for something a user would see (ms). */
export const UI_TIMEOUT = 15000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `binhdang serve` on a new database in a temporary directory and waits until
 * GET /api/v1/health answers 200. Returns { url, stop() }.
 */
export async function startServer({ args: extraArgs = [], env: extraEnv = {} } = {}) {
  if (!existsSync(binPath)) throw new Error(`server binary not found at ${binPath} (set BINHDANG_BIN)`);
  if (!existsSync(path.join(webOut, 'index.html'))) {
    throw new Error(`built web front end not found in ${webOut} (run npm run build)`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'binhdang-web-test-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const db = `sqlite:${path.join(dir, 't.db')}`;
  // --db is an option of the program, not of `serve`, so it comes first; BINHDANG_DB says the same.
  const args = ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--web', webOut, ...extraArgs];
  const proc = spawn(binPath, args, {
    env: { ...process.env, BINHDANG_DB: db, BINHDANG_ADMIN_PASSWORD: ADMIN_PASSWORD, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 20000) output = output.slice(-20000);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) => proc.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const deadline = Date.now() + 120000;
  for (;;) {
    if (exited) throw new Error(`server exited (${JSON.stringify(exited)}) before becoming healthy:\n${output}`);
    try {
      const res = await fetch(url + '/api/v1/health');
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not become healthy within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    output: () => output,
    async stop() {
      if (!exited) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
        await exitPromise;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context (own cookies and localStorage) and page at the app. */
export async function newPage(browser, server, { width = 1280, height = 860, lang } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'UTC' });
  context.setDefaultTimeout(UI_TIMEOUT);
  if (lang) {
    await context.addInitScript((l) => {
      if (!sessionStorage.getItem('binhdang.test.init')) {
        localStorage.setItem('binhdang.lang', l);
        sessionStorage.setItem('binhdang.test.init', '1');
      }
    }, lang);
  }
  const page = await context.newPage();
  await page.goto(server.url + '/');
  return page;
}

/** Fills the sign-in form and submits it with Enter. Does not wait for the result. */
export async function submitLogin(page, username, password) {
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  const pw = page.getByLabel(/Mật khẩu|Password/);
  await pw.fill(password);
  await pw.press('Enter');
}

/** Signs in and waits for the application shell (the logout button). */
export async function login(page, username = 'admin', password = ADMIN_PASSWORD) {
  await submitLogin(page, username, password);
  await page.getByRole('banner').waitFor();
}

export async function logout(page) {
  await page.getByRole('button', { name: /^(Đăng xuất|Log out)$/ }).first().click();
  await page.getByRole('heading', { name: /^(Đăng nhập|Sign in)$/ }).waitFor();
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name + '.png'), fullPage: true });
}

/** Waits until the locator is visible and returns its text. */
export async function visibleText(locator) {
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).trim();
}

/** Asserts that `locator` becomes visible (a user can see it). */
export async function assertVisible(locator, message) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (e) {
    assert.fail(`${message ?? 'expected element to be visible'}: ${e.message.split('\n')[0]}`);
  }
}

/** Minimal API client with a cookie session, for preparing data (not for asserting on the UI). */
export async function apiSession(server, username = 'admin', password = ADMIN_PASSWORD) {
  const res = await fetch(server.url + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login as ${username} via API: ${res.status} ${await res.clone().text()}`);
  const { csrf_token: csrf } = await res.json();
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
  const call = async (method, p, body) => {
    const r = await fetch(server.url + '/api/v1' + p, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrf,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    patch: (p, b) => call('PATCH', p, b),
    put: (p, b) => call('PUT', p, b),
    del: (p) => call('DELETE', p),
  };
}

/** Finds one current unit by search text via the API (first result). */
export async function findUnit(api, q, at) {
  const r = await api.get(`/units?q=${encodeURIComponent(q)}&limit=5${at ? '&at=' + at : ''}`);
  assert.equal(r.status, 200, `unit search ${q}: ${JSON.stringify(r.body)}`);
  assert.ok(r.body.items.length > 0, `no unit found for ${q}`);
  return r.body.items[0];
}

/** Standard per-file setup: one server and one browser for all tests in the file. */
export function setup(hooks, serverOptions) {
  const ctx = { server: null, browser: null };
  hooks.before(async () => {
    ctx.server = await startServer(typeof serverOptions === 'function' ? await serverOptions() : serverOptions);
    ctx.browser = await launchBrowser();
  });
  hooks.after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Submits the sign-in form and waits for the server's answer; returns its HTTP status. */
export async function submitLoginAndWait(page, username, password) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
    submitLogin(page, username, password),
  ]);
  return response.status();
}

/**
 * Waits until the first element of `locator` shows text matching `pattern` (a RegExp or a
 * predicate function); returns the text.
 */
export async function waitForText(locator, pattern, timeout = UI_TIMEOUT) {
  const ok = typeof pattern === 'function' ? pattern : (s) => pattern.test(s);
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      if (await locator.first().isVisible()) {
        last = (await locator.first().innerText()).trim();
        if (ok(last)) return last;
      }
    } catch {
      // Detached while re-rendering: try again.
    }
    if (Date.now() > deadline) assert.fail(`expected text matching ${pattern}, last seen "${last}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
