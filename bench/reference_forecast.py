#!/usr/bin/env python3
"""The obvious alternative: the weekly script a sales-ops analyst writes with PyYAML.

    reference_forecast.py REPOSITORY [--json]

Reads pipeline.yaml and every projects/**/*.yaml with PyYAML's C loader and prints the
weighted forecast by quarter: open projects count amount × stage probability in the quarter
of expected_close, won projects count in full in the quarter of closed_on, lost and
abandoned count as projects (in the quarter of closed_on) but add no money. Money is converted to the base currency and rounded to the cent
half away from zero, first the conversion, then the weighting — the same arithmetic as
`pipeline forecast`, so bench/run.sh can assert that both totals agree.
"""
import decimal
import json
import os
import sys

import yaml

LOADER = yaml.CSafeLoader
CENT = decimal.Decimal("0.01")


def cents(value):
    """Money as integer cents; YAML gives int or float for plain numbers."""
    d = decimal.Decimal(str(value))
    return int(d.quantize(CENT, rounding=decimal.ROUND_HALF_UP) * 100)


def half_away(numerator, denominator):
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def quarter(date):
    return f"{date.year}Q{(date.month - 1) // 3 + 1}"


def main():
    root = sys.argv[1]
    as_json = "--json" in sys.argv[2:]
    with open(os.path.join(root, "pipeline.yaml"), encoding="utf-8") as f:
        process = yaml.load(f, Loader=LOADER)
    base = process.get("currency", "CNY")
    # Rates as millionths, like the tool: 1 foreign unit = rate × base.
    rates = {code: half_away(int(decimal.Decimal(str(r)) * 10**6), 1) for code, r in (process.get("currencies") or {}).items()}
    probability = {}
    for stage in process["stages"]:
        probability[stage["id"]] = stage["probability"]
        probability[stage["name"]] = stage["probability"]
    groups = {}
    for folder, dirs, files in os.walk(os.path.join(root, "projects")):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                p = yaml.load(f, Loader=LOADER)
            status = p.get("status", "open")
            if status not in ("open", "won"):
                g = groups.setdefault(quarter(p["closed_on"]), [0, 0, 0, 0])
                g[0] += 1
                continue
            amount = cents(p.get("amount", 0))
            currency = p.get("currency", base)
            if currency != base:
                amount = half_away(amount * rates[currency], 10**6)
            if status == "open":
                key = quarter(p["expected_close"])
                weighted = half_away(amount * probability[p["stage"]], 100)
                won = 0
            else:
                key = quarter(p["closed_on"])
                weighted = won = amount
            g = groups.setdefault(key, [0, 0, 0, 0])
            g[0] += 1
            g[1] += amount
            g[2] += weighted
            g[3] += won
    total = [sum(g[i] for g in groups.values()) for i in range(4)]
    if as_json:
        out = {"groups": [{"quarter": k, "projects": g[0], "amount_cents": g[1], "weighted_cents": g[2], "won_cents": g[3]}
                          for k, g in sorted(groups.items())],
               "total": {"projects": total[0], "amount_cents": total[1], "weighted_cents": total[2], "won_cents": total[3]}}
        print(json.dumps(out, ensure_ascii=False))
        return
    print(f"{'quarter':<8} {'projects':>8} {'amount':>20} {'weighted':>20} {'won':>20}")
    for key, g in sorted(groups.items()):
        print(f"{key:<8} {g[0]:>8} {g[1] / 100:>20,.2f} {g[2] / 100:>20,.2f} {g[3] / 100:>20,.2f}")
    print(f"{'total':<8} {total[0]:>8} {total[1] / 100:>20,.2f} {total[2] / 100:>20,.2f} {total[3] / 100:>20,.2f}")


if __name__ == "__main__":
    main()
