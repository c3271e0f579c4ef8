// `offersite serve` answers /sw.js with this worker instead of the site's
// offline worker: a preview must never be cached. It caches nothing,
// empties the caches an offline worker of a built site left on this
// origin, and unregisters itself.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('offersite-')).map((n) => caches.delete(n))))
      .then(() => self.registration.unregister()),
  );
});
