#!/usr/bin/env node
// Browser half of the offersite end-to-end suite: headless Chromium (Debian's
// /usr/bin/chromium) driven by playwright-core, plus axe-core.
//
//   node tests/e2e/browser.js --site DIR --base-url URL [--out DIR]
//                             [--chromium PATH] [--locales zh=zh-Hans,en=en]
//
// It serves DIR on 127.0.0.1 (ephemeral port) and routes every request for the
// site's base URL (e.g. https://offers.example.com) to that server, so pages
// built with absolute links work unchanged; any other host is blocked and
// reported. For one representative page of every page kind in every language
// (derived from the output tree and /api/v1/offers.json, no id is hard-coded)
// it checks at a 375x812 phone viewport: HTTP status, console errors, failed
// requests, horizontal overflow, broken images, <html lang>, canonical and
// hreflang alternates, and the visible language link (followed by a click);
// then it runs axe-core and fails on serious/critical violations. A full-page
// screenshot of every page goes to OUT/screenshots/<lang>-<kind>.png.
//
// Output: one line per page and problem, then two lines
//   RESULT browser PASS|FAIL
//   RESULT axe PASS|FAIL
// read by .ci/e2e.sh; exit status 0 only if both passed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const { parseArgs } = require('./args');
const args = parseArgs(process.argv, {
  usage: 'node browser.js --site DIR --base-url URL [--out DIR] [--chromium PATH] [--locales zh=zh-Hans,en=en]',
  values: { out: path.join(__dirname, 'out'), chromium: '/usr/bin/chromium', locales: 'zh=zh-Hans,en=en' },
});
args.localeOf = Object.fromEntries(args.locales.split(',').map((s) => s.split('=')));
const { VIEWPORT, CHROMIUM_ARGS, loadTools } = require('./chromium');
const { playwright, axeSource } = loadTools(['browser', 'axe'], { axe: true });
if (!fs.existsSync(args.chromium)) {
  console.log(`missing tool: ${args.chromium} (Debian package chromium; run \`bash .ci/install-e2e-deps.sh\`)`);
  console.log('RESULT browser FAIL');
  console.log('RESULT axe FAIL');
  process.exit(2);
}

// ---------------------------------------------------------------- static server

const { startServer } = require('./static-server');
const { basePath } = args;

// ---------------------------------------------------------------- page discovery

const SECTIONS = ['offers', 'categories', 'destinations', 'partners', 'branches', 'terms'];

function isFile(p) { try { return fs.statSync(p).isFile(); } catch { return false; } }
function subdirs(p) {
  try {
    return fs.readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isDirectory() && isFile(path.join(p, d.name, 'index.html')))
      .map((d) => d.name).sort();
  } catch { return []; }
}

function discover(site, localeOf) {
  const problems = [];
  const langs = Object.keys(localeOf).filter((l) => isFile(path.join(site, l, 'index.html')));
  for (const l of Object.keys(localeOf)) if (!langs.includes(l)) problems.push(`/${l}/: no ${l}/index.html in the output`);
  let offers = [];
  try {
    const data = JSON.parse(fs.readFileSync(path.join(site, 'api/v1/offers.json'), 'utf8'));
    offers = Array.isArray(data.offers) ? data.offers : (Object.values(data).find((v) => Array.isArray(v)) || []);
  } catch (e) { problems.push(`/api/v1/offers.json: cannot read (${e.message.split('\n')[0]}); offer pages picked from the tree`); }

  const pages = [{ kind: 'root', lang: null, path: '/' }, { kind: '404', lang: null, path: '/404.html' }];
  for (const lang of langs) {
    const L = path.join(site, lang);
    const add = (kind, rel, required = true) => {
      if (isFile(path.join(L, rel, 'index.html'))) pages.push({ kind, lang, path: `/${lang}/${rel}${rel ? '/' : ''}` });
      else if (required) problems.push(`/${lang}/${rel}${rel ? '/' : ''}: page kind "${kind}" is missing`);
    };
    add('home', '');
    add('offers', 'offers');
    add('offers-page-2', 'offers/page/2', false);
    // offers: one per status present in the API, else the first in the tree
    const offerDirs = subdirs(path.join(L, 'offers')).filter((d) => d !== 'page');
    const byStatus = {};
    for (const o of offers) if (o && o.id && !(o.status in byStatus) && offerDirs.includes(o.id)) byStatus[o.status] = o.id;
    if (byStatus.active) add('offer', `offers/${byStatus.active}`);
    else if (offerDirs.length) add('offer', `offers/${offerDirs[0]}`);
    else problems.push(`/${lang}/offers/<id>/: no offer page at all`);
    if (byStatus.upcoming) add('offer-upcoming', `offers/${byStatus.upcoming}`);
    if (byStatus.ended) add('offer-ended', `offers/${byStatus.ended}`);
    const amount = offers.find((o) => o && o.id && offerDirs.includes(o.id) && o.status === 'active'
      && JSON.stringify(o.discount || {}).includes('currency') && o.id !== byStatus.active);
    if (amount) add('offer-amount', `offers/${amount.id}`);
    const singular = { categories: 'category', destinations: 'destination', partners: 'partner', branches: 'branch', terms: 'term' };
    for (const sec of ['categories', 'destinations', 'partners', 'branches', 'terms']) {
      const idx = ['branches', 'terms'].includes(sec);
      add(sec, sec, idx); // index pages of categories/destinations/partners are optional in the contract
      const ids = subdirs(path.join(L, sec)).filter((d) => d !== 'page');
      if (ids.length) add(singular[sec], `${sec}/${ids[0]}`);
      else problems.push(`/${lang}/${sec}/<id>/: page kind "${singular[sec]}" is missing`);
    }
    for (const d of subdirs(L)) if (!SECTIONS.includes(d)) add(`page-${d}`, d); // free pages
  }
  return { langs, pages, problems };
}

