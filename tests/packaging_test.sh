#!/usr/bin/env bash
# packaging_test.sh BUILD_DIR SOURCE_DIR (the CTest test "packaging")
#
# Builds oblige_VERSION_ARCH.deb from BUILD_DIR with CPack, reusing the binary
# already built there; checks its control data, its file list, and that its
# Depends (from dpkg-shlibdeps) name the package of every shared library the
# binary loads, and that this machine's packages satisfy them (what apt-get
# would check before installing); installs it with dpkg into a throwaway root;
# and runs what landed there: oblige --version, a scan of samples/qwen-chat,
# the man page, and the bash, zsh and fish completions.
# Exit 77 (skipped) when a Debian packaging tool is missing, unless $CI is set.
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)

missing=()
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps file apt-get groff bash zsh fish; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} (scripts/install-deps.sh installs them)"
  [ -z "${CI:-}" ] || exit 1
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}
step() { echo "== $* (at ${SECONDS}s)"; }

step "cpack from $build"
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  fail "cpack failed"
fi
version=$("$build/oblige" --version | sed -n '1s/^oblige //p')
arch=$(dpkg --print-architecture)
deb=$work/out/oblige_${version}_${arch}.deb
[ -f "$deb" ] || fail "cpack did not write $(basename "$deb"): $(ls "$work/out")"
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"

step "control data"
dpkg-deb -I "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = oblige ] || fail "Package is not oblige"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture is not $arch"
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "no Depends"

step "file list"
dpkg-deb -c "$deb" | awk '{print $NF}' | grep -v '/$' | sort >"$work/files"
cat "$work/files"
for expected in ./usr/bin/oblige ./usr/lib/oblige/oblige-git.so ./usr/lib/oblige/oblige-pdf.so \
  ./usr/share/man/man1/oblige.1.gz \
  ./usr/share/bash-completion/completions/oblige ./usr/share/zsh/vendor-completions/_oblige \
  ./usr/share/fish/vendor_completions.d/oblige.fish; do
  grep -qxF "$expected" "$work/files" || fail "the package has no $expected"
done
[ "$(wc -l <"$work/files")" -eq 7 ] || fail "the package holds files it should not"

step "dpkg --install into a throwaway root"
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# The dependencies are the host's, not in the throwaway root's database.
if ! dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless \
  --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1; then
  cat "$work/dpkg.log"
  fail "dpkg could not install the package"
fi
oblige=$root/usr/bin/oblige
[ "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' oblige)" = "install ok installed" ] ||
  fail "dpkg does not list oblige as installed"

step "every shared library the binary and its modules need comes from a package in Depends"
# Depends: "libc6 (>= 2.34), libre2-9 (>= 20220601), ..." -> one name a line.
tr -s ',|' '\n' <<<"$depends" | sed 's/(.*//; s/ //g' | grep . >"$work/depends"
modules=("$root/usr/lib/oblige/oblige-git.so" "$root/usr/lib/oblige/oblige-pdf.so")
mapfile -t sonames < <(for elf in "$oblige" "${modules[@]}"; do
  readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
done | sort -u)
[ "${#sonames[@]}" -gt 0 ] || fail "readelf lists no NEEDED library"
# One dpkg -S for all (each call reads every package's file list). It prints
# "PACKAGE[:ARCH][, PACKAGE...]: PATH".
dpkg -S "${sonames[@]/#/*/}" 2>/dev/null >"$work/owners" || true
for soname in "${sonames[@]}"; do
  owners=$(awk -F': ' -v lib="$soname" '{ n = split($2, p, "/") } p[n] == lib { print $1 }' "$work/owners" |
    sed 's/:[a-z0-9]*//g' | tr -s ', ' '\n' | sort -u)
  found=
  for package in $owners; do
    if grep -qxF "$package" "$work/depends"; then found=$package; fi
  done
  [ -n "$found" ] || fail "$soname (from: ${owners:-no package}) is not covered by Depends: $depends"
  echo "$soname: $found"
done
# Each "PACKAGE (OP VERSION)" of Depends, or one of its "|" alternatives, is
# installed here at a version that satisfies it.
while read -r alternatives; do
  satisfied=
  while read -r package op wanted; do
    installed=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null) || continue
    op=${op#(} wanted=${wanted%)}
    if [ -z "$op" ] || dpkg --compare-versions "$installed" "$op" "$wanted"; then satisfied=$package; fi
  done < <(tr -s '|' '\n' <<<"$alternatives")
  [ -n "$satisfied" ] || fail "this machine does not satisfy: $alternatives"
done < <(tr -s ',' '\n' <<<"$depends")
for elf in "$oblige" "${modules[@]}"; do
  file "$elf" | grep -q ', stripped' || fail "$elf is not stripped: $(file "$elf")"
done
if readelf -S "$oblige" | grep -q '\.debug_'; then fail "the installed binary holds debug information"; fi
echo "installed binary: $(stat -c %s "$oblige") bytes, stripped"

step "the installed oblige runs"
cp -r "$source/samples/qwen-chat" "$work/qwen-chat"
cd "$work"
"$oblige" --version | tee "$work/version"
diff <("$build/oblige" --version) "$work/version" || fail "the installed --version differs from the build's"
set +e
"$oblige" scan qwen-chat >"$work/scan.txt"
status=$?
set -e
cat "$work/scan.txt"
[ "$status" -eq 0 ] || fail "scan exited $status"
grep -q 'Tongyi Qianwen License Agreement \[tongyi-qianwen-2023\]  LICENSE:1-' "$work/scan.txt" ||
  fail "the scan did not identify the Qwen license"
"$source/tests/check_modules.sh" "$oblige" "$source" || fail "the installed modules do not work"

step "man page"
page=$root/usr/share/man/man1/oblige.1.gz
zcat "$page" | groff -man -Tutf8 -ww -z 2>"$work/groff.err" || fail "groff failed"
[ ! -s "$work/groff.err" ] || fail "the man page has roff warnings: $(cat "$work/groff.err")"
zcat "$page" | groff -man -Tascii -P-cbou 2>/dev/null >"$work/man.txt"
grep -q "oblige $version" "$work/man.txt" || fail "the man page does not name version $version"
grep -q -- '--changed-only' "$work/man.txt" || fail "the man page does not render --changed-only"

step "completions"
"$source/tests/completion/check_completions.sh" "$root/usr/share" "$root/usr/bin"
echo "packaging: OK"
