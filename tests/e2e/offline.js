#!/usr/bin/env node
// At the till without signal, in headless Chromium:
//
//   node tests/e2e/offline.js --site DIR --base-url URL --offersite BIN --root REPO
//                             [--out DIR] [--chromium PATH]
//
// barcodes: every coupon of the built site DIR (active or upcoming offers,
//   every language) is screenshotted and decoded with zbarimg (Debian
//   zbar-tools): it must read back as the exact code; ended offers show none.
// offline: REPO's content is built by BIN under a sub-path base URL on
//   127.0.0.1 (a secure context), then: open an offer page, go offline
//   (context.setOffline and the server stopped), reload: page and coupon
//   show; open the lost-card terms, never visited, offline; rebuild with a
//   changed offer title, go online, reload once: the new title shows and the
//   old cache is gone.
// clock: with the phone's clock past an offer's valid_until (Playwright
//   clock) the page built before shows it ended and no code, and listings
//   mark the card; before valid_from it says when it starts.
//
// Output: one line per check, then `RESULT offline PASS|FAIL`.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { startServer, stopServer } = require('./static-server');

const { parseArgs } = require('./args');
const args = parseArgs(process.argv, {
  usage: 'node offline.js --site DIR --base-url URL --offersite BIN --root REPO [--out DIR] [--chromium PATH]',
  values: { offersite: undefined, root: undefined, out: path.join(__dirname, 'out'), chromium: '/usr/bin/chromium' },
  required: ['offersite', 'root'],
});
args.root = path.resolve(args.root);
const { VIEWPORT, CHROMIUM_ARGS, loadTools } = require('./chromium');
const NOW = '2026-11-26';
const fails = [];
const ok = (m) => console.log(`ok   ${m}`);
const fail = (m) => { console.log(`FAIL ${m}`); fails.push(m); };
const check = (cond, m, why) => (cond ? ok(m) : fail(`${m}${why ? `: ${why}` : ''}`));

const { playwright } = loadTools(['offline']);

function offersOf(site) {
  const data = JSON.parse(fs.readFileSync(path.join(site, 'api/v1/offers.json'), 'utf8'));
  return data.offers;
}

function launch(userDataDir, extra = {}) {
  return playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: args.chromium, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT,
    deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', timeout: 60000, ...extra,
  });
}

// ---------------------------------------------------------------- barcodes

async function barcodes(tmp) {
  const { basePath } = args;
  const server = await startServer(args.site, basePath);
  const local = `http://127.0.0.1:${server.address().port}${basePath}`;
  const dir = fs.mkdtempSync(path.join(tmp, 'chromium-'));
  const context = await launch(dir, { serviceWorkers: 'block' });
  // Absolute links point at the real host: keep everything on 127.0.0.1.
  await context.route('**/*', (r) => (r.request().url().startsWith('http://127.0.0.1:') ? r.continue() : r.abort()));
  const page = context.pages()[0] || await context.newPage();
  const shots = path.join(args.out, 'barcodes');
  fs.mkdirSync(shots, { recursive: true });
  let decoded = 0;
  for (const o of offersOf(args.site)) {
    if (!o.coupon_code) continue;
    for (const lang of Object.keys(o.url || { zh: 1, en: 1 })) {
      const where = `/${lang}/offers/${o.id}/`;
      await page.goto(local + where, { waitUntil: 'load' });
      const shown = await page.locator('.barcode svg').count();
      if (o.status === 'ended') {
        const code = await page.locator('.coupon').count();
        check(shown === 0 && code === 0, `barcode ${where}: an ended offer shows no code`, `${shown} barcode(s), ${code} coupon(s)`);
        continue;
      }
      if (shown !== 1) { fail(`barcode ${where}: expected one barcode, found ${shown}`); continue; }
      const png = path.join(shots, `${lang}-${o.id}.png`);
      await page.locator('.barcode').screenshot({ path: png });
      let out = '';
      try {
        out = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      } catch (e) {
        out = `(zbarimg found nothing: ${(e.stderr || e.message || '').toString().trim().split('\n')[0]})`;
      }
      check(out === o.coupon_code, `barcode ${where} decodes to ${o.coupon_code}`, `zbarimg read ${JSON.stringify(out)}`);
      if (out === o.coupon_code) decoded++;
    }
  }
  check(decoded > 0, `barcodes: ${decoded} coupon(s) decoded`);
  await context.close();
  await stopServer(server);
}

// ---------------------------------------------------------------- offline

function build(content, out, base) {
  execFileSync(args.offersite, ['build', '--root', content, '--out', out, '--now', NOW, '--base-url', base], { stdio: 'pipe' });
}

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('offersite-')));
const workerCache = (dir) => (fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/const CACHE = '([^']+)'/) || [])[1];

