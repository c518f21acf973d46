#!/usr/bin/env python3
"""Faults while writing, and nothing outside the repository.

    faults_test.py --binary PIPELINE --shim WRITE_FAULT.so --fixtures tests/fixtures [--preload-first LIB]

The commands that change files (advance, close, reopen, new) run with the LD_PRELOAD library
tests/faults/write_fault.c, which makes the write of the temporary file fail (a full file
system, an I/O error, a read-only file system) or stops the process in the middle of it.
After every failure the command must exit 1 with a message naming the project file, every
file of the repository must be byte for byte as before, no temporary or lock file may be
left, and the same command without the fault must then succeed. A process killed with
SIGKILL in the middle of a write leaves the file intact and does not block the next command.
Two processes on one project are made to overlap for certain (one is stopped while it holds
the lock, or between opening and locking the file), and only one change is written. A
folder the user cannot write to is tried as an unprivileged user. When a small tmpfs can be
mounted (root), a really full file system is tried too. Last, with a log of every file the
process opens and every program it tries to run: an id with ".." or a separator opens no
file, and no command runs a program, whatever the files hold.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TODAY = "2026-11-23"
failures = []
checked = 0


def expect(what, condition, detail=""):
    global checked
    checked += 1
    if not condition:
        failures.append(f"{what}\n{detail}")
    print(("ok   " if condition else "FAIL ") + what, flush=True)


class Runner:
    def __init__(self, args):
        self.binary = os.path.abspath(args.binary)
        self.shim = os.path.abspath(args.shim)
        self.preload_first = args.preload_first
        self.fixtures = os.path.abspath(args.fixtures)

    def env(self, faults=None):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PIPELINE_") and not k.startswith("WRITE_FAULT_") and k != "LD_PRELOAD"}
        env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
        if faults is not None:
            env["LD_PRELOAD"] = ":".join(p for p in (self.preload_first, self.shim) if p)
            env.update(faults)
        return env

    def run(self, repo, *args, faults=None, binary=None, prefix=()):
        p = subprocess.run([*prefix, binary or self.binary, "-C", repo, "--today", TODAY, *args],
                           capture_output=True, env=self.env(faults), timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def start(self, repo, *args, faults=None):
        return subprocess.Popen([self.binary, "-C", repo, "--today", TODAY, *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env(faults))


def snapshot(root):
    """Every file and folder under root: its bytes (or link target) and mode."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            st = os.lstat(path)
            if os.path.islink(path):
                state[rel] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                state[rel] = ("dir", st.st_mode)
            else:
                with open(path, "rb") as f:
                    state[rel] = ("file", st.st_mode, f.read())
    return state


def difference(before, after):
    lines = []
    for rel in sorted(set(before) | set(after)):
        if rel not in after:
            lines.append(f"  gone: {rel}")
        elif rel not in before:
            lines.append(f"  new:  {rel}")
        elif before[rel] != after[rel]:
            lines.append(f"  changed: {rel}")
    return "\n".join(lines)


def remove(path):
    if os.path.exists(path):
        os.remove(path)


def temporaries(folder):
    return sorted(n for n in os.listdir(folder) if ".tmp-" in n)


def copy_fixture(runner, tmp, name="moves-edit"):
    repo = os.path.join(tmp, name)
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(os.path.join(runner.fixtures, name), repo, symlinks=True)
    return repo


# The commands that write, each with what it writes and the message of a failed write.
ADVANCE = (["advance", "LOCK-1"], "projects/LOCK-1.yaml", "the file is unchanged")
CLOSE = (["close", "LOCK-1", "--lost", "--reason", "价格"], "projects/LOCK-1.yaml", "the file is unchanged")
REOPEN = (["reopen", "LOST-1", "--note", "客户重新招标", "--expected-close", "2027-06-30"], "projects/LOST-1.yaml", "the file is unchanged")
NEW = (["new", "X-9", "--name", "新项目", "--customer", "某客户", "--owner", "zhang.san", "--amount", "100000",
        "--expected-close", "2027-06-30", "--source", "展会"], "projects/X-9.yaml", "nothing written")

