#!/usr/bin/env python3
"""check_po.py FILE.po...: every message translated, none fuzzy, every translation formatting
with its message's arguments. Prints each problem as FILE: REFERENCE: what; status 1 if any."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalog  # noqa: E402


def problems(path):
    for e in catalog.parse(path):
        if e.msgid == "" or e.obsolete:
            continue
        shown = e.msgid if len(e.msgid) < 60 else e.msgid[:57] + "..."
        if "fuzzy" in e.flags:
            yield f"{e.where()}: fuzzy translation of {shown!r}"
            continue
        if not all(e.translations):
            yield f"{e.where()}: no translation of {shown!r}"
            continue
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural is not None else [])
        for t in e.translations:
            for s in sources[-1:] if e.msgid_plural is not None else sources:
                why = catalog.placeholder_problem(s, t)
                if why:
                    yield f"{e.where()}: {shown!r}: {why}"


def main(paths):
    bad = 0
    for path in paths:
        for p in problems(path):
            print(f"{path}: {p}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