async function waitFor(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e.message; }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

async function offline(tmp) {
  const site = path.join(tmp, 'site');
  fs.cpSync(path.join(args.root, 'content'), path.join(site, 'content'), { recursive: true });
  const out = path.join(site, 'public');
  const sub = '/till';
  let server = await startServer(out, sub);
  const port = server.address().port;
  const origin = `http://127.0.0.1:${port}`;
  const base = origin + sub;
  build(site, out, base);
  const offers = offersOf(out);
  const target = offers.find((o) => o.status === 'active' && o.coupon_code);
  if (!target) { fail('offline: no active offer with a coupon code in the catalog'); return; }
  const offerPath = `${sub}/zh/offers/${target.id}/`;
  const termFile = path.join(out, 'zh/terms/lost-card/index.html');
  if (!fs.existsSync(termFile)) { fail('offline: the catalog has no lost-card terms (zh/terms/lost-card/)'); return; }
  const termTitle = (fs.readFileSync(termFile, 'utf8').match(/<h1>([^<]+)<\/h1>/) || [])[1];

  const dir = fs.mkdtempSync(path.join(tmp, 'chromium-'));
  const context = await launch(dir);
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(origin + offerPath, { waitUntil: 'load' });
    const title = await page.locator('h1').first().textContent();
    await waitFor('the worker to control the page', () => page.evaluate(() => !!navigator.serviceWorker.controller));
    const first = await waitFor('the offer page in the cache', () => page.evaluate(async (p) => {
      for (const n of await caches.keys()) if (await (await caches.open(n)).match(location.origin + p)) return n;
      return null;
    }, offerPath)).catch(async (e) => {
      const held = await page.evaluate(async () => Promise.all((await caches.keys()).map(async (n) => [n, (await (await caches.open(n)).keys()).map((r) => r.url)])));
      throw new Error(`${e.message}; caches: ${JSON.stringify(held)}`);
    });
    check(first === workerCache(out), `offline: the worker keeps ${offerPath} in ${first}`);

    // Search (issue #16): a query run once online runs again without
    // signal, from the index files the worker kept (metaCacheTag).
    const searchUrl = `${base}/zh/search/?q=${encodeURIComponent('迪士尼')}`;
    const searchResults = () => waitFor('search results', () => page.evaluate(() => {
      const items = [...document.querySelectorAll('#search-results a')].map((a) => new URL(a.href).pathname);
      return items.length ? items : null;
    }), 10000);
    await page.goto(searchUrl, { waitUntil: 'load' });
    const foundOnline = await searchResults();
    await waitFor('the search index in the cache', () => page.evaluate(async (p) =>
      !!(await caches.match(location.origin + p + 'pagefind-entry.json')), `${sub}/pagefind/`));
    await page.goto(origin + offerPath, { waitUntil: 'load' });

    await context.setOffline(true);
    await stopServer(server);
    await page.reload({ waitUntil: 'load' });
    const again = await page.locator('h1').first().textContent();
    const code = (await page.locator('.coupon .code').textContent()).trim();
    const bar = await page.locator('.barcode svg').count();
    check(again === title && code === target.coupon_code && bar === 1,
      `offline: ${offerPath} reloads without network with its coupon ${target.coupon_code}`,
      `h1 ${JSON.stringify(again)}, code ${JSON.stringify(code)}, ${bar} barcode(s)`);

    const resp = await page.goto(`${base}/zh/terms/lost-card/`, { waitUntil: 'load' });
    const h1 = await page.locator('h1').first().textContent();
    check(resp && resp.ok() && h1 === termTitle, 'offline: the lost-card terms open without network, never visited',
      `status ${resp && resp.status()}, h1 ${JSON.stringify(h1)}`);

    const kept = await page.goto(`${base}/zh/kept/`, { waitUntil: 'load' });
    const listed = await waitFor('the kept list', () => page.evaluate(() => {
      const l = document.querySelector('[data-kept-list]');
      return l && !l.hidden ? [...l.querySelectorAll('a')].map((a) => new URL(a.href).pathname) : null;
    }), 5000).catch((e) => e.message);
    check(kept && kept.ok() && Array.isArray(listed) && listed.includes(offerPath),
      'offline: the kept-offers page lists the offer without network', JSON.stringify(listed));

    await page.goto(searchUrl, { waitUntil: 'load' });
    const foundOffline = await searchResults().catch((e) => e.message);
    check(Array.isArray(foundOffline) && JSON.stringify(foundOffline) === JSON.stringify(foundOnline),
      `offline: searching 迪士尼 on /zh/search/ again without network finds the ${foundOnline.length} offers found online`,
      JSON.stringify(foundOffline));

    // Back on the offer, still offline (from the cache), for the reload.
    await page.goto(origin + offerPath, { waitUntil: 'load' });
    const oldCaches = await cacheNames(page);
    // A new build: the offer's title changes.
    const yaml = path.join(site, 'content/offers', `${target.id}.yaml`);
    const source = fs.readFileSync(yaml, 'utf8');
    const oldZh = source.match(/^title:\n  zh: (.+)$/m);
    if (!oldZh) throw new Error(`cannot find the zh title in ${yaml}`);
    const newTitle = `${oldZh[1].replace(/^"|"$/g, '')}（新版）`;
    fs.writeFileSync(yaml, source.replace(oldZh[0], `title:\n  zh: "${newTitle}"`));
    build(site, out, base);
    const newCache = workerCache(out);
    server = await startServer(out, sub, port);
    await context.setOffline(false);
    await page.reload({ waitUntil: 'load' });
    const fresh = await page.locator('h1').first().textContent();
    check(fresh === newTitle, 'online again: the new title shows after one reload', `h1 ${JSON.stringify(fresh)}`);
    const after = await waitFor('the old cache to go', async () => {
      const names = await cacheNames(page);
      return names.length === 1 && names[0] === newCache ? names : null;
    }).catch((e) => e.message);
    check(Array.isArray(after) && newCache !== oldCaches[0],
      `online again: the old cache ${oldCaches.join(', ')} is gone, ${newCache} is the only one`, JSON.stringify(after));
    const keptNew = await page.evaluate(async (p) => !!(await caches.match(location.origin + p)), offerPath);
    check(keptNew, 'online again: the kept offer moved to the new cache');
  } catch (e) {
    fail(`offline: ${e.message.split('\n')[0]}`);
  }
  check(errors.length === 0, 'offline: no uncaught script errors', errors.join('; '));
  await context.close();
  await stopServer(server);

  // ------------------------------------------------------------ clock
  await clock(tmp, out, sub, offers);
}

