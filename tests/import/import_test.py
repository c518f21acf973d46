#!/usr/bin/python3
"""pipeline import end to end, on the ready maps and sample exports of examples/import/: each
imports into a new repository (the example's pipeline.yaml, nothing else), which then passes
check, and forecasts the totals the export's own rows add up to (summed here from the export,
read with Python's csv and GB18030 codec, not by pipeline). A workbook written by openpyxl, with
real dates and numbers, imports to the same files as the CSV it was made from. The list of the
example repository, as CSV and as a workbook, in English and in Chinese, imports back to the
same list.

Usage: import_test.py BINARY EXAMPLES"""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from cli_checks import Checks, runner  # noqa: E402

BINARY, EXAMPLES = sys.argv[1], sys.argv[2]
IMPORT = os.path.join(EXAMPLES, "import")
SALES = os.path.join(EXAMPLES, "sales")
TODAY = "2026-12-01"
checks = Checks()
expect = checks.expect
run = runner(BINARY, TODAY)


def new_repository(root, name, customers=False):
    repo = os.path.join(root, name)
    os.makedirs(os.path.join(repo, "projects"))
    shutil.copy(os.path.join(SALES, "pipeline.yaml"), repo)
    if customers:
        os.makedirs(os.path.join(repo, "customers"))
    return repo


def export_rows(path, encoding):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def money(text, unit=1):
    """An export's amount as the export means it: separators and the currency mark left out."""
    return Decimal(text.replace(",", "").replace("¥", "").strip()) * unit


def forecast_total(repo):
    status, out, err = run(repo, "forecast", "--format", "json")
    return status, json.loads(out)["total"] if status == 0 else None, err


def check_export(root, name, export, map_name, encoding, stage_column, won, lost, amount_column, unit=1):
    """Imports one sample export and compares the forecast with the export's own sums."""
    repo = new_repository(root, name, customers=True)
    status, out, err = run(repo, "import", os.path.join(IMPORT, export), "--map", os.path.join(IMPORT, map_name),
                           "--date", TODAY)
    rows = export_rows(os.path.join(IMPORT, export), encoding)
    expect(f"{name}: import succeeds", status == 0, err)
    expect(f"{name}: says how many", out.endswith(f"imported {len(rows)} projects, {len(rows)} customer files created\n")
           or out.endswith(f"imported {len(rows)} projects\n"), out)
    status, out, err = run(repo, "check")
    expect(f"{name}: the new repository passes check", status == 0 and " 0 errors" in out, out + err)
    files = [f for f in os.listdir(os.path.join(repo, "projects")) if f.endswith(".yaml")]
    expect(f"{name}: a file per row", len(files) == len(rows), files)

    open_sum = sum(money(r[amount_column], unit) for r in rows if r[stage_column] not in (won, lost))
    won_sum = sum(money(r[amount_column], unit) for r in rows if r[stage_column] == won)
    open_count = sum(1 for r in rows if r[stage_column] not in (won, lost))
    status, total, err = forecast_total(repo)
    expect(f"{name}: forecast runs", status == 0, err)
    if total:
        expect(f"{name}: open amount is the export's open rows", Decimal(str(total["open_amount"])) == open_sum,
               f'{total["open_amount"]} != {open_sum}')
        expect(f"{name}: won amount is the export's won rows", Decimal(str(total["won_amount"])) == won_sum,
               f'{total["won_amount"]} != {won_sum}')
        expect(f"{name}: amount is open and won", Decimal(str(total["amount"])) == open_sum + won_sum)
        expect(f"{name}: open projects counted", total["open"] == open_count, total)
        expect(f"{name}: lost rows are lost", total["lost"] == sum(1 for r in rows if r[stage_column] == lost), total)
    return repo


def write_workbook(path, header, rows, dates=(), numbers=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Opportunities"
    ws.append(header)
    for r in rows:
        cells = []
        for h in header:
            v = r[h]
            if h in dates and v:
                m, d, y = (int(x) for x in v.split("/"))
                v = datetime.datetime(y, m, d)
            elif h in numbers and v:
                v = float(v.replace(",", ""))
            cells.append(v if v != "" else None)
        ws.append(cells)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime.datetime):
                c.number_format = "yyyy/m/d"
            elif isinstance(c.value, float):
                c.number_format = "#,##0.00"
    wb.save(path)


def project_texts(repo):
    folder = os.path.join(repo, "projects")
    out = {}
    for f in sorted(os.listdir(folder)):
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            # The first comment names the file imported from, which differs.
            out[f] = fh.read().split("\n", 1)[1].replace("salesforce.xlsx", "X").replace("salesforce-opportunities.csv", "X")
    return out


def sorted_lines(text):
    lines = text.splitlines()
    return [lines[0]] + sorted(lines[1:])


