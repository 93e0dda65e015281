#!/usr/bin/env bash
# check_completions.sh SHARE_DIR BIN_DIR
#
# The bash, zsh and fish completions installed under SHARE_DIR (PREFIX/share),
# loaded the way each shell finds them (bash-completion's loader over
# $XDG_DATA_DIRS, fish's vendor_completions.d over $XDG_DATA_DIRS, zsh's
# compinit over fpath), complete oblige's commands, options, --format values,
# license ids (asked of BIN_DIR/oblige itself), files and folders.
# Exits 0 when all do; prints every miss and exits 1 otherwise.
set -euo pipefail
share=$(cd "$1" && pwd)
bin=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
zsh_dir=$share/zsh/vendor-completions
[ -f "$zsh_dir/_oblige" ] || zsh_dir=$share/zsh/site-functions

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models/qwen-chat" "$work/home" "$work/empty"
touch "$work/models/notes.txt"
cd "$work/models"
# Only what is under SHARE_DIR: no user's or system's own oblige completion.
export PATH="$bin:$PATH" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export XDG_DATA_HOME="$work/home/.local/share" BASH_COMPLETION_USER_DIR="$work/empty"

# LINE, then the words completing it must offer. A trailing space in LINE
# starts a new, empty word.
checks=(
  "oblige sc|scan"
  "oblige |scan audit explain policy signatures"
  "oblige scan --fo|--format"
  "oblige scan --format |text json sarif"
  "oblige audit --fail-on |none note warning error"
  "oblige scan --color |auto always never"
  "oblige scan --st|--staged"
  "oblige audit --no-|--no-policy --no-builtin-signatures"
  "oblige explain apache|apache-2.0"
  "oblige policy |init"
  "oblige scan no|notes.txt"
)
# Folders: fish shows them with their slash.
folder_check=("oblige audit q|qwen-chat" "oblige audit q|qwen-chat/")

# bash: bash-completion loads the file on demand, as at a prompt; the function
# then runs with the words of LINE.
bash_complete() {
  XDG_DATA_DIRS="$share" bash --norc --noprofile -c '
    . /usr/share/bash-completion/bash_completion
    __load_completion oblige || { echo "bash-completion did not find oblige" >&2; exit 1; }
    [[ $(complete -p oblige) == *"-F _oblige"* ]] || exit 1
    read -ra COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$1 COMP_POINT=${#1}
    # compopt only works under readline: its complaint is not a failure.
    _oblige oblige "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' bash "$1"
}
# zsh starts slowly (compinit), so one session completes every line.
zsh_lines=()
for check in "${checks[@]}" "${folder_check[0]}"; do zsh_lines+=("${check%%|*}"); done
zsh -f "$here/zsh_complete.zsh" "$zsh_dir" "${zsh_lines[@]}" >"$work/zsh.out"

failures=0
for shell in bash zsh fish; do
  if ! command -v "$shell" >/dev/null; then
    echo "FAIL: $shell is not installed (scripts/install-deps.sh installs it)"
    failures=$((failures + 1))
    continue
  fi
  folder=${folder_check[0]}
  [ "$shell" != fish ] || folder=${folder_check[1]}
  for check in "${checks[@]}" "$folder"; do
    line=${check%%|*}
    case $shell in
      bash) got=$(bash_complete "$line") ;;
      zsh) got=$(awk -v want="> $line" '/^> / { on = ($0 == want); next } on' "$work/zsh.out") ;;
      fish) got=$(XDG_DATA_DIRS="$share" fish -c "complete -C '$line'" | cut -f1) ;;
    esac
    for word in ${check#*|}; do
      if ! grep -qxF -- "$word" <<<"$got"; then
        echo "FAIL $shell: '$line<TAB>' does not offer '$word'; it offers: $(tr '\n' ' ' <<<"$got")"
        failures=$((failures + 1))
      fi
    done
  done
done
if ((failures)); then
  echo "$failures completion checks failed"
  exit 1
fi
echo "completions: bash, zsh and fish complete oblige (${#checks[@]} lines each)"
