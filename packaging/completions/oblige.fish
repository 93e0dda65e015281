# fish completion for oblige(1). Installed to
# share/fish/vendor_completions.d/oblige.fish.

set -l commands scan audit merge explain policy signatures
set -l report_commands scan audit merge

complete -c oblige -f
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a scan -d 'Scan folders or files'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a audit -d 'Audit a model cache'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a merge -d 'Merge sharded audits'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a explain -d "A license's obligations"
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a policy -d 'Write a policy file'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -a signatures -d 'Every license oblige knows'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Version, commit and signature data'
complete -c oblige -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Commands and options'

# Operands: files and folders for scan, folders for audit, ids for explain.
complete -c oblige -n '__fish_seen_subcommand_from scan' -F
complete -c oblige -n '__fish_seen_subcommand_from audit' -a '(__fish_complete_directories)'
complete -c oblige -n '__fish_seen_subcommand_from merge' -F
complete -c oblige -n '__fish_seen_subcommand_from audit' -l shard -x -d 'The I-th of N parts of the models'
complete -c oblige -n '__fish_seen_subcommand_from explain' -a '(oblige signatures --format json 2>/dev/null | string replace -rf \'^\s*"id":\s*"([^"]*)".*\' \'$1\')'
complete -c oblige -n '__fish_seen_subcommand_from policy; and not __fish_seen_subcommand_from init' -a init -d 'Write a commented .oblige.yml'
complete -c oblige -n '__fish_seen_subcommand_from init' -F
complete -c oblige -n '__fish_seen_subcommand_from init' -l force -d 'Overwrite an existing file'

complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -s f -l format -x -a 'text json sarif cyclonedx html jsonl' -d 'Output format'
complete -c oblige -n '__fish_seen_subcommand_from signatures' -s f -l format -x -a 'text json' -d 'Output format'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -s o -l output -r -F -d 'Write the report to FILE'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l fail-on -x -a 'none note warning error' -d 'Exit 1 at or above LEVEL'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l max-file-size -x -d 'Skip license files larger than SIZE'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l signatures -x -a '(__fish_complete_directories)' -d 'Also load the signatures in DIR'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l no-builtin-signatures -d 'Only the --signatures folders'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l category -x -d 'SARIF automationDetails.id'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l color -x -a 'auto always never' -d 'Colour in the text report'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l threads -x -d 'Files read in parallel'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -s q -l quiet -d 'Print nothing; use the exit status'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l sarif-notes -d 'SARIF: also the informational notes'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l width -x -d 'Audit table width'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l policy -r -F -d 'Judge the findings against FILE'
complete -c oblige -n "__fish_seen_subcommand_from $report_commands" -l no-policy -d 'Ignore any .oblige.yml'
complete -c oblige -n '__fish_seen_subcommand_from scan' -l staged -d 'Scan the git index'
complete -c oblige -n '__fish_seen_subcommand_from scan' -l rev -x -d 'Scan a commit, tag or branch'
complete -c oblige -n '__fish_seen_subcommand_from scan' -l changed-only -d 'With --staged: changed files only'
