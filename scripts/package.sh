#!/usr/bin/env bash
# Builds the release package: a Release build (no debug information) in
# build-release/, then CPack, which strips the binary and writes
# build-release/oblige_VERSION_ARCH.deb with its Depends worked out by
# dpkg-shlibdeps for the Debian (or Ubuntu) release it is built on. Attach it
# to the GitHub release vVERSION: the Action installs it from there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-release"
"$root/scripts/install-deps.sh" --build
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)"
(cd "$build" && cpack -G DEB)
ls "$build"/oblige_*.deb
