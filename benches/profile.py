#!/usr/bin/env python3
"""Where a build's CPU time goes: `perf record` of one `offersite build`,
each sample charged to the nearest offersite function on its stack (or to
Pagefind, or to the kernel), as a table of shares.

    python3 benches/profile.py SITE_DIR                 # output into a tmpfs directory
    python3 benches/profile.py SITE_DIR --out /tmp/o    # output onto a real disk
    python3 benches/profile.py SITE_DIR --inclusive tera::context::Context::insert qrcode::

Needs `perf` (Debian's linux-perf) and a release binary with line tables
(the release profile keeps them). Samples are CPU time on every thread, so
the shares hold on a busy machine too; seconds are not reported.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in benches/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, offersite_cmd  # noqa: E402

GENERICS = re.compile(r"<[^<>]*>")


def plain(frame: str) -> str:
    """A symbol without its generic arguments (nested ones too)."""
    while True:
        shorter = GENERICS.sub("", frame)
        if shorter == frame:
            return frame
        frame = shorter


def stacks(perf_data: Path) -> list[list[str]]:
    """Each sample's frames, innermost first; kernel frames start `[k] `."""
    text = subprocess.run(
        ["perf", "script", "-i", str(perf_data), "-F", "ip,sym", "--no-inline"],
        capture_output=True,
        text=True,
        errors="replace",
        check=True,
    ).stdout
    out, cur = [], []
    for line in text.splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        ip, _, sym = line.strip().partition(" ")
        cur.append(("[k] " if ip.startswith("ffffffff") else "") + (sym or "?"))
    if cur:
        out.append(cur)
    return out


def charge(frames: list[str]) -> str:
    """What a sample counts for: the kernel when its innermost frame is the
    kernel's, else Pagefind for the search index's work, else the nearest
    offersite function."""
    kernel = frames[0].startswith("[k] ")
    ours = next((plain(f) for f in frames if "offersite::" in f), None)
    pagefind = next((plain(f) for f in frames if f.startswith("pagefind::")), None)
    if pagefind and (ours is None or "search" in ours):
        return "pagefind: " + pagefind.replace("::{{closure}}", "")
    name = ours or "(no offersite frame)"
    return ("kernel, under " if kernel else "") + name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "offersite")
    ap.add_argument("--out", type=Path, help="output directory (default: a new one under /dev/shm)")
    ap.add_argument("--freq", type=int, default=299, help="samples per second per thread")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--inclusive", nargs="*", default=[], metavar="SYMBOL", help="also the share of stacks through these")
    args = ap.parse_args()
    if not shutil.which("perf"):
        raise SystemExit("profile: perf not found (apt-get install -y linux-perf)")

    work = Path(tempfile.mkdtemp(prefix="offersite-profile-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    out = args.out or work / "out"
    data = work / "perf.data"
    cmd = offersite_cmd(args.bin, args.site, out)
    print("$ perf record …", " ".join(cmd), file=sys.stderr)
    subprocess.run(
        ["perf", "record", "-F", str(args.freq), "-g", "--call-graph", "dwarf,32768", "-o", str(data), *cmd],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples = stacks(data)
    shutil.rmtree(work, ignore_errors=True)
    n = len(samples) or 1
    counts = collections.Counter(charge(s) for s in samples if s)
    print(f"{len(samples)} samples of `{' '.join(cmd)}`")
    print("\n| share | charged to |\n| ---: | --- |")
    for name, k in counts.most_common(args.top):
        print(f"| {100 * k / n:.1f}% | `{name}` |")
    for symbol in args.inclusive:
        k = sum(1 for s in samples if any(symbol in f for f in s))
        print(f"\nthrough `{symbol}`: {100 * k / n:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
