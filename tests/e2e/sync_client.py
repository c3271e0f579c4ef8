#!/usr/bin/env python3
"""A sync client of the payment app's API, run against a served build.

    python3 tests/e2e/sync_client.py --offersite BIN --root REPO [--now DATE] [--mode serve|build|both]

It does what docs/offers-json.md tells an app to do: keep each offer's document
and the hash it was fetched with, fetch /api/v1/index.json, fetch only the
documents whose hash changed, drop the ids the index no longer lists. On a copy
of REPO's content/ it

  1. serves the site and syncs into an empty store (index + every document);
  2. edits one active offer (its coupon code) and waits for the rebuild, then
     syncs again: it must fetch the index and that offer's document, nothing else;
  3. deletes another offer and syncs again: it must fetch the index alone;

and after each sync checks that the store equals the `offers` of offers.json
and that every stored document has the hash the index gives. It prints the
bytes each sync fetched.

Two ways of serving, both by default: `serve` runs `offersite serve` (edits go
through the preview's partial rebuild), `build` runs `offersite build` and a
static HTTP server over the output (edits go through a full rebuild).
Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HASH_HEX = 16
SYNC_CODE = "GTC-SYNC-CLIENT-EDIT"


class Failed(Exception):
    pass


def check(ok: bool, msg: str) -> None:
    if not ok:
        raise Failed(msg)


class Client:
    """The app's side: a store of documents by id, and what each sync cost."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.docs: dict[str, dict] = {}
        self.hashes: dict[str, str] = {}

    def get(self, path: str, log: list) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=30) as r:
            body = r.read()
        log.append((path, len(body)))
        return body

    def sync(self) -> list[tuple[str, int]]:
        fetched: list[tuple[str, int]] = []
        index = json.loads(self.get("/api/v1/index.json", fetched))
        fields = index["fields"]
        rows = [dict(zip(fields, row)) for row in index["offers"]]
        listed = set()
        for row in rows:
            oid, want = row["id"], row["hash"]
            listed.add(oid)
            if self.hashes.get(oid) == want:
                continue
            body = self.get(f"/api/v1/offers/{oid}.json", fetched)
            got = hashlib.sha256(body).hexdigest()[:HASH_HEX]
            check(got == want, f"offers/{oid}.json hashes to {got}, the index says {want}")
            doc = json.loads(body)
            check(doc.get("id") == oid, f"offers/{oid}.json has id {doc.get('id')!r}")
            check(doc.get("status") == row["status"], f"{oid}: status differs from the index")
            check(doc.get("valid_until") == row["valid_until"], f"{oid}: valid_until differs from the index")
            self.docs[oid], self.hashes[oid] = doc, want
        for gone in set(self.docs) - listed:
            del self.docs[gone], self.hashes[gone]
        return fetched


def offers_json(base: str) -> dict[str, dict]:
    with urllib.request.urlopen(base + "/api/v1/offers.json", timeout=30) as r:
        return {o["id"]: o for o in json.loads(r.read())["offers"]}


def assert_store_is_offers_json(client: Client, what: str) -> int:
    want = offers_json(client.base)
    missing = sorted(set(want) - set(client.docs))
    extra = sorted(set(client.docs) - set(want))
    check(not missing, f"{what}: store lacks {missing[:5]}")
    check(not extra, f"{what}: store has ids offers.json does not: {extra[:5]}")
    differ = sorted(i for i in want if want[i] != client.docs[i])
    check(not differ, f"{what}: store differs from offers.json for {differ[:5]}")
    return len(want)


def report(what: str, fetched: list[tuple[str, int]]) -> None:
    total = sum(n for _, n in fetched)
    docs = sum(1 for p, _ in fetched if p.startswith("/api/v1/offers/"))
    print(f"ok   {what}: fetched {len(fetched)} file(s), {total:,} bytes (index {fetched[0][1]:,} bytes + {docs} document(s))")
    if len(fetched) <= 5:
        for p, n in fetched:
            print(f"       {p} ({n:,} bytes)")


def linked_elsewhere(content: Path, oid: str) -> bool:
    needle = f"/offers/{oid}/"
    for f in content.rglob("*"):
        if f.is_file() and f.suffix in (".md", ".yaml") and f.stem != oid:
            if needle in f.read_text(encoding="utf-8", errors="replace"):
                return True
    return False


def set_coupon(path: Path, code: str) -> None:
    text = path.read_text(encoding="utf-8")
    line = f"coupon_code: {code}"
    if re.search(r"(?m)^coupon_code:.*$", text):
        text = re.sub(r"(?m)^coupon_code:.*$", line, text)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")


class Served:
    """A served build that can be rebuilt after an edit."""

    base: str

    def rebuilt(self) -> None: ...

    def close(self) -> None: ...