def main():
    root = tempfile.mkdtemp(prefix="pipeline-import-")
    try:
        # The exports of the done-when: Salesforce (UTF-8, month-first dates) and 销售易 (GBK).
        sf = check_export(root, "salesforce", "salesforce-opportunities.csv", "salesforce.yaml", "utf-8", "Stage",
                          "Closed Won", "Closed Lost", "Amount")
        check_export(root, "xiaoshouyi", "xiaoshouyi-opportunities.csv", "xiaoshouyi.yaml", "gb18030", "销售阶段", "赢单",
                     "输单", "商机金额")
        with open(os.path.join(IMPORT, "xiaoshouyi-opportunities.csv"), "rb") as f:
            raw = f.read()
        expect("the 销售易 sample is GBK, not UTF-8", raw.decode("gbk") and not is_utf8(raw))
        check_export(root, "fxiaoke", "fxiaoke-opportunities.csv", "fxiaoke.yaml", "utf-8-sig", "商机阶段", "赢单", "输单",
                     "商机金额（万元）", unit=10000)
        check_export(root, "hubspot", "hubspot-deals.csv", "hubspot.yaml", "utf-8", "Deal Stage", "Closed Won",
                     "Closed Lost", "Amount")

        # A workbook of the Salesforce rows, dates and amounts as Excel holds them, imports alike.
        rows = export_rows(os.path.join(IMPORT, "salesforce-opportunities.csv"), "utf-8")
        header = list(rows[0].keys())
        book_repo = new_repository(root, "salesforce-xlsx", customers=True)
        book = os.path.join(root, "salesforce.xlsx")
        write_workbook(book, header, rows, dates=("Close Date", "Created Date"), numbers=("Amount", "Probability (%)"))
        status, out, err = run(book_repo, "import", book, "--map", os.path.join(IMPORT, "salesforce.yaml"), "--date", TODAY)
        expect("salesforce.xlsx: import succeeds", status == 0, err)
        expect("salesforce.xlsx: the same project files as from the CSV", project_texts(book_repo) == project_texts(sf),
               set(project_texts(book_repo).items()) ^ set(project_texts(sf).items()))
        status, out, err = run(book_repo, "import", book, "--map", os.path.join(IMPORT, "salesforce.yaml"), "--dry-run")
        expect("salesforce.xlsx: a second import is refused (the ids exist)",
               status == 1 and "exists already" in err and "nothing imported" in err, err)

        # What openpyxl (or any program that writes workbooks without computing them) leaves: formulas
        # without results. One in the amount column is that row's error at its cell (--skip-bad
        # leaves the row out); one in a column no field takes stops nothing. A cell formatted in
        # US dollars is read as the CSV of the sheet would have it: the project is in USD.
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Opportunity ID", "Opportunity Name", "Account Name", "Industry", "Stage", "Amount", "Close Date",
                   "Opportunity Owner", "Lead Source", "Notes"])
        ws.append(["F-1", "公式", "某医院", "卫生", "Prospecting", "=0.1+0.2", "3/31/2027", "Zhang San", "Web", None])
        ws.append(["F-2", "美元", "某医院", "卫生", "Prospecting", 50000, "3/31/2027", "Zhang San", "Web", "=1+1"])
        ws["F3"].number_format = '[$$-409]#,##0.00'
        formulas = os.path.join(root, "formulas.xlsx")
        wb.save(formulas)
        repo = new_repository(root, "formulas")
        args = ["import", formulas, "--map", os.path.join(IMPORT, "salesforce.yaml")]
        status, out, err = run(repo, *args)
        expect("formulas.xlsx: a formula without its result is the row's error, at its cell",
               status == 1 and "formulas.xlsx:2:6: error: the cell holds a formula whose result was not saved" in err
               and "1 of 2 rows has errors" in err, err)
        status, out, err = run(repo, *args, "--skip-bad")
        expect("formulas.xlsx: --skip-bad imports the other row", status == 0 and "imported 1 project" in out, out + err)
        with open(os.path.join(repo, "projects", "F-2.yaml"), encoding="utf-8") as f:
            text = f.read()
        expect("formulas.xlsx: the dollar-formatted amount makes the project USD",
               "amount: 50000\n" in text and "currency: USD\n" in text, text)
        status, out, err = run(repo, "check")
        expect("formulas.xlsx: the repository passes check", status == 0, out + err)

        # The example repository's list imports back to the same list: CSV and workbook, both languages.
        for lang, suffix in ((None, "en"), ("zh_CN.UTF-8", "zh")):
            status, listed, err = run(SALES, "list", "--format", "csv", lang=lang)
            expect(f"list ({suffix}) runs", status == 0, err)
            for kind in ("csv", "xlsx"):
                out_file = os.path.join(root, f"list-{suffix}.{kind}")
                status, _, err = run(SALES, "list", "-o", out_file, lang=lang)
                expect(f"list -o list-{suffix}.{kind}", status == 0, err)
                repo = new_repository(root, f"list-{suffix}-{kind}", customers=True)
                shutil.rmtree(os.path.join(repo, "customers"))
                shutil.copytree(os.path.join(SALES, "customers"), os.path.join(repo, "customers"))
                status, out, err = run(repo, "import", out_file, "--map", os.path.join(IMPORT, "pipeline-list.yaml"),
                                       "--date", TODAY, lang=lang)
                expect(f"list-{suffix}.{kind} imports", status == 0, err)
                status, again, err = run(repo, "list", "--format", "csv", lang=lang)
                expect(f"list-{suffix}.{kind}: the same list back", sorted_lines(again) == sorted_lines(listed),
                       set(again.splitlines()) ^ set(listed.splitlines()))
                status, out, err = run(repo, "check")
                expect(f"list-{suffix}.{kind}: the new repository passes check", status == 0, out + err)
                status, total, _ = forecast_total(repo)
                _, original, _ = forecast_total(SALES)
                expect(f"list-{suffix}.{kind}: forecast totals as the example's",
                       total and all(total[k] == original[k] for k in ("projects", "open", "won", "lost", "abandoned",
                                                                       "amount", "open_amount", "won_amount")),
                       f"{total} != {original}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return checks.status()


def is_utf8(raw):
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    sys.exit(main())
