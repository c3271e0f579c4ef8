#!/usr/bin/env python3
"""Python half of the offersite end-to-end suite.

Usage (normally called by .ci/e2e.sh):
    python3 tests/e2e/checks.py base-url --site DIR
    python3 tests/e2e/checks.py sitemap  --site DIR --base-url URL --out OUTDIR
    python3 tests/e2e/checks.py feeds    --site DIR --base-url URL
    python3 tests/e2e/checks.py jsonld   --site DIR --base-url URL
    python3 tests/e2e/checks.py api      --site DIR --base-url URL

Each checker prints one line per problem and exits 1 if there was any,
0 if there was none, 2 on wrong usage or a missing tool.  Nothing is skipped:
a missing Python module or program is an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
LANG_DIR = re.compile(r"^[a-z]{2,3}$")
ID_RE = re.compile(r"^[a-z0-9-]+$")


class Problems:
    def __init__(self, name: str):
        self.name = name
        self.items: list[str] = []
        self.notes: list[str] = []

    def add(self, where: str, msg: str) -> None:
        self.items.append(f"{where}: {msg}")

    def note(self, msg: str) -> None:
        self.notes.append(msg)

    def finish(self) -> int:
        for n in self.notes:
            print(f"  note: {n}")
        for p in self.items:
            print(f"  error: {p}")
        print(f"{self.name}: {len(self.items)} problem(s)")
        return 1 if self.items else 0


# --------------------------------------------------------------------------
# helpers


def die_missing(what: str) -> None:
    print(f"missing tool: {what} (run `bash .ci/install-e2e-deps.sh`)")
    sys.exit(2)


def languages(site: Path) -> list[str]:
    langs = []
    for d in sorted(site.iterdir()):
        if d.is_dir() and LANG_DIR.match(d.name) and (d / "index.html").is_file():
            langs.append(d.name)
    return langs


def primary(tag: str) -> str:
    return tag.split("-")[0].lower()


class HeadLinks(html.parser.HTMLParser):
    """Collects <link> and <meta> tags of a page (cheap, no dependency)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        elif tag == "meta":
            self.metas.append(a)


def head_of(path: Path) -> HeadLinks:
    p = HeadLinks()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def canonical_of(path: Path) -> str | None:
    for link in head_of(path).links:
        if "canonical" in link.get("rel", "").lower().split():
            return link.get("href")
    return None


def is_noindex(path: Path) -> bool:
    for m in head_of(path).metas:
        if m.get("name", "").lower() in ("robots", "googlebot") and "noindex" in m.get("content", "").lower():
            return True
    return False


def url_to_file(site: Path, base: str, url: str) -> Path | None:
    """Map an absolute URL under base (or a root-relative path) to a file in site."""
    base = base.rstrip("/")
    if url.startswith(base + "/") or url == base:
        path = url[len(base):]
    elif url.startswith("/") and not url.startswith("//"):
        path = url
    else:
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(path or "/").path)
    rel = path.lstrip("/")
    f = site / rel
    if path.endswith("/") or f.is_dir():
        f = f / "index.html"
    try:
        f.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return f


def load_offers(site: Path) -> tuple[list[dict], str | None]:
    p = site / "api" / "v1" / "offers.json"
    if not p.is_file():
        return [], "api/v1/offers.json is missing"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        return [], f"api/v1/offers.json is not valid JSON: {e}"
    offers = None
    if isinstance(data, dict):
        if isinstance(data.get("offers"), list):
            offers = data["offers"]
        else:
            for v in data.values():
                if isinstance(v, list) and v and all(isinstance(o, dict) and "id" in o for o in v):
                    offers = v
                    break
    if offers is None:
        return [], "api/v1/offers.json has no list of offers (expected a top-level object with `offers`)"
    return [o for o in offers if isinstance(o, dict)], None


def find_key(obj, key: str):
    """First value of `key` anywhere inside obj (dicts and lists)."""
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        for v in obj.values():
            r = find_key(v, key)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj:
            r = find_key(v, key)
            if r is not None:
                return r
    return None


