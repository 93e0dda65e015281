#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool) into
# .tools/sarif, for the test that validates every SARIF oblige writes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/sarif"
tool="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$tool" ]; then
  if ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm
  fi
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"name":"oblige-tools","private":true}' > package.json)
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool@5.7.0)
  # npm does not run the package's postinstall script that marks it executable.
  chmod u+x "$tool"
fi
echo "$tool"
