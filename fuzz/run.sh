#!/usr/bin/env bash
# Run one fuzz target for SECONDS seconds (default 180) on stable Rust.
# Usage: fuzz/run.sh <target> [seconds]
set -euo pipefail
cd "$(dirname "$0")"
t=$1
secs=${2:-180}
case $t in
  markdown|front_matter) dict=markdown.dict ;;
  *) dict=yaml.dict ;;
esac
[ -d "corpus/$t" ] || ./seed.sh
RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "corpus/$t" -- \
  -dict="$dict" -max_total_time="$secs" \
  -rss_limit_mb=4096 -timeout=10 -max_len=16384 -print_final_stats=1
