// A static server for the end-to-end scripts: serves a built site from DIR
// on 127.0.0.1, with the site's base path (if it has one) stripped, a 301
// to the slash for directories and /404.html for anything missing. Files are
// read per request, so a rebuild into the same directory is served at once.
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

// startServer(root, basePath = '', port = 0, served = null) → Promise<http.Server>
// served(path, body), when given, sees every file sent (the search budget
// counts what reached the browser over the network).
function startServer(root, basePath = '', port = 0, served = null) {
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
      if (served) served(p, body);
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// Stops listening and drops open keep-alive connections at once.
function stopServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if (server.closeAllConnections) server.closeAllConnections();
  });
}

module.exports = { MIME, startServer, stopServer };
