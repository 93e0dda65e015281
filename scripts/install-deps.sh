#!/usr/bin/env bash
# Installs what oblige needs to build and test on Debian 12, with apt-get.
# Idempotent: packages already installed are not fetched again.
# --build: only what building the binary and its .deb needs (the GitHub
# Action's fallback, on Debian or Ubuntu).
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libre2-dev libgit2-dev libboost-filesystem-dev nlohmann-json3-dev
  libyaml-cpp-dev libpoppler-cpp-dev
  dpkg-dev file   # the .deb: dpkg-shlibdeps works out its Depends
)
if [ "${1:-}" != --build ]; then
  packages+=(
    git catch2
    poppler-utils   # pdftotext, used by tests only
    chromium        # headless, to read the HTML report back in tests only
    pre-commit      # the pre-commit framework, for the hook test
    clang libclang-rt-14-dev  # sanitizer and libFuzzer builds (test-sanitizers.sh)
    bash-completion zsh fish groff-base  # the completion and man page tests
    jq              # the Action's job summary, and its test
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
