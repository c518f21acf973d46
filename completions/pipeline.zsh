#compdef pipeline
# zsh completion for pipeline. The words come from `pipeline __complete`, which knows the
# subcommands, their options and values, and the ids and stages of the repository at hand.
_pipeline() {
    local -a found keys plain
    found=(${(f)"$(command pipeline __complete "$LBUFFER" 2>/dev/null)"})
    if (( ${#found} == 0 )); then
        _files
        return
    fi
    keys=(${(M)found:#*:})
    plain=(${found:#*:})
    (( ${#plain} )) && compadd -- $plain
    # A filter key (owner:) waits for its value: no space after it.
    (( ${#keys} )) && compadd -S '' -- $keys
    return 0
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _pipeline "$@"
else
    compdef _pipeline pipeline
fi