# Faults in the write of the temporary file: the variables of write_fault.c and the reason
# the message must give.
FAULTS = [
    ("a full file system at the first byte", {"WRITE_FAULT_WRITE": "ENOSPC"}, "No space left on device"),
    ("a full file system after 100 bytes", {"WRITE_FAULT_WRITE": "ENOSPC", "WRITE_FAULT_AFTER": "100"},
     "No space left on device"),
    ("the disk quota used up after 10 bytes", {"WRITE_FAULT_WRITE": "EDQUOT", "WRITE_FAULT_AFTER": "10"},
     "Disk quota exceeded"),
    ("an I/O error after 50 bytes", {"WRITE_FAULT_WRITE": "EIO", "WRITE_FAULT_AFTER": "50"}, "Input/output error"),
    ("an I/O error when flushing to disk", {"WRITE_FAULT_FSYNC": "EIO"}, "flushing to disk failed: Input/output error"),
    ("an I/O error reported by close", {"WRITE_FAULT_CLOSE": "EIO"}, "Input/output error"),
    ("no room for the temporary file", {"WRITE_FAULT_OPEN": "ENOSPC"},
     "cannot create a temporary file beside it: No space left on device"),
    ("a read-only file system", {"WRITE_FAULT_OPEN": "EROFS"},
     "cannot create a temporary file beside it: Read-only file system"),
]


def test_write_faults(runner, tmp):
    for command, path, outcome in (ADVANCE, CLOSE, REOPEN, NEW):
        name = command[0]
        for what, faults, reason in FAULTS:
            repo = copy_fixture(runner, tmp)
            before = snapshot(repo)
            status, out, err = runner.run(repo, *command, faults=faults)
            expected = f"pipeline: cannot write {path}: {reason}; {outcome}\n"
            expect(f"{name}, {what}: exit 1 and the message names the file",
                   status == 1 and err == expected and out == "", f"status {status}\nstdout {out!r}\nstderr {err!r}\nexpected {expected!r}")
            expect(f"{name}, {what}: every file as before, no temporary or lock file",
                   snapshot(repo) == before, difference(before, snapshot(repo)))
            status, out, err = runner.run(repo, *command)
            expect(f"{name}, {what}: then the command succeeds", status == 0 and f"wrote {path}" in out, err)
    # The rename (a replaced file) and the link (a new file) failing.
    for command, variable, message in ((ADVANCE, "WRITE_FAULT_RENAME", "cannot replace projects/LOCK-1.yaml: Input/output error; the file is unchanged"),
                                       (NEW, "WRITE_FAULT_LINK", "cannot create projects/X-9.yaml: Input/output error; nothing written")):
        repo = copy_fixture(runner, tmp)
        before = snapshot(repo)
        status, out, err = runner.run(repo, *command[0], faults={variable: "EIO"})
        expect(f"{command[0][0]}, an I/O error in the {variable[12:].lower()}: exit 1, message",
               status == 1 and err == f"pipeline: {message}\n", f"status {status}\nstderr {err!r}")
        expect(f"{command[0][0]}, an I/O error in the {variable[12:].lower()}: every file as before",
               snapshot(repo) == before, difference(before, snapshot(repo)))


def wait_stopped(process):
    """Waits until the process has stopped itself (SIGSTOP); False if it ended instead."""
    while True:
        pid, status = os.waitpid(process.pid, os.WUNTRACED)
        if os.WIFSTOPPED(status):
            return True
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            process.returncode = os.waitstatus_to_exitcode(status)
            return False


