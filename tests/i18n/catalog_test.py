#!/usr/bin/env python3
"""The Chinese catalog is complete: every message of the sources (extracted afresh with
xgettext, as scripts/update-po does) has a translation in po/zh_CN.po that is not fuzzy and
formats with the message's arguments; the catalog holds no message the sources lost.
Run scripts/update-po to bring new messages into the catalog, then translate them."""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import catalog  # noqa: E402
import check_po  # noqa: E402


def sources():
    out = []
    for top in ("src", "include"):
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            out += [os.path.relpath(os.path.join(folder, f), ROOT) for f in files if f.endswith((".cpp", ".hpp"))]
    return sorted(out)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "pipeline.pot")
        with open(pot, "wb") as f:
            subprocess.run([os.path.join(ROOT, "scripts", "update-po")] + sources(), cwd=ROOT, stdout=f, check=True)
        wanted = {e.key: e for e in catalog.parse(pot) if e.msgid}
    po = os.path.join(ROOT, "po", "zh_CN.po")
    have = {e.key: e for e in catalog.parse(po) if e.msgid and not e.obsolete}
    problems = [f"{e.where()}: not in po/zh_CN.po: {e.msgid!r}" for k, e in wanted.items() if k not in have]
    problems += [f"po/zh_CN.po:{e.line}: no longer in the sources: {e.msgid!r}" for k, e in have.items() if k not in wanted]
    problems += [f"{e.where()}: {e.msgid!r}: plural in one, not in the other"
                 for k, e in wanted.items() if k in have and (e.msgid_plural is None) != (have[k].msgid_plural is None)]
    problems += list(check_po.problems(po))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problems; run scripts/update-po and translate (docs/glossary.md)")
        return 1
    print(f"{len(wanted)} messages, all translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
