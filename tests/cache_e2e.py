#!/usr/bin/env python3
"""End-to-end tests of the cache of loaded records (.pipeline/records.cache).

    cache_e2e.py BINARY EXAMPLE_REPOSITORY

Every step changes the repository or the cache the way a person or a tool might and then
asserts on what `pipeline check` prints: a cache that served stale data would print the
output from before the change and fail here. Before each change the test waits until the
files are older than the cache's timestamp granularity, so the cache would otherwise trust
its entries.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

BINARY, EXAMPLE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []
checked = 0


def run(repo, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC"})
    p = subprocess.run([BINARY, "-C", repo, "--today", "2026-11-23", *args, "check", "--brief"],
                       capture_output=True, env=env, timeout=60)
    return p.stdout.decode(), p.stderr.decode(), p.returncode


def expect(what, condition, detail=""):
    global checked
    checked += 1
    if not condition:
        failures.append(f"{what}\n{detail}")
    print(("ok   " if condition else "FAIL ") + what)


def settle():
    """Lets the last change age past the racy window (one second) so entries are trusted."""
    time.sleep(1.2)


def replace_same_size(path, old, new):
    assert len(old.encode()) == len(new.encode())
    st = os.stat(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before: only ctime tells
    assert os.stat(path).st_size == st.st_size and os.stat(path).st_mtime_ns == st.st_mtime_ns


def main():
    with tempfile.TemporaryDirectory(prefix="pipeline-cache-") as tmp:
        repo = os.path.join(tmp, "repo")
        shutil.copytree(EXAMPLE, repo)
        cache_dir = os.path.join(repo, ".pipeline")
        os.makedirs(cache_dir, exist_ok=True)
        cache = os.path.join(cache_dir, "records.cache")
        project = os.path.join(repo, "projects", "2026", "CD-2026-015.yaml")
        settle()

        baseline = run(repo, "--no-cache")
        expect("baseline: the example passes check", baseline[2] == 0 and "30 projects and 4 customers checked" in baseline[0], baseline)
        expect("--no-cache writes no cache", not os.path.exists(cache))
        first = run(repo)
        expect("a cold load with the cache prints the same", first == baseline, first)
        expect("and writes the cache", os.path.exists(cache))
        written = os.stat(cache).st_mtime_ns
        settle()
        warm = run(repo)
        expect("a warm load prints the same", warm == baseline, warm)
        expect("an unchanged repository leaves the cache as it is", os.stat(cache).st_mtime_ns == written)

        # A same-size edit with the modification time restored: only ctime shows it.
        replace_same_size(project, "stage: lead", "stage: leed")
        out = run(repo)
        expect("same-size edit with mtime restored is seen", 'unknown stage "leed"' in out[0] and out[2] == 1, out)
        settle()
        replace_same_size(project, "stage: leed", "stage: lead")
        expect("and undone, seen again", run(repo) == baseline)

        settle()
        os.utime(project)  # touch: new mtime, same content
        expect("touch: same output", run(repo) == baseline)

        settle()
        with open(project, "a", encoding="utf-8") as f:
            f.write("margin: 不是数字\n")
        out = run(repo)
        expect("an edit is seen", "margin must be a whole number" in out[0], out)

        settle()
        os.remove(project)
        out = run(repo)
        expect("a deleted file is gone", "29 projects and 4 customers checked" in out[0] and "CD-2026-015" not in out[0], out)

        settle()
        shutil.copyfile(os.path.join(repo, "projects", "east", "HZ-2026-001.yaml"),
                        os.path.join(repo, "projects", "2026", "XX-2026-099.yaml"))
        out = run(repo)
        expect("a new file is read", "30 projects and 4 customers checked" in out[0] and "XX-2026-099.yaml" in out[0], out)

        settle()
        os.rename(os.path.join(repo, "projects", "2026", "XX-2026-099.yaml"),
                  os.path.join(repo, "projects", "2026", "XX-2026-098.yaml"))
        out = run(repo)
        expect("a renamed file is read under its new name",
               "XX-2026-098.yaml" in out[0] and "XX-2026-099.yaml" not in out[0], out)
        os.remove(os.path.join(repo, "projects", "2026", "XX-2026-098.yaml"))
        shutil.copyfile(os.path.join(EXAMPLE, "projects", "2026", "CD-2026-015.yaml"), project)
        expect("back to the example", run(repo) == baseline)

        # pipeline.yaml changes what loading gives (here: the size limit for project files).
        settle()
        config = os.path.join(repo, "pipeline.yaml")
        replace_same_size(config, "max_file_size: 1048576", "max_file_size: 0002000")
        larger = sum(1 for folder, _, files in os.walk(os.path.join(repo, "projects")) for name in files
                     if os.path.getsize(os.path.join(folder, name)) > 2000)
        out = run(repo)
        expect("a changed pipeline.yaml reloads every file",
               larger > 0 and out[0].count("[file-size]") == larger, out)
        settle()
        replace_same_size(config, "max_file_size: 0002000", "max_file_size: 1048576")
        expect("and back", run(repo) == baseline)

        # Damaged or foreign caches: ignored, rebuilt, never trusted.
        settle()
        run(repo)
        with open(cache, "rb") as f:
            good = f.read()
        rng = random.Random(7)
        for what, data in [("random bytes", bytes(rng.randrange(256) for _ in range(len(good)))),
                           ("a truncated cache", good[: len(good) // 2]),
                           ("an empty cache", b""),
                           ("a flipped byte", good[:-40] + bytes([good[-40] ^ 0xFF]) + good[-39:]),
                           ("a cache from another version", good.replace(b"pipeline 0", b"pipeline 9", 1))]:
            with open(cache, "wb") as f:
                f.write(data)
            # The stale record it would hold: the project changed since the cache was written.
            settle()
            replace_same_size(project, "stage: lead", "stage: leed")
            out = run(repo)
            expect(f"{what}: ignored", 'unknown stage "leed"' in out[0], out)
            with open(cache, "rb") as f:
                expect(f"{what}: rebuilt", f.read(8) == b"PLRCACHE")
            settle()
            replace_same_size(project, "stage: leed", "stage: lead")
            expect(f"{what}: then used", run(repo) == baseline)

        # A read-only or missing .pipeline/: no cache, no error.
        os.chmod(cache_dir, 0o555)
        try:
            expect("read-only .pipeline/: same output, no error", run(repo) == baseline)
        finally:
            os.chmod(cache_dir, 0o755)
        shutil.rmtree(cache_dir)
        expect("no .pipeline/: same output, no error", run(repo) == baseline)
        expect("and no .pipeline/ is created", not os.path.exists(cache_dir))

        # A .pipeline/ that is a link out of the repository: never read or written through.
        outside = os.path.join(tmp, "outside")
        os.mkdir(outside)
        os.symlink(outside, cache_dir)
        expect("linked .pipeline/: same output, no error", run(repo) == baseline)
        expect("and nothing written through the link", os.listdir(outside) == [], os.listdir(outside))
        os.unlink(cache_dir)
        # A cache file that is a link: not followed, replaced by a real file.
        os.mkdir(cache_dir)
        target = os.path.join(outside, "records.cache")
        with open(target, "wb") as f:
            f.write(b"not a cache")
        os.symlink(target, cache)
        expect("linked records.cache: same output, no error", run(repo) == baseline)
        with open(target, "rb") as f:
            expect("and the file it led to is untouched", f.read() == b"not a cache")
        expect("and the link is replaced by a cache file", not os.path.islink(cache) and os.path.isfile(cache))

    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    for f in failures:
        print("\n" + f, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
