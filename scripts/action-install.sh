#!/usr/bin/env bash
# The GitHub Action's way to an installed oblige (action.yml), fastest first:
#
#   action-install.sh release DIR   download the released .deb of the version
#                                   the workflow asked for (uses: OWNER/REPO@vX.Y.Z)
#                                   into DIR and print its path; exit 1, saying
#                                   why, when there is none
#   action-install.sh key SOURCE    print the cache key of a build from SOURCE:
#                                   a hash of every file of the action (so of
#                                   every file the build reads, wherever the
#                                   sources move) and of the runner's OS release
#   action-install.sh build SOURCE DIR
#                                   build the Release .deb from SOURCE into DIR
#                                   (what actions/cache keeps, so the next run
#                                   installs it without compiling)
#   action-install.sh install DEB   install DEB and its dependencies with apt-get
#
# `release` reads $ACTION_REPOSITORY and $ACTION_REF (github.action_repository,
# github.action_ref), else takes them from $ACTION_PATH, and downloads from
# ${OBLIGE_RELEASE_BASE_URL:-https://github.com}/OWNER/REPO/releases/download/REF/.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

release() {
  local dest=$1 repo=${ACTION_REPOSITORY:-} ref=${ACTION_REF:-} version arch name url
  # Composite actions do not always get github.action_repository and
  # github.action_ref (actions/runner#2473); the runner unpacks the action in
  # _actions/OWNER/REPO/REF, which says the same.
  if [[ -z $repo || -z $ref ]] && [[ ${ACTION_PATH:-} =~ /_actions/([^/]+)/([^/]+)/([^/]+)/?$ ]]; then
    repo=${BASH_REMATCH[1]}/${BASH_REMATCH[2]}
    ref=${BASH_REMATCH[3]}
  fi
  if [[ -z $repo || -z $ref ]]; then
    echo "no released package: the action is not used from a repository at a ref" >&2
    return 1
  fi
  if [[ ! $ref =~ ^v?([0-9]+\.[0-9]+\.[0-9]+)$ ]]; then
    echo "no released package: $ref is not a version tag" >&2
    return 1
  fi
  version=${BASH_REMATCH[1]}
  arch=$(dpkg --print-architecture)
  name=oblige_${version}_${arch}.deb
  url=${OBLIGE_RELEASE_BASE_URL:-https://github.com}/$repo/releases/download/$ref/$name
  mkdir -p "$dest"
  if ! curl -fsSL --retry 3 -o "$dest/$name" "$url"; then
    rm -f "$dest/$name"
    echo "no released package at $url" >&2
    return 1
  fi
  if [ "$(dpkg-deb -f "$dest/$name" Package 2>/dev/null)" != oblige ] ||
    [ "$(dpkg-deb -f "$dest/$name" Version 2>/dev/null)" != "$version" ]; then
    rm -f "$dest/$name"
    echo "$url is not a package of oblige $version" >&2
    return 1
  fi
  echo "$dest/$name"
}

key() {
  local source=$1
  (
    cd "$source"
    find . \( -name .git -o -name node_modules -o -path './build*' -o -path ./.tools \) -prune \
      -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    grep -E '^(ID|VERSION_ID)=' /etc/os-release
    dpkg --print-architecture
  ) | sha256sum | cut -c1-32
}

build() {
  local source=$1 dest=$2 build_dir ref=${ACTION_REF:-}
  build_dir=${RUNNER_TEMP:-/tmp}/oblige-build
  "$source/scripts/install-deps.sh" --build
  local commit=()
  # A workflow that pins the action to a commit says which one it is.
  if [[ $ref =~ ^[0-9a-f]{40}$ ]]; then commit=(-DOBLIGE_GIT_COMMIT="${ref:0:12}"); fi
  cmake -S "$source" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "${commit[@]}"
  cmake --build "$build_dir" --parallel "$(nproc)"
  cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$build_dir/package"
  mkdir -p "$dest"
  cp "$build_dir"/package/oblige_*.deb "$dest/"
  ls "$dest"/oblige_*.deb
}

install() {
  local deb
  deb=$(realpath "$1")
  # The runner's package lists may be stale: refresh them only when needed.
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"
  fi
  oblige --version
}

command=${1:-}
shift || true
case $command in
  release) release "$@" ;;
  key) key "$@" ;;
  build) build "$@" ;;
  install) install "$@" ;;
  *)
    echo "usage: action-install.sh release DIR | key SOURCE | build SOURCE DIR | install DEB" >&2
    exit 2
    ;;
esac
