#!/usr/bin/env bash
# Installs the SPDX License List as the npm package spdx-license-list (CC0-1.0),
# pinned, into .tools/spdx-license-list. The build fingerprints its texts for
# the second tier of identification (see signatures/README.md); the texts
# never enter the repository. Prints the package folder.
set -euo pipefail
version=6.12.0
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/spdx-license-list"
pkg="$dir/node_modules/spdx-license-list"
if [ ! -f "$pkg/spdx-full.json" ] || ! grep -q "\"version\": \"$version\"" "$pkg/package.json"; then
  if ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm
  fi
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"name":"oblige-tools","private":true}' > package.json)
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --save-exact "spdx-license-list@$version")
fi
grep -q "\"version\": \"$version\"" "$pkg/package.json" || { echo "spdx-license-list $version did not install" >&2; exit 1; }
echo "$pkg"
