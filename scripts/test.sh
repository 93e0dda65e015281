#!/usr/bin/env bash
# The README's second command, and what CI runs: install the dependencies, the
# SARIF and CycloneDX validators and action-validator, build everything with warnings as
# errors (the .deb and install tests package this build), run the whole
# test suite under CTest, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer with the fuzzers (scripts/test-sanitizers.sh;
# OBLIGE_SKIP_SANITIZERS=1 skips that part on a developer's machine).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
OBLIGE_SARIF_MULTITOOL="$("$root/scripts/install-sarif-validator.sh" | tail -n 1)"
OBLIGE_ACTION_VALIDATOR="$("$root/scripts/install-action-validator.sh" | tail -n 1)"
export OBLIGE_SARIF_MULTITOOL OBLIGE_ACTION_VALIDATOR
export OBLIGE_REQUIRE_SARIF_VALIDATOR=1
OBLIGE_CYCLONEDX_VALIDATOR="$("$root/scripts/install-cyclonedx-validator.sh" | tail -n 1)"
export OBLIGE_CYCLONEDX_VALIDATOR
# The SPDX License List tier (npm spdx-license-list): required here, so that
# its tests run (they skip without it on a developer's machine).
OBLIGE_SPDX_LICENSE_LIST_DIR="$("$root/scripts/install-spdx-license-list.sh" | tail -n 1)"
export OBLIGE_SPDX_LICENSE_LIST_DIR
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DOBLIGE_WERROR=ON \
  -DOBLIGE_SPDX_TIER=ON "-DOBLIGE_SPDX_LICENSE_LIST_DIR=$OBLIGE_SPDX_LICENSE_LIST_DIR" >/dev/null
cmake --build "$root/build" --parallel "$(nproc)"
(cd "$root/build" && ctest --output-on-failure --timeout 300 -j "$(nproc)")
if [ "${OBLIGE_SKIP_SANITIZERS:-0}" != 1 ]; then
  "$root/scripts/test-sanitizers.sh"
fi
