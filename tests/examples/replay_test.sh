#!/bin/sh
# examples/replay-2026.py end to end: examples/sales replayed as one git commit per Monday of
# 2026, then what a sales manager asks of the history. The figures were worked out by hand
# from the replayed files (the rules are in the script's docstring and in
# examples/sales/README.md, "History: replaying 2026 into git").
# Usage: replay_test.sh PIPELINE_BINARY
set -eu
case $1 in /*) binary=$1 ;; *) binary=$(pwd)/$1 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1
repo=$tmp/sales

fail() { echo "FAIL: $*" >&2; exit 1; }
pipeline() { "$binary" -C "$repo" --lang en --today 2026-11-23 "$@"; }
# expect NAME FILE: FILE must equal the here-doc on standard input.
expect() {
    cat > "$tmp/expected"
    cmp -s "$tmp/expected" "$2" || { diff "$tmp/expected" "$2" >&2 || true; fail "$1"; }
}

# ---- the replay ----
"$python" "$root/examples/replay-2026.py" "$repo" > "$tmp/out" || fail "the replay failed"
expect "replay summary" "$tmp/out" <<EOF
$repo: 47 weekly commits, 2026-01-05 to 2026-11-23, 30 projects
EOF
mkdir "$tmp/full"; echo x > "$tmp/full/x"
"$python" "$root/examples/replay-2026.py" "$tmp/full" 2>/dev/null && fail "the replay wrote into a folder that is not empty"

git -C "$repo" log --reverse --format='%ad %an' --date=format:'%Y-%m-%d %H:%M %z %u' > "$tmp/log"
[ "$(wc -l < "$tmp/log")" -eq 47 ] || fail "not 47 commits"
head -n 1 "$tmp/log" | grep -qx '2026-01-05 18:00 +0800 1 销售运营' || fail "first commit: $(head -n 1 "$tmp/log")"
tail -n 1 "$tmp/log" | grep -qx '2026-11-23 18:00 +0800 1 销售运营' || fail "last commit: $(tail -n 1 "$tmp/log")"
grep -v ' 18:00 +0800 1 ' "$tmp/log" && fail "a commit that is not on a Monday at 18:00 +0800"

# The last week gives back examples/sales.
diff -r "$root/examples/sales/projects" "$repo/projects" >&2 || fail "the last week differs from examples/sales"
diff -r "$root/examples/sales/customers" "$repo/customers" >&2 || fail "the last week's customers differ from examples/sales"
cmp -s "$root/examples/sales/pipeline.yaml" "$repo/pipeline.yaml" || fail "pipeline.yaml differs"

# The same input gives the same commits: a replay to a Wednesday ends at that Monday's commit.
"$python" "$root/examples/replay-2026.py" "$tmp/march" --to 2026-03-04 > /dev/null
[ "$(git -C "$tmp/march" rev-parse HEAD)" = "$(git -C "$repo" log -1 --format=%H --before=2026-03-03T00:00+08:00)" ] ||
    fail "a replay to 2026-03-04 does not end at the commit of 2026-03-02"

# ---- every week checks clean, and every commit only appends recorded moves ----
# (exit status 0: no errors, warnings allowed — pipeline(1), EXIT STATUS)
git -C "$repo" worktree add -q --detach "$tmp/week" HEAD
first=$(git -C "$repo" rev-list --max-parents=0 HEAD)
for commit in $(git -C "$repo" rev-list --reverse HEAD); do
    day=$(git -C "$repo" log -1 --format=%cd --date=format:%Y-%m-%d "$commit")
    git -C "$tmp/week" checkout -q --detach "$commit"
    status=0
    "$binary" -C "$tmp/week" --lang en --no-cache check --brief --today "$day" > "$tmp/check" 2>&1 || status=$?
    if [ "$status" -ne 0 ] || grep -q ': error: ' "$tmp/check"; then
        cat "$tmp/check" >&2; fail "week $day: check exited $status"
    fi
    [ "$commit" = "$first" ] && continue
    status=0
    "$binary" -C "$tmp/week" --lang en --no-cache check --brief --today "$day" --base "$commit~1" > "$tmp/check" 2>&1 || status=$?
    if [ "$status" -ne 0 ] || grep -q ': error: ' "$tmp/check"; then
        cat "$tmp/check" >&2; fail "week $day: check --base the week before exited $status"
    fi
done

# ---- trend: the open pipeline at the start of each month ----
# (CSV lines end in CRLF, RFC 4180)
pipeline trend --every month --from 2026-01-01 --to 2026-11-01 --format csv | tr -d '\r' > "$tmp/trend.csv"
# One row a point; 2026-01-01 is before the first commit (2026-01-05) and left out.
cut -d, -f1 "$tmp/trend.csv" > "$tmp/dates"
expect "trend: one row a month" "$tmp/dates" <<'EOF'
date
2026-02-01
2026-03-01
2026-04-01
2026-05-01
2026-06-01
2026-07-01
2026-08-01
2026-09-01
2026-10-01
2026-11-01
EOF
# date, projects, amount, weighted, pipeline, best_case, commit, won, won amount (the commit id left out).
# 2026-10-01 stands at the commit of 2026-09-28: 17 open projects; BJ-2026-002 won on 2026-09-28.
# 2026-11-01 stands at the commit of 2026-10-26: 16 open; HZ-2026-003 (relations, 10 % higher
# until tender) 5,346,000 at 80 %; GZ-2026-013 in tender at its real 3,200,000; nothing won in October.
grep -E '^2026-1[01]-01,' "$tmp/trend.csv" | cut -d, -f1,3- > "$tmp/rows"
expect "trend: the rows of October and November" "$tmp/rows" <<'EOF'
2026-10-01,17,77152001.30,51785751.12,9655000.00,18936000.00,48561001.30,1,8450000.00
2026-11-01,16,75337001.30,55093851.20,6400000.00,16085000.00,52852001.30,0,0.00
EOF

# ---- report slippage: who keeps pushing the close ----
pipeline report slippage --format json > "$tmp/slippage.json"
"$python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("commits", d["commits"], "pulls", d["pulls"], "amount changes", d["amount_changes"])
for p in d["projects"][:3]:
    print(p["id"], p["pushes"], p["days_pushed"], p["first_close"], p["expected_close"])
top = d["projects"][0]
print(" ".join(m["date"] + ">" + m["close_to"] for m in top["moves"]))
for p in sorted(d["projects"], key=lambda p: p["id"]):
    if p["first_amount"] != p["amount"]:
        print(p["id"], "%.2f" % p["first_amount"], "%.2f" % p["amount"])
' "$tmp/slippage.json" > "$tmp/slippage"
expect "report slippage" "$tmp/slippage" <<'EOF'
commits 46 pulls 0 amount changes 5
BJ-2026-001 8 244 2026-04-30 2026-12-30
TJ-2026-003 7 332 2026-06-30 2027-05-28
NB-2026-006 7 241 2026-06-30 2027-02-26
2026-04-20>2026-05-31 2026-05-18>2026-06-30 2026-06-22>2026-07-31 2026-07-20>2026-08-31 2026-08-17>2026-09-30 2026-09-21>2026-10-31 2026-10-19>2026-11-30 2026-10-26>2026-12-30
GZ-2026-013 3520000.00 3200000.00
HZ-2026-003 5346000.00 4860000.00
SZ-2026-003 4532000.00 4120000.00
TJ-2026-003 4378000.00 3980000.00
WH-2026-003 1815000.00 1650000.00
EOF

# ---- report calibration: the files' own histories, so the same as examples/sales ----
pipeline report calibration --period 2026 --format json > "$tmp/calibration.json" || fail "report calibration failed"
"$binary" -C "$root/examples/sales" --lang en --today 2026-11-23 --no-cache report calibration --period 2026 --format json \
    > "$tmp/calibration-files.json"
cmp -s "$tmp/calibration.json" "$tmp/calibration-files.json" || fail "report calibration differs from examples/sales"
"$python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["closed"], d["won"], *("%s:%d/%d" % (s["stage"], s["won"], s["reached"]) for s in d["stages"]))
' "$tmp/calibration.json" > "$tmp/calibration"
expect "report calibration" "$tmp/calibration" <<'EOF'
12 6 lead:6/12 initiation:6/12 requirements:6/11 solution:6/10 relations:6/9 tender:6/8 contract:6/6
EOF

echo "replay: 47 weeks replayed and checked, trend, slippage and calibration as expected"
