#!/usr/bin/env bash
# Installs the SPDX License List as the npm package spdx-license-list (CC0-1.0),
# pinned, into .tools/spdx-license-list. The build fingerprints its texts for
# the second tier of identification (see signatures/README.md); the texts
# never enter the repository. Prints the package folder. Run by
# scripts/test.sh (CI), so that the tier and its tests are built there.
set -euo pipefail
version=6.12.0
root="$(cd "$(dirname "$0")/.." && pwd)"
pkg="$root/.tools/spdx-license-list/node_modules/spdx-license-list"
if [ ! -f "$pkg/spdx-full.json" ] || ! grep -q "\"version\": \"$version\"" "$pkg/package.json"; then
  "$root/scripts/install-npm-tool.sh" spdx-license-list "spdx-license-list@$version" >&2
fi
grep -q "\"version\": \"$version\"" "$pkg/package.json" || { echo "spdx-license-list $version did not install" >&2; exit 1; }
echo "$pkg"
