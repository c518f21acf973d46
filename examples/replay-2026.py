#!/usr/bin/env python3
"""Replay the example repository examples/sales as a git history of 2026.

Usage:
    python3 examples/replay-2026.py DIR [--to 2026-11-23] [--check PIPELINE]

Creates a new git repository in DIR (which must not exist or be empty) with one commit
per week: on every Monday from 2026-01-05 up to --to (default 2026-11-23, the "today" of
the data set), the projects as they stood that Monday.  Then `pipeline trend`,
`pipeline report slippage`, `pipeline report accuracy` and `pipeline diff --since` have
a history to read.  Python 3 standard library only; git must be installed.

The files of examples/sales record how each project ended up on 2026-11-23, not every
week of its life.  Each week's file is made from the real file with line-based edits;
every byte the rules below do not touch is kept, comments included (so the comments,
written on 2026-11-23, show in every week).

What is real (from the files):
  * A project exists from the date of its first `history:` entry.
  * Only history entries dated on or before the Monday are kept, with the comment lines
    directly above a dropped entry; in a flow-style `history: [...]` the comma after the
    new last entry is removed.
  * `stage:` is the last stage the kept entries reached, written as the file writes its
    stage line (an id such as `solution`, or the stage's name such as `方案确认`, mapped
    through the stages of pipeline.yaml).
  * While the project is still open: no `status:`, `closed_on:` or `close_reason:`; a
    project that the file shows closed gets an `expected_close:` line above `stage:`.
  * Dated items appear on their date: `activities:` and `approvals:` entries dated after
    the Monday are dropped; `review:` appears from its date; `tender:` from its
    `published_on`, with `submitted_on` from its date and `result: pending` until the
    project is past the tender stage or closed; `contract:` once the project has reached
    the contract stage, with `signed_on` from its date; `payments:` from the date the
    contract was signed, each payment's `received`/`received_on` from `received_on`;
    `requirements.design_plan` written as a date appears on that date; `documents:` entries
    on their date (the files under docs/ are there from the first week); `delivery:` once
    the project has moved past the contract stage, `started_on` and `delivered_on` from
    their days (`planned` is a plan, there throughout);
    `acceptance:` from its date; `budget:` from its
    first expense, each expense on its date; a `plan:` task's `done` from its date.  A list or section
    left with nothing in it is left out.

What is simulated (the files keep no earlier expected closes or amounts; this is a
deterministic, made-up pattern of typical slipping, not data):
  * The "final" close date is the file's `expected_close`, or `closed_on` for a closed
    project.  A project "settles" on the earlier of the date it first reaches `tender`
    (or a later stage) and the date of its last history entry (its close, or the last
    stage move the file records).
  * Expected close: the first guess is the last day of the month 90 days after the first
    history entry.  Every Monday, before settling, when the guess is 14 days away or
    less, it moves to the last day of the next month.  The date written is the guess,
    but never later than the final date, and no week moves it out by more than 56 days:
    a guess further from the next week's is raised to 56 days before it (a close moved
    out further in one change wants a change approval, rules.change_close_days, which
    the files do not have).  From the settling date on it is the final date.
  * Amount: the file's amount, except for projects whose id ends in 3 (HZ-2026-003,
    TJ-2026-003, WH-2026-003, SZ-2026-003, GZ-2026-013): 10 % higher until they settle.
  * The customer master (customers/) is there from the first week: a revisit from its
    date, a complaint from the day it was received, its answer, fix direction and
    resolution (with the satisfaction) each from its own day.
  So the last week (2026-11-23) gives back the files of examples/sales byte for byte.

Commits: dated that Monday 18:00 +0800 (author and committer).  The author is the
owner's name from the roster of pipeline.yaml when the week changed only that owner's
projects, otherwise 销售运营; the committer is always 销售运营.  A week that changed
nothing is still committed (empty), so there is one commit per Monday.  The same input
gives the same commit ids.

--check PIPELINE runs `PIPELINE -C DIR check --today MONDAY` after every commit and stops
at the first week with an error.
"""

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "sales"
FIRST_MONDAY = dt.date(2026, 1, 5)
LAST_DAY = dt.date(2026, 11, 23)          # "today" of the data set
OPS_NAME, OPS_EMAIL = "销售运营", "sales-ops@example.com"
FIRST_GUESS_DAYS = 90
PUSH_WITHIN_DAYS = 14
MAX_MOVE_DAYS = 56  # the most a week moves a close out: less than rules.change_close_days
TWEAK_PERCENT = 10

