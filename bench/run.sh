#!/bin/sh
# The benchmark in one command: generates the repositories once (bench/data/, git-ignored),
# then times pipeline beside the PyYAML reference and prints medians, peak RSS and the targets.
#
#   bench/run.sh [PIPELINE_BINARY] [ROUNDS]        (default: build/pipeline, 5 rounds)
#
# Needs python3 with python3-yaml (Debian) and /usr/bin/time (Debian package time).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../build/pipeline}
rounds=${2:-5}
data=$here/data
[ -x "$binary" ] || { echo "bench/run.sh: no pipeline binary at $binary (build first, or pass its path)" >&2; exit 2; }
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || { echo "bench/run.sh: needs python3-yaml with its C loader" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
# Generated data is reused while the generator is unchanged.
stamp=$(cksum < "$here/generate.py" | cut -d' ' -f1)
for n in 100 1000 10000 100000; do
    if [ ! -f "$data/r$n/.generated-$stamp" ]; then
        rm -rf "$data/r$n"
        echo "generating $n projects in $data/r$n ..." >&2
        python3 "$here/generate.py" "$n" "$data/r$n"
        touch "$data/r$n/.generated-$stamp"
    fi
done
sleep 2  # files just written are not trusted by the cache for a second (its racy rule)
exec python3 "$here/measure.py" "$binary" "$data" --reps "$rounds"
