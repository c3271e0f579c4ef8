// A static server of a built site on 127.0.0.1 (ephemeral port), shared by
// the browser checks (browser.js) and the search checks (search.js).
// `basePath` is the sub-path of the site's base URL ('' for none): requests
// under it are served from `root`, as the real host would.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

function startServer(root, basePath) {
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { p = '/'; }
    if (basePath && (p === basePath || p.startsWith(basePath + '/'))) p = p.slice(basePath.length) || '/';
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!p.endsWith('/')) { res.writeHead(301, { Location: req.url.replace(/^([^?#]*)/, '$1/') }); res.end(); return; }
        file = path.join(file, 'index.html');
      }
    } catch { /* missing: handled below */ }
    fs.readFile(file, (err, body) => {
      if (err) {
        const nf = path.join(root, '404.html');
        res.writeHead(404, { 'Content-Type': MIME['.html'] });
        res.end(fs.existsSync(nf) ? fs.readFileSync(nf) : 'not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

module.exports = { startServer, MIME };
