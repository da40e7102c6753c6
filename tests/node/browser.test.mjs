// Browser tests of the static site in real headless Chromium (Debian's, driven by
// playwright-core): the sample site from reviews/ opened from file:// and through
// `review serve`, filters and search, a review page, the action board, an axe-core
// scan of every page type, and no console errors, failed or external requests.
//   REVIEW_BIN=build/dev/review node --test tests/node/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  assertClean, fileUrl, freePort, launch, repoRoot, review, reviewBin, seriousViolations, tempDir, waitFor, watchedPage,
} from './site_helpers.mjs';

let browser;
let site;      // the built sample site
let data;      // its reviews.json

before(async () => {
  site = path.join(tempDir('sample'), 'site');
  const built = review(['build', '--out', site], repoRoot);
  assert.equal(built.code, 0, `review build failed:\n${built.stdout}\n${built.stderr}`);
  data = JSON.parse(fs.readFileSync(path.join(site, 'reviews.json'), 'utf8'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

async function open(relative) {
  const watched = await watchedPage(browser);
  await watched.page.goto(fileUrl(path.join(site, relative)));
  return watched;
}

async function resultTitles(page) {
  return page.$$eval('#results-body tr .row-title', (links) => links.map((a) => a.textContent));
}

// Waits until the rendered results are exactly `titles` (in any order).
async function waitForTitles(page, titles) {
  const expected = [...titles].sort();
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('#results-body tr .row-title')].map((a) => a.textContent).sort();
    return !document.querySelector('#results').hidden && JSON.stringify(got) === JSON.stringify(want);
  }, expected);
  assert.deepEqual((await resultTitles(page)).sort(), expected);
}

describe('the sample site from file://', () => {
  test('home page shows the key numbers and links to every page', async () => {
    const { page, problems } = await open('index.html');
    assert.match(await page.title(), /Win\/loss reviews/);
    const cards = await page.$$eval('.cards .card-label', (labels) => labels.map((l) => l.textContent));
    assert.deepEqual(cards, ['Reviews', 'Win rate by count', 'Win rate by amount', 'Open actions']);
    assert.equal(await page.textContent('.cards .card-value'), String(data.reviews.length));
    assert.ok(await page.isVisible('svg.chart[role="img"]'));
    for (const href of ['wins/index.html', 'losses/index.html', 'no-decision/index.html', 'actions/index.html',
      'insights/index.html', 'coverage/index.html']) {
      assert.ok(await page.$(`.site-nav a[href="${href}"]`), `nav link to ${href}`);
    }
    assertClean(assert, problems, 'home');
    assert.deepEqual(await seriousViolations(page), [], 'axe on home');
    await page.close();
  });

  test('losses filter by quarter and by competitor, and the URL keeps the filters', async () => {
    const { page, problems } = await open('losses/index.html');
    const losses = data.reviews.filter((r) => r.outcome === 'lost');
    const quarter = [...new Set(losses.map((r) => r.quarter))].sort().at(-1);
    const expected = losses.filter((r) => r.quarter === quarter).map((r) => r.title).sort();

    await page.selectOption('#f-quarter', quarter);
    await waitForTitles(page, expected);
    assert.ok(await page.isHidden('#static-listing'));
    assert.match(page.url(), new RegExp(`#quarter=${quarter}$`));
    assert.match(await page.textContent('#filter-status'), new RegExp(`${expected.length} reviews? match`));

    await page.selectOption('#f-quarter', '');
    const competitor = losses[0].lost_to;
    const byCompetitor = losses.filter((r) => r.lost_to === competitor || (r.competitors || []).includes(competitor));
    await page.selectOption('#f-competitor', competitor);
    await waitForTitles(page, byCompetitor.map((r) => r.title));
    assert.doesNotMatch(page.url(), /quarter=/);
    const shared = page.url();
    assert.match(shared, /#competitor=/);
    assert.deepEqual(await seriousViolations(page), [], 'axe on a filtered listing');

    // The same address opened fresh shows the same filtered view.
    const second = await watchedPage(browser);
    await second.page.goto(shared);
    await waitForTitles(second.page, byCompetitor.map((r) => r.title));
    assert.equal(await second.page.inputValue('#f-competitor'), competitor);
    assertClean(assert, problems, 'losses');
    assertClean(assert, second.problems, 'losses opened from a shared address');
    await second.page.close();
    await page.close();
  });

  test('the listing is readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(site, 'losses/index.html')));
    const rows = await page.$$eval('#static-listing tbody tr', (trs) => trs.length);
    assert.equal(rows, data.reviews.filter((r) => r.outcome === 'lost').length);
    assert.ok(await page.isHidden('#filters'));
    await context.close();
  });

  test('searching a phrase from one review finds it, and its page opens', async () => {
    const { page, problems } = await open('all/index.html');
    await page.fill('#f-q', '"exportable audit trail from day one"');
    await page.waitForFunction(() => document.querySelectorAll('#results-body tr').length === 1);
    const [title] = await resultTitles(page);
    assert.equal(title, 'Northwind Pay core-ledger replacement');
    assert.match(await page.textContent('#results-body mark'), /exportable audit trail from day one/i);
    assert.match(page.url(), /#q=/);

    await Promise.all([page.waitForNavigation(), page.click('#results-body .row-title')]);
    assert.match(page.url(), /reviews\/2026-08-14-northwind-pay\.html$/);
    assert.equal(await page.textContent('h1'), 'Northwind Pay core-ledger replacement');
    const facts = await page.$$eval('.side-panel dt', (dts) => dts.map((dt) => dt.textContent));
    for (const label of ['Outcome', 'Lost to', 'Amount', 'Account executive']) assert.ok(facts.includes(label), label);
    assert.ok(await page.isVisible('.stakeholders .tag.outside'));
    assert.ok(await page.isVisible('.review-actions .status'));
    assert.ok(await page.isVisible('.prev-next a'));
    assertClean(assert, problems, 'search and review page');
    assert.deepEqual(await seriousViolations(page), [], 'axe on a review page');
    await page.close();
  });

  test('the action board lists every team and links to each team page', async () => {
    const { page, problems } = await open('index.html');
    await Promise.all([page.waitForNavigation(), page.click('.site-nav a[href="actions/index.html"]')]);
    assert.equal(await page.textContent('h1'), 'Action board');
    const teams = await page.$$eval('.panel.team h2', (hs) => hs.map((h) => h.textContent));
    assert.ok(teams.includes('Product') && teams.includes('Marketing'), teams.join(', '));
    assert.ok(await page.isVisible('.panel.team .actions-table a'));
    assert.deepEqual(await seriousViolations(page), [], 'axe on the action board');
    await Promise.all([page.waitForNavigation(), page.click('.team-index a[href="product.html"]')]);
    assert.match(await page.textContent('h1'), /Product/);
    assertClean(assert, problems, 'actions');
    assert.deepEqual(await seriousViolations(page), [], 'axe on a team page');
    await page.close();
  });

  for (const [name, relative] of [['insights', 'insights/index.html'], ['coverage', 'coverage/index.html'],
    ['wins', 'wins/index.html'], ['no-decision', 'no-decision/index.html']]) {
    test(`${name} page has no console errors and no serious accessibility violations`, async () => {
      const { page, problems } = await open(relative);
      assert.ok(await page.isVisible('h1'));
      assertClean(assert, problems, name);
      assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
      await page.close();
    });
  }
});

describe('review serve', () => {
  test('serves the site on 127.0.0.1 and rebuilds when a review changes', async () => {
    const repo = tempDir('serve');
    fs.cpSync(path.join(repoRoot, 'reviews'), path.join(repo, 'reviews'), { recursive: true });
    const port = await freePort();
    const server = spawn(reviewBin, ['serve', '--port', String(port)], {
      cwd: repo, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => { output += chunk; });
    server.stderr.on('data', (chunk) => { output += chunk; });
    try {
      assert.ok(await waitFor(() => output.includes(`http://127.0.0.1:${port}/`)), `no URL printed:\n${output}`);
      const { page, problems } = await watchedPage(browser);
      await page.goto(`http://127.0.0.1:${port}/`);
      assert.ok(await page.isVisible('.cards'));
      await page.goto(`http://127.0.0.1:${port}/all/index.html#q=LedgerCo`);
      await page.waitForSelector('#results:not([hidden])');
      assert.ok((await resultTitles(page)).length > 0);
      assertClean(assert, problems, 'served site');
      assert.deepEqual(await seriousViolations(page), [], 'axe on the served listing');

      const file = path.join(repo, 'reviews/2026/2026-08-14-northwind-pay.md');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Northwind Pay core-ledger replacement',
        'title: Northwind Pay ledger, edited while serving'));
      const rebuilt = await waitFor(async () => {
        const response = await page.goto(`http://127.0.0.1:${port}/reviews/2026-08-14-northwind-pay.html`);
        return response.ok() && (await page.textContent('h1')) === 'Northwind Pay ledger, edited while serving';
      }, { timeout: 30000, interval: 500 });
      assert.ok(rebuilt, `the edit never showed up:\n${output}`);
      await page.close();
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
