#!/usr/bin/env bash
# install_test.sh BUILD_DIR SOURCE_DIR (the CTest test "install_local_prefix")
#
# `cmake --install --strip` under a local prefix (as /usr/local would be)
# puts the binary, its modules (lib/oblige/), the man page and the
# completions in the folders each tool reads there, and the installed oblige,
# its modules and its completions work.
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}
prefix=$work/usr/local
cmake --install "$build" --prefix "$prefix" --strip
(cd "$prefix" && find . -type f | sort) | tee "$work/files"
diff <(printf '%s\n' ./bin/oblige ./lib/oblige/oblige-git.so ./lib/oblige/oblige-pdf.so \
  ./share/bash-completion/completions/oblige \
  ./share/fish/vendor_completions.d/oblige.fish ./share/man/man1/oblige.1.gz \
  ./share/zsh/site-functions/_oblige) "$work/files" || fail "unexpected installed files"
"$prefix/bin/oblige" --version | grep -qx "oblige .*" || fail "the installed oblige does not run"
for f in bin/oblige lib/oblige/oblige-git.so lib/oblige/oblige-pdf.so; do
  file "$prefix/$f" | grep -q ', stripped' || fail "--strip did not strip $f"
done
# Outside the build folder, the modules are found beside the installed binary.
"$source/tests/check_modules.sh" "$prefix/bin/oblige" "$source" || fail "the installed modules do not work"
for shell in bash zsh fish; do
  if ! command -v "$shell" >/dev/null; then
    echo "$shell is not installed (scripts/install-deps.sh installs it)"
    [ -z "${CI:-}" ] || exit 1
    exit 77
  fi
done
"$source/tests/completion/check_completions.sh" "$prefix/share" "$prefix/bin"
echo "install: OK"
