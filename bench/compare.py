#!/usr/bin/env python3
"""Two builds of pipeline side by side: did a change make loading slower or bigger?

    compare.py OLD_BINARY NEW_BINARY DATA_DIR [--reps N] [--sizes 10000,100000]

For each size, every round runs cold forecast (--no-cache), a first run (which writes the
cache), warm forecast (cache in place) and check, alternating the two binaries, so both share
whatever load the machine has. Prints the median wall time, the peak RSS and NEW ÷ OLD for
each; exits non-zero when NEW is more than --limit (5 %) slower or bigger on any of them.
Each binary gets its own copy of each repository (bench/data/compare-old-N, -new-N), so the
two never overwrite each other's cache (a build never trusts another's).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

TODAY = "2026-11-23"


def timed(argv):
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.decode()[-2000:]}")
    rss = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return wall, rss


def drop_cache(repo):
    for name in ("records.cache", "records-strict.cache"):
        try:
            os.remove(os.path.join(repo, ".pipeline", name))
        except FileNotFoundError:
            pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("data")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--limit", type=float, default=0.05)
    args = ap.parse_args()
    binaries = {"old": os.path.abspath(args.old), "new": os.path.abspath(args.new)}
    sizes = [int(s) for s in args.sizes.split(",")]
    forecast = ["forecast", "--by", "quarter", "--format", "json"]
    results = {}  # (size, measurement, which) -> [(wall, rss)]
    repos = {}
    for n in sizes:
        for which in binaries:
            copy = os.path.join(args.data, f"compare-{which}-{n}")
            if not os.path.isdir(copy):
                shutil.copytree(os.path.join(args.data, f"r{n}"), copy, symlinks=True)
            repos[(which, n)] = copy
    for _ in range(args.reps):
        for n in sizes:
            for which, binary in binaries.items():
                repo = repos[(which, n)]
                base = [binary, "-C", repo, "--today", TODAY]
                results.setdefault((n, "forecast cold", which), []).append(timed([*base, "--no-cache", *forecast]))
                drop_cache(repo)
                results.setdefault((n, "forecast first", which), []).append(timed([*base, *forecast]))
                time.sleep(1.1)  # entries younger than a second are not trusted (the racy rule)
                timed([*base, *forecast])  # rewrites the cache with every entry trusted
                results.setdefault((n, "forecast warm", which), []).append(timed([*base, *forecast]))
                results.setdefault((n, "check", which), []).append(timed([*base, "--no-cache", "check", "--brief"]))
                drop_cache(repo)
    failed = False
    print(f"{'size':>7}  {'measurement':<15} {'old s':>8} {'new s':>8} {'ratio':>6}   {'old MB':>7} {'new MB':>7} {'ratio':>6}")
    for n in sizes:
        for m in ("forecast cold", "forecast first", "forecast warm", "check"):
            old = results[(n, m, "old")]
            new = results[(n, m, "new")]
            ow, nw = statistics.median(w for w, _ in old), statistics.median(w for w, _ in new)
            orss, nrss = statistics.median(r for _, r in old) / 1024, statistics.median(r for _, r in new) / 1024
            tr, mr = nw / ow, nrss / orss
            flag = ""
            if tr > 1 + args.limit or mr > 1 + args.limit:
                flag = "  <-- over the limit"
                failed = True
            print(f"{n:>7}  {m:<15} {ow:8.3f} {nw:8.3f} {tr:6.3f}   {orss:7.1f} {nrss:7.1f} {mr:6.3f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
