# bash completion for pipeline. The words come from `pipeline __complete`, which knows the
# subcommands, their options and values, and the ids and stages of the repository at hand.
_pipeline() {
    local line=${COMP_LINE:0:COMP_POINT}
    local word=${COMP_WORDS[COMP_CWORD]}
    local -a found
    # One candidate a line, taken as it is: no word splitting, no file name expansion.
    mapfile -t found < <(command "${COMP_WORDS[0]}" __complete "$line" 2>/dev/null)
    # bash cuts words at ':' and '=' (COMP_WORDBREAKS): a reply replaces only the part typed
    # since the last of them, so what comes before it is taken off the candidates.
    # The cursor may be inside the word: what bash replaces is the part of it before the cursor.
    local typed=${line##*[[:space:]]} cur=$word n
    for ((n = ${#word}; n >= 0; n--)); do
        cur=${word:0:n}
        [[ $line == *"$cur" ]] && break
    done
    local lead=${typed%"$cur"}
    if [[ -n $lead && $lead != "$typed" ]]; then
        found=("${found[@]#"$lead"}")
    fi
    COMPREPLY=("${found[@]}")
    # A filter key (owner:) waits for its value: no space after it.
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *: ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -o bashdefault -o default -F _pipeline pipeline
