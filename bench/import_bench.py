#!/usr/bin/env python3
"""Times `pipeline import --dry-run` on generated exports; see bench/README.md, "Import".

    import_bench.py PIPELINE [--against OTHER_PIPELINE] [--reps N]

Exports of 25,000 and 100,000 rows (seeded: 3,000 customers, three open stages, amounts with
thousands separators, month-first dates) are imported through the map of
tests/fixtures/import into a copy of that repository, which has a customer master: every row's
customer is looked up or made, every planned file loaded back and checked with the others.
Each round runs both sizes once (and with --against, the other binary right after each),
alternating; the figures are medians over the rounds.
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "tests", "fixtures", "import")
SIZES = (25000, 100000)


def export(path, rows):
    rng = random.Random(1)
    stages = ["初步接洽", "需求确定", "投标中"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("商机编号,商机名称,客户名称,阶段,金额,预计成交日期,负责人,来源,输单原因\n")
        for i in range(rows):
            f.write(f'P-{i:06d},项目{i},客户{rng.randrange(3000)},{rng.choice(stages)},'
                    f'"{rng.randrange(1, 10**7):,}",3/31/2027,Wang Yi,Web,\n')


def timed(argv, cwd):
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *argv], cwd=cwd, capture_output=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.decode()[-2000:]}")
    rss = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return wall, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pipeline")
    ap.add_argument("--against", help="another build to time side by side (an older commit)")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    binaries = {"pipeline": os.path.abspath(args.pipeline)}
    if args.against:
        binaries["against"] = os.path.abspath(args.against)
    work = tempfile.mkdtemp(prefix="import-bench-")
    try:
        repo = os.path.join(work, "repo")
        shutil.copytree(FIXTURE, repo)
        subprocess.run(["git", "init", "-q", repo], check=True)
        for n in SIZES:
            export(os.path.join(work, f"e{n}.csv"), n)
        walls = {(b, n): [] for b in binaries for n in SIZES}
        rss = {(b, n): 0 for b in binaries for n in SIZES}
        for _ in range(args.reps):
            for n in SIZES:
                for b, binary in binaries.items():
                    w, r = timed([binary, "--today", "2026-12-01", "import", os.path.join(work, f"e{n}.csv"), "--map",
                                  "map.yaml", "--dry-run", "--format", "json"], repo)
                    walls[b, n].append(w)
                    rss[b, n] = max(rss[b, n], r)
        med = {k: statistics.median(v) for k, v in walls.items()}
        for b in binaries:
            for n in SIZES:
                print(f"{b:>8}: import --dry-run, {n:>7,} rows: median {med[b, n]:6.2f} s, "
                      f"peak RSS {rss[b, n] / 1024:6.0f} MB, {med[b, n] / n * 1e6:6.1f} µs a row")
        ratio = med["pipeline", SIZES[1]] / med["pipeline", SIZES[0]]
        met = ratio <= 5
        print(f"scaling: time at 100,000 ÷ time at 25,000 = {ratio:.2f}  <= 5   {'met' if met else 'NOT MET'}")
        if args.against:
            for n in SIZES:
                print(f"against ÷ pipeline at {n:,} rows: {med['against', n] / med['pipeline', n]:.2f}")
        return 0 if met else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
