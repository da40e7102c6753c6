// The XSS fixture (tests/fixtures/site/xss): <script>, <img onerror>, javascript:
// links and quotes in every front-matter field, the config and the body. On every
// page of its site nothing runs (no dialog opens, the canary stays unset) and the
// payloads show as text, including in search results that the script renders.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertClean, fileUrl, launch, listFiles, repoRoot, review, tempDir, watchedPage } from './site_helpers.mjs';

let browser;
let out;

before(async () => {
  const repo = tempDir('xss');
  fs.cpSync(path.join(repoRoot, 'tests/fixtures/site/xss'), repo, { recursive: true });
  out = path.join(repo, '_site');
  const built = review(['build'], repo);
  assert.equal(built.code, 0, `review build failed:\n${built.stdout}\n${built.stderr}`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

// Payloads call alert(); a canary catches any other way a script could run.
async function canaryPage() {
  const watched = await watchedPage(browser);
  await watched.page.addInitScript(() => {
    window.__xssCanary = false;
    for (const name of ['alert', 'confirm', 'prompt']) {
      const original = window[name].bind(window);
      window[name] = (...args) => { window.__xssCanary = true; return original(...args); };
    }
  });
  return watched;
}

test('no payload runs on any page', async () => {
  const pages = listFiles(out).filter((file) => file.endsWith('.html'));
  assert.ok(pages.length >= 10, pages.join(', '));
  for (const file of pages) {
    const { page, problems } = await canaryPage();
    await page.goto(fileUrl(path.join(out, file)));
    // Hover and click every link whose address a payload could have set.
    for (const link of await page.$$('main a')) await link.hover().catch(() => {});
    assert.equal(await page.evaluate(() => window.__xssCanary), false, `canary on ${file}`);
    assertClean(assert, problems, file);
    await page.close();
  }
});

test('payloads show literally on the review page', async () => {
  const { page, problems } = await canaryPage();
  await page.goto(fileUrl(path.join(out, 'reviews/2026-03-10-xss-payloads.html')));
  assert.equal(await page.textContent('h1'),
    "Title <script>alert('title')</script> </title><img src=x onerror=alert('title2')> \"dq\" 'sq'");
  assert.match(await page.textContent('.side-panel'), /<\/blockquote><script>alert\('price'\)<\/script> "quoted"/);
  assert.match(await page.textContent('.prose'), /<script>alert\('body'\)<\/script>/);
  for (const href of await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')))) {
    assert.doesNotMatch(href.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):/i, href);
  }
  // Clicking the neutralised links goes nowhere and runs nothing.
  for (const link of await page.$$('.unsafe-link')) await link.click();
  assert.equal(await page.evaluate(() => window.__xssCanary), false);
  assertClean(assert, problems, 'the review page');
  await page.close();
});

test('search results rendered by the script stay text', async () => {
  const { page, problems } = await canaryPage();
  await page.goto(fileUrl(path.join(out, 'all/index.html')));
  await page.fill('#f-q', 'alert');
  await page.waitForFunction(() => document.querySelectorAll('#results-body tr').length === 1);
  assert.match(await page.textContent('#results-body .row-title'), /<script>alert\('title'\)<\/script>/);
  assert.equal(await page.$$eval('#results-body img, #results-body script, #results-body svg', (n) => n.length), 0);
  // A payload-shaped filter value in the address is treated as text, not markup.
  await page.goto(`${fileUrl(path.join(out, 'all/index.html'))}#ae=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await page.waitForSelector('#results:not([hidden])');
  assert.equal(await page.$$eval('select img', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.__xssCanary), false);
  assertClean(assert, problems, 'search');
  await page.close();
});
