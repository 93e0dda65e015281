#!/usr/bin/env bash
# Walk benchmark: `oblige scan` against ripgrep listing the same license files
# (`rg --files -uu -g 'LICENSE*'`, its parallel walker with no ignore files),
# CPU time (user + system) side by side with the ratio, and the system calls
# each makes per file (strace -c -f), on generated trees:
#
#   200k  200,000 files in 20,000 folders, all under one top folder (so the
#         work must be split below the root to use both cores), 500 LICENSE
#   1m    1,000,000 files in 100,000 folders, 2,500 LICENSE
#
# Files other than the licenses are empty (no disk blocks). Each pair is run
# alternately, `runs` times, after a warm-up; the median CPU is shown.
#
#   bench/walk.sh [build/oblige] [runs=5] [trees="200k 1m"]
#
# With BEFORE=path/to/another/oblige, that binary is run in the same rounds
# too (a before/after comparison).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
oblige="$(realpath "${1:-$root/build/oblige}")"
runs="${2:-5}"
trees="${3:-200k 1m}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v rg >/dev/null || { echo "ripgrep missing (apt-get install ripgrep)"; exit 1; }

make_tree() {  # $1: folder, $2: folders, $3: top folder ("" for none)
  python3 - "$1" "$2" "$3" "$root/samples/qwen-chat/LICENSE" <<'PY'
import os, sys
root, folders, top, license_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
text = open(license_path).read()
base = os.path.join(root, top) if top else root
for d in range(folders):
    folder = os.path.join(base, f"g{d // 200}", f"m{d}")
    os.makedirs(folder)
    for f in range(10):
        open(os.path.join(folder, f"file{f}.py"), "w").close()
    if d % 40 == 0:
        with open(os.path.join(folder, "LICENSE"), "w") as out:
            out.write(text)
PY
}

# CPU seconds (user + system) of one run, and its wall time and CPU use.
cpu_of() {
  /usr/bin/time -f "%U %S %e %P" -o "$work/time" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.3f %.3f %s\n", $1 + $2, $3, $4}' "$work/time"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

syscalls_per_file() {  # $1: files, then the command
  local files="$1"
  shift
  strace -c -f -o "$work/strace" "$@" >/dev/null 2>&1 || true
  awk -v files="$files" '
    # % time, seconds, usecs/call, calls, [errors], syscall
    $1 ~ /^[0-9.]+$/ && NF >= 5 { calls[$NF] = $4 }
    END {
      total = calls["total"]
      printf "%.3f per file (%d calls):", total / files, total
      n = split("newfstatat statx openat getdents64 readlink readlinkat read close fstat", names, " ")
      for (i = 1; i <= n; i++) if (names[i] in calls) printf " %s %d", names[i], calls[names[i]]
      printf "\n"
    }' "$work/strace"
}

for tree in $trees; do
  case "$tree" in
    200k) folders=20000 top=repo ;;
    1m) folders=100000 top="" ;;
    *) echo "unknown tree $tree"; exit 1 ;;
  esac
  dir="$work/tree-$tree"
  make_tree "$dir" "$folders" "$top"
  files=$(find "$dir" -type f | wc -l)
  licenses=$(find "$dir" -name LICENSE | wc -l)
  sync
  echo "== $tree: $files files in $((folders + folders / 200 + 1)) folders, $licenses LICENSE files"
  o_cmd=("$oblige" scan "$dir" --quiet --fail-on none)
  r_cmd=(rg --files -uu -g 'LICENSE*' "$dir")
  "${o_cmd[@]}" >/dev/null 2>&1 || true
  "${r_cmd[@]}" >/dev/null 2>&1 || true
  : >"$work/o"
  : >"$work/r"
  : >"$work/b"
  for _ in $(seq 1 "$runs"); do
    cpu_of "${o_cmd[@]}" >>"$work/o"
    cpu_of "${r_cmd[@]}" >>"$work/r"
    if [ -n "${BEFORE:-}" ]; then cpu_of "$BEFORE" scan "$dir" --quiet --fail-on none >>"$work/b"; fi
  done
  o=$(cut -d' ' -f1 "$work/o" | median)
  r=$(cut -d' ' -f1 "$work/r" | median)
  ow=$(cut -d' ' -f2 "$work/o" | median)
  rw=$(cut -d' ' -f2 "$work/r" | median)
  op=$(cut -d' ' -f3 "$work/o" | tr -d % | median)
  rp=$(cut -d' ' -f3 "$work/r" | tr -d % | median)
  printf "  CPU (user+sys, median of %d): oblige %.3f s, rg %.3f s, ratio %.2f\n" "$runs" "$o" "$r" \
    "$(echo "$o / $r" | bc -l)"
  if [ -n "${BEFORE:-}" ]; then
    b=$(cut -d' ' -f1 "$work/b" | median)
    printf "  before ($BEFORE): %.3f s CPU, ratio to rg %.2f\n" "$b" "$(echo "$b / $r" | bc -l)"
  fi
  printf "  wall: oblige %.3f s (%s%% CPU), rg %.3f s (%s%% CPU)\n" "$ow" "$op" "$rw" "$rp"
  if command -v strace >/dev/null; then
    echo "  syscalls, oblige: $(syscalls_per_file "$files" "${o_cmd[@]}")"
    echo "  syscalls, rg:     $(syscalls_per_file "$files" "${r_cmd[@]}")"
    if [ -n "${BEFORE:-}" ]; then
      echo "  syscalls, before: $(syscalls_per_file "$files" "$BEFORE" scan "$dir" --quiet --fail-on none)"
    fi
  fi
  rm -rf "$dir"
done
