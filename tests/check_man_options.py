#!/usr/bin/env python3
"""Fails when a command or option shown by `pipeline --help` is missing from man/pipeline.1:
a cheap guard against the reference drifting from the code."""
import re
import subprocess
import sys

binary, page = sys.argv[1], sys.argv[2]
man = open(page, encoding="utf-8").read().replace("\\-", "-")


def help_of(*args):
    return subprocess.run([binary, *args, "--help"], capture_output=True, text=True, check=True).stdout


def options(text):
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text)) - {"--help"}


missing = []
top = help_of()
commands = re.findall(r"^  ([a-z][a-z-]*)\s", top.split("Subcommands:")[1], re.M) if "Subcommands:" in top else []
for option in options(top):
    if option not in man:
        missing.append(f"pipeline {option}")
for command in commands:
    if not re.search(rf"^\.SS \"?pipeline {re.escape(command)}\b", man, re.M):
        missing.append(f"pipeline {command} (no .SS section)")
    for option in options(help_of(command)):
        if option not in man:
            missing.append(f"pipeline {command} {option}")
if missing:
    print("documented nowhere in " + page + ":\n  " + "\n  ".join(sorted(missing)))
    sys.exit(1)
print(f"{len(commands)} commands: every option is in {page}")
