#!/usr/bin/env python3
"""Media benchmark of offersite (issue #14): what photos cost a build.

Generates the synthetic catalog of N offers (`examples/gen_catalog.rs`)
twice: once as it is (no photos) and once with N distinct multi-megapixel
camera JPEGs, one per offer (`examples/gen_photos.rs`, 3200×2134 windows of
the shipped photo `content/media/offers/las-vegas-storm-road.jpg`). Then:

- `plain`:  the catalog without photos, built K times;
- `cold`:   the catalog with photos and an empty media cache, built once
            (every photo decoded, resized to 4 widths, encoded twice);
- `cached`: the same catalog again, K times, the cache filled.

and reports median wall times and `cached ÷ plain` (the goal: ≤ 1.05).

    python3 benches/photos.py                 # N = 1000, K = 5
    python3 benches/photos.py --photos 200 --runs 3
    python3 benches/photos.py --json photos.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import NOW, REPO, Series, machine_info, print_machine, remove, timed, tree_stats  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=int, default=1000, help="offers, each with its own photo (default 1000)")
    ap.add_argument("--runs", type=int, default=5, help="builds per warm series (default 5)")
    ap.add_argument("--work", type=Path, help="scratch directory (default: a new temporary one)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--no-build", action="store_true", help="use the binaries already in target/release")
    args = ap.parse_args()

    if not args.no_build:
        cmd = ["cargo", "build", "--release", "--bin", "offersite", "--example", "gen_catalog", "--example", "gen_photos"]
        print("$", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, cwd=REPO, check=True)
    release = REPO / "target" / "release"
    binary = release / "offersite"
    work = args.work or Path(tempfile.mkdtemp(prefix="offersite-photos-"))
    work.mkdir(parents=True, exist_ok=True)
    n = args.photos
    plain, photos = work / "plain", work / "photos"
    for site in (plain, photos):
        subprocess.run([str(release / "examples" / "gen_catalog"), str(n), str(site), "-"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [str(release / "examples" / "gen_photos"), str(photos), str(n), str(REPO / "content/media/offers/las-vegas-storm-road.jpg")],
        check=True,
    )
    media = photos / "content" / "media" / "offers"
    sizes = [p.stat().st_size for p in media.glob("photo-*.jpg")]
    print(f"{len(sizes)} photos, {sum(sizes) / 2**20:.0f} MiB, {min(sizes) / 2**20:.1f}–{max(sizes) / 2**20:.1f} MiB each")

    cache = work / "cache"
    out = work / "out"
    # The builds (children of this process) keep their cache out of the sites.
    os.environ["OFFERSITE_CACHE_DIR"] = str(cache)

    def build(site: Path) -> object:
        remove(out)
        return timed([str(binary), "build", "--root", str(site), "--out", str(out), "--now", NOW])

    info = machine_info(binary)
    print_machine(info)
    remove(cache)
    series = {name: Series(name) for name in ("plain", "cold", "cached")}
    build(plain)  # warm-up: page cache, binary
    for _ in range(args.runs):
        series["plain"].runs.append(build(plain))
    plain_tree = tree_stats(out)
    remove(cache)
    series["cold"].runs.append(build(photos))
    for _ in range(args.runs):
        series["cached"].runs.append(build(photos))
    photo_tree = tree_stats(out)

    print()
    print(f"| catalog ({n} offers) | builds | median wall | CPU (user+sys) | peak memory | output |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, s, tree in (
        ("without photos", series["plain"], plain_tree),
        ("photos, cold cache", series["cold"], photo_tree),
        ("photos, cached", series["cached"], photo_tree),
    ):
        print(
            f"| {name} | {len(s.runs)} | {s.median:.2f} s | {s.cpu_median:.2f} s | {s.peak_rss_mib:.0f} MiB "
            f"| {tree.files} files, {tree.bytes / 2**20:.0f} MiB |"
        )
    ratio = series["cached"].median / series["plain"].median
    print()
    print(f"cached ÷ without photos: {ratio:.3f} (goal ≤ 1.05); cold: {series['cold'].median / n * 1000:.0f} ms per photo of wall time")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "photos": n,
                    "series": {k: [r.__dict__ for r in s.runs] for k, s in series.items()},
                    "ratio_cached_to_plain": ratio,
                },
                indent=1,
            )
        )
    if not args.work:
        remove(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