def discount_currency(offer: dict) -> str | None:
    d = offer.get("discount")
    if d is None:
        return None
    c = find_key(d, "currency")
    return c if isinstance(c, str) else None


def discount_kind(offer: dict) -> str | None:
    d = offer.get("discount")
    if isinstance(d, dict):
        for k in ("kind", "type"):
            if isinstance(d.get(k), str):
                return d[k]
        for k in ("percent", "amount", "text"):
            if k in d:
                return k
    return None


def parse_iso(s) -> dt.date | None:
    if not isinstance(s, str):
        return None
    try:
        if len(s) == 10:
            return dt.date.fromisoformat(s)
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


# --------------------------------------------------------------------------
# base-url


def cmd_base_url(a) -> int:
    site = Path(a.site)
    root = site / "index.html"
    cands = []
    if root.is_file():
        c = canonical_of(root)
        if c:
            cands.append(c)
    robots = site / "robots.txt"
    if robots.is_file():
        for line in robots.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("sitemap:"):
                u = line.split(":", 1)[1].strip()
                if u.endswith("/sitemap.xml"):
                    cands.append(u[: -len("sitemap.xml")])
    for c in cands:
        parts = urllib.parse.urlsplit(c)
        if parts.scheme in ("http", "https") and parts.netloc:
            print(urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")).rstrip("/"))
            return 0
    print("cannot detect the base URL (no canonical link in index.html, no Sitemap: line in robots.txt); "
          "pass it as the second argument of .ci/e2e.sh", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------
# sitemap


def find_sitemap_xsd() -> Path:
    p = HERE / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
    if not p.is_file():
        die_missing(f"{p} (npm package `sitemap`)")
    return p


def find_xmlschema_dir() -> Path:
    try:
        import xmlschema  # noqa: F401
    except ImportError:
        die_missing("python module xmlschema")
    import xmlschema

    d = Path(xmlschema.__file__).resolve().parent / "schemas"
    for rel in ("XHTML/xhtml1-strict.xsd", "XML/xml.xsd"):
        if not (d / rel).is_file():
            die_missing(f"{d / rel} (PyPI package `xmlschema`)")
    return d


def write_schema_bundle(out: Path) -> tuple[Path, Path]:
    """Write the wrapper schema and the XML catalog; see tests/e2e/schemas/README.md."""
    sitemap_xsd = find_sitemap_xsd()
    xs = find_xmlschema_dir()
    tpl_dir = HERE / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    subst = {
        "@SITEMAP_XSD@": sitemap_xsd.as_uri(),
        "@XHTML_XSD@": (xs / "XHTML" / "xhtml1-strict.xsd").as_uri(),
        "@XML_XSD@": (xs / "XML" / "xml.xsd").as_uri(),
    }
    written = []
    for name in ("sitemap-hreflang.xsd.in", "catalog.xml.in"):
        text = (tpl_dir / name).read_text(encoding="utf-8")
        for k, v in subst.items():
            text = text.replace(k, v)
        dest = out / name[: -len(".in")]
        dest.write_text(text, encoding="utf-8")
        written.append(dest)
    return written[0], written[1]


def cmd_sitemap(a) -> int:
    P = Problems("sitemap")
    site, base = Path(a.site), a.base_url.rstrip("/")
    sm = site / "sitemap.xml"
    if not sm.is_file():
        P.add("sitemap.xml", "missing")
        return P.finish()
    xmllint = shutil.which("xmllint")
    if not xmllint:
        die_missing("xmllint (Debian package libxml2-utils)")
    xsd, catalog = write_schema_bundle(Path(a.out) / "schemas")
    env = dict(os.environ, XML_CATALOG_FILES=str(catalog))
    r = subprocess.run([xmllint, "--nonet", "--noout", "--schema", str(xsd), str(sm)],
                       capture_output=True, text=True, env=env)
    err = r.stderr.strip().splitlines()
    bad_schema = [l for l in err if "parser" in l.lower() or "failed to load" in l.lower() or "I/O error" in l]
    if bad_schema:
        for l in bad_schema[:10]:
            P.add("schema", f"the schema itself did not load offline: {l}")
    if r.returncode != 0:
        for l in err:
            if not l.endswith(" fails to validate") and l not in bad_schema:
                P.add("sitemap.xml (xmllint)", l.replace(str(sm), "sitemap.xml"))
        if not any(True for _ in err):
            P.add("sitemap.xml (xmllint)", f"exit status {r.returncode}")
    else:
        P.note("sitemap.xml is valid against the sitemaps.org schema + XHTML link schema (xmllint --nonet)")

    # Consistency with the site (contract: every indexable page, with hreflang alternates).
    import xml.etree.ElementTree as ET

    try:
        tree = ET.parse(sm)
    except ET.ParseError as e:
        P.add("sitemap.xml", f"not well-formed: {e}")
        return P.finish()
    langs = languages(site)
    offers, _ = load_offers(site)
    ended = {o.get("id") for o in offers if o.get("status") == "ended"}
    locs = set()
    for url in tree.getroot().findall(f"{{{SITEMAP_NS}}}url"):
        loc_el = url.find(f"{{{SITEMAP_NS}}}loc")
        loc = (loc_el.text or "").strip() if loc_el is not None else ""
        if loc in locs:
            P.add(loc, "listed twice")
        locs.add(loc)
        f = url_to_file(site, base, loc)
        if not loc.startswith(base + "/"):
            P.add(loc, f"<loc> is not under the base URL {base}/")
        elif f is None or not f.is_file():
            P.add(loc, "<loc> has no page in the output")
        elif is_noindex(f):
            P.add(loc, "page carries noindex but is listed in the sitemap")
        m = re.search(r"/offers/([a-z0-9-]+)/$", loc)
        if m and m.group(1) in ended:
            P.add(loc, "ended offer is listed in the sitemap")
        alts = {}
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            alts[link.get("hreflang", "")] = link.get("href", "")
            href = link.get("href", "")
            af = url_to_file(site, base, href)
            if af is None or not af.is_file():
                P.add(loc, f"xhtml:link hreflang={link.get('hreflang')} href={href} has no page in the output")
        if len(langs) > 1:
            have = {primary(h) for h in alts if h != "x-default"}
            for lang in langs:
                if lang not in have:
                    P.add(loc, f"no xhtml:link hreflang alternate for language `{lang}`")
            if "x-default" not in alts:
                P.add(loc, "no xhtml:link hreflang=\"x-default\" alternate")
    if not locs:
        P.add("sitemap.xml", "lists no URL")
    # every indexable HTML page should be listed
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).as_posix()
        url = base + "/" + rel[: -len("index.html")]
        if url not in locs and not is_noindex(f):
            P.add(url, "indexable page (no noindex) is missing from the sitemap")
    P.note(f"{len(locs)} URLs in sitemap.xml")
    return P.finish()


# --------------------------------------------------------------------------
# feeds


def cmd_feeds(a) -> int:
    P = Problems("feeds")
    site, base = Path(a.site), a.base_url.rstrip("/")
    try:
        import feedparser
    except ImportError:
        die_missing("python module feedparser")
    langs = languages(site)
    if not langs:
        P.add(str(site), "no language directories (<lang>/index.html) found")
    offers, _ = load_offers(site)
    status = {o.get("id"): o.get("status") for o in offers}
    for lang in langs:
        rel = f"{lang}/atom.xml"
        f = site / rel
        if not f.is_file():
            P.add(rel, "missing")
            continue
        d = feedparser.parse(f.read_bytes())
        if d.bozo:
            P.add(rel, f"feedparser bozo: {type(d.bozo_exception).__name__}: {d.bozo_exception}")
        if d.version != "atom10":
            P.add(rel, f"feedparser reads it as {d.version or 'unknown format'!r}, expected 'atom10'")
        feed = d.feed
        for k in ("title", "id", "updated"):
            if not feed.get(k):
                P.add(rel, f"feed has no <{k}>")
        if not any(l.get("rel") == "self" for l in feed.get("links", [])):
            P.add(rel, "feed has no <link rel=\"self\">")
        lang_attr = feed.get("language") or ""
        if lang_attr and primary(lang_attr) != lang:
            P.add(rel, f"feed xml:lang={lang_attr!r} does not match language `{lang}`")
        seen = set()
        for i, e in enumerate(d.entries):
            where = f"{rel} entry {i + 1}"
            for k in ("title", "id", "updated", "link"):
                if not e.get(k):
                    P.add(where, f"entry has no <{k}>")
            link = e.get("link", "")
            if link in seen:
                P.add(where, f"duplicate entry link {link}")
            seen.add(link)
            ef = url_to_file(site, base, link) if link else None
            if link and (ef is None or not ef.is_file()):
                P.add(where, f"entry link {link} has no page in the output")
            m = re.search(rf"/{lang}/offers/([a-z0-9-]+)/?$", link)
            if link and not m:
                P.add(where, f"entry link {link} is not an offer page of /{lang}/offers/")
            elif m and status.get(m.group(1)) not in (None, "active"):
                P.add(where, f"offer {m.group(1)} has status {status.get(m.group(1))!r} but is in the feed of active offers")
        active = [o for o in offers if o.get("status") == "active"]
        if active and not d.entries:
            P.add(rel, f"no entries although offers.json lists {len(active)} active offer(s)")
        P.note(f"{rel}: {len(d.entries)} entries, version {d.version}, bozo={int(bool(d.bozo))}")
    return P.finish()


# --------------------------------------------------------------------------
# jsonld


def iter_nodes(obj):
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from iter_nodes(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_nodes(v)


def has_type(node: dict, t: str) -> bool:
    ty = node.get("@type")
    types = ty if isinstance(ty, list) else [ty]
    return any(isinstance(x, str) and (x == t or x.endswith("/" + t) or x.endswith(":" + t)) for x in types)


def cmd_jsonld(a) -> int:
    P = Problems("jsonld")
    site, base = Path(a.site), a.base_url.rstrip("/")
    try:
        import extruct
    except ImportError:
        die_missing("python module extruct")
    offers, err = load_offers(site)
    if err:
        P.note(f"{err}; checking JSON-LD without the API's discount data")
    by_id = {o.get("id"): o for o in offers}
    langs = languages(site)
    pages = []
    for lang in langs:
        od = site / lang / "offers"
        if not od.is_dir():
            P.add(f"{lang}/offers/", "missing")
            continue
        for d in sorted(od.iterdir()):
            if d.is_dir() and d.name != "page" and (d / "index.html").is_file():
                pages.append((lang, d.name, d / "index.html"))
    if not pages:
        P.add("offers", "no offer page found (<lang>/offers/<id>/index.html)")
    for oid in by_id:
        for lang in langs:
            if not (site / lang / "offers" / str(oid) / "index.html").is_file():
                P.add(f"{lang}/offers/{oid}/", "offers.json lists this offer but its page is missing")
    checked = 0
    for lang, oid, f in pages:
        rel = f.relative_to(site).as_posix()
        url = f"{base}/{lang}/offers/{oid}/"
        data = extruct.extract(f.read_text(encoding="utf-8"), base_url=url, syntaxes=["json-ld"], uniform=True)
        items = data.get("json-ld", [])
        found = [n for n in iter_nodes(items) if has_type(n, "Offer")]
        if not found:
            P.add(rel, f"no schema.org Offer in JSON-LD (found types: {sorted({str(n.get('@type')) for n in iter_nodes(items) if '@type' in n}) or 'none'})")
            continue
        checked += 1
        node = found[0]
        for k in ("validFrom", "validThrough"):
            v = node.get(k)
            if not v:
                P.add(rel, f"Offer has no {k}")
            elif parse_iso(v) is None:
                P.add(rel, f"Offer {k}={v!r} is not an ISO 8601 date")
        vf, vt = parse_iso(node.get("validFrom")), parse_iso(node.get("validThrough"))
        if vf and vt and vf > vt:
            P.add(rel, f"Offer validFrom {vf} is after validThrough {vt}")
        api = by_id.get(oid)
        if api:
            for k_api, k_ld, d_ld in (("valid_from", "validFrom", vf), ("valid_until", "validThrough", vt)):
                d_api = parse_iso(api.get(k_api))
                if d_api and d_ld and d_api != d_ld:
                    P.add(rel, f"Offer {k_ld} {d_ld} differs from offers.json {k_api} {d_api}")
        currency = discount_currency(api) if api else None
        kind = discount_kind(api) if api else None
        pc = node.get("priceCurrency") or find_key(node.get("priceSpecification"), "priceCurrency")
        if currency or kind == "amount":
            if not pc:
                P.add(rel, f"discount is an amount ({currency or '?'}) but the Offer has no priceCurrency")
            elif currency and pc != currency:
                P.add(rel, f"Offer priceCurrency {pc!r} differs from the discount currency {currency!r}")
        elif not api and (node.get("price") is not None) and not pc:
            P.add(rel, "Offer has a price but no priceCurrency")
        if pc and not re.fullmatch(r"[A-Z]{3}", str(pc)):
            P.add(rel, f"priceCurrency {pc!r} is not an ISO 4217 code")
    P.note(f"{checked} offer page(s) with an Offer checked")
    return P.finish()


# --------------------------------------------------------------------------
# api


def cmd_api(a) -> int:
    P = Problems("api")
    site, base = Path(a.site), a.base_url.rstrip("/")
    rel = "api/v1/offers.json"
    offers, err = load_offers(site)
    if err:
        P.add(rel, err)
        return P.finish()
    data = json.loads((site / rel).read_text(encoding="utf-8"))
    if "version" not in data:
        P.add(rel, "no top-level `version`")
    langs = languages(site)
    ids = set()
    for i, o in enumerate(offers):
        oid = o.get("id")
        where = f"{rel} offer {oid or i}"
        if not isinstance(oid, str) or not ID_RE.match(oid):
            P.add(where, f"bad id {oid!r}")
        if oid in ids:
            P.add(where, "duplicate id")
        ids.add(oid)
        if o.get("status") not in ("upcoming", "active", "ended"):
            P.add(where, f"status {o.get('status')!r} is not upcoming/active/ended")
        for k in ("partner", "category", "discount", "destinations"):
            if k not in o:
                P.add(where, f"no `{k}`")
        urls = [s for s in iter_strings(o) if s.startswith(base + "/")]
        for lang in langs:
            want = f"{base}/{lang}/offers/{oid}/"
            if want not in urls:
                P.add(where, f"no absolute URL {want}")
        for u in urls:
            f = url_to_file(site, base, u)
            if f is None or not f.is_file():
                P.add(where, f"URL {u} has no page in the output")
        other = [s for s in iter_strings(o) if re.match(r"https?://", s) and not s.startswith(base + "/")]
        for u in other:
            if "/offers/" in u:
                P.add(where, f"offer URL {u} is not under the base URL {base}/")
    P.note(f"{len(offers)} offers, version {data.get('version')!r}")
    check_sync_api(P, site, data)
    return P.finish()


def check_sync_api(P: Problems, site: Path, feed: dict) -> None:
    """The sync API beside offers.json (docs/offers-json.md): every document
    valid against its JSON Schema in docs/, one per offer equal to its entry,
    an index row per offer with the hash of its document, and a shard per
    destination and category with exactly its active offers."""
    try:
        import hashlib

        import jsonschema
        import referencing
    except ImportError as e:
        die_missing(f"Python module {e.name} (PyPI jsonschema)")
    docs = HERE.parent.parent / "docs"
    schemas = {n: json.loads((docs / f"{n}.schema.json").read_text(encoding="utf-8")) for n in ("offers", "offer", "index", "shard")}
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values()
    )
    validators = {n: jsonschema.Draft202012Validator(s, registry=registry) for n, s in schemas.items()}
    api = site / "api" / "v1"

    def valid(kind: str, rel: str, doc) -> None:
        for err in sorted(validators[kind].iter_errors(doc), key=str)[:3]:
            P.add(rel, f"not valid against docs/{kind}.schema.json at /{'/'.join(map(str, err.absolute_path))}: {err.message}")

    valid("offers", "api/v1/offers.json", feed)
    entries = {o.get("id"): o for o in feed.get("offers", [])}
    docs_by_id = {}
    for oid, entry in entries.items():
        rel = f"api/v1/offers/{oid}.json"
        f = api / "offers" / f"{oid}.json"
        if not f.is_file():
            P.add(rel, "missing: every offer of offers.json has its document")
            continue
        raw = f.read_bytes()
        doc = json.loads(raw)
        valid("offer", rel, doc)
        if doc != entry:
            P.add(rel, "differs from its entry in offers.json")
        docs_by_id[oid] = raw
    extra = {p.stem for p in (api / "offers").glob("*.json")} - set(entries)
    for oid in sorted(extra):
        P.add(f"api/v1/offers/{oid}.json", "no such offer in offers.json")

    rel = "api/v1/index.json"
    try:
        index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        P.add(rel, f"missing or not JSON: {e}")
        return
    valid("index", rel, index)
    for k in ("version", "generated", "next_change"):
        if index.get(k) != feed.get(k):
            P.add(rel, f"`{k}` {index.get(k)!r} differs from offers.json's {feed.get(k)!r}")
    rows = [dict(zip(index.get("fields", []), r)) for r in index.get("offers", [])]
    if sorted(r.get("id") for r in rows) != sorted(entries):
        P.add(rel, "its ids are not those of offers.json")
    for r in rows:
        raw = docs_by_id.get(r.get("id"))
        if raw is not None and hashlib.sha256(raw).hexdigest()[:16] != r.get("hash"):
            P.add(rel, f"hash of {r.get('id')} is not the SHA-256 prefix of its document")
    size = (api / "index.json").stat().st_size
    P.note(f"index.json: {size:,} bytes, {size / max(len(rows), 1):.0f} per offer")

    active = [o for o in feed.get("offers", []) if o.get("status") == "active"]
    shards = 0
    for kind, key in (("destinations", "destination"), ("categories", "category")):
        for f in sorted((api / kind).glob("*.json")):
            rel = f"api/v1/{kind}/{f.name}"
            shard = json.loads(f.read_bytes())
            shards += 1
            valid("shard", rel, shard)
            if shard.get(key) != f.stem:
                P.add(rel, f"`{key}` is {shard.get(key)!r}")
            want = {o["id"] for o in active if (f.stem in o.get("destinations", []) if key == "destination" else o.get("category") == f.stem)}
            got = [o.get("id") for o in shard.get("offers", [])]
            if sorted(got) != sorted(want):
                P.add(rel, f"lists {sorted(got)}, the active offers there are {sorted(want)}")
            for o in shard.get("offers", []):
                if o != entries.get(o.get("id")):
                    P.add(rel, f"{o.get('id')} differs from its entry in offers.json")
    if shards == 0:
        P.add("api/v1/", "no destination or category shards")
    P.note(f"{len(docs_by_id)} offer documents, {shards} shards checked against docs/*.schema.json")


def iter_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from iter_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_strings(v)


# --------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["base-url", "sitemap", "feeds", "jsonld", "api"])
    ap.add_argument("--site", required=True, help="built site directory")
    ap.add_argument("--base-url", help="base URL the site was built with")
    ap.add_argument("--out", default=str(HERE / "out"), help="scratch/output directory")
    a = ap.parse_args()
    if not Path(a.site).is_dir():
        print(f"site directory {a.site} does not exist", file=sys.stderr)
        return 2
    if a.command == "base-url":
        return cmd_base_url(a)
    if not a.base_url:
        print("--base-url is required", file=sys.stderr)
        return 2
    return {"sitemap": cmd_sitemap, "feeds": cmd_feeds, "jsonld": cmd_jsonld, "api": cmd_api}[a.command](a)


if __name__ == "__main__":
    sys.exit(main())
