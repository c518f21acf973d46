#!/usr/bin/env python3
"""Reading git revisions: check --base, diff and trend beside check of the working tree.

    git_bench.py PIPELINE DATA_DIR [--reps N] [--sizes 10000,100000]

For each size N, DATA_DIR/gitN is made once from DATA_DIR/rN (generate.py's repository): a
first commit of every file, 52 weekly commits of 100 changed files each (an amount raised, an
expected close moved a week), a commit of 100 changed files and a last commit of one, packed
with `git gc`. Then each round runs, alternating, so all share the machine's load:

  check        pipeline check --brief (working tree), cold (--no-cache) and warm
  base-1       pipeline check --base HEAD~1 --brief   (1 file differs)
  base-100     pipeline check --base HEAD~2 --brief   (101 files differ)
  diff-1       pipeline diff HEAD~1 HEAD
  diff-100     pipeline diff HEAD~2 HEAD~1
  forecast     pipeline forecast --by quarter --format json (for the memory target)
  reference    git archive HEAD~1 and HEAD into folders, reference_forecast.py on each
  trend        pipeline trend --every week over the 52 weekly commits (10,000 only)

cold = --no-cache (nothing read from or written to .pipeline/); warm = the caches in place
(the revisions' cache holds the revision written last, so commands that read other revisions
in the same round share it; files the working tree has alike come from its records.cache).
Prints medians and peak RSS, then each target of bench/README.md ("Reading git revisions")
with its ratio, and exits non-zero when one is not met.
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-12-28"
HERE = os.path.dirname(os.path.abspath(__file__))
FIRST = datetime.date(2026, 1, 5)  # a Monday: the first commit; weekly ones follow at noon


def run(argv, cwd=None, env=None):
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.decode()[-2000:]}")
    return p.stdout


def timed(argv, shell=False):
    start = time.perf_counter()
    if shell:
        argv = ["sh", "-c", argv]
    p = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.decode()[-2000:]}")
    rss = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return wall, rss


AMOUNT = re.compile(rb"^amount: (\d+)", re.M)
CLOSE = re.compile(rb"^expected_close: (\d{4}-\d\d-\d\d)", re.M)


def touch_file(path, week):
    """An amount raised by 1,000 and, for an open project, the expected close a week later."""
    with open(path, "rb") as f:
        text = f.read()
    text = AMOUNT.sub(lambda m: b"amount: %d" % (int(m.group(1)) + 1000), text, count=1)

    def later(m):
        d = datetime.date.fromisoformat(m.group(1).decode()) + datetime.timedelta(days=7)
        return b"expected_close: " + d.isoformat().encode()

    text = CLOSE.sub(later, text, count=1)
    with open(path, "wb") as f:
        f.write(text)


def commit(repo, when, message):
    stamp = f"{when.isoformat()}T12:00:00+0800"
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_NAME="bench",
               GIT_AUTHOR_EMAIL="bench@example.invalid", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.invalid")
    run(["git", "add", "-A"], cwd=repo, env=env)
    run(["git", "commit", "-q", "-m", message], cwd=repo, env=env)


def make_repository(source, repo, weeks):
    if os.path.isfile(os.path.join(repo, ".made")):
        return
    shutil.rmtree(repo, ignore_errors=True)
    print(f"making {repo} ...", file=sys.stderr)
    shutil.copytree(source, repo, ignore=shutil.ignore_patterns(".pipeline", ".generated-*"))
    run(["git", "init", "-q", "-b", "main"], cwd=repo)
    run(["git", "config", "gc.auto", "0"], cwd=repo)  # packed once at the end, not in the background
    with open(os.path.join(repo, ".gitignore"), "w") as f:
        f.write(".pipeline/\n.made\n")
    os.makedirs(os.path.join(repo, ".pipeline"), exist_ok=True)  # where the caches go, as `pipeline init` makes it
    commit(repo, FIRST, "all projects")
    files = sorted(os.path.join(d, n) for d, _, names in os.walk(os.path.join(repo, "projects")) for n in names)
    step = max(1, len(files) // 100)
    for w in range(1, weeks + 1):
        for i in range(100):
            touch_file(files[(w * 37 + i * step) % len(files)], w)
        commit(repo, FIRST + datetime.timedelta(days=7 * w), f"week {w}")
    last = FIRST + datetime.timedelta(days=7 * weeks + 1)
    for i in range(100):
        touch_file(files[(i * step + 11) % len(files)], 0)
    commit(repo, last, "100 files")
    touch_file(files[5], 0)
    commit(repo, last + datetime.timedelta(days=1), "one file")
    run(["git", "gc", "-q"], cwd=repo)
    open(os.path.join(repo, ".made"), "w").close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pipeline")
    ap.add_argument("data")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--sizes", default="10000,100000")
    args = ap.parse_args()
    pipeline = os.path.abspath(args.pipeline)
    reference = os.path.join(HERE, "reference_forecast.py")
    sizes = [int(s) for s in args.sizes.split(",")]
    repos = {}
    for n in sizes:
        repos[n] = os.path.join(args.data, f"git{n}")
        make_repository(os.path.join(args.data, f"r{n}"), repos[n], 52 if n <= 10000 else 3)
    time.sleep(2)  # files just written are not trusted by the record cache for a second

    def pl(n, *words, cold=False):
        return [pipeline, "-C", repos[n], "--today", TODAY, *(["--no-cache"] if cold else []), *words]

    def reference_cmd(n):
        r = repos[n]
        return (f"set -e; t=$(mktemp -d); mkdir $t/a $t/b; cd {r}; git archive HEAD~1 | tar -x -C $t/a; "
                f"git archive HEAD | tar -x -C $t/b; python3 {reference} $t/a --json >/dev/null; "
                f"python3 {reference} $t/b --json >/dev/null; rm -rf $t")

    commands = {}
    for n in sizes:
        trend_to = (FIRST + datetime.timedelta(days=7 * 52 + 1)).isoformat()
        for mode in ("cold", "warm"):
            cold = mode == "cold"
            commands[(n, "check", mode)] = pl(n, "check", "--brief", cold=cold)
            commands[(n, "base-1", mode)] = pl(n, "check", "--base", "HEAD~1", "--brief", cold=cold)
            commands[(n, "base-100", mode)] = pl(n, "check", "--base", "HEAD~2", "--brief", cold=cold)
            commands[(n, "diff-1", mode)] = pl(n, "diff", "HEAD~1", "HEAD", "--format", "json", cold=cold)
            commands[(n, "diff-100", mode)] = pl(n, "diff", "HEAD~2", "HEAD~1", "--format", "json", cold=cold)
            commands[(n, "forecast", mode)] = pl(n, "forecast", "--by", "quarter", "--format", "json", cold=cold)
            if n <= 10000:
                commands[(n, "trend", mode)] = pl(n, "trend", "--every", "week", "--from", "2026-01-06", "--to", trend_to,
                                                  "--format", "json", cold=cold)
        commands[(n, "reference", "cold")] = reference_cmd(n)
    # Warm the caches once before the first round.
    for key, argv in commands.items():
        if key[2] == "warm":
            timed(argv)
    results = {key: [] for key in commands}
    for r in range(args.reps):
        for key, argv in commands.items():
            results[key].append(timed(argv, shell=key[1] == "reference"))
        print(f"round {r + 1} of {args.reps} done", file=sys.stderr)

    def wall(n, what, mode):
        return statistics.median(w for w, _ in results[(n, what, mode)])

    def rss(n, what, mode):
        return statistics.median(m for _, m in results[(n, what, mode)]) / 1024

    print(f"{'N':>7}  {'command':<10} {'cold s':>8} {'warm s':>8} {'cold MB':>8} {'warm MB':>8}")
    for n in sizes:
        for what in ("check", "base-1", "base-100", "diff-1", "diff-100", "forecast", "trend", "reference"):
            if (n, what, "cold") not in results:
                continue
            warm = (n, what, "warm") in results
            warm_s = f"{wall(n, what, 'warm'):.2f}" if warm else "-"
            warm_mb = f"{rss(n, what, 'warm'):.0f}" if warm else "-"
            print(f"{n:>7}  {what:<10} {wall(n, what, 'cold'):>8.2f} {warm_s:>8} {rss(n, what, 'cold'):>8.0f} {warm_mb:>8}")
    failed = []

    def target(label, value, limit, at_most=True):
        ok = value <= limit if at_most else value >= limit
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {value:.2f} ({'≤' if at_most else '≥'} {limit})")
        if not ok:
            failed.append(label)

    print()
    for n in sizes:
        for what in ("base-1", "base-100", "diff-1", "diff-100"):
            target(f"{n} {what} warm ÷ check warm", wall(n, what, "warm") / wall(n, "check", "warm"), 1.5)
            target(f"{n} {what} cold ÷ check cold", wall(n, what, "cold") / wall(n, "check", "cold"), 2.0)
        target(f"{n} reference ÷ diff-1 cold", wall(n, "reference", "cold") / wall(n, "diff-1", "cold"), 10, at_most=False)
    if 10000 in sizes and 100000 in sizes:
        for what in ("base-1", "diff-1"):
            target(f"{what} cold 100000 ÷ 10000", wall(100000, what, "cold") / wall(10000, what, "cold"), 11)
    if 100000 in sizes:
        for mode in ("cold", "warm"):
            target(f"100000 diff-1 RSS ÷ forecast RSS, {mode}", rss(100000, "diff-1", mode) / rss(100000, "forecast", mode), 2.0)
    if 10000 in sizes:
        target("10000 trend, 52 weekly points, cold (s)", wall(10000, "trend", "cold"), 10)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
