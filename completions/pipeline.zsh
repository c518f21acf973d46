#compdef pipeline
# zsh completion for pipeline. The words come from `pipeline __complete`, which knows the
# subcommands, their options and values, and the ids and stages of the repository at hand.
_pipeline() {
    local -a found keys plain
    # The words of this command alone (not what comes before it on the line: cd x &&, sudo),
    # then the word being completed, as far as the cursor.
    local line="${(j: :)${(@)words[1,CURRENT-1]}} $PREFIX"
    found=(${(f)"$(command pipeline __complete "$line" 2>/dev/null)"})
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
