#!/usr/bin/env bash
# install-npm-tool.sh NAME PACKAGE@VERSION: installs an npm package into
# .tools/NAME (installing npm itself with apt-get if needed), for the tests
# that run a validator from npm. Used by install-sarif-validator.sh and
# install-action-validator.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/$1"
if ! command -v npm >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm
fi
mkdir -p "$dir"
(cd "$dir" && [ -f package.json ] || echo '{"name":"oblige-tools","private":true}' > package.json)
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$2")
