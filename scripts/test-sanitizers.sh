#!/usr/bin/env bash
# The test suite again, built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, with the libFuzzer targets run for a fixed number
# of iterations. Called by scripts/test.sh; needs clang (install-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-sanitize"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only \
  -DOBLIGE_SANITIZE=ON -DOBLIGE_FUZZ=ON -DOBLIGE_WERROR=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
cd "$build"
# The package tests (.deb build and install) ran in the release build already.
ctest --output-on-failure --timeout 600 -j "$(nproc)" -LE packaging
