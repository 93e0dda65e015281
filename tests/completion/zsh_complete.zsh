# zsh -f zsh_complete.zsh FPATH_DIR 'COMMAND LINE'...
#
# For each COMMAND LINE, prints a line '> COMMAND LINE' and then, one per
# line, the candidates zsh's completion system offers when TAB is pressed at
# its end: in one real interactive zsh on a pseudo-terminal (zsh/zpty) whose
# fpath starts with FPATH_DIR. compadd is wrapped to print every candidate
# between \x01 and \x02; a \x03 printed by the next command marks the end.
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PROMPT='' ; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; local h; for h in $__hits; do print -rn -- $'"'"'\x01'"'"'$h$'"'"'\x02'"'"'; done; builtin compadd "$@" }'
zpty -w z 'bindkey "^I" complete-word'
shift
for line in "$@"; do
  zpty -w z "$line"$'\t'
  zpty -w z $'\C-u'"print -rn -- \$'\\x03'"
  zpty -r z out $'*\x03*' || exit 2
  print -r -- "> $line"
  print -rn -- ${out%%$'\x03'*} | tr -d '\r\n' | grep -ao $'\x01[^\x01\x02]*\x02' | tr -d '\001\002' | sort -u
done
zpty -d z
