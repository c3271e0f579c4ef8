#!/usr/bin/env python3
"""Build-speed benchmark of offersite.

For each catalog size N it generates a synthetic site with
`examples/gen_catalog/`, then builds it K times with

    target/release/offersite build --root SITE --out OUT --now 2026-11-26

into a fresh output directory each time (the removal is not timed) and
reports the median wall time, pages per second, the peak resident memory of
the build process and the size of the output tree.

Wall time is measured around the child process; peak memory is the child's
own `ru_maxrss` from wait4(2), so nothing else running on the machine is
counted in it. One untimed warm-up build per size fills the page cache.

    python3 benches/bench.py                          # N = 1000 10000 100000, 3 runs
    python3 benches/bench.py --sizes 1000 10000 --runs 5
    python3 benches/bench.py --json results.json      # also write the figures as JSON
    python3 benches/bench.py --sizes 100000 --runs 1 --check   # also `check`'s time and peak memory

Run it from anywhere; it works on the repository it lives in.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-26"


# ---------------------------------------------------------------------------
# helpers shared with compare_hugo.py
# ---------------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds
    rss_kib: int  # peak resident set size of the child, KiB
    cpu: float  # user + system seconds of the child


@dataclass
class Series:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def fastest(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def slowest(self) -> float:
        return max(r.wall for r in self.runs)

    @property
    def peak_rss_mib(self) -> float:
        return max(r.rss_kib for r in self.runs) / 1024

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu for r in self.runs)


class BuildFailed(RuntimeError):
    pass


def timed(cmd: list[str], cwd: Path | None = None) -> Run:
    """Runs `cmd`, returns its wall time, peak RSS and CPU time.

    stdout and stderr go to a temporary file that is shown when the command
    fails (a pipe could fill up and stall a chatty child)."""
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"offersite-bench-{os.getpid()}.log"
    with open(log_path, "w+b") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-4000:]
            raise BuildFailed(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n{tail}")
    log_path.unlink(missing_ok=True)
    return Run(wall=wall, rss_kib=usage.ru_maxrss, cpu=usage.ru_utime + usage.ru_stime)


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


@dataclass
class Tree:
    files: int
    html: int  # HTML pages, not counting redirect stubs (Hugo's `page/1/`)
    bytes: int


def is_redirect_stub(path: str, size: int) -> bool:
    if size > 2048:
        return False
    with open(path, "rb") as f:
        return b'http-equiv="refresh"' in f.read()


def tree_stats(root: Path) -> Tree:
    files = html = size = 0
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            n = os.lstat(path).st_size
            files += 1
            size += n
            if name.endswith(".html") and not is_redirect_stub(path, n):
                html += 1
    return Tree(files, html, size)


def sh(cmd: list[str], **kw) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout.strip()


def machine_info(binary: Path | None = None) -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    info = {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
    }
    try:
        info["rustc"] = sh(["rustc", "--version"])
    except (OSError, subprocess.CalledProcessError):
        pass
    # The offersite measured is the one in the repository its binary was built in.
    repo = binary.resolve().parent if binary else REPO
    try:
        top = sh(["git", "-C", str(repo), "rev-parse", "--show-toplevel"])
        info["commit"] = f"{sh(['git', '-C', top, 'rev-parse', '--short', 'HEAD'])} of {top}"
        if sh(["git", "-C", top, "status", "--porcelain", "--untracked-files=no"]):
            info["commit"] += " (with uncommitted changes)"
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def print_machine(info: dict[str, str]) -> None:
    print(
        f"machine: {info['cores']} cores, {info['cpu']}, {info['memory']} RAM, "
        f"Linux {info['kernel']}"
    )
    if "rustc" in info:
        print(f"toolchain: {info['rustc']}; offersite at {info.get('commit', '?')}")


def cargo_build(examples: bool = True, also: list[str] | None = None) -> None:
    """Builds the release binary, with `gen_catalog` and the examples in
    `also`."""
    cmd = ["cargo", "build", "--release", "--bin", "offersite"]
    for example in (["gen_catalog"] if examples else []) + (also or []):
        cmd += ["--example", example]
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=REPO, check=True)


def generate(n: int, site: Path, hugo: Path | None) -> None:
    gen = REPO / "target" / "release" / "examples" / "gen_catalog"
    cmd = [str(gen), str(n), str(site), str(hugo) if hugo else "-"]
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=sys.stderr)


def snapshot(binary: Path, workdir: Path, name: str = "offersite-under-test") -> Path:
    """Copies the binary to measure into the work directory, so that a rebuild
    of the tree it came from during a long run cannot change what is timed."""
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / name
    shutil.copy2(binary, copy)
    return copy


def offersite_cmd(binary: Path, site: Path, out: Path) -> list[str]:
    return [str(binary), "build", "--root", str(site), "--out", str(out), "--now", NOW]


def check_cmd(binary: Path, site: Path) -> list[str]:
    return [str(binary), "check", "--root", str(site), "--now", NOW]


def fmt_mib(b: int) -> str:
    return f"{b / 1024 / 1024:.1f}"


# ---------------------------------------------------------------------------
# the benchmark
# ---------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], metavar="N")
    ap.add_argument("--runs", type=int, default=3, metavar="K", help="timed builds per size (default 3)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/offersite-bench"))
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "offersite")
    ap.add_argument("--no-build", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument(
        "--check",
        action="store_true",
        help="also run `offersite check` K times per size: its wall and CPU time and peak memory",
    )
    args = ap.parse_args()

    if not args.no_build:
        cargo_build()
    info = machine_info(args.bin)
    binary = snapshot(args.bin, args.workdir)
    rows = []
    for n in args.sizes:
        base = args.workdir / str(n)
        site, out = base / "site", base / "out"
        base.mkdir(parents=True, exist_ok=True)
        generate(n, site, None)
        series = Series("offersite")
        for i in range(args.runs + 1):  # the first build is a warm-up
            remove(out)
            run = timed(offersite_cmd(binary, site, out))
            label = "warm-up" if i == 0 else f"run {i}"
            print(f"N={n} {label}: {run.wall:.2f} s, {run.rss_kib / 1024:.0f} MiB", file=sys.stderr)
            if i:
                series.runs.append(run)
        tree = tree_stats(out)
        remove(out)
        checks = Series("check")
        for i in range(args.runs if args.check else 0):
            run = timed(check_cmd(binary, site))
            print(f"N={n} check {i + 1}: {run.wall:.2f} s, {run.rss_kib / 1024:.0f} MiB", file=sys.stderr)
            checks.runs.append(run)
        rows.append((n, series, tree, checks))

    print()
    print_machine(info)
    flags = " --check" if args.check else ""
    print(f"command: python3 benches/bench.py --sizes {' '.join(map(str, args.sizes))} --runs {args.runs}{flags}")
    print()
    extra_head = " check wall s | check CPU s | check peak RSS MiB |" if args.check else ""
    print(f"| offers | HTML pages | files | output MiB | wall s, median (min–max) | pages/s | CPU s | peak RSS MiB |{extra_head}")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + " ---: |" * (3 if args.check else 0))
    for n, s, t, c in rows:
        extra = f" {c.median:.2f} | {c.cpu_median:.2f} | {c.peak_rss_mib:.0f} |" if c.runs else ""
        print(
            f"| {n:,} | {t.html:,} | {t.files:,} | {fmt_mib(t.bytes)} | "
            f"{s.median:.2f} ({s.fastest:.2f}–{s.slowest:.2f}) | {t.html / s.median:,.0f} | "
            f"{s.cpu_median:.2f} | {s.peak_rss_mib:.0f} |{extra}"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "now": NOW,
                    "results": [
                        {
                            "offers": n,
                            "html_pages": t.html,
                            "files": t.files,
                            "bytes": t.bytes,
                            "wall_s": [r.wall for r in s.runs],
                            "cpu_s": [r.cpu for r in s.runs],
                            "peak_rss_kib": [r.rss_kib for r in s.runs],
                            "check_wall_s": [r.wall for r in c.runs],
                            "check_cpu_s": [r.cpu for r in c.runs],
                            "check_peak_rss_kib": [r.rss_kib for r in c.runs],
                        }
                        for n, s, t, c in rows
                    ],
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildFailed as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
