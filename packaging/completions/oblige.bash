# bash completion for oblige(1). Installed to
# share/bash-completion/completions/oblige, where bash-completion loads it on
# first use; it needs nothing from bash-completion and can also be sourced.

_oblige() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      scan | audit | merge | explain | policy | signatures) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done

  # The value of an option that takes one.
  case $prev in
    --format | -f)
      if [[ $cmd == signatures ]]; then
        mapfile -t COMPREPLY < <(compgen -W 'text json' -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -W 'text json sarif cyclonedx html jsonl' -- "$cur")
      fi
      return ;;
    --fail-on) mapfile -t COMPREPLY < <(compgen -W 'none note warning error' -- "$cur"); return ;;
    --color) mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur"); return ;;
    --output | -o | --policy) compopt -o filenames; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --signatures) compopt -o filenames; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    --max-file-size | --threads | --width | --category | --rev | --shard) return ;;
  esac

  if [[ -z $cmd ]]; then
    mapfile -t COMPREPLY < <(compgen -W 'scan audit merge explain policy signatures --version --help' -- "$cur")
    return
  fi

  local common='--format --output --fail-on --max-file-size --signatures --no-builtin-signatures
    --category --color --threads --quiet --sarif-notes --width --policy --no-policy'
  case $cmd in
    scan)
      if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$common --staged --rev --changed-only" -- "$cur")
      else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi ;;
    audit)
      if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$common --shard" -- "$cur")
      else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      fi ;;
    merge)
      if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$common" -- "$cur")
      else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi ;;
    explain)
      # License ids, from the signatures the binary itself knows.
      local ids
      ids=$("${COMP_WORDS[0]}" signatures --format json 2>/dev/null |
        sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p')
      mapfile -t COMPREPLY < <(compgen -W "$ids" -- "$cur") ;;
    policy)
      if [[ ${COMP_WORDS[COMP_CWORD-1]} == policy ]]; then
        mapfile -t COMPREPLY < <(compgen -W 'init' -- "$cur")
      elif [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W '--force' -- "$cur")
      else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi ;;
    signatures) mapfile -t COMPREPLY < <(compgen -W '--format' -- "$cur") ;;
  esac
}
complete -F _oblige oblige
