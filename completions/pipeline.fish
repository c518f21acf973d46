# fish completion for pipeline. The words come from `pipeline __complete`, which knows the
# subcommands, their options and values, and the ids and stages of the repository at hand;
# where it knows none (a file, a folder), fish offers files.
function __pipeline_complete
    command pipeline __complete (commandline -cp) 2>/dev/null
end
function __pipeline_knows
    set -l words (__pipeline_complete)
    test (count $words) -gt 0
end
complete -c pipeline -f -n __pipeline_knows -a '(__pipeline_complete)'
