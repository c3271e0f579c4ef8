#!/usr/bin/env python3
"""Deploy timings on a synthetic catalog, against moto's S3 server on loopback.

    python3 benches/deploy.py [--offers 10000] [--workdir /tmp/offersite-deploy-bench]
                              [--bin target/release/offersite] [--no-build]

Generates the catalog (examples/gen_catalog.rs), builds it, starts the same
S3 server the tests use (tests/deploy/s3server.py), then times:
  first    the first deploy into an empty bucket
  no-op    the same build again (must send no file)
  edit     one offer's title edited, rebuilt, deployed (files sent must be
           exactly the files whose bytes changed)
and prints a Markdown table row per step with the requests the server saw.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    return secs, p.stdout.strip()


def tree(d):
    out = {}
    for base, _, files in os.walk(d):
        for f in files:
            full = os.path.join(base, f)
            with open(full, "rb") as fh:
                out[os.path.relpath(full, d)] = fh.read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--workdir", default="/tmp/offersite-deploy-bench")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/offersite"))
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--examples", "--bins"], cwd=ROOT, check=True)
    shutil.rmtree(a.workdir, ignore_errors=True)
    site = os.path.join(a.workdir, "site")
    subprocess.run([os.path.join(ROOT, "target/release/examples/gen_catalog"), str(a.offers), site, "-"],
                   check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests/deploy/s3server.py")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    info = json.loads(server.stdout.readline())

    def ask(cmd):
        server.stdin.write(cmd + "\n")
        server.stdin.flush()
        return json.loads(server.stdout.readline())

    with open(os.path.join(site, "content/site.yaml"), "a") as f:
        f.write(f"deploy:\n  - name: bench\n    url: s3://{info['bucket']}/\n    endpoint: {info['endpoint']}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=info["access_key"], AWS_SECRET_ACCESS_KEY=info["secret_key"])
    out = os.path.join(site, "public")
    build = [a.bin, "build", "--root", site, "--now", "2026-11-26"]
    deploy = [a.bin, "deploy", "--root", site]
    run(build)
    files = tree(out)
    size = sum(len(b) for b in files.values())
    print(f"{a.offers} offers: {len(files)} files, {size / 1e6:.0f} MB")
    print("| step | wall time | PUT | DELETE | other requests | summary |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    ask("log")

    def step(name):
        secs, summary = run(deploy, env)
        log = ask("log")
        puts = [p for m, p, _ in log if m == "PUT"]
        dels = sum(1 for m, _, _ in log if m in ("DELETE", "POST"))
        print(f"| {name} | {secs:.1f} s | {len(puts)} | {dels} | {len(log) - len(puts) - dels} | {summary} |",
              flush=True)
        return puts

    step("first deploy")
    puts = step("no-op deploy")
    assert not puts, f"a no-op deploy sent {puts[:5]}"
    offers = sorted(os.listdir(os.path.join(site, "content/offers")))
    path = os.path.join(site, "content/offers", offers[len(offers) // 2])
    text = open(path, encoding="utf-8").read()
    edited = re.sub(r'(title:\n  zh: "[^"]*"\n  en: ")', r"\1Edited ", text, count=1)
    assert edited != text, f"no title found in {path}"
    open(path, "w", encoding="utf-8").write(edited)
    run(build)
    after = tree(out)
    changed = {p for p, b in after.items() if files.get(p) != b}
    puts = step("one offer edited")
    sent = {p.split("/", 2)[2] for p in puts if not p.endswith(".offersite-deploy.json")}
    print(f"edit: {len(changed)} files changed, {len(sent)} sent, same set: {sent == changed}")
    server.stdin.close()
    server.wait()


if __name__ == "__main__":
    main()
