#!/usr/bin/env bash
# Installs action-validator (npm @action-validator/cli, which checks an
# action.yml against GitHub's schema) into .tools/action-validator, for the
# test that validates action.yml; prints the path of the command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/.tools/action-validator/node_modules/.bin/action-validator"
if [ ! -x "$tool" ]; then
  "$root/scripts/install-npm-tool.sh" action-validator @action-validator/cli@0.6.0
fi
echo "$tool"
