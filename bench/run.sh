#!/usr/bin/env bash
# Whole-process benchmarks, repeatable by anyone:
#   1. one model folder, cold start: oblige vs licensee vs licensecheck
#   2. the license corpus (../shared/corpus, if present): oblige vs licensecheck
#   3. a generated tree of 200,000 files in 20,000 folders with 500 license
#      files: wall time, CPU use (both cores?) and peak memory
#   4. a generated Hugging Face cache with 1 TB of sparse weights (hf_cache.sh)
# Needs hyperfine, ruby-licensee and licensecheck (apt-get install hyperfine
# ruby-licensee licensecheck); python3 generates the tree.
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

echo "== 3. generated tree: 200,000 files in 20,000 folders, 500 license files"
python3 - "$work/tree" "$root/samples/qwen-chat/LICENSE" <<'PY'
import os, sys
root, license_text = sys.argv[1], open(sys.argv[2]).read()
n = 0
for d in range(20000):
    folder = os.path.join(root, f"g{d // 200}", f"m{d}")
    os.makedirs(folder)
    for f in range(10):
        with open(os.path.join(folder, f"file{f}.py"), "w") as out:
            out.write("x = 1\n")
    if d % 40 == 0:
        with open(os.path.join(folder, "LICENSE"), "w") as out:
            out.write(license_text)
        n += 1
print(f"  {n} license files")
PY
sync
/usr/bin/time -f "  oblige: %e s wall, %U s user + %S s system (%P CPU), %M KB peak" \
  "$oblige" scan "$work/tree" --quiet --fail-on none
rm -rf "$work/tree"

echo "== 4. Hugging Face cache with 1 TB of sparse weights"
"$root/bench/hf_cache.sh" "$oblige" 2>&1 | sed 's/^/  /'
