#!/usr/bin/env bash
# The README's first command: install the dependencies, build oblige, and scan
# a bundled sample model folder, printing the text report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" --parallel "$(nproc)" --target oblige
echo
echo "\$ build/oblige scan samples/qwen-chat"
# Exit status 1 only means findings at or above --fail-on; the quick start
# shows the report either way.
"$root/build/oblige" scan "$root/samples/qwen-chat" || [ $? -eq 1 ]
