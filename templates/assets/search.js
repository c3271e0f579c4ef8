// The search page's script: runs the query in ?q= with the site's Pagefind
// bundle and shows the offers found, with filters. The page itself works
// without it (the form and the browse links are plain HTML); every label
// comes from the page (data-t-*), so this file has no language of its own.
const root = document.getElementById('search');
const input = document.getElementById('search-q');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const filterBox = document.getElementById('search-filters');
const filterDetails = document.getElementById('search-filters-box');
const more = document.getElementById('search-more');
// Results are fetched a page at a time and the filters only when opened:
// every request costs a tourist roaming data.
const PAGE = 20;
let filtersLoaded = false;
const FILTERS = ['category', 'destination', 'partner'];
const label = (key) => root.dataset['t' + key[0].toUpperCase() + key.slice(1)] || '';

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import(root.dataset.bundle + 'pagefind.js');
    // metaCacheTag: the entry file is asked for as ?ts=<the index's version>
    // instead of ?ts=<now>, so it can come from a cache (the offline worker).
    // noWorker: Pagefind then fetches from this page, where the offline
    // worker sees (and the code below finds) every file it loads.
    await pagefind.options({
      bundlePath: root.dataset.bundle, excerptLength: 0, metaCacheTag: root.dataset.tag, noWorker: true,
    });
    await pagefind.init();
  }
  return pagefind;
}

// Pagefind matches each query word as a prefix, and Chinese is split into
// words differently when indexing (ICU/jieba) and when searching (the
// browser's segmenter), see Pagefind issue #1237. A Chinese query that finds
// nothing as typed is tried again character pair by pair, then with its
// longest words alone, so a name split differently still finds its offers.
const HAN = /\p{Script=Han}/u;
function retries(query) {
  if (!HAN.test(query)) return [];
  const out = [];
  const parts = query.split(/\s+/).filter(Boolean);
  const han = parts.filter((p) => HAN.test(p));
  const rest = parts.filter((p) => !HAN.test(p));
  const pairs = han.flatMap((p) => {
    const chars = [...p];
    if (chars.length <= 2) return [p];
    const out2 = [];
    for (let i = 0; i < chars.length; i += 2) out2.push(chars.slice(i, i + 2).join(''));
    return out2;
  });
  out.push([...pairs, ...rest].join(' '));
  for (const p of han) {
    const chars = [...p];
    if (chars.length > 2) out.push([chars.slice(0, 2).join(''), ...rest].join(' '));
  }
  return out;
}

// Pagefind has no typo tolerance. A query word that is no partner, place
// or category name (nor the start of one) but one edit away from one (a
// letter wrong, missing, extra or swapped) is also searched as that name.
const WORDS = (root.dataset.words || '').split(' ').filter(Boolean);
function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const ra = a.slice(i + 1);
  const rb = b.slice(i + 1);
  return ra === rb // substituted
    || a.slice(i) === b.slice(i + 1) // b has an extra letter
    || a.slice(i + 1) === b.slice(i) // a has an extra letter
    || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)); // swapped
}
function corrected(query) {
  let changed = false;
  const words = query.split(/\s+/).map((w) => {
    const bare = w.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (bare.length < 4 || WORDS.includes(bare) || WORDS.some((k) => k.startsWith(bare))) return w;
    const near = WORDS.find((k) => oneEdit(bare, k));
    if (!near) return w;
    changed = true;
    return near;
  });
  return changed ? words.join(' ') : null;
}

async function run(query, filters) {
  const pf = await engine();
  let search = await pf.search(query, { filters });
  for (const retry of retries(query)) {
    if (search && search.results.length) break;
    search = await pf.search(retry, { filters });
  }
  // A word one edit away from a known name is most likely that name: its
  // offers join whatever the word found as typed (often a stray match).
  const fixed = corrected(query);
  if (fixed) {
    const more = await pf.search(fixed, { filters });
    const seen = new Set(search.results.map((r) => r.id));
    const added = more.results.filter((r) => !seen.has(r.id));
    if (added.length) {
      const filtersOf = search.results.length ? search.filters : more.filters;
      search = { ...search, results: [...search.results, ...added], filters: filtersOf, totalFilters: filtersOf };
    }
  }
  return search;
}

