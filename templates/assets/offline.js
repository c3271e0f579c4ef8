// Progressive enhancement for reading the catalog at the till: registers
// the offline worker, shows offers as the phone's date sees them, and
// lists the offers kept on this phone. Pages work the same without it.
(function () {
  'use strict';
  var script = document.currentScript;

  // A page may have been built while its offer ran and be read later (from
  // a CDN or offline): the phone's date decides what it says.
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  var now = new Date();
  var today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  function judge(root) {
    var dated = root.querySelectorAll('[data-valid-until]');
    for (var i = 0; i < dated.length; i++) {
      var el = dated[i];
      var status = today > el.getAttribute('data-valid-until') ? 'ended'
        : today < el.getAttribute('data-valid-from') ? 'upcoming' : 'active';
      el.setAttribute('data-status', status);
      var when = el.querySelectorAll('[data-when]');
      for (var j = 0; j < when.length; j++) when[j].hidden = when[j].getAttribute('data-when') !== status;
      var unless = el.querySelectorAll('[data-unless]');
      for (var k = 0; k < unless.length; k++) unless[k].hidden = unless[k].getAttribute('data-unless') === status;
    }
  }
  judge(document);

  if (script && script.getAttribute('data-worker') && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register(script.getAttribute('data-worker'), {
      scope: script.getAttribute('data-scope') || '/',
    }).catch(function () { /* without a worker the site works as before */ });
  }

  var kept = document.querySelector('[data-kept]');
  if (!kept || !window.caches || !window.fetch) return;
  var prefix = kept.getAttribute('data-kept');
  var offer = new RegExp('^' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?!page/)[^/]+/$');
  var list = kept.querySelector('[data-kept-list]');
  kept.querySelector('[data-kept-offline]').hidden = navigator.onLine !== false;
  caches.keys().then(function (names) {
    names = names.filter(function (n) { return n.indexOf('offersite-') === 0; });
    return Promise.all(names.map(function (n) {
      return caches.open(n).then(function (c) { return c.keys().then(function (ks) { return ks.map(function (r) { return [c, r]; }); }); });
    }));
  }).then(function (groups) {
    var seen = {};
    var found = [];
    groups.forEach(function (g) {
      g.forEach(function (pair) {
        var path = new URL(pair[1].url).pathname;
        if (offer.test(path) && !seen[path]) { seen[path] = true; found.push(pair); }
      });
    });
    return Promise.all(found.map(function (pair) {
      return pair[0].match(pair[1]).then(function (r) { return r ? r.text() : ''; }).then(function (html) {
        return { url: pair[1].url, doc: new DOMParser().parseFromString(html, 'text/html') };
      });
    }));
  }).then(function (pages) {
    kept.querySelector('[data-kept-needs]').hidden = true;
    kept.querySelector('[data-kept-empty]').hidden = pages.length > 0;
    pages.sort(function (a, b) { return a.url < b.url ? -1 : 1; });
    pages.forEach(function (p) {
      var article = p.doc.querySelector('article.offer');
      var h1 = p.doc.querySelector('h1');
      if (!article || !h1) return;
      var card = document.createElement('article');
      card.className = 'card';
      ['data-valid-from', 'data-valid-until'].forEach(function (a) {
        if (article.hasAttribute(a)) card.setAttribute(a, article.getAttribute(a));
      });
      var body = document.createElement('div');
      body.className = 'card-body';
      var badge = p.doc.querySelector('.badge-big');
      if (badge) { var b = document.createElement('p'); b.className = 'badge'; b.textContent = badge.textContent; body.appendChild(b); }
      var title = document.createElement('h2');
      title.className = 'card-title';
      var link = document.createElement('a');
      link.href = p.url;
      link.textContent = h1.textContent;
      title.appendChild(link);
      body.appendChild(title);
      var code = p.doc.querySelector('.coupon .code');
      if (code) { var c = document.createElement('p'); c.className = 'card-partner'; c.textContent = code.textContent; c.setAttribute('data-unless', 'ended'); body.appendChild(c); }
      card.appendChild(body);
      var li = document.createElement('li');
      li.appendChild(card);
      list.appendChild(li);
    });
    list.hidden = pages.length === 0;
    judge(list);
  }).catch(function () { /* the page's own text explains */ });
})();
