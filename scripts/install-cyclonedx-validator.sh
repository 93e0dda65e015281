#!/usr/bin/env bash
# Installs OWASP CycloneDX's JavaScript library (npm @cyclonedx/cyclonedx-library)
# with the optional parts of its JSON schema validator (ajv, ajv-formats,
# ajv-formats-draft2019) into .tools/cyclonedx, for the test that validates
# every CycloneDX BOM oblige writes (tests/tools/validate-cyclonedx.js).
# Prints the folder, for OBLIGE_CYCLONEDX_VALIDATOR.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/cyclonedx"
for package in @cyclonedx/cyclonedx-library@10.3.0 ajv@8 ajv-formats@3 ajv-formats-draft2019@1; do
  name="${package%@*}"
  if [ ! -f "$dir/node_modules/$name/package.json" ]; then
    "$root/scripts/install-npm-tool.sh" cyclonedx "$package"
  fi
done
echo "$dir"