async function clock(tmp, out, sub, offers) {
  const server = await startServer(out, sub);
  const base = `http://127.0.0.1:${server.address().port}${sub}`;
  const dir = fs.mkdtempSync(path.join(tmp, 'chromium-'));
  const context = await launch(dir, { serviceWorkers: 'block' });
  const target = offers.find((o) => o.status === 'active' && o.coupon_code);
  const day = (iso, delta) => new Date(Date.parse(`${iso}T12:00:00`) + delta * 86400000);
  try {
    for (const lang of ['zh', 'en']) {
      const page = await context.newPage();
      await page.clock.install({ time: day(target.valid_until, 1) });
      await page.goto(`${base}/${lang}/offers/${target.id}/`, { waitUntil: 'load' });
      const ended = await page.locator('[data-when="ended"]').first().isVisible();
      const coupon = await page.locator('.coupon').isVisible();
      // The coupon as the page shows it (the code's own line and its
      // barcode); an offer's body text may mention the code, as an ended
      // offer's page built after the end does.
      const code = await page.locator('.code, .barcode').evaluateAll((els) => els.some((e) => e.checkVisibility()));
      check(ended && !coupon && !code, `clock: after ${target.valid_until} the ${lang} page built before says ended and shows no code`,
        `ended notice ${ended}, coupon ${coupon}, code ${code}`);
      const category = `${base}/${lang}/categories/${target.category}/`;
      await page.goto(category, { waitUntil: 'load' });
      const card = page.locator(`article.card:has(a[href$="/offers/${target.id}/"])`).first();
      const mark = await card.getAttribute('data-status');
      const label = await card.locator('[data-when="ended"]').isVisible();
      check(mark === 'ended' && label, `clock: the ${lang} category listing marks its card ended`, `data-status ${mark}, label ${label}`);
      await page.close();

      const early = await context.newPage();
      await early.clock.install({ time: day(target.valid_from, -1) });
      await early.goto(`${base}/${lang}/offers/${target.id}/`, { waitUntil: 'load' });
      const upcoming = await early.locator('article.offer > [data-when="upcoming"]').isVisible();
      check(upcoming, `clock: before ${target.valid_from} the ${lang} page says when it starts`);
      await early.close();
    }
  } catch (e) {
    fail(`clock: ${e.message.split('\n')[0]}`);
  }
  await context.close();
  await stopServer(server);
}

(async () => {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'offersite-e2e-offline-'));
  try {
    await barcodes(tmp);
    await offline(tmp);
  } catch (e) {
    fail(`crashed: ${e.stack}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`offline: ${fails.length} problem(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`RESULT offline ${fails.length ? 'FAIL' : 'PASS'}`);
  process.exit(fails.length ? 1 : 0);
})();