DATE = r"(\d{4}-\d{2}-\d{2})"
TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(.*)$")
SCALAR = re.compile(r"^(\S+)(.*)$")          # a plain value and what follows it (comment)


class ReplayError(Exception):
    pass


def parse_date(text):
    return dt.date.fromisoformat(text)


def month_end(d):
    first_next = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def next_month_end(d):
    return month_end(month_end(d) + dt.timedelta(days=1))


def strip_comment(value):
    """A plain scalar without its ` # comment`."""
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def flow_value(line, key):
    """The value of `key` in a one-line flow mapping such as `- {date: 2026-01-05, to: lead}`."""
    m = re.search(r"[{,]\s*" + re.escape(key) + r":\s*([^,}]*)", line)
    return m.group(1).strip() if m else None


# ---- pipeline.yaml ----

def read_process(path):
    """Stages (id, name) in order, outcome ids and names, and the roster (id -> name)."""
    stages, people, outcomes = [], {}, {}
    section, item = None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = TOP_KEY.match(line)
        if m:
            section, item = m.group(1), None
            continue
        if section in ("stages", "people"):
            m = re.match(r"^  - id:\s*(.*)$", line)
            if m:
                item = {"id": strip_comment(m.group(1))}
                if section == "stages":
                    stages.append(item)
                else:
                    people[item["id"]] = item
                continue
            m = re.match(r"^    name:\s*(.*)$", line)
            if m and item is not None:
                item["name"] = strip_comment(m.group(1))
        elif section == "outcomes":
            m = re.match(r"^  (\w+):\s*(.*)$", line)
            if m:
                outcomes[m.group(1)] = strip_comment(m.group(2))
    if not stages or not outcomes:
        raise ReplayError(f"{path}: no stages or outcomes found")
    return {
        "stage_ids": [s["id"] for s in stages],
        "stage_names": {s["id"]: s.get("name", s["id"]) for s in stages},
        "stage_by_name": {s.get("name", s["id"]): s["id"] for s in stages},
        "outcomes": {**{k: k for k in outcomes}, **{v: k for k, v in outcomes.items()}},
        "people": {pid: p.get("name", pid) for pid, p in people.items()},
    }


# ---- a project file as blocks of lines ----

def split_blocks(lines):
    """Top-level blocks: a `key:` line at column 0 with the indented lines (and the `]` of a
    flow list) under it; a line at column 0 that is no key (a comment) is a block alone."""
    blocks, current = [], None
    for i, line in enumerate(lines):
        m = TOP_KEY.match(line)
        if m:
            current = {"key": m.group(1), "rest": m.group(2), "head": i, "body": []}
            blocks.append(current)
        elif current is not None and (line.startswith(" ") or line.startswith("]")):
            current["body"].append(i)
        else:
            current = None
            blocks.append({"key": None, "head": i, "body": []})
    return blocks


def is_comment(line):
    return line.lstrip().startswith("#")


def list_items(lines, block, path):
    """The body of a list block: (index, kind) with kind "item" or "other" (comments, `]`).
    Every item must be a one-line flow mapping: `  - {...}` or, in `key: [`, `  {...},`."""
    flow = block["rest"].strip().startswith("[")
    if flow and block["rest"].strip() != "[":
        raise ReplayError(f"{path}:{block['head'] + 1}: a flow list must start with `{block['key']}: [` alone")
    out = []
    for i in block["body"]:
        text = lines[i].strip()
        if is_comment(lines[i]) or text == "]":
            out.append((i, "other"))
        elif (not flow and re.match(r"^- \{.*\}(\s+#.*)?$", text)) or (flow and re.match(r"^\{.*\},?(\s+#.*)?$", text)):
            out.append((i, "item"))
        else:
            raise ReplayError(f"{path}:{i + 1}: expected a one-line `{{...}}` entry in {block['key']}:")
    return flow, out


