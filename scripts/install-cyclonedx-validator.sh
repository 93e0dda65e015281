#!/usr/bin/env bash
# Installs OWASP CycloneDX's JavaScript library (npm @cyclonedx/cyclonedx-library)
# with its optional JSON schema validator (ajv, ajv-formats,
# ajv-formats-draft2019) into .tools/cyclonedx, for the test that validates
# every CycloneDX BOM oblige writes. Prints the folder to give as
# OBLIGE_CYCLONEDX_VALIDATOR (the node_modules it holds).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/cyclonedx"
if [ ! -f "$dir/node_modules/@cyclonedx/cyclonedx-library/package.json" ] ||
   [ ! -f "$dir/node_modules/ajv-formats-draft2019/package.json" ]; then
  if ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm
  fi
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"name":"oblige-tools","private":true}' > package.json)
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error \
    @cyclonedx/cyclonedx-library@10.3.0 ajv@8 ajv-formats@3 ajv-formats-draft2019@1)
fi
echo "$dir"
