// The offersite offline worker (see docs/offline-and-app-links.md).
// Build {{ version }}: every build has its own cache; the old ones are
// deleted when this worker takes over.
'use strict';

const CACHE = 'offersite-{{ version }}';
const PREFIX = 'offersite-';
const BASE = {{ base | json_encode() | safe }};
// Stored at install: theme assets, the homes, the kept-offers pages and
// the service terms, in every language.
const PRECACHE = {{ precache | safe }};
const LANGUAGES = {{ languages | safe }};
const KEPT = {{ kept | safe }};
const ASSETS = {{ assets | safe }};
// The search pages and their Pagefind index: kept as they are used, so a
// query that worked online works again without signal.
const SEARCH_PAGES = {{ search_pages | safe }};
const SEARCH_INDEX = {{ search_index | safe }};
// Index files named by their content: never stale.
const SEARCH_CHUNK = /\/(index|fragment|filter)\/[^/]+$|\.pf_meta$/;
const MEDIA = BASE + '/media/';
const escaped = BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// An offer's own page, in any language (not the paginated lists).
const OFFER = new RegExp('^' + escaped + '/[a-z]+/offers/(?!page/)[^/]+/$');

const key = (url) => url.origin + url.pathname;
// Pages kept when visited: offers, and the search pages (without their ?q=).
const keptPage = (path) => OFFER.test(path) || SEARCH_PAGES.includes(path);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX) || name === CACHE) continue;
      // The offers kept on this phone move to the new cache, fresh if the
      // network allows, as they were otherwise.
      const old = await caches.open(name);
      for (const request of await old.keys()) {
        if (!OFFER.test(new URL(request.url).pathname) || await cache.match(request)) continue;
        try {
          const fresh = await fetch(request, { cache: 'reload' });
          if (fresh.ok) { await cache.put(request, fresh); continue; }
        } catch (e) { /* offline: keep what there was */ }
        const stale = await old.match(request);
        if (stale) await cache.put(request, stale);
      }
      await caches.delete(name);
    }
    await self.clients.claim();
    // The offer page that brought the tourist here loaded before this
    // worker ran: keep it too.
    for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
      const url = new URL(client.url);
      if (url.origin !== self.location.origin || !keptPage(url.pathname) || await cache.match(key(url))) continue;
      try {
        const response = await fetch(key(url));
        if (response.ok) await cache.put(key(url), response);
      } catch (e) { /* kept on the next visit */ }
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE + '/')) return;
  if (url.pathname.startsWith(ASSETS) || (url.pathname.startsWith(SEARCH_INDEX) && SEARCH_CHUNK.test(url.pathname))) {
    event.respondWith(cacheFirst(request, url));
    return;
  }
  const html = request.mode === 'navigate' || (request.headers.get('accept') || '').includes('text/html');
  if (html || url.pathname.startsWith(MEDIA) || url.pathname.startsWith(SEARCH_INDEX) || PRECACHE.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url, html));
  }
});

// Theme assets and search chunks: their names change when their bytes do.
async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key(url));
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(key(url), response.clone());
  return response;
}

// Pages: never stale while online; kept ones (offers opened, the precached
// pages, an offer's pictures) come from the cache without signal.
async function networkFirst(request, url, html) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const referrer = request.referrer ? new URL(request.referrer).pathname : '';
    const keep = keptPage(url.pathname) || PRECACHE.includes(url.pathname) || url.pathname.startsWith(SEARCH_INDEX)
      || (url.pathname.startsWith(MEDIA) && OFFER.test(referrer));
    if (response.ok && keep) await cache.put(key(url), response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(key(url));
    if (hit) return hit;
    if (html) {
      const lang = url.pathname.slice(BASE.length + 1).split('/')[0];
      const page = await cache.match(new URL(KEPT[Math.max(0, LANGUAGES.indexOf(lang))], url).href);
      if (page) return page;
    }
    throw err;
  }
}
