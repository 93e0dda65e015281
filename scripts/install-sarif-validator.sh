#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool) into
# .tools/sarif, for the test that validates every SARIF oblige writes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/.tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$tool" ]; then
  "$root/scripts/install-npm-tool.sh" sarif @microsoft/sarif-multitool@5.7.0
  # npm does not run the package's postinstall script that marks it executable.
  chmod u+x "$tool"
fi
echo "$tool"