def kill(process):
    os.kill(process.pid, signal.SIGKILL)
    _, status = os.waitpid(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    process.stderr.close()


def test_killed(runner, tmp):
    for command, path, stop, after in ((ADVANCE, "projects/LOCK-1.yaml", "write", "120"),
                                       (ADVANCE, "projects/LOCK-1.yaml", "rename", "0"),
                                       (CLOSE, "projects/LOCK-1.yaml", "write", "1"),
                                       (NEW, "projects/X-9.yaml", "write", "120")):
        name = f"{command[0][0]} killed {'in the middle of writing' if stop == 'write' else 'just before the rename'}"
        repo = copy_fixture(runner, tmp)
        before = snapshot(repo)
        target = os.path.join(repo, path)
        process = runner.start(repo, *command[0], faults={"WRITE_FAULT_STOP": stop, "WRITE_FAULT_AFTER": after})
        if not wait_stopped(process):
            expect(f"{name}: the process stopped in the write", False, process.stderr.read().decode())
            continue
        left = temporaries(os.path.dirname(target))
        partial = open(os.path.join(os.path.dirname(target), left[0]), "rb").read() if len(left) == 1 else None
        written = f"{after} bytes" if stop == "write" else "complete"
        expect(f"{name}: while stopped, one temporary file ({written}) and the file as before",
               partial is not None and (stop != "write" or len(partial) == int(after))
               and snapshot(repo).get(path) == before.get(path), f"{left} {partial!r}")
        if command is not NEW:
            status, _, err = runner.run(repo, *command[0])
            expect(f"{name}: meanwhile a second command finds the file locked",
                   status == 1 and err == f"pipeline: {path} is being changed by another process "
                                          "(it holds the file's lock); try again\n", err)
        kill(process)
        after_kill = snapshot(repo)
        expect(f"{name}: killed, the file is as before", after_kill.get(path) == before.get(path))
        expect(f"{name}: killed, nothing but the temporary file is left",
               set(after_kill) - set(before) == {os.path.join(os.path.dirname(path), left[0])}
               and all(after_kill[k] == before[k] for k in before), difference(before, after_kill))
        status, out, err = runner.run(repo, *command[0])
        expect(f"{name}: the next command is not blocked and succeeds", status == 0 and f"wrote {path}" in out, err)
        status, out, _ = runner.run(repo, "check", "--brief", path)
        expect(f"{name}: the written file passes check", status == 0, out)
        if command is NEW:
            expect(f"{name}: the leftover of the killed new is there until the file is next changed",
                   temporaries(os.path.dirname(target)) == left)
            status, out, err = runner.run(repo, "advance", "X-9")
            expect(f"{name}: advance removes it", status == 0 and temporaries(os.path.dirname(target)) == [], err)
        else:
            expect(f"{name}: the command removed the leftover temporary file",
                   temporaries(os.path.dirname(target)) == [], str(temporaries(os.path.dirname(target))))


def history_entries(path, stage):
    with open(path, encoding="utf-8") as f:
        return len(re.findall(rf"to: {stage}\b", f.read()))


def test_overlap(runner, tmp):
    """Two processes advance one project at the same moment, made to overlap for certain."""
    # The first holds the lock, stopped in the middle of its write; the second starts.
    repo = copy_fixture(runner, tmp)
    path = os.path.join(repo, "projects", "RACE-1.yaml")
    first = runner.start(repo, "advance", "RACE-1", "--to", "initiation",
                         faults={"WRITE_FAULT_STOP": "write", "WRITE_FAULT_AFTER": "64"})
    stopped = wait_stopped(first)
    if not stopped:
        expect("overlap: the first process stopped in its write", False, first.stderr.read().decode())
        return
    second = runner.run(repo, "advance", "RACE-1", "--to", "initiation")
    os.kill(first.pid, signal.SIGCONT)
    out, err = first.communicate(timeout=60)
    expect("overlap, one stopped while writing: the second is refused (locked)",
           stopped and second[0] == 1 and "is being changed by another process" in second[2], second[2])
    expect("overlap, one stopped while writing: the first goes on and writes", first.returncode == 0, err.decode())
    expect("overlap, one stopped while writing: exactly one new history entry",
           history_entries(path, "initiation") == 1 and runner.run(repo, "check", "--brief", "projects/RACE-1.yaml")[0] == 0)
    expect("overlap, one stopped while writing: no temporary file", temporaries(os.path.dirname(path)) == [])
    # The second opens the file, is stopped before it takes the lock, and the first writes in between.
    repo = copy_fixture(runner, tmp)
    path = os.path.join(repo, "projects", "RACE-1.yaml")
    second = runner.start(repo, "advance", "RACE-1", "--to", "initiation",
                          faults={"WRITE_FAULT_STOP": "lock", "WRITE_FAULT_PATH": "RACE-1.yaml"})
    stopped = wait_stopped(second)
    if not stopped:
        expect("overlap: the second process stopped before locking", False, second.stderr.read().decode())
        return
    first = runner.run(repo, "advance", "RACE-1", "--to", "initiation")
    os.kill(second.pid, signal.SIGCONT)
    out, err = second.communicate(timeout=60)
    expect("overlap, one stopped before locking: the other writes", stopped and first[0] == 0, first[2])
    expect("overlap, one stopped before locking: then it finds the file replaced and writes nothing",
           second.returncode == 1 and err.decode() == "pipeline: projects/RACE-1.yaml was replaced by another process "
                                                      "while it was being opened; try again\n", err.decode())
    expect("overlap, one stopped before locking: exactly one new history entry",
           history_entries(path, "initiation") == 1)
    # Many real races, each checked for a mix.
    repo = copy_fixture(runner, tmp)
    path = os.path.join(repo, "projects", "RACE-1.yaml")
    original = open(path, "rb").read()
    mixed = 0
    for _ in range(20):
        with open(path, "wb") as f:
            f.write(original)
        processes = [runner.start(repo, "advance", "RACE-1", "--to", "initiation") for _ in range(3)]
        statuses = [p.wait(timeout=60) for p in processes]
        for p in processes:
            p.stdout.close()
            p.stderr.close()
        if statuses.count(0) != 1 or history_entries(path, "initiation") != 1 or temporaries(os.path.dirname(path)):
            mixed += 1
    expect("three processes at once, twenty times: one succeeds each time, one entry, no temporary file", mixed == 0,
           f"{mixed} of 20 went wrong")


def test_read_only_folder(runner, tmp):
    """The folder of the project cannot be written: as an unprivileged user (root writes anyway)."""
    as_root = os.geteuid() == 0
    prefix = ()
    binary = runner.binary
    if as_root:
        setpriv = shutil.which("setpriv")
        expect("read-only folder: setpriv is there to drop root", setpriv is not None)
        if setpriv is None:
            return
        prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
        # The user nobody must reach the binary: a copy in the test's folder, which it can enter.
        binary = os.path.join(tmp, "pipeline")
        shutil.copy2(runner.binary, binary)
        os.chmod(binary, 0o755)
        os.chmod(tmp, 0o755)
    for command, path, outcome in (ADVANCE, CLOSE, NEW):
        repo = copy_fixture(runner, tmp)
        for folder, dirs, files in os.walk(repo):
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
            os.chmod(folder, 0o555)
        before = snapshot(repo)
        status, out, err = runner.run(repo, *command, binary=binary, prefix=prefix)
        expected = f"pipeline: cannot write {path}: cannot create a temporary file beside it: Permission denied; {outcome}\n"
        expect(f"{command[0]} in a read-only folder{' (as nobody)' if as_root else ''}: exit 1, message",
               status == 1 and err == expected, f"status {status}\nstdout {out!r}\nstderr {err!r}")
        expect(f"{command[0]} in a read-only folder: every file as before", snapshot(repo) == before,
               difference(before, snapshot(repo)))
        for folder, _, _ in os.walk(repo):
            os.chmod(folder, 0o755)


def test_full_tmpfs(runner, tmp):
    """A really full file system: a tmpfs of 64 KiB filled up, when it can be mounted."""
    mount = os.path.join(tmp, "small")
    os.makedirs(mount)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], capture_output=True)
    if p.returncode != 0:
        print(f"skip a full tmpfs: cannot mount one here ({p.stderr.decode().strip()}); the injected faults above cover it")
        return
    try:
        repo = os.path.join(mount, "repo")
        shutil.copytree(os.path.join(runner.fixtures, "moves-edit"), repo, symlinks=True,
                        ignore=lambda d, names: [n for n in names if n.endswith(".yaml") and d.endswith("projects")
                                                 and n != "LOCK-1.yaml"])
        with open(os.path.join(mount, "filler"), "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        before = snapshot(repo)
        status, out, err = runner.run(repo, "advance", "LOCK-1")
        expect("advance on a full tmpfs: exit 1, message",
               status == 1 and err == "pipeline: cannot write projects/LOCK-1.yaml: No space left on device; "
                                      "the file is unchanged\n", f"status {status}\nstderr {err!r}")
        expect("advance on a full tmpfs: every file as before", snapshot(repo) == before, difference(before, snapshot(repo)))
        os.remove(os.path.join(mount, "filler"))
        status, out, err = runner.run(repo, "advance", "LOCK-1")
        expect("advance on the tmpfs with room again: succeeds", status == 0, err)
    finally:
        subprocess.run(["umount", mount])


def test_nothing_opened_or_run(runner, tmp):
    """Ids with ".." or separators open no file; no command runs a program."""
    repo = copy_fixture(runner, tmp)
    log = os.path.join(tmp, "opened.log")
    for command in (["advance", "../LOCK-1"], ["show", "projects/LOCK-1"], ["close", "..", "--won"],
                    ["reopen", "/etc/passwd", "--note", "x"],
                    ["new", "../X-1", "--name", "x", "--customer", "y", "--owner", "zhang.san", "--amount", "1",
                     "--expected-close", "2027-01-01"]):
        remove(log)
        status, _, err = runner.run(repo, *command, faults={"WRITE_FAULT_LOG": log})
        opened = open(log).read() if os.path.exists(log) else ""
        # pipeline.yaml alone is read first, for the team's language (`language:`).
        projects = [line for line in opened.splitlines() if not line.endswith("/pipeline.yaml")]
        expect(f"{' '.join(command[:2])}: refused (status 2) before any project file is opened",
               status == 2 and "is not a project id" in err and not projects, f"status {status}\n{err}\nopened:\n{opened}")
    # The log does show the files a command opens, and the programs a shell starts.
    remove(log)
    runner.run(repo, "show", "LOCK-1", faults={"WRITE_FAULT_LOG": log})
    opened = open(log).read() if os.path.exists(log) else ""
    expect("the log of opened files works: show LOCK-1 opens pipeline.yaml and projects/LOCK-1.yaml",
           "pipeline.yaml\n" in opened and "projects/LOCK-1.yaml\n" in opened, opened)
    remove(log)
    subprocess.run(["sh", "-c", "ls > /dev/null"], env=runner.env({"WRITE_FAULT_LOG": log, "WRITE_FAULT_NO_EXEC": "1"}),
                   capture_output=True)
    started = open(log).read() if os.path.exists(log) else ""
    expect("the log of programs works: sh -c ls is caught", "exec " in started, started)
    # Data that a shell would run, in every field a command shows or writes.
    repo = copy_fixture(runner, tmp, "reports")
    marker = os.path.join(tmp, "RAN")
    evil = f"$(touch {marker}) `touch {marker}`; touch {marker} | sh"
    with open(os.path.join(repo, "projects", "EVIL-1.yaml"), "w", encoding="utf-8") as f:
        f.write(f'id: EVIL-1\nname: "{evil}"\ncustomer: {{name: "{evil}"}}\nowner: zhou.jl\namount: 100000\n'
                f'expected_close: 2027-05-20\nstage: lead\nlead: {{source: "{evil}"}}\nnotes: "{evil}"\n'
                f'history:\n  - {{date: 2026-11-04, to: lead, by: zhou.jl, note: "{evil}"}}\n')
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    subprocess.run(["git", "-C", repo, "add", "-A"], check=True)
    subprocess.run(["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x"],
                   check=True)
    remove(log)
    commands = [["check"], ["check", "--base", "HEAD"], ["list"], ["show", "EVIL-1"], ["forecast"],
                ["report", "funnel"], ["report", "stale"], ["report", "html", "--output", os.path.join(tmp, "r.html")],
                ["diff", "HEAD"], ["advance", "EVIL-1", "--force", "--reason", evil, "--note", evil],
                ["close", "EVIL-1", "--lost", "--reason", evil], ["reopen", "EVIL-1", "--note", evil],
                ["new", "EVIL-2", "--name", evil, "--customer", evil, "--owner", "zhou.jl", "--amount", "1",
                 "--expected-close", "2027-01-01"]]
    ran = []
    for command in commands:
        status, out, err = runner.run(repo, *command, faults={"WRITE_FAULT_LOG": log, "WRITE_FAULT_NO_EXEC": "1"})
        ran.append(f"{' '.join(command[:2])}: {status}")
        if status not in (0, 1) or "Traceback" in err:
            failures.append(f"{command}: status {status}\n{err}")
    execs = [l for l in open(log).read().splitlines() if l.startswith("exec")] if os.path.exists(log) else []
    expect(f"{len(commands)} commands on data a shell would run: no program started, nothing ran",
           execs == [] and not os.path.exists(marker), "\n".join(execs + ran))
    # And the binary does not even import a function that starts programs.
    p = subprocess.run(["nm", "-D", "--undefined-only", runner.binary], capture_output=True, text=True)
    imported = {line.split()[-1].split("@")[0] for line in p.stdout.splitlines() if line.strip()}
    starters = {"system", "popen", "fork", "vfork", "execl", "execle", "execlp", "execv", "execve", "execvp", "execvpe",
                "fexecve", "posix_spawn", "posix_spawnp", "clone", "clone3", "wordexp"}
    expect("the binary imports no function that starts a program", p.returncode == 0 and not (imported & starters),
           str(imported & starters))


def test_import(runner, tmp):
    """pipeline import writes its files as one change: a failure in the last file undoes the others;
    a termination signal in the middle waits until the change is whole."""
    imported = ["customers/C-0001.yaml", "customers/C-0002.yaml", "customers/C-0003.yaml", "projects/CRM-201.yaml",
                "projects/CRM-202.yaml", "projects/CRM-203.yaml", "projects/IMP-0001.yaml"]
    for what, faults, reason in (("no room for the last file", {"WRITE_FAULT_OPEN": "ENOSPC"}, "No space left on device"),
                                 ("an I/O error writing the last file", {"WRITE_FAULT_WRITE": "EIO", "WRITE_FAULT_AFTER": "20"},
                                  "Input/output error"),
                                 ("an I/O error creating the last file", {"WRITE_FAULT_LINK": "EIO"}, "Input/output error")):
        repo = copy_fixture(runner, tmp, "import")
        args = ["import", os.path.join(repo, "exports/good.csv"), "--map", os.path.join(repo, "map.yaml")]
        before = snapshot(repo)
        status, out, err = runner.run(repo, *args, faults={"WRITE_FAULT_PATH": "IMP-0001", **faults})
        expect(f"import, {what}: exit 1, the message names the file and the reason",
               status == 1 and out == "" and "projects/IMP-0001.yaml" in err and reason in err, f"status {status}\nstderr {err!r}")
        expect(f"import, {what}: the files written before it are undone, nothing left",
               snapshot(repo) == before, difference(before, snapshot(repo)))
        status, out, err = runner.run(repo, *args)
        expect(f"import, {what}: then the import succeeds", status == 0 and all(os.path.exists(os.path.join(repo, f)) for f in imported), err)

    # Stopped in the middle of the last file, sent SIGTERM, let go: the change completes first.
    repo = copy_fixture(runner, tmp, "import")
    args = ["import", os.path.join(repo, "exports/good.csv"), "--map", os.path.join(repo, "map.yaml")]
    process = runner.start(repo, *args, faults={"WRITE_FAULT_PATH": "IMP-0001", "WRITE_FAULT_STOP": "write", "WRITE_FAULT_AFTER": "10"})
    if wait_stopped(process):
        written = [f for f in imported if os.path.exists(os.path.join(repo, f))]
        expect("import stopped in the last file: the files before it are written", written == imported[:-1], str(written))
        os.kill(process.pid, signal.SIGTERM)
        os.kill(process.pid, signal.SIGCONT)
        _, status = os.waitpid(process.pid, 0)
        process.stdout.close()
        err = process.stderr.read().decode()
        process.stderr.close()
        expect("import sent SIGTERM in the middle: it ends by the signal once the change is whole",
               os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
               and all(os.path.exists(os.path.join(repo, f)) for f in imported)
               and temporaries(os.path.join(repo, "projects")) == [], f"status {status}")
        expect("import sent SIGTERM in the middle: it says why it printed no result",
               err == "pipeline: interrupted; the files being written were finished (or put back) first\n", repr(err))
        status, out, _ = runner.run(repo, "check")
        expect("import sent SIGTERM in the middle: the repository passes check", status == 0, out)
    else:
        expect("import: the process stopped in the write", False, process.stderr.read().decode())


def test_output_interrupted(runner, tmp):
    """Ctrl-C while -o FILE is written: the file is whole, no temporary file is left, and the
    interrupt then ends the process."""
    repo = copy_fixture(runner, tmp, "import")
    out_file = os.path.join(repo, "forecast.csv")
    status, expected, _ = runner.run(repo, "forecast", "--by", "owner", "--format", "csv")
    process = runner.start(repo, "forecast", "--by", "owner", "-o", out_file,
                           faults={"WRITE_FAULT_STOP": "write", "WRITE_FAULT_AFTER": "10"})
    if not wait_stopped(process):
        expect("forecast -o: the process stopped in the write", False, process.stderr.read().decode())
        return
    os.kill(process.pid, signal.SIGINT)
    os.kill(process.pid, signal.SIGCONT)
    _, code = os.waitpid(process.pid, 0)
    process.stdout.close()
    process.stderr.close()
    written = None
    if os.path.exists(out_file):
        with open(out_file, encoding="utf-8", newline="") as f:
            written = f.read()
    expect("forecast -o interrupted in the write: ended by the interrupt once the file is in place",
           os.WIFSIGNALED(code) and os.WTERMSIG(code) == signal.SIGINT and written == expected, f"status {code}")
    expect("forecast -o interrupted in the write: no temporary file left", temporaries(repo) == [], str(temporaries(repo)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--preload-first", default="", help="a library to preload before the shim (the ASan runtime)")
    runner = Runner(ap.parse_args())
    with tempfile.TemporaryDirectory(prefix="pipeline-faults-") as tmp:
        test_write_faults(runner, tmp)
        test_killed(runner, tmp)
        test_overlap(runner, tmp)
        test_read_only_folder(runner, tmp)
        test_full_tmpfs(runner, tmp)
        test_nothing_opened_or_run(runner, tmp)
        test_import(runner, tmp)
        test_output_interrupted(runner, tmp)
    print(f"{checked - len(failures)} of {checked} passed")
    for f in failures:
        print("\nFAILED: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
