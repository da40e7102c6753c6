// Shared by the browser tests: building sites with the `review` binary, starting
// Debian's chromium through playwright-core, and watching a page for console
// errors, failed or external requests, dialogs, and accessibility violations.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const reviewBin = path.resolve(repoRoot, process.env.REVIEW_BIN || 'build/dev/review');
const axePath = path.join(repoRoot, 'tests', 'node_modules', 'axe-core', 'axe.min.js');

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `review-${prefix}-`));
}

// Runs `review ARGS` in `cwd`; the date is pinned so overdue actions do not drift.
export function review(args, cwd, env = {}) {
  const result = spawnSync(reviewBin, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1790812800', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function fileUrl(file) {
  return pathToFileURL(file).href;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A page that records everything a test must fail on. Requests that leave the
// machine (anything but file:// and 127.0.0.1) are aborted and recorded.
export async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = { console: [], failed: [], external: [], dialogs: [], pageErrors: [], requests: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://') || url.startsWith('http://127.0.0.1:')) return route.continue();
    problems.external.push(url);
    return route.abort();
  });
  page.on('request', (request) => problems.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('requestfailed', (request) => problems.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('dialog', async (dialog) => {
    problems.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return { page, problems };
}

// Nothing went wrong on the page so far: no console errors, no failed, external
// or blocked requests, no script errors, no dialogs.
export function assertClean(assert, problems, where) {
  assert.deepEqual(problems.console, [], `console errors on ${where}`);
  assert.deepEqual(problems.pageErrors, [], `script errors on ${where}`);
  assert.deepEqual(problems.failed, [], `failed requests on ${where}`);
  assert.deepEqual(problems.external, [], `external requests on ${where}`);
  assert.deepEqual(problems.dialogs, [], `dialogs on ${where}`);
}

// axe-core's serious and critical violations on the current page.
export async function seriousViolations(page) {
  await page.addScriptTag({ content: fs.readFileSync(axePath, 'utf8') });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'], preload: false }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Every file under `dir`, relative, with forward slashes.
export function listFiles(dir) {
  const files = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

export async function waitFor(predicate, { timeout = 20000, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