// ---------------------------------------------------------------- per-page checks (run in the page)

async function inPageChecks(page) {
  return page.evaluate(async () => {
    // make lazy images load, then wait for every image to decode
    const imgs = [...document.images];
    for (const img of imgs) if (img.loading === 'lazy') img.loading = 'eager';
    const broken = [];
    await Promise.all(imgs.map(async (img) => {
      try {
        await Promise.race([img.decode(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))]);
      } catch (e) {
        broken.push(`${img.currentSrc || img.getAttribute('src') || '(no src)'} (${e.message})`);
      }
    }));
    if (document.fonts) await document.fonts.ready;
    // width/height attributes must give the served file's aspect ratio (no
    // layout shift); SVGs scale to any size and are left out
    const misSized = [];
    for (const img of imgs) {
      const src = img.currentSrc || img.src;
      const w = Number(img.getAttribute('width'));
      const h = Number(img.getAttribute('height'));
      if (!w || !h || !img.naturalWidth || /\.svg(\?|#|$)/i.test(src)) continue;
      const want = img.naturalWidth / img.naturalHeight;
      if (Math.abs(w / h - want) > 0.01 * want) {
        misSized.push(`${src}: width="${w}" height="${h}" but the file is ${img.naturalWidth}×${img.naturalHeight}`);
      }
    }
    const de = document.documentElement;
    const vw = de.clientWidth;
    const overflowing = [];
    if (de.scrollWidth > vw + 1) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
          const parentOver = el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1;
          if (!parentOver) {
            let sel = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
            overflowing.push(`${sel} (right edge at ${Math.round(r.right)}px: "${(el.textContent || '').trim().slice(0, 40)}")`);
          }
        }
        if (overflowing.length >= 5) break;
      }
    }
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'
        && (typeof el.checkVisibility !== 'function' || el.checkVisibility());
    };
    const head = [...document.head.querySelectorAll('link[rel]')].map((l) => ({ rel: l.rel.toLowerCase(), hreflang: l.hreflang, href: l.href }));
    const bodyLinks = [...document.body.querySelectorAll('a[href]')].map((a, i) => ({
      i, href: a.href, hreflang: a.getAttribute('hreflang') || '', text: (a.textContent || '').trim().slice(0, 40), visible: visible(a),
    }));
    return {
      lang: de.getAttribute('lang'),
      title: document.title,
      hasViewport: !!document.querySelector('meta[name="viewport"]'),
      clientWidth: vw, scrollWidth: de.scrollWidth, innerWidth: window.innerWidth,
      overflowing, broken, misSized, head, bodyLinks,
    };
  });
}

const primary = (tag) => (tag || '').split('-')[0].toLowerCase();

function normPath(u) {
  try {
    const url = new URL(u);
    let p = url.pathname;
    if (basePath && p.startsWith(basePath + '/')) p = p.slice(basePath.length);
    return p;
  } catch { return null; }
}

// ---------------------------------------------------------------- first-screen weight

// Tourists pay for roaming data: the first screen of an offer page whose
// picture is a multi-megabyte JPEG must transfer at most 150 KB (HTML, CSS,
// images, everything), with an empty cache, counted from the browser's
// network events. Lazy images that Chromium fetches ahead of scrolling are
// reported but not counted: they are not on the first screen.
const FIRST_SCREEN_BUDGET = 150 * 1024;

