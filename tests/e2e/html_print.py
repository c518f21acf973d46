#!/usr/bin/env python3
"""The HTML report printed on A4 (headless Chromium's --print-to-pdf, read back with Debian
poppler-utils): a repository large enough for its tables to run over pages prints on several
pages, each table's total row once (after its last row, never repeated on a page of its own),
and no section heading is the last line of a page.

    html_print.py --binary build/pipeline --repo examples/sales --today 2026-11-23
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from html_render import find_chromium, fail, run

COPIES = 8  # the example's projects this many times over: tables long enough to break across pages


def grow(repo, into):
    """A copy of `repo` whose projects are there COPIES times (ids P1-..., P2-...)."""
    shutil.copytree(repo, into, ignore=shutil.ignore_patterns(".git", ".pipeline"))
    projects = os.path.join(into, "projects")
    originals = [os.path.join(d, f) for d, _, fs in os.walk(projects) for f in fs if f.endswith(".yaml")]
    for n in range(2, COPIES + 1):
        for path in originals:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            old = os.path.splitext(os.path.basename(path))[0]
            new = f"C{n}-{old}"
            text = re.sub(rf"^id: {re.escape(old)}$", f"id: {new}", text, flags=re.M)
            # A lead from another project names it by id: the copy's own.
            text = re.sub(r"from_project: ([A-Z]{2}-\d{4}-\d{3})", rf"from_project: C{n}-\1", text)
            with open(os.path.join(os.path.dirname(path), new + ".yaml"), "w", encoding="utf-8") as f:
                f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--today", required=True)
    args = ap.parse_args()
    chromium = find_chromium()
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            fail(f"no {tool} (Debian package poppler-utils; make test installs it)")
    with tempfile.TemporaryDirectory(prefix="pipeline-print-") as tmp:
        repo = os.path.join(tmp, "sales")
        grow(args.repo, repo)
        page = os.path.join(tmp, "report.html")
        status, _, err = run([os.path.abspath(args.binary), "-C", repo, "--today", args.today, "report", "html", "-o", page])
        if status != 0:
            fail(f"pipeline report html exited {status}:\n{err}")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        # Each total row as the words its cells print ("total 144 612,488,004.00 ..."; the scorecard's is "team").
        rows = [" ".join(re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)).split()
                for row in re.findall(r'<tr class="total">(.*?)</tr>', html)]
        totals = len(rows)
        headings = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]
        pdf = os.path.join(tmp, "report.pdf")
        status, _, err = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync",
                              f"--user-data-dir={os.path.join(tmp, 'profile')}", "--no-pdf-header-footer",
                              f"--print-to-pdf={pdf}", "file://" + page], cwd=tmp, env=dict(os.environ, HOME=tmp))
        if not os.path.exists(pdf):
            fail(f"Chromium wrote no PDF (exit status {status}):\n{err[-2000:]}")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        printed = text.split("\f")
        # A printed row may wrap its last cells onto a line of their own: its first line begins it.
        def begins_a_total(words):
            return len(words) >= 3 and any(words == r[:len(words)] for r in rows)
        total_lines = [l for l in text.splitlines() if begins_a_total(l.split())]
        print(f"{pages} pages ({size}), {totals} tables with a total, {len(total_lines)} total rows printed")
        if "(A4)" not in size:
            fail(f"the page is not A4: {size}")
        if pages < 3:
            fail(f"only {pages} pages: the tables do not run over pages, so nothing is tested")
        if len(total_lines) != totals:
            fail(f"{len(total_lines)} total rows printed for {totals} tables with one: a total is repeated or lost\n" +
                 "\n".join(total_lines))
        for n, body in enumerate(printed, 1):
            lines = [l.strip() for l in body.splitlines() if l.strip()]
            if lines and n < len(printed) and lines[-1] in headings:
                fail(f"page {n} ends with the heading \"{lines[-1]}\", its section on the next page")
        print("ok")


if __name__ == "__main__":
    main()
