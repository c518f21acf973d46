#!/usr/bin/python3
"""Workbooks read back (Debian python3-openpyxl): every cell of each sheet is the cell of the
same command's --format csv, numbers as numbers, dates as dates; the header row is frozen and
filtered, columns are as wide as their text, sheet names are in the reader's language, and the
totals agree with the JSON output.

Usage: xlsx_test.py BINARY EXAMPLES_SALES"""
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from cli_checks import Checks, runner  # noqa: E402

BINARY, EXAMPLES = sys.argv[1], sys.argv[2]
TODAY = "2026-11-23"
checks = Checks()
expect = checks.expect
run = runner(BINARY, TODAY)


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def same_cell(cell, text):
    """Whether a cell read back holds what CSV wrote: a number, a date or the text."""
    if text == "":
        return cell is None
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        plain = text.replace(",", "").lstrip("+")
        return re.fullmatch(r"-?\d+(\.\d+)?", plain) is not None and abs(float(plain) - cell) < 0.005
    if isinstance(cell, datetime.datetime):
        return text == cell.strftime("%Y-%m-%d")
    return cell == text


def table_of(ws, header):
    """The rows from the header row on (after the caption, if any), and the header's row number."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next((i for i, r in enumerate(rows) if r[:len(header)] == header), 0)
    return rows[start:], start + 1


def compare(what, ws, csv_text, numeric_columns=()):
    expected = csv_rows(csv_text)
    rows, header_row = table_of(ws, expected[0])
    width = len(expected[0])
    bad = []
    for r, (got, want) in enumerate(zip(rows, expected)):
        got = (got + [None] * width)[:width]
        for c, (cell, text) in enumerate(zip(got, want)):
            if r == 0:
                ok = cell == text
            else:
                ok = same_cell(cell, text)
            if not ok:
                bad.append(f"row {r + 1} column {want and expected[0][c]}: {cell!r} vs {text!r}")
    expect(f"{what}: {len(expected)} rows, every cell as CSV writes it", len(rows) == len(expected) and not bad,
           f"{len(rows)} rows vs {len(expected)}; " + "; ".join(bad[:5]))
    for name in numeric_columns:
        c = expected[0].index(name)
        kinds = {type(r[c]).__name__ for r in rows[1:] if r[c] is not None}
        expect(f"{what}: {name} holds numbers", kinds and kinds <= {"int", "float"}, kinds)
    expect(f"{what}: the header row is frozen", ws.freeze_panes == f"A{header_row + 1}", ws.freeze_panes)
    expect(f"{what}: the autofilter starts at the header", (ws.auto_filter.ref or "").startswith(f"A{header_row}:"),
           ws.auto_filter.ref)
    return rows


def main():
    tmp = tempfile.mkdtemp(prefix="pipeline-xlsx-")
    repo = os.path.join(tmp, "sales")
    shutil.copytree(EXAMPLES, repo)
    try:
        # list: dates are dates, amounts numbers in the money format.
        status, _, err = run(repo, "list", "-o", "list.xlsx")
        expect("list -o list.xlsx", status == 0, err)
        wb = openpyxl.load_workbook(os.path.join(repo, "list.xlsx"))
        ws = wb.worksheets[0]
        rows = compare("list", ws, run(repo, "list", "--format", "csv")[1], ["amount"])
        close = rows[0].index("close")
        expect("list: close holds dates", all(isinstance(r[close], datetime.datetime) for r in rows[1:]))
        amount = rows[0].index("amount")
        header_row = table_of(ws, rows[0])[1]
        fmt = ws.cell(row=header_row + 1, column=amount + 1).number_format
        expect("list: amounts in the money format", fmt == "#,##0.00", fmt)
        name = rows[0].index("name")
        letter = openpyxl.utils.get_column_letter(name + 1)
        expect("list: the name column is as wide as its longest name (a Chinese character is two)",
               ws.column_dimensions[letter].width >= 2 * max(len(r[name]) for r in rows[1:]), ws.column_dimensions[letter].width)

        # forecast: the total row agrees with JSON.
        status, _, err = run(repo, "forecast", "--by", "quarter", "--format", "xlsx", "-o", "f.xlsx")
        expect("forecast --format xlsx", status == 0, err)
        ws = openpyxl.load_workbook(os.path.join(repo, "f.xlsx")).worksheets[0]
        rows = compare("forecast", ws, run(repo, "forecast", "--by", "quarter", "--format", "csv")[1], ["amount", "weighted"])
        total = json.loads(run(repo, "forecast", "--by", "quarter", "--format", "json")[1])["total"]
        got = dict(zip(rows[0], rows[-1]))
        expect("forecast: the total row is the JSON total", abs(got["weighted"] - total["weighted"]) < 0.005 and
               abs(got["amount"] - total["amount"]) < 0.005, (got, total))

        # report xlsx: a summary, then every report, each sheet what `report KIND --format csv` writes.
        status, _, err = run(repo, "report", "xlsx", "-o", "review.xlsx")
        expect("report xlsx -o review.xlsx", status == 0, err)
        wb = openpyxl.load_workbook(os.path.join(repo, "review.xlsx"))
        kinds = ["funnel", "conversion", "stale", "risks", "payments", "scorecard", "sources", "losses", "calibration",
                 "budget", "progress", "customers", "service"]
        expect("report xlsx: a summary and a sheet a report", len(wb.worksheets) == 1 + len(kinds), wb.sheetnames)
        compare("summary", wb.worksheets[0], run(repo, "forecast", "--by", "quarter", "--period", "2026", "--format", "csv")[1])
        for ws, kind in zip(wb.worksheets[1:], kinds):
            compare(f"report {kind}", ws, run(repo, "report", kind, "--format", "csv")[1])

        # In Chinese: the sheet names and headers are the reader's.
        status, _, err = run(repo, "report", "xlsx", "-o", "zh.xlsx", lang="zh_CN.UTF-8")
        wb = openpyxl.load_workbook(os.path.join(repo, "zh.xlsx"))
        expect("report xlsx in Chinese: sheet names in Chinese", status == 0 and wb.sheetnames[1] == "销售漏斗", wb.sheetnames)
        compare("report funnel in Chinese", wb.worksheets[1], run(repo, "report", "funnel", "--format", "csv", lang="zh_CN.UTF-8")[1])

        # Refusals: no file named, --format with report xlsx.
        status, _, err = run(repo, "list", "--format", "xlsx")
        expect("xlsx without -o is a usage error", status == 2 and "-o FILE" in err, err)
        status, _, err = run(repo, "report", "xlsx", "--format", "csv", "-o", "x.xlsx")
        expect("report xlsx with --format is a usage error", status == 2 and not os.path.exists(os.path.join(repo, "x.xlsx")), err)
    finally:
        shutil.rmtree(tmp)
    return checks.status()


if __name__ == "__main__":
    sys.exit(main())