async function firstScreenWeight(context, site, urlFor) {
  const fails = [];
  let offers = [];
  try {
    const data = JSON.parse(fs.readFileSync(path.join(site, 'api/v1/offers.json'), 'utf8'));
    offers = Array.isArray(data.offers) ? data.offers : [];
  } catch (e) { return [`first screen: cannot read /api/v1/offers.json: ${e.message}`]; }
  let pick = null;
  for (const o of offers) {
    if (o.status !== 'active' || typeof o.image !== 'string' || !/\.jpe?g$/i.test(o.image)) continue;
    const p = normPath(o.image);
    let size = 0;
    try { size = fs.statSync(path.join(site, decodeURIComponent(p))).size; } catch { continue; }
    if (!pick || size > pick.size) pick = { id: o.id, size, image: p };
  }
  if (!pick || pick.size < 2 * 1000 * 1000) {
    return [`first screen: no active offer has a JPEG picture of 2 MB or more to test with (largest: ${pick ? `${pick.image}, ${pick.size} bytes` : 'none'})`];
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = [];
  page.on('response', (r) => responses.push(r));
  const lang = Object.keys(args.localeOf)[0];
  const url = urlFor(`/${lang}/offers/${pick.id}/`);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
    const below = await page.evaluate(() => [...document.images]
      .filter((i) => i.getBoundingClientRect().top >= window.innerHeight)
      .map((i) => i.currentSrc).filter(Boolean));
    let first = 0;
    let later = 0;
    const lines = [];
    for (const r of responses) {
      let body = 0;
      try { body = (await r.body()).length; } catch { /* redirects have none */ }
      let headers = 0;
      try { headers = (await r.request().sizes()).responseHeadersSize; } catch { /* not reported */ }
      const n = body + Math.max(headers, 0);
      const lazy = below.includes(r.url());
      if (lazy) later += n; else first += n;
      lines.push(`  ${lazy ? 'below' : 'first'} ${String(n).padStart(7)} B  ${r.request().resourceType()} ${r.url()}`);
    }
    console.log(`first screen of ${url} (picture ${pick.image}, ${pick.size} bytes): ${first} bytes (budget ${FIRST_SCREEN_BUDGET}); ${later} bytes more for lazy images below it`);
    for (const l of lines) console.log(l);
    if (first > FIRST_SCREEN_BUDGET) fails.push(`first screen: ${url} transfers ${first} bytes, more than ${FIRST_SCREEN_BUDGET}`);
    if (!responses.some((r) => r.request().resourceType() === 'image' && !below.includes(r.url()) && /\.webp$/.test(r.url()))) {
      fails.push(`first screen: ${url} loaded no WebP picture on its first screen`);
    }
  } catch (e) {
    fails.push(`first screen: ${url}: ${e.message.split('\n')[0]}`);
  }
  await page.close();
  return fails;
}

// ---------------------------------------------------------------- main

