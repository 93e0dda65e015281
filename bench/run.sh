#!/usr/bin/env bash
# Whole-process benchmarks, repeatable by anyone:
#   1. one model folder, cold start: oblige vs licensee vs licensecheck
#   2. the license corpus (../shared/corpus, if present): oblige vs licensecheck
#   3. generated trees of 200,000 and 1,000,000 files (bench/walk.sh): CPU of
#      oblige against `rg --files -uu -g 'LICENSE*'` with the ratio, wall time
#      and CPU use (both cores?), system calls per file (strace -c -f)
#   4. a generated Hugging Face cache with 1 TB of sparse weights (hf_cache.sh)
# Needs hyperfine, ripgrep, strace, ruby-licensee and licensecheck (apt-get
# install hyperfine ripgrep strace ruby-licensee licensecheck); python3
# generates the trees. WALK_RUNS and WALK_TREES tune section 3.
#
#   bench/run.sh [build/oblige]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
oblige="$(realpath "${1:-$root/build/oblige}")"
corpus="$root/../shared/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
have() { command -v "$1" >/dev/null; }

echo "== 1. one model folder (samples/qwen-chat), whole process"
cmds=("$oblige scan $root/samples/qwen-chat --quiet --fail-on none")
have licensee && cmds+=("licensee detect $root/samples/qwen-chat")
have licensecheck && cmds+=("licensecheck -r $root/samples/qwen-chat")
hyperfine -N --warmup 3 --runs 20 -i "${cmds[@]}" 2>/dev/null | grep -E "Benchmark|Time|±|faster|slower" || true

if [ -d "$corpus" ]; then
  echo "== 2. the corpus ($(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1))"
  cmds=("$oblige scan $corpus --quiet --fail-on none")
  have licensecheck && cmds+=("licensecheck -r $corpus")
  hyperfine -N --warmup 1 --runs 5 -i "${cmds[@]}" 2>/dev/null | grep -E "Benchmark|Time|faster|slower" || true
  if have licensee; then
    # licensee's CLI reads one folder per call: time it over every corpus folder.
    start=$(date +%s.%N)
    for d in "$corpus"/*/; do licensee detect "$d" >/dev/null 2>&1 || true; done
    echo "  licensee detect, one call per folder: $(echo "$(date +%s.%N) - $start" | bc) s"
  fi
fi

echo "== 3. walking generated trees (200,000 and 1,000,000 files): oblige vs rg --files, CPU and syscalls"
"$root/bench/walk.sh" "$oblige" "${WALK_RUNS:-5}" "${WALK_TREES:-200k 1m}" 2>&1 | sed 's/^/  /'

echo "== 4. Hugging Face cache with 1 TB of sparse weights"
"$root/bench/hf_cache.sh" "$oblige" 2>&1 | sed 's/^/  /'
