#!/usr/bin/env python3
"""Runs one golden CLI test file: commands with their expected stdout, stderr, exit status
and, optionally, the exact bytes of files they write. See tests/README.md for the format.

    run_golden.py --binary build/pipeline tests/cli/check_basic.test
    run_golden.py --binary build/pipeline --update tests/cli/check_basic.test   # rewrite expectations
"""
import argparse
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples")


class Step:
    def __init__(self, command, line):
        self.command = command
        self.line = line
        self.stdout = None   # None: not checked
        self.stderr = None
        self.status = 0
        self.files = []      # (path in work dir, expected file relative to tests/cli)


def parse(path):
    """Returns (header lines, fixture, language, steps)."""
    header, fixture, language, steps = [], None, None, []
    section = None
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if line.startswith("$ "):
            steps.append(Step(line[2:], number))
            section = None
            continue
        if line.startswith(">>> "):
            words = line[4:].split()
            if not steps:
                raise SystemExit(f"{path}:{number}: '>>>' before any '$' command")
            step = steps[-1]
            if words[0] in ("stdout", "stderr"):
                setattr(step, words[0], [])
                section = words[0]
            elif words[0] == "status":
                step.status = int(words[1])
                section = None
            elif words[0] == "file" and len(words) == 4 and words[2] == "=":
                step.files.append((words[1], words[3]))
                section = None
            else:
                raise SystemExit(f"{path}:{number}: unknown directive {line!r}")
            continue
        if section is not None:
            getattr(steps[-1], section).append(raw)
        elif not steps:
            if line.startswith("fixture:"):
                fixture = line.split(":", 1)[1].strip()
            elif line.startswith("lang:"):
                language = line.split(":", 1)[1].strip()
            header.append(raw)
        elif line.strip():
            raise SystemExit(f"{path}:{number}: text outside a section: {line!r}")
    return header, fixture, language, steps


def text_of(lines):
    return "".join(l + "\n" for l in lines)


def run(binary, step, workdir, language):
    argv = shlex.split(step.command)
    if argv and argv[0] == "pipeline":
        argv[0] = binary
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIPELINE_") and not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    # `pipeline` inside a script step (sh -c '...', flock FILE pipeline ...) is the binary under test.
    env["PATH"] = os.path.dirname(binary) + os.pathsep + env.get("PATH", "")
    env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "HOME": workdir, "NO_COLOR": "1",
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})
    # A step may compare with or copy from examples/ ("$EXAMPLES/processes/...").
    env["EXAMPLES"] = EXAMPLES
    if language:
        # "lang: zh_CN.UTF-8": the language as a Chinese user's machine sets it.
        del env["LC_ALL"]
        env["LANG"] = language
    p = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, timeout=120)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--update", action="store_true", help="rewrite the expected output in the file")
    ap.add_argument("test")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    header, fixture, language, steps = parse(args.test)
    failures = []
    with tempfile.TemporaryDirectory(prefix="pipeline-golden-") as tmp:
        workdir = os.path.join(tmp, "repo")
        if fixture:
            source = os.path.join(EXAMPLES, fixture[len("examples/"):]) if fixture.startswith("examples/") \
                else os.path.join(FIXTURES, fixture)
            shutil.copytree(source, workdir, symlinks=True)
        else:
            os.makedirs(workdir)
        results = []
        for step in steps:
            out, err, status = run(binary, step, workdir, language)
            results.append((out, err, status))
            where = f"{args.test}:{step.line}: $ {step.command}"
            if step.stdout is not None and out != text_of(step.stdout):
                failures.append(f"{where}\nstdout differs:\n" + "".join(difflib.unified_diff(
                    text_of(step.stdout).splitlines(True), out.splitlines(True), "expected", "actual")))
            if step.stderr is not None and err != text_of(step.stderr):
                failures.append(f"{where}\nstderr differs:\n" + "".join(difflib.unified_diff(
                    text_of(step.stderr).splitlines(True), err.splitlines(True), "expected", "actual")))
            if status != step.status:
                failures.append(f"{where}\nexit status {status}, expected {step.status}\nstderr:\n{err}")
            for path, expected_rel in step.files:
                expected_path = os.path.join(os.path.dirname(os.path.abspath(args.test)), expected_rel)
                with open(os.path.join(workdir, path), "rb") as f:
                    actual = f.read()
                if args.update:
                    with open(expected_path, "wb") as f:
                        f.write(actual)
                    continue
                with open(expected_path, "rb") as f:
                    expected = f.read()
                if actual != expected:
                    failures.append(f"{where}\nfile {path} differs from {expected_rel}:\n" + "".join(
                        difflib.unified_diff([repr(l) + "\n" for l in expected.splitlines(True)],
                                             [repr(l) + "\n" for l in actual.splitlines(True)],
                                             "expected", "actual")))
    if args.update:
        with open(args.test, "w", encoding="utf-8", newline="") as f:
            for h in header:
                f.write(h + "\n")
            for step, (out, err, status) in zip(steps, results):
                f.write(f"$ {step.command}\n")
                f.write(">>> stdout\n" + out + ("" if out.endswith("\n") or not out else "\n"))
                f.write(">>> stderr\n" + err + ("" if err.endswith("\n") or not err else "\n"))
                f.write(f">>> status {status}\n")
                for path, expected_rel in step.files:
                    f.write(f">>> file {path} = {expected_rel}\n")
        print(f"updated {args.test}")
        return 0
    if failures:
        print("\n\n".join(failures))
        return 1
    print(f"{len(steps)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