(async () => {
  const t0 = Date.now();
  const shots = path.join(args.out, 'screenshots');
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const server = await startServer(args.site, basePath);
  const local = `http://127.0.0.1:${server.address().port}`;
  const baseOrigin = new URL(args.baseUrl).origin;
  console.log(`serving ${args.site} at ${local}; requests for ${baseOrigin} are routed there`);

  const { langs, pages, problems: discoveryProblems } = discover(args.site, args.localeOf);
  const browserFails = discoveryProblems.map((p) => `discovery: ${p}`);
  const axeFails = [];
  const axeNotes = [];

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offersite-e2e-chromium-'));
  let context;
  try {
    context = await playwright.chromium.launchPersistentContext(userDataDir, {
      executablePath: args.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      screen: VIEWPORT,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timeout: 60000,
    });
  } catch (e) {
    console.log(`cannot start ${args.chromium}: ${e.message}`);
    console.log('RESULT browser FAIL');
    console.log('RESULT axe FAIL');
    server.close();
    process.exit(1);
  }

  // Per-page event log, reset before each navigation.
  let events = [];
  await context.route('**/*', async (route) => {
    const u = route.request().url();
    if (u.startsWith(local + '/')) return route.continue();
    if (baseOrigin !== local && (u === baseOrigin || u.startsWith(baseOrigin + '/'))) {
      try {
        const resp = await route.fetch({ url: local + u.slice(baseOrigin.length), maxRedirects: 0 });
        return route.fulfill({ response: resp });
      } catch (e) {
        events.push(`routing ${u} failed: ${e.message}`);
        return route.abort();
      }
    }
    if (/^(data|blob|about):/.test(u)) return route.continue();
    events.push(`off-site request blocked (pages must not load third-party resources): ${route.request().resourceType()} ${u}`);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30000);
  page.on('console', (m) => { if (m.type() === 'error') events.push(`console error: ${m.text()} ${m.location() && m.location().url ? '(' + m.location().url + ')' : ''}`); });
  page.on('pageerror', (e) => events.push(`uncaught exception: ${e.message}`));
  // net::ERR_ABORTED is Chromium cancelling a request itself (a lazy image restarted
  // when it is made eager, or a request of the previous page cut by the next
  // navigation): not a broken resource. Broken images are caught by decode(),
  // missing files by their HTTP status.
  page.on('requestfailed', (r) => {
    const f = r.failure();
    if (f && /ERR_BLOCKED_BY_CLIENT|ERR_ABORTED/.test(f.errorText)) return; // blocked ones are reported by the router
    events.push(`request failed: ${r.resourceType()} ${r.url()} (${f ? f.errorText : '?'})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) events.push(`HTTP ${r.status()} for ${r.request().resourceType()} ${r.url()}`); });

  const urlFor = (p) => args.baseUrl + p;
  const pageNames = {};

  for (const pg of pages) {
    const name = pg.lang ? `${pg.lang}-${pg.kind}` : pg.kind;
    pageNames[name] = pg.path;
    const fails = [];
    events = [];
    const t = Date.now();
    let resp;
    try {
      resp = await page.goto(urlFor(pg.path), { waitUntil: 'load' });
    } catch (e) {
      browserFails.push(`${name} ${pg.path}: navigation failed: ${e.message.split('\n')[0]}`);
      continue;
    }
    if (!resp || resp.status() !== 200) fails.push(`HTTP status ${resp ? resp.status() : 'none'}`);
    const info = await inPageChecks(page);
    const loadEvents = events.slice();

    // language
    const locales = Object.values(args.localeOf);
    if (pg.lang) {
      if (info.lang !== args.localeOf[pg.lang]) fails.push(`<html lang="${info.lang}">, expected "${args.localeOf[pg.lang]}"`);
    } else if (!locales.includes(info.lang)) {
      fails.push(`<html lang="${info.lang}">, expected one of ${locales.join(', ')}`);
    }
    if (!info.hasViewport) fails.push('no <meta name="viewport">');
    if (!info.title) fails.push('empty <title>');
    // phone layout
    if (info.clientWidth !== VIEWPORT.width) fails.push(`layout viewport is ${info.clientWidth}px wide at a ${VIEWPORT.width}px phone (viewport meta missing or ineffective)`);
    if (info.scrollWidth > info.clientWidth + 1) {
      fails.push(`horizontal overflow: document is ${info.scrollWidth}px wide in a ${info.clientWidth}px viewport; widest offenders: ${info.overflowing.join('; ') || '?'}`);
    }
    for (const b of info.broken) fails.push(`broken image: ${b}`);
    for (const m of info.misSized) fails.push(`image size attributes do not match the file: ${m}`);

    // head links
    const canonical = info.head.find((l) => l.rel.split(/\s+/).includes('canonical'));
    const alternates = info.head.filter((l) => l.rel.split(/\s+/).includes('alternate') && l.hreflang);
    if (pg.kind !== '404') {
      if (!canonical) fails.push('no <link rel="canonical">');
      else if (normPath(canonical.href) !== pg.path) fails.push(`canonical ${canonical.href} does not point to this page (${pg.path})`);
      for (const l of langs) {
        if (!alternates.some((a) => primary(a.hreflang) === l)) fails.push(`no <link rel="alternate" hreflang="${args.localeOf[l]}"> in the head`);
      }
      if (!alternates.some((a) => a.hreflang.toLowerCase() === 'x-default')) fails.push('no <link rel="alternate" hreflang="x-default"> in the head');
    }

    if (pg.kind === 'root') {
      for (const l of langs) {
        if (!info.bodyLinks.some((a) => a.visible && normPath(a.href) === `/${l}/`)) fails.push(`language chooser has no visible link to /${l}/`);
      }
    }

    // screenshot (before we navigate away)
    try {
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    } catch (e) { fails.push(`screenshot failed: ${e.message.split('\n')[0]}`); }

    // axe-core
    try {
      await page.evaluate(axeSource + '\n;0');
      const res = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)}`),
          count: v.nodes.length,
        }));
      });
      for (const v of res) {
        const line = `${name} ${pg.path}: [${v.impact}] ${v.id}: ${v.help} (${v.count} element(s)): ${v.nodes.join(' | ')}`;
        if (v.impact === 'serious' || v.impact === 'critical') axeFails.push(line);
        else axeNotes.push(line);
      }
    } catch (e) {
      axeFails.push(`${name} ${pg.path}: axe-core did not run: ${e.message.split('\n')[0]}`);
    }

    // events of this page (console errors, failed/404 requests, off-site requests),
    // including any caused by the full-page screenshot or axe
    fails.push(...loadEvents, ...events);

    // the visible language link, followed by a click
    if (pg.lang && pg.kind !== '404' && langs.length > 1) {
      for (const other of langs.filter((l) => l !== pg.lang)) {
        const expected = `/${other}/` + pg.path.slice(pg.lang.length + 2);
        const headAlt = alternates.find((a) => primary(a.hreflang) === other);
        let link = info.bodyLinks.find((a) => a.visible && primary(a.hreflang) === other);
        let how = `<a hreflang="${link ? link.hreflang : ''}">`;
        if (!link) {
          const invisible = info.bodyLinks.find((a) => primary(a.hreflang) === other);
          link = info.bodyLinks.find((a) => a.visible && (normPath(a.href) === expected || (headAlt && a.href === headAlt.href)));
          fails.push(invisible
            ? `the <a hreflang="${invisible.hreflang}"> language link is not visible`
            : `no visible <a hreflang="${args.localeOf[other]}"> language link in the body${link ? ` (found a plain link "${link.text}" to ${link.href} instead)` : ''}`);
          how = 'plain <a>';
        }
        if (!link) { fails.push(`no visible link to the ${other} version ${expected}`); continue; }
        if (normPath(link.href) !== expected) fails.push(`language link (${how} "${link.text}") points to ${link.href}, expected the same page in ${other}: ${expected}`);
        events = [];
        try {
          const before = page.url();
          const handle = page.locator('body a[href]').nth(link.i);
          await Promise.all([
            page.waitForURL((u) => u.toString() !== before, { waitUntil: 'load', timeout: 15000 }),
            handle.click({ timeout: 10000 }),
          ]);
          const target = await page.evaluate(() => ({
            lang: document.documentElement.getAttribute('lang'),
            canonical: (document.querySelector('link[rel~="canonical"]') || {}).href || null,
          }));
          if (target.lang !== args.localeOf[other]) fails.push(`language link leads to a page with <html lang="${target.lang}">, expected "${args.localeOf[other]}"`);
          if (!target.canonical) fails.push(`language link leads to ${page.url()}, which has no canonical link`);
          else {
            if (normPath(target.canonical) !== expected) fails.push(`language link leads to a page whose canonical is ${target.canonical}, expected path ${expected}`);
            if (headAlt && target.canonical !== headAlt.href) fails.push(`head alternate hreflang="${headAlt.hreflang}" is ${headAlt.href} but the linked page's canonical is ${target.canonical}`);
          }
          for (const ev of events) if (/^HTTP|request failed|routing/.test(ev)) fails.push(`after clicking the language link: ${ev}`);
        } catch (e) {
          fails.push(`clicking the language link "${link.text}" failed: ${e.message.split('\n')[0]}`);
        }
      }
    }

    const ms = Date.now() - t;
    const uniq = [...new Set(fails)];
    fails.length = 0;
    fails.push(...uniq);
    if (fails.length) {
      console.log(`FAIL ${name} ${pg.path} (${ms} ms)`);
      for (const f of fails) { console.log(`     ${f}`); browserFails.push(`${name} ${pg.path}: ${f}`); }
    } else {
      console.log(`ok   ${name} ${pg.path} (${ms} ms)`);
    }
  }

  browserFails.push(...await firstScreenWeight(context, args.site, urlFor));

  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.writeFileSync(path.join(args.out, 'browser-pages.json'), JSON.stringify(pageNames, null, 1));

  console.log('');
  console.log(`browser: ${pages.length} pages in ${langs.length} languages checked in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${shots}`);
  for (const d of discoveryProblems) console.log(`  error: discovery: ${d}`);
  console.log(`browser: ${browserFails.length} problem(s)`);
  for (const n of axeNotes) console.log(`  axe note (moderate/minor, not failing): ${n}`);
  for (const f of axeFails) console.log(`  axe error: ${f}`);
  console.log(`axe: ${axeFails.length} serious/critical violation(s)`);
  console.log(`RESULT browser ${browserFails.length ? 'FAIL' : 'PASS'}`);
  console.log(`RESULT axe ${axeFails.length ? 'FAIL' : 'PASS'}`);
  process.exit(browserFails.length || axeFails.length ? 1 : 0);
})().catch((e) => {
  console.log(`browser.js crashed: ${e.stack}`);
  console.log('RESULT browser FAIL');
  console.log('RESULT axe FAIL');
  process.exit(1);
});
