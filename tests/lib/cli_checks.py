"""What the Python tests of the command share: checks that count their failures, and a run of
the binary with the environment pinned (UTC, C.UTF-8 or a given language, no colour, no
PIPELINE_ settings of the machine)."""
import os
import subprocess


class Checks:
    def __init__(self):
        self.failures = 0

    def expect(self, what, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + what + ("" if ok else f"\n     {detail}"))
        if not ok:
            self.failures += 1

    def status(self):
        print(f"{self.failures} failed" if self.failures else "all passed")
        return 1 if self.failures else 0


def runner(binary, today):
    """run(repo, *args, lang=None) -> (status, stdout, stderr) of `binary --today TODAY args` in repo."""
    def run(repo, *args, lang=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PIPELINE_", "LC_", "LANG"))}
        env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
        if lang:
            del env["LC_ALL"]
            env["LANG"] = lang
        p = subprocess.run([binary, "--today", today, *args], cwd=repo, env=env, capture_output=True)
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    return run