class ServeMode(Served):
    def __init__(self, binary: str, site: Path, now: str):
        self.proc = subprocess.Popen(
            [binary, "serve", "--root", str(site), "--port", "0", "--now", now],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: list[str] = []
        self.base = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.match(r"Serving at (http://\S+?)/?$", line.strip())
            if m:
                self.base = m.group(1)
                break
        check(bool(self.base), "offersite serve did not start:\n" + "".join(self.lines))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def rebuilt(self) -> None:
        # The preview rebuilds on its own; wait until the index shows it.
        before = self.index
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if self._index() != before:
                self.index = self._index()
                return
        raise Failed("the served index did not change within 60 s of the edit:\n" + "".join(self.lines[-20:]))

    def _index(self) -> bytes:
        with urllib.request.urlopen(self.base + "/api/v1/index.json", timeout=30) as r:
            return r.read()

    def mark(self) -> None:
        self.index = self._index()

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class BuildMode(Served):
    def __init__(self, binary: str, site: Path, now: str):
        self.cmd = [binary, "build", "--root", str(site), "--out", str(site / "public"), "--now", now]
        self.build()
        handler = functools.partial(_Quiet, directory=str(site / "public"))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def build(self) -> None:
        r = subprocess.run(self.cmd, capture_output=True, text=True)
        check(r.returncode == 0, f"offersite build failed ({r.returncode}):\n{r.stdout}{r.stderr}")

    def mark(self) -> None:
        pass

    def rebuilt(self) -> None:
        self.build()

    def close(self) -> None:
        self.httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def scenario(mode: str, binary: str, repo: Path, now: str) -> None:
    with tempfile.TemporaryDirectory(prefix="offersite-sync-") as tmp:
        site = Path(tmp)
        shutil.copytree(repo / "content", site / "content")
        served: Served = ServeMode(binary, site, now) if mode == "serve" else BuildMode(binary, site, now)
        try:
            client = Client(served.base)
            print(f"--   {mode}: {served.base}")

            first = client.sync()
            n = assert_store_is_offers_json(client, "first sync")
            check(len(first) == n + 1, f"first sync fetched {len(first)} files for {n} offers")
            report(f"{mode}: first sync into an empty store ({n} offers)", first)

            again = client.sync()
            check(again == [("/api/v1/index.json", again[0][1])], f"a sync with nothing changed fetched {again}")

            feed = offers_json(served.base)
            edited = next((i for i, o in sorted(feed.items()) if o["status"] == "active"), None)
            check(edited is not None, "the catalog has no active offer to edit")
            served.mark()
            set_coupon(site / "content" / "offers" / f"{edited}.yaml", SYNC_CODE)
            served.rebuilt()
            second = client.sync()
            paths = [p for p, _ in second]
            check(
                paths == ["/api/v1/index.json", f"/api/v1/offers/{edited}.json"],
                f"after editing {edited} the sync fetched {paths}, not the index and that offer's document",
            )
            check(client.docs[edited].get("coupon_code") == SYNC_CODE, f"{edited}: the edit is not in its document")
            assert_store_is_offers_json(client, "sync after an edit")
            # The shards it is listed in carry the same record.
            for dest in client.docs[edited]["destinations"]:
                with urllib.request.urlopen(f"{served.base}/api/v1/destinations/{dest}.json", timeout=30) as r:
                    shard = {o["id"]: o for o in json.loads(r.read())["offers"]}
                check(shard.get(edited) == client.docs[edited], f"destinations/{dest}.json lacks the edited {edited}")
            report(f"{mode}: sync after editing {edited}", second)

            removed = next(
                (i for i in sorted(feed, reverse=True) if i != edited and not linked_elsewhere(site / "content", i)),
                None,
            )
            check(removed is not None, "no offer can be removed without breaking a link")
            served.mark()
            (site / "content" / "offers" / f"{removed}.yaml").unlink()
            served.rebuilt()
            third = client.sync()
            check([p for p, _ in third] == ["/api/v1/index.json"], f"after removing {removed} the sync fetched {third}")
            check(removed not in client.docs, f"{removed} is still in the store")
            assert_store_is_offers_json(client, "sync after a removal")
            report(f"{mode}: sync after removing {removed}", third)
        finally:
            served.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--offersite", required=True, help="the offersite binary")
    ap.add_argument("--root", required=True, help="a site whose content/ is copied (the repository)")
    ap.add_argument("--now", default="2026-11-26")
    ap.add_argument("--mode", choices=["serve", "build", "both"], default="both")
    a = ap.parse_args()
    modes = ["serve", "build"] if a.mode == "both" else [a.mode]
    failures = 0
    for mode in modes:
        try:
            scenario(mode, a.offersite, Path(a.root), a.now)
        except Failed as e:
            failures += 1
            print(f"FAIL {mode}: {e}")
        except Exception as e:  # noqa: BLE001 - any crash of the client is a failure
            failures += 1
            print(f"FAIL {mode}: {type(e).__name__}: {e}")
    print(f"sync: {len(modes) - failures} of {len(modes)} scenario(s) passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
