#!/usr/bin/env bash
# Byte-identical output check for a speed change: runs two oblige binaries
# over the shared corpora, the samples and a generated Hugging Face cache in
# every format (text, JSON, SARIF) and diffs what they print. Exits 1 on any
# difference.
#
#   bench/same_output.sh BEFORE_BINARY [AFTER_BINARY=build/oblige]
#
# With OBLIGE_SPDX_LICENSE_LIST_DIR set (the npm spdx-license-list package),
# the throughput set of bench/throughput_set.py (every SPDX text and corpus
# file, each as a LICENSE) is compared too: 3 runs more.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="$(realpath "$1")"
after="$(realpath "${2:-$root/build/oblige}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/hf_cache.py" "$work/cache" 30 1 "$root/samples"
targets=()
for d in "$root/../shared/corpus" "$root/../shared/corpus-new" "$root"/samples/*/; do
  [ -d "$d" ] && targets+=("scan:$(realpath "$d")")
done
# Each corpus folder alone too: a folder is one model, so each is judged.
for d in "$root"/../shared/corpus/*/ "$root"/../shared/corpus-new/*/; do
  [ -d "$d" ] && targets+=("scan:$(realpath "$d")")
done
targets+=("audit:$work/cache/hub")
if [ -n "${OBLIGE_SPDX_LICENSE_LIST_DIR:-}" ] && [ -d "$OBLIGE_SPDX_LICENSE_LIST_DIR/licenses" ]; then
  python3 "$root/bench/throughput_set.py" "$work/throughput" "$OBLIGE_SPDX_LICENSE_LIST_DIR/licenses" \
    "$root/../shared/corpus" >/dev/null
  targets+=("scan:$work/throughput")
fi
differ=0 runs=0
for t in "${targets[@]}"; do
  cmd="${t%%:*}" path="${t#*:}"
  for format in text json sarif; do
    (cd "$work" && "$before" "$cmd" "$path" --format "$format" --fail-on none --no-policy --color never \
      >"$work/b" 2>&1) || true
    (cd "$work" && "$after" "$cmd" "$path" --format "$format" --fail-on none --no-policy --color never \
      >"$work/a" 2>&1) || true
    runs=$((runs + 1))
    if ! cmp -s "$work/b" "$work/a"; then
      differ=$((differ + 1))
      echo "DIFFERS: $cmd $path --format $format"
      diff "$work/b" "$work/a" | head -20
    fi
  done
done
echo "$runs runs, $differ differ"
[ "$differ" = 0 ]