function selected() {
  const filters = {};
  for (const name of FILTERS) {
    const select = document.getElementById('filter-' + name);
    if (select && select.value) filters[name] = select.value;
  }
  return filters;
}

function showFilters(available, chosen) {
  for (const name of FILTERS) {
    const counts = (available && available[name]) || {};
    const values = Object.keys(counts).filter((v) => counts[v] > 0 || chosen[name] === v).sort();
    let select = document.getElementById('filter-' + name);
    if (!select) {
      const wrap = document.createElement('p');
      const lab = document.createElement('label');
      lab.htmlFor = 'filter-' + name;
      lab.textContent = label(name);
      select = document.createElement('select');
      select.id = 'filter-' + name;
      select.addEventListener('change', () => update(input.value));
      wrap.append(lab, select);
      filterBox.append(wrap);
    }
    select.replaceChildren(new Option(label('any'), ''));
    for (const v of values) select.append(new Option(v, v, false, chosen[name] === v));
    select.value = chosen[name] || '';
  }
}

function card(data) {
  const li = document.createElement('li');
  const article = document.createElement('article');
  article.className = 'card';
  const body = document.createElement('div');
  body.className = 'card-body';
  const badge = document.createElement('p');
  badge.className = 'badge';
  badge.textContent = data.meta.discount || '';
  const h2 = document.createElement('h2');
  h2.className = 'card-title';
  const a = document.createElement('a');
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h2.append(a);
  const who = document.createElement('p');
  who.className = 'card-partner';
  who.textContent = [data.meta.partner, data.meta.destination].filter(Boolean).join(' · ');
  body.append(badge, h2, who);
  article.append(body);
  li.append(article);
  return li;
}

let latest = 0;
let shown = null;
async function update(query) {
  const ticket = ++latest;
  query = query.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!query) {
    status.textContent = '';
    list.replaceChildren();
    more.hidden = true;
    return;
  }
  status.textContent = label('loading');
  try {
    const chosen = selected();
    const search = await run(query, chosen);
    const found = await Promise.all(search.results.slice(0, PAGE).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...found.map(card));
    status.textContent = found.length
      ? label('results').replace('{count}', String(search.results.length))
      : label('none');
    shown = { search, count: found.length };
    more.hidden = found.length >= search.results.length;
    if (filtersLoaded) showFilters(search.totalFilters || search.filters, chosen);
  } catch (e) {
    if (ticket !== latest) return;
    status.textContent = label('failed');
  }
}

// The same search as the page runs, for the end-to-end recall test
// (tests/e2e/search.js): every result's URL for a query.
window.offersiteSearch = async (query) => {
  const search = await run(query, {});
  const found = await Promise.all(search.results.map((r) => r.data()));
  return found.map((d) => d.url);
};

more.addEventListener('click', async () => {
  if (!shown) return;
  const { search, count } = shown;
  const found = await Promise.all(search.results.slice(count, count + PAGE).map((r) => r.data()));
  list.append(...found.map(card));
  shown = { search, count: count + found.length };
  more.hidden = shown.count >= search.results.length;
});
filterDetails.addEventListener('toggle', async () => {
  if (!filterDetails.open || filtersLoaded) return;
  await (await engine()).filters();
  filtersLoaded = true;
  if (input.value.trim()) update(input.value);
  else showFilters({}, {});
});

root.hidden = false;
let timer = 0;
document.querySelector('.search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  update(input.value);
});
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => update(input.value), 250);
});
const initial = new URL(location.href).searchParams.get('q') || '';
input.value = initial;
if (initial) update(initial);

// The offline worker controls a page only from its next load: when it
// takes over this one, ask again (through it) for the index files the page
// already used, so that the same search works without signal.
if ('serviceWorker' in navigator && !navigator.serviceWorker.controller) {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const bundle = new URL(root.dataset.bundle, location.href).href;
    for (const entry of performance.getEntriesByType('resource')) {
      // force-cache: the bytes are in the browser's cache already (the page
      // just loaded them), so this costs the tourist no second download.
      if (entry.name.startsWith(bundle)) fetch(entry.name, { cache: 'force-cache' }).catch(() => {});
    }
  }, { once: true });
}