class Project:
    def __init__(self, path, rel, process):
        self.path, self.rel, self.process = path, rel, process
        self.text = path.read_text(encoding="utf-8")
        self.lines = self.text.split("\n")   # the last element is "" when the file ends in a newline
        self.blocks = split_blocks(self.lines)
        keys = {b["key"]: b for b in self.blocks if b["key"]}
        self.keys = keys
        for k in ("id", "owner", "amount", "stage", "history"):
            if k not in keys:
                raise ReplayError(f"{rel}: no `{k}:`")
        self.id = strip_comment(keys["id"]["rest"])
        self.owner = strip_comment(keys["owner"]["rest"])
        self.amount = strip_comment(keys["amount"]["rest"])
        stage_value = strip_comment(keys["stage"]["rest"])
        self.stage_by_name = stage_value in process["stage_by_name"] and stage_value not in process["stage_ids"]
        self.status = strip_comment(keys["status"]["rest"]) if "status" in keys else "open"
        self.closed_on = parse_date(strip_comment(keys["closed_on"]["rest"])) if "closed_on" in keys else None
        self.expected_close = (parse_date(strip_comment(keys["expected_close"]["rest"]))
                               if "expected_close" in keys else None)
        # History: (date, from, to) with stages as ids, outcomes as outcome ids.
        _, items = list_items(self.lines, keys["history"], rel)
        self.history = []
        for i, kind in items:
            if kind != "item":
                continue
            line = self.lines[i]
            date, to = flow_value(line, "date"), flow_value(line, "to")
            if not date or not to:
                raise ReplayError(f"{rel}:{i + 1}: a history entry without date or to")
            self.history.append((parse_date(date), self.normal(flow_value(line, "from")), self.normal(to)))
        if not self.history:
            raise ReplayError(f"{rel}: no history entry")
        if self.status != "open" and self.closed_on is None:
            raise ReplayError(f"{rel}: closed without closed_on")
        self.start = self.history[0][0]
        self.final_close = self.closed_on if self.status != "open" else self.expected_close
        if self.final_close is None:
            raise ReplayError(f"{rel}: open without expected_close")
        tender = process["stage_ids"].index("tender") if "tender" in process["stage_ids"] else len(process["stage_ids"])
        reached = [d for d, _, to in self.history
                   if to in process["stage_ids"] and process["stage_ids"].index(to) >= tender]
        self.tender_index = tender
        self.settle = min(([reached[0]] if reached else []) + [self.history[-1][0]])
        self.tweaked = self.id.endswith("3")
        self.contract_signed = self.sub_date("contract", "signed_on")
        self._guesses = {}

    def normal(self, stage):
        """A stage or outcome as its id (None stays None)."""
        if stage is None:
            return None
        p = self.process
        if stage in p["stage_ids"] or stage in p["outcomes"].values():
            return stage
        if stage in p["stage_by_name"]:
            return p["stage_by_name"][stage]
        if stage in p["outcomes"]:
            return p["outcomes"][stage]
        raise ReplayError(f"{self.rel}: unknown stage {stage!r}")

    def sub_date(self, key, sub):
        """The date of `key: / sub: DATE` (a two-space indented line), or None."""
        b = self.keys.get(key)
        if not b:
            return None
        for i in b["body"]:
            m = re.match(r"^  " + re.escape(sub) + r":\s*" + DATE + r"\b", self.lines[i])
            if m:
                return parse_date(m.group(1))
        return None

    # ---- the state at a Monday ----

    def state(self, week):
        """(stage id, status) from the history entries dated on or before `week`."""
        stage, status = None, "open"
        for d, came_from, to in self.history:
            if d > week:
                break
            if to in self.process["stage_ids"]:
                # A won project worked on after the win (delivery, acceptance) stays won;
                # only a reopen, from an outcome, makes it open again.
                reopened = came_from is not None and came_from not in self.process["stage_ids"]
                stage, status = to, ("open" if reopened or status != "won" else "won")
            else:
                status = to
        return stage, status

    def expected_close_at(self, week):
        """The simulated expected close written on `week` (see the module's docstring)."""
        if week >= self.settle:
            return self.final_close
        if not self._guesses:
            guess = month_end(self.start + dt.timedelta(days=FIRST_GUESS_DAYS))
            w = FIRST_MONDAY
            while w < self.settle:
                if w >= self.start:
                    while (guess - w).days <= PUSH_WITHIN_DAYS:
                        guess = next_month_end(guess)
                    self._guesses[w] = min(guess, self.final_close)
                w += dt.timedelta(days=7)
            # No week moves the close out by more than MAX_MOVE_DAYS: walking back from the
            # settling date, a guess is raised to within that of the next week's.
            later = self.final_close
            for w in sorted(self._guesses, reverse=True):
                self._guesses[w] = max(self._guesses[w], later - dt.timedelta(days=MAX_MOVE_DAYS))
                later = self._guesses[w]
        return self._guesses[week]

    def amount_at(self, week):
        if not self.tweaked or week >= self.settle:
            return self.amount
        whole, _, frac = self.amount.partition(".")
        cents = (int(whole) * 100 + int((frac + "00")[:2])) * (100 + TWEAK_PERCENT) // 100
        return str(cents // 100) if cents % 100 == 0 else f"{cents // 100}.{cents % 100:02d}"

    def text_at(self, week):
        """The file as it stood on `week`, or None when the project did not exist yet."""
        if week < self.start:
            return None
        stage, status = self.state(week)
        is_open = status == "open"
        if is_open and stage is None:
            raise ReplayError(f"{self.rel}: open at {week} without a stage")
        stage_ids = self.process["stage_ids"]
        past_tender = not is_open or stage_ids.index(stage) > self.tender_index
        reached_contract = any(d <= week and to == "contract" for d, _, to in self.history) or status == "won"
        lines = self.lines
        out = []

        def keep_dated(i, key):
            d = flow_value(lines[i], key)
            return d is None or not re.fullmatch(DATE, d) or parse_date(d) <= week

        def filter_list(block, keep):
            """Items for which keep(i) holds; the comment lines directly above a dropped item go with it."""
            flow, items = list_items(lines, block, self.rel)
            kept, pending = [], []
            for i, kind in items:
                if kind == "other" and is_comment(lines[i]):
                    pending.append(i)
                    continue
                if kind == "item" and not keep(i):
                    pending = []
                    continue
                kept.extend(pending)
                pending = []
                kept.append(i)
            kept.extend(pending)
            body = [lines[i] for i in kept]
            if flow:  # the last entry of `[...]` has no comma after it
                entries = [k for k, i in enumerate(kept) if dict(items)[i] == "item"]
                if entries:
                    last = entries[-1]
                    body[last] = re.sub(r"\},(\s+#.*)?$", lambda m: "}" + (m.group(1) or ""), body[last])
            return body

        for b in self.blocks:
            key, head = b["key"], b["head"]
            body = [lines[i] for i in b["body"]]
            if key is None:
                out.append(lines[head])
                continue
            if key in ("status", "closed_on", "close_reason") and is_open:
                continue
            if key == "stage":
                if is_open and "expected_close" not in self.keys:
                    out.append(f"expected_close: {self.expected_close_at(week).isoformat()}")
                shown = self.process["stage_names"][stage] if self.stage_by_name else stage
                out.append(self.replace_value(head, shown))
                out.extend(body)
                continue
            if key == "expected_close":
                out.append(self.replace_value(head, self.expected_close_at(week).isoformat()) if is_open else lines[head])
                out.extend(body)
                continue
            if key == "amount":
                out.append(self.replace_value(head, self.amount_at(week)))
                out.extend(body)
                continue
            if key == "history":
                out.append(lines[head])
                out.extend(filter_list(b, lambda i: parse_date(flow_value(lines[i], "date")) <= week))
                continue
            if key in ("activities", "approvals", "documents"):
                kept = filter_list(b, lambda i: keep_dated(i, "date"))
                if any(not is_comment(x) for x in kept):
                    out.append(lines[head])
                    out.extend(kept)
                continue
            if key == "review":
                reviewed = self.sub_date("review", "date")
                if reviewed is not None and reviewed <= week:
                    out.append(lines[head])
                    out.extend(body)
                continue
            if key == "tender":
                published = self.sub_date("tender", "published_on")
                if published is None or published > week:
                    continue
                out.append(lines[head])
                for i in b["body"]:
                    m = re.match(r"^  submitted_on:\s*" + DATE, lines[i])
                    if m and parse_date(m.group(1)) > week:
                        continue
                    m = re.match(r"^(  result:\s*)(\S+)(.*)$", lines[i])
                    if m and not past_tender:
                        out.append(m.group(1) + "pending" + m.group(3))
                        continue
                    out.append(lines[i])
                continue
            if key == "contract":
                if not reached_contract:
                    continue
                out.append(lines[head])
                for i in b["body"]:
                    m = re.match(r"^  signed_on:\s*" + DATE, lines[i])
                    if m and parse_date(m.group(1)) > week:
                        continue
                    out.append(lines[i])
                continue
            if key == "payments":
                if self.contract_signed is None or self.contract_signed > week:
                    continue
                out.append(lines[head])
                for line in filter_list(b, lambda i: True):
                    received = flow_value(line, "received_on")
                    if received and parse_date(received) > week:
                        line = re.sub(r",\s*received:\s*[^,}]*", "", line)
                        line = re.sub(r",\s*received_on:\s*[^,}]*", "", line)
                    out.append(line)
                continue
            if key == "budget":
                # From its first expense on, with the expenses dated on or before the Monday.
                dates = [parse_date(flow_value(lines[i], "date")) for i in b["body"]
                         if re.match(r"^    - \{date: " + DATE, lines[i])]
                if not dates or min(dates) > week:
                    continue
                out.append(lines[head])
                for i in b["body"]:
                    if re.match(r"^    - \{date: " + DATE, lines[i]) and parse_date(flow_value(lines[i], "date")) > week:
                        continue
                    out.append(lines[i])
                continue
            if key == "plan":
                # A task is done from its done date on.
                out.append(lines[head])
                for i in b["body"]:
                    done = flow_value(lines[i], "done")
                    if done and re.fullmatch(DATE, done) and parse_date(done) > week:
                        out.append(re.sub(r",\s*done:\s*[^,}]*", "", lines[i]))
                    else:
                        out.append(lines[i])
                continue
            if key == "delivery":
                # From the first move into the stage after the contract; each date from its day.
                after_contract = stage_ids[stage_ids.index("contract") + 1:] if "contract" in stage_ids else []
                if not any(d <= week and to in after_contract for d, _, to in self.history):
                    continue
                out.append(lines[head])
                out.extend(lines[i] for i in b["body"] if not self.dated_after(i, week, ("started_on", "delivered_on")))
                continue
            if key == "acceptance":
                accepted = self.sub_date("acceptance", "date")
                if accepted is not None and accepted <= week:
                    out.append(lines[head])
                    out.extend(body)
                continue
            if key == "requirements":
                kept = []
                for i in b["body"]:
                    m = re.match(r"^  design_plan:\s*" + DATE + r"\b", lines[i])
                    if m and parse_date(m.group(1)) > week:
                        continue
                    kept.append(lines[i])
                if any(not is_comment(x) for x in kept):
                    out.append(lines[head])
                    out.extend(kept)
                continue
            out.append(lines[head])
            out.extend(body)
        return "\n".join(out)

    def dated_after(self, i, week, keys):
        """Whether line i is `  KEY: DATE`, KEY one of `keys`, with the date after `week`."""
        m = re.match(r"^  ([a-z_]+):\s*" + DATE + r"\b", self.lines[i])
        return bool(m) and m.group(1) in keys and parse_date(m.group(2)) > week

    def replace_value(self, i, value):
        """Line i (`key: value  # comment`) with another value, the rest of the line kept."""
        m = TOP_KEY.match(self.lines[i])
        rest = m.group(2)
        spaces = rest[: len(rest) - len(rest.lstrip(" "))]
        v = SCALAR.match(rest.lstrip(" "))
        return f"{m.group(1)}:{spaces}{value}{v.group(2) if v else ''}"


class Customer:
    """A file of customers/: there from the first week; a revisit appears on its date, a
    complaint on the day it was received, each of its times (answered, fix_given, resolved,
    with the satisfaction that comes with resolved) from its own day."""

    TIME = re.compile(r"^(\s+)(?:- )?([a-z_]+):\s*" + DATE)

    def __init__(self, path, rel):
        self.rel = rel
        self.lines = path.read_text(encoding="utf-8").split("\n")
        self.blocks = split_blocks(self.lines)

    def text_at(self, week):
        lines, out = self.lines, []
        for b in self.blocks:
            key, head = b["key"], b["head"]
            if key == "revisits":
                kept = [lines[i] for i in b["body"]
                        if not (flow_value(lines[i], "date") and parse_date(flow_value(lines[i], "date")) > week)]
                if any(not is_comment(x) for x in kept):
                    out.append(lines[head])
                    out.extend(kept)
                continue
            if key == "complaints":
                kept = []
                for item in self.complaints(b):
                    received = self.time_of(item, "received")
                    if received is None or received > week:
                        continue
                    resolved = self.time_of(item, "resolved")
                    for i in item:
                        m = self.TIME.match(lines[i])
                        if m and parse_date(m.group(3)) > week:
                            continue
                        if re.match(r"^\s+satisfaction:", lines[i]) and (resolved is None or resolved > week):
                            continue
                        kept.append(lines[i])
                if kept:
                    out.append(lines[head])
                    out.extend(kept)
                continue
            out.append(lines[head])
            out.extend(lines[i] for i in b["body"])
        return "\n".join(out)

    def complaints(self, block):
        """The items of `complaints:`, each a `  - key: value` line with the lines under it."""
        items = []
        for i in block["body"]:
            if self.lines[i].startswith("  - "):
                items.append([i])
            elif items:
                items[-1].append(i)
            else:
                raise ReplayError(f"{self.rel}:{i + 1}: expected `  - ` to start a complaint")
        return items

    def time_of(self, item, key):
        for i in item:
            m = self.TIME.match(self.lines[i])
            if m and m.group(2) == key:
                return parse_date(m.group(3))
        return None


# ---- the replay ----

def mondays(until):
    d = FIRST_MONDAY
    while d <= until:
        yield d
        d += dt.timedelta(days=7)


def describe(project, before, after, week, process):
    """One line of the commit message for a project the week changed."""
    stage, status = project.state(week)
    names = process["stage_names"]
    if before is None:
        return f"{project.id} 新项目（{names[stage]}）"
    prev_week = week - dt.timedelta(days=7)
    prev_stage, prev_status = project.state(prev_week)
    parts = []
    if status != prev_status and status != "open":
        outcome_names = {v: k for k, v in process["outcomes"].items() if k != v}
        parts.append(outcome_names.get(status, status))
    elif stage != prev_stage:
        parts.append(f"{names[prev_stage]} → {names[stage]}")
    if status == "open" and prev_status == "open":
        c0, c1 = project.expected_close_at(prev_week), project.expected_close_at(week)
        if c0 != c1:
            parts.append(f"预计成交 {c0} → {c1}")
    a0, a1 = project.amount_at(prev_week), project.amount_at(week)
    if a0 != a1:
        parts.append(f"金额 {a0} → {a1}")
    return f"{project.id} " + ("，".join(parts) if parts else "跟进更新")


def git(directory, *args, env=None):
    cmd = ["git", "-C", str(directory), "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
           "-c", "i18n.commitEncoding=UTF-8", *args]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReplayError(f"{' '.join(cmd)}: {result.stderr.strip()}")
    return result.stdout


def main(argv):
    parser = argparse.ArgumentParser(description="Replay examples/sales as one git commit per week of 2026.")
    parser.add_argument("dir", help="the new git repository (must not exist, or be empty)")
    parser.add_argument("--to", default=LAST_DAY.isoformat(), help="the last day to replay (default: 2026-11-23)")
    parser.add_argument("--check", metavar="PIPELINE", help="run PIPELINE check --today MONDAY after every commit")
    args = parser.parse_args(argv)
    try:
        until = parse_date(args.to)
    except ValueError:
        parser.error(f"--to {args.to}: not a date YYYY-MM-DD")
    if not FIRST_MONDAY <= until <= LAST_DAY:
        parser.error(f"--to must lie from {FIRST_MONDAY} to {LAST_DAY} (the data set ends on {LAST_DAY})")
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        parser.error(f"{target} exists and is not an empty folder")

    process = read_process(SOURCE / "pipeline.yaml")
    projects = [Project(p, p.relative_to(SOURCE).as_posix(), process)
                for p in sorted((SOURCE / "projects").rglob("*.yaml"))]
    customers = [Customer(p, p.relative_to(SOURCE).as_posix())
                 for p in sorted((SOURCE / "customers").rglob("*.yaml"))]
    target.mkdir(parents=True, exist_ok=True)
    git(target, "init", "-q", "-b", "main")
    for name in ("pipeline.yaml", ".gitignore"):
        (target / name).write_bytes((SOURCE / name).read_bytes())
    # The documents projects name by path are there from the start.
    for doc in sorted((SOURCE / "docs").rglob("*")):
        if doc.is_file():
            out = target / doc.relative_to(SOURCE)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(doc.read_bytes())

    shown = {}   # rel -> text of the last week
    shown_customers = {}
    count = 0
    for week in mondays(until):
        changed = []
        for p in projects:
            text = p.text_at(week)
            if text is None or shown.get(p.rel) == text:
                continue
            out = target / p.rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(text.encode("utf-8"))
            changed.append((p, shown.get(p.rel), text))
            shown[p.rel] = text
        for c in customers:
            text = c.text_at(week)
            if shown_customers.get(c.rel) != text:
                out = target / c.rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(text.encode("utf-8"))
                shown_customers[c.rel] = text
        owners = {p.owner for p, _, _ in changed}
        if count > 0 and len(owners) == 1 and next(iter(owners)) in process["people"]:
            owner = next(iter(owners))
            author, email = process["people"][owner], f"{owner}@example.com"
        else:
            author, email = OPS_NAME, OPS_EMAIL
        stamp = f"{week.isoformat()}T18:00:00+08:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp,
               "GIT_COMMITTER_NAME": OPS_NAME, "GIT_COMMITTER_EMAIL": OPS_EMAIL, "GIT_COMMITTER_DATE": stamp}
        lines = [describe(p, before, after, week, process) for p, before, after in changed]
        message = f"周报 {week.isoformat()}" + ("\n\n" + "\n".join(lines) if lines else "\n\n本周无变化")
        git(target, "add", "-A")
        git(target, "commit", "-q", "--no-verify", "--allow-empty", "-m", message, env=env)
        count += 1
        if args.check:
            result = subprocess.run([args.check, "-C", str(target), "--no-cache", "check", "--brief",
                                     "--today", week.isoformat()], capture_output=True, text=True)
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                raise ReplayError(f"week {week}: pipeline check exited {result.returncode}")
    plural = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")
    print(f"{target}: {plural(count, 'weekly commit')}, {FIRST_MONDAY} to {week}, {plural(len(shown), 'project')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ReplayError as e:
        sys.stderr.write(f"replay-2026: {e}\n")
        sys.exit(1)
