#!/usr/bin/env python3
"""Times pipeline beside the PyYAML reference on generated repositories; see bench/README.md.

    measure.py PIPELINE DATA_DIR [--reps N]

DATA_DIR holds r100, r1000, r10000 and r100000 made by generate.py. Each round runs every
measurement once, in the same order, so the commands alternate and share whatever load the
machine has; the figures are medians over the rounds. Wall time is measured around the
process; peak RSS comes from /usr/bin/time -v.
"""
import argparse
import decimal
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

TODAY = "2026-11-23"
HERE = os.path.dirname(os.path.abspath(__file__))


def timed(argv, env=None):
    """(wall seconds, peak RSS in KB, stdout) of one run, which must succeed."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, env=env)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr.decode()[-2000:]}")
    rss = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return wall, rss, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pipeline")
    ap.add_argument("data")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    pipeline = os.path.abspath(args.pipeline)
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_JOBS"}
    repo = {n: os.path.join(args.data, f"r{n}") for n in (100, 1000, 10000, 100000)}
    has_funnel = subprocess.run([pipeline, "-C", repo[100], "--today", TODAY, "report", "funnel"],
                                capture_output=True).returncode == 0

    def cmd(n, *words, cache=True):
        return [pipeline, "-C", repo[n], "--today", TODAY, *([] if cache else ["--no-cache"]), *words]

    def drop_cache(n):
        for name in ("records.cache", "records-strict.cache"):
            try:
                os.remove(os.path.join(repo[n], ".pipeline", name))
            except FileNotFoundError:
                pass

    def first_id(n):
        folder = os.path.join(repo[n], "projects")
        sub = sorted(d for d in os.listdir(folder) if not d.startswith("."))[0]
        return sorted(os.listdir(os.path.join(folder, sub)))[0][:-5]

    # The measurements, in the order each round runs them.
    plan = []
    for n in (1000, 10000, 100000):
        plan += [
            (n, "check", lambda n=n: cmd(n, "check", "--brief", cache=False), None),
            (n, "forecast cold", lambda n=n: cmd(n, "forecast", "--by", "quarter", "--format", "json", cache=False), None),
            (n, "forecast first", lambda n=n: cmd(n, "forecast", "--by", "quarter", "--format", "json"), drop_cache),
            (n, "forecast warm", lambda n=n: cmd(n, "forecast", "--by", "quarter", "--format", "json"), None),
        ]
        if has_funnel:
            plan.append((n, "report funnel", lambda n=n: cmd(n, "report", "funnel"), None))
        plan.append((n, "reference", lambda n=n: [sys.executable, os.path.join(HERE, "reference_forecast.py"),
                                                  repo[n], "--json"], None))
    # show takes milliseconds: ten alternating pairs a round, so the median is not one scheduler hiccup.
    has_show = subprocess.run(cmd(100, "show", first_id(100)), capture_output=True).returncode == 0
    for _ in range(10 if has_show else 0):
        for n in (100, 100000):
            plan.append((n, "show", lambda n=n: cmd(n, "show", first_id(n)), None))

    # Warm every cache once, and check that both programs agree before timing anything. Without
    # .pipeline/ there is no cache and "warm" would silently measure a cold run: make sure it is there.
    for n in (1000, 10000, 100000):
        os.makedirs(os.path.join(repo[n], ".pipeline"), exist_ok=True)
        _, _, ours = timed(cmd(n, "forecast", "--by", "quarter", "--format", "json"))
        if not os.path.isfile(os.path.join(repo[n], ".pipeline", "records.cache")):
            sys.exit(f"measure.py: {repo[n]}/.pipeline/records.cache was not written; warm runs would not be warm")
        _, _, theirs = timed([sys.executable, os.path.join(HERE, "reference_forecast.py"), repo[n], "--json"])
        compare(n, json.loads(ours, parse_float=decimal.Decimal), json.loads(theirs, parse_float=decimal.Decimal))
    timed(cmd(100, "check", "--brief"))

    results = {}
    for rnd in range(args.reps):
        for n, name, argv, before in plan:
            if before:
                before(n)
            wall, rss, _ = timed(argv(), env)
            results.setdefault((n, name), []).append((wall, rss))
        print(f"round {rnd + 1}/{args.reps} done", file=sys.stderr)

    med = {k: (statistics.median(w for w, _ in v), max(r for _, r in v)) for k, v in results.items()}
    print(f"pipeline benchmark, {TODAY} data, {args.reps} rounds, medians (peak RSS: the highest of the rounds)")
    print(f"{'N':>7}  {'measurement':<14} {'wall s':>8} {'peak RSS MB':>12}")
    for (n, name), (wall, rss) in sorted(med.items(), key=lambda kv: (kv[0][0], [p[1] for p in plan].index(kv[0][1]))):
        print(f"{n:>7}  {name:<14} {wall:>8.3f} {rss / 1024:>12.1f}")
    if not has_funnel:
        print("(report funnel: the command does not exist in this build; not measured)")
    if not has_show:
        print("(show: the command does not exist in this build; not measured)")

    def wall(n, name):
        return med[(n, name)][0]

    targets = [
        ("cold forecast vs reference, 10,000", wall(10000, "reference") / wall(10000, "forecast cold"), ">=", 3),
        ("cold forecast vs reference, 100,000", wall(100000, "reference") / wall(100000, "forecast cold"), ">=", 3),
        ("scaling: forecast cold 100,000 / 10,000", wall(100000, "forecast cold") / wall(10000, "forecast cold"), "<=", 11),
        ("warm forecast vs reference, 10,000", wall(10000, "reference") / wall(10000, "forecast warm"), ">=", 20),
        ("warm forecast vs reference, 100,000", wall(100000, "reference") / wall(100000, "forecast warm"), ">=", 20),
        *([("show: 100,000 / 100 projects", wall(100000, "show") / wall(100, "show"), "<=", 1.5)] if has_show else []),
        ("forecast peak RSS at 100,000 (MB), cold", med[(100000, "forecast cold")][1] / 1024, "<=", 300),
        ("forecast peak RSS at 100,000 (MB), warm", med[(100000, "forecast warm")][1] / 1024, "<=", 300),
    ]
    print()
    print(f"{'target':<44} {'measured':>9}  {'goal':>7}  result")
    failed = 0
    for what, value, op, goal in targets:
        ok = value >= goal if op == ">=" else value <= goal
        failed += not ok
        print(f"{what:<44} {value:>9.2f}  {op} {goal:<4}  {'met' if ok else 'NOT MET'}")
    print()
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, {mem_total()} RAM; {platform.platform()}")
    sys.exit(1 if failed else 0)


def compare(n, ours, theirs):
    """The totals and every quarter of pipeline's JSON must equal the reference's, to the cent."""
    total = ours["total"]
    cents = lambda d: int(d * 100)
    got = (total["projects"], cents(total["amount"]), cents(total["weighted"]), cents(total["won_amount"]))
    t = theirs["total"]
    want = (t["projects"], t["amount_cents"], t["weighted_cents"], t["won_cents"])
    if got != want:
        sys.exit(f"r{n}: forecast totals differ from the reference: pipeline {got}, reference {want}")
    mine = {g["keys"]["quarter"]: (g["projects"], cents(g["amount"]), cents(g["weighted"]), cents(g["won_amount"]))
            for g in ours["groups"]}
    ref = {g["quarter"]: tuple(g[k] for k in ("projects", "amount_cents", "weighted_cents", "won_cents"))
           for g in theirs["groups"]}
    if mine != ref:
        sys.exit(f"r{n}: forecast by quarter differs from the reference:\n{mine}\n{ref}")
    print(f"r{n}: pipeline forecast and the reference agree: {len(ref)} quarters, total weighted "
          f"{total['weighted']} over {total['projects']} projects", file=sys.stderr)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mem_total():
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        return f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


if __name__ == "__main__":
    main()
