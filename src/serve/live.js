// offersite serve: reloads the page after a rebuild and shows the errors of
// a broken edit over it. Served pages only; never part of `build` output.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var OVERLAY = "__offersite-overlay";
  // The same errors rendered by the server for pages without JavaScript.
  var PANEL = "__offersite-errors";
  var generation = null;

  function clear() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) e.setAttribute("style", style);
    return e;
  }

  function show(diagnostics) {
    clear();
    var panel = document.getElementById(PANEL);
    if (panel) panel.remove();
    var errors = diagnostics.filter(function (d) { return d.severity === "error"; });
    if (!errors.length) return;
    var box = el("div", null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5em;" +
      "background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var close = el("button", "\u00d7", "float:right;font-size:1.5em;background:none;color:inherit;border:0;cursor:pointer;");
    close.setAttribute("aria-label", "Hide the errors");
    close.onclick = clear;
    box.appendChild(close);
    box.appendChild(el("h2", errors.length + (errors.length === 1 ? " error" : " errors") +
      " \u2014 the last good version of the site is shown", "margin:0 0 1em;font-size:1.1em;color:#fca5a5;"));
    errors.forEach(function (d) {
      var item = el("div", null, "margin:0 0 1.2em;padding-left:.8em;border-left:3px solid #f87171;");
      item.className = "__offersite-error";
      var at = d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "");
      item.appendChild(el("div", at, "color:#93c5fd;"));
      item.appendChild(el("div", d.message, "font-weight:bold;white-space:pre-wrap;"));
      if (d.source_line != null) {
        item.appendChild(el("pre", d.line + " | " + d.source_line, "margin:.3em 0;white-space:pre-wrap;color:#e4e4e7;"));
      }
      if (d.hint) item.appendChild(el("div", "hint: " + d.hint, "color:#d4d4d8;white-space:pre-wrap;"));
      box.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(box);
  }

  var source = new EventSource("/__offersite/events");
  source.addEventListener("hello", function (e) {
    // A different build after reconnecting (the server restarted or rebuilt
    // while the connection was down): the page is stale.
    if (generation !== null && e.data !== generation) location.reload();
    generation = e.data;
  });
  source.addEventListener("reload", function (e) {
    // After the edited offer's own pages were shown, the rebuild names the
    // pages that changed since (one per line after the first): the others
    // are up to date already.
    // A page opened by its file name (/en/offers/x/index.html) is the
    // directory's page the server names (/en/offers/x/).
    var lines = String(e.data || "").split("\n");
    var here = location.pathname;
    var named = lines.indexOf(here, 1) >= 0 ||
      lines.indexOf(here.replace(/\/index\.html$/, "/"), 1) >= 0;
    if (lines[0].split(" ")[2] === "only" && !named) return;
    location.reload();
  });
  // The search index follows the other pages after an edit: only a search
  // page (the one with the index's address) has to reload for it.
  source.addEventListener("index", function () {
    if (document.querySelector("[data-bundle]")) location.reload();
  });
  source.addEventListener("errors", function (e) {
    try { show(JSON.parse(e.data)); } catch (err) { /* ignore a bad event */ }
  });
})();
