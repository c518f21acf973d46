#!/bin/sh
# examples/ci/pre-commit on a copy of examples/sales: a move recorded with its history entry
# is committed; a hand-edited stage, a staged syntax error (even when the working tree is
# fixed) and a rewritten history entry are refused.
# Usage: pre_commit_test.sh PIPELINE_BINARY SOURCE_DIR
set -eu
binary=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/sales"
ln -s "$binary" "$tmp/bin/pipeline"
export PATH="$tmp/bin:$PATH" HOME="$tmp" PIPELINE_TODAY=2026-11-20 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
cd "$tmp/sales"
cp -r "$source_dir/examples/sales/." .
git init -q -b main
git add -A
git commit -qm 周报
cp "$source_dir/examples/ci/pre-commit" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit

fail() { echo "FAIL: $*" >&2; exit 1; }
file=projects/north/TJ-2026-003.yaml

# A move with its history entry (what `pipeline advance` writes) is committed.
sed -i 's/^stage: 方案确认/stage: 深度公关/' "$file"
sed -i '/2026-09-01, from: requirements, to: solution/a\  - {date: 2026-11-18, from: solution, to: relations, by: chen.jing}' "$file"
git commit -qam 推进 >/dev/null 2>&1 || fail "a recorded move was refused"

# A stage edited by hand is refused.
sed -i 's/^stage: solution/stage: tender/' projects/north/TJ-2026-008.yaml
git commit -qam 手改 >/dev/null 2>&1 && fail "a hand-edited stage was committed"
git checkout -q -- projects/north/TJ-2026-008.yaml

# The staged version counts, not the working tree.
echo "stage: [" >> projects/east/SH-2026-002.yaml
git add projects/east/SH-2026-002.yaml
git show HEAD:projects/east/SH-2026-002.yaml > projects/east/SH-2026-002.yaml
git commit -qm 坏文件 >/dev/null 2>&1 && fail "a staged syntax error was committed"
git reset -q --hard

# History already committed is never rewritten.
sed -i 's/2026-11-18, from: solution, to: relations/2026-11-17, from: solution, to: relations/' "$file"
git commit -qam 改历史 >/dev/null 2>&1 && fail "a rewritten history entry was committed"
git reset -q --hard

# Nothing of the pipeline staged: nothing to check.
echo "notes" > NOTES.md
git add NOTES.md
git commit -qm 备注 >/dev/null 2>&1 || fail "a commit without project files was refused"
echo "pre-commit: 5 cases passed"
