#!/usr/bin/env bash
# Benchmark: `oblige audit` on a generated Hugging Face cache of 50 models
# with 1 TB of sparse weight files, against the same cache without weights.
# Prints wall time and peak memory of each run (/usr/bin/time), and the
# number of weight files oblige opened (strace; must be 0), and the system
# calls per model.
#
#   bench/hf_cache.sh [build/oblige] [models=50] [gigabytes per model=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
oblige="${1:-$root/build/oblige}"
models="${2:-50}"
size_gb="${3:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

make_cache() {  # $1: folder, $2: 1 to add weights
  local hub="$1/hub" i repo rev
  for i in $(seq 1 "$models"); do
    repo="$hub/models--org$i--model-$i"
    rev=$(printf '%040d' "$i")
    mkdir -p "$repo/blobs" "$repo/refs" "$repo/snapshots/$rev"
    echo "$rev" > "$repo/refs/main"
    cp "$root/samples/qwen-chat/LICENSE" "$repo/blobs/lic$i"
    printf -- '---\nlicense: other\nlicense_name: tongyi-qianwen\n---\n# model %s\n' "$i" > "$repo/blobs/card$i"
    ln -s ../../blobs/lic$i "$repo/snapshots/$rev/LICENSE"
    ln -s ../../blobs/card$i "$repo/snapshots/$rev/README.md"
    if [ "$2" = 1 ]; then
      for shard in 1 2 3 4; do
        truncate -s "$((size_gb * 1024 / 4))M" "$repo/blobs/w$i-$shard"
        ln -s ../../blobs/w$i-$shard "$repo/snapshots/$rev/model-0000$shard-of-00004.safetensors"
      done
    fi
  done
}

make_cache "$work/with" 1
make_cache "$work/without" 0
echo "cache: $models models, $(du -sh --apparent-size "$work/with/hub" | cut -f1) apparent size with weights"
for variant in with without; do
  "$oblige" audit "$work/$variant/hub" --quiet || true  # warm the page cache
  /usr/bin/time -f "$variant weights: %e s wall, %M KB peak" "$oblige" audit "$work/$variant/hub" --quiet || true
done
if command -v strace >/dev/null; then
  opened=$(strace -f -e trace=openat "$oblige" audit "$work/with/hub" --quiet 2>&1 | grep -c 'blobs/w' || true)
  echo "weight files opened: $opened"
fi
if command -v strace >/dev/null; then
  # Link resolution: readlink against the canonical snapshot folder, not a
  # canonical() (a stat per component) per link.
  strace -c -f -o "$work/strace" "$oblige" audit "$work/with/hub" --quiet >/dev/null 2>&1 || true
  awk -v models="$models" '$1 ~ /^[0-9.]+$/ && NF >= 5 { calls[$NF] = $4 }
    END { printf "system calls per model: %.1f (newfstatat %.1f, readlink %.1f, openat %.1f)\n",
          calls["total"] / models, calls["newfstatat"] / models, (calls["readlink"] + calls["readlinkat"]) / models,
          calls["openat"] / models }' "$work/strace"
fi
