#!/usr/bin/env python3
"""Other users' files and permissions, with a second user: the cache never shows a file to a
user who may not read it and is readable by its owner alone, a folder that cannot be listed is
an error (not a forecast that quietly leaves its projects out), and an edit by root keeps the
file's owner and mode while an edit by another user says what it could not keep.

    users_test.py PIPELINE_BINARY FIXTURES_DIR

Needs root (to act as the user nobody through setpriv); exits 77 (skipped) otherwise.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

NOBODY = 65534
failures = []


def expect(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
        if detail:
            print("     " + detail.replace("\n", "\n     "))


def run(binary, repo, *args, as_nobody=False):
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": "/nonexistent"}
    p = subprocess.run([*prefix, binary, "-C", repo, "--today", "2026-11-23", *args], capture_output=True, text=True,
                       env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def main():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        print("skipped: needs root and setpriv to act as another user")
        return 77
    binary_in, fixtures = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="pipeline-users-")
    os.chmod(tmp, 0o755)
    try:
        binary = os.path.join(tmp, "pipeline")  # a copy nobody can reach
        shutil.copy2(binary_in, binary)
        os.chmod(binary, 0o755)

        # 1. The cache: written by root, 0600; nobody is not served the private file.
        repo = os.path.join(tmp, "cache")
        shutil.copytree(os.path.join(fixtures, "check-good"), repo, symlinks=True)
        os.makedirs(os.path.join(repo, ".pipeline"), exist_ok=True)
        private = os.path.join(repo, "projects", "north", "BJ-2026-002.yaml")
        os.chmod(private, 0o600)
        run(binary, repo, "list")
        run(binary, repo, "list")  # the first run's entries are too recent to trust; this one writes them all
        cache = os.path.join(repo, ".pipeline", "records.cache")
        expect("the record cache exists and is readable by its owner alone",
               os.path.exists(cache) and stat.S_IMODE(os.stat(cache).st_mode) == 0o600,
               oct(stat.S_IMODE(os.stat(cache).st_mode)) if os.path.exists(cache) else "no cache")
        status, out, err = run(binary, repo, "list", as_nobody=True)
        expect("nobody's list does not show the project nobody may not read", "BJ-2026-002" not in out, out)
        status, out, err = run(binary, repo, "check", "--brief", as_nobody=True)
        expect("nobody's check reports the file it may not read",
               status == 1 and "projects/north/BJ-2026-002.yaml:1:1: error: cannot read the file: Permission denied [io]" in out,
               f"status {status}\n{out}{err}")

        # 2. A folder nobody may not list is an error, and the forecast refuses.
        os.chmod(private, 0o644)
        os.chmod(os.path.dirname(private), 0o700)
        status, out, err = run(binary, repo, "--no-cache", "check", "--brief", as_nobody=True)
        expect("a folder that cannot be listed is an error",
               status == 1 and "projects/north:1:1: error: cannot list the folder: Permission denied; its projects are not read [io]" in out,
               f"status {status}\n{out}{err}")
        status, out, err = run(binary, repo, "--no-cache", "forecast", as_nobody=True)
        expect("no forecast that leaves the folder's projects out", status == 1 and "no forecast" in err,
               f"status {status}\n{out}{err}")
        os.chmod(os.path.dirname(private), 0o755)

        # 3. root edits a file of nobody's: owner, group and mode are kept.
        repo = os.path.join(tmp, "owner")
        shutil.copytree(os.path.join(fixtures, "moves-edit"), repo, symlinks=True)
        target = os.path.join(repo, "projects", "TENDER-1.yaml")
        os.chown(target, NOBODY, NOBODY)
        os.chmod(target, 0o640)
        status, out, err = run(binary, repo, "advance", "TENDER-1")
        st = os.stat(target)
        expect("root's edit of nobody's file keeps owner, group and mode",
               status == 0 and st.st_uid == NOBODY and st.st_gid == NOBODY and stat.S_IMODE(st.st_mode) == 0o640 and err == "",
               f"status {status} uid {st.st_uid} gid {st.st_gid} mode {oct(stat.S_IMODE(st.st_mode))}\n{err}")

        # 4. nobody edits root's file in a folder open to all: the file becomes nobody's, and it says so.
        target = os.path.join(repo, "projects", "GROUP-1.yaml")
        os.chmod(target, 0o666)
        for folder, _, _ in os.walk(repo):
            os.chmod(folder, 0o777)
        status, out, err = run(binary, repo, "advance", "GROUP-1", "--to", "relations", as_nobody=True)
        st = os.stat(target)
        expect("another user's edit says whose the file is now",
               status == 0 and st.st_uid == NOBODY and stat.S_IMODE(st.st_mode) == 0o666 and
               "pipeline: warning: projects/GROUP-1.yaml: it belonged to user 0; it belongs to you (user 65534) now" in err,
               f"status {status} uid {st.st_uid} mode {oct(stat.S_IMODE(st.st_mode))}\n{err}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
