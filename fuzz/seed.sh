#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds: the site's content, the test
# fixtures, and every input kept in tests/fuzz_regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in load_offer load_site front_matter markdown; do
  mkdir -p "fuzz/corpus/$t"
  cp tests/fuzz_regressions/$t/* "fuzz/corpus/$t/"
done
i=0
while IFS= read -r f; do
  i=$((i + 1))
  cp "$f" "fuzz/corpus/load_offer/seed-$i.yaml"
  cp "$f" "fuzz/corpus/load_site/seed-$i.yaml"
done < <(find content tests/fixtures -name '*.yaml' | sort)
while IFS= read -r f; do
  i=$((i + 1))
  cp "$f" "fuzz/corpus/front_matter/seed-$i.md"
  cp "$f" "fuzz/corpus/markdown/seed-$i.md"
done < <(find content tests/fixtures -name '*.md' | sort)
