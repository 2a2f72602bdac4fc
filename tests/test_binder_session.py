"""The whole course in one Binder session (tests/binder_session.py): built as repo2docker builds
`.binder/`, one JupyterLab under a 2 GB memory cap, every chapter run through it in order with each
kernel left running (as JupyterLab leaves the kernel of every notebook opened), then chapter 03 run
once more in its kernel, a learner trying a setting. Nothing is OOM-killed, no chapter errors, every
kernel's peak within issue 29's 700 MB and the memory not reclaimable after the chapters within its 1,400 MB
(TARGETS); idle kernels within a generous bound. A second, short
session checks the kernel culling postBuild installs: idle kernels are shut down by the server."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from binder_session import BUDGET, CHAPTERS, TARGETS  # noqa: E402

IDLE_GUARD_MB = BUDGET["idle"] + 50  # a generous bound; bench/memory.py prints the budget itself


def session(*args):
    """Runs binder_session.py with args; returns (its figures, the process)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "session.json")
        r = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "binder_session.py"), "--json", out, *args],
                           capture_output=True, text=True, timeout=3600)
        print(r.stdout)  # the session's figures, in make test's log
        if not os.path.exists(out):
            raise AssertionError(r.stdout[-3000:] + r.stderr[-3000:])
        with open(out) as f:
            return json.load(f), r


@unittest.skipUnless(os.geteuid() == 0, "the session runs as an account of its own inside a cgroup: run as root")
class BinderSession(unittest.TestCase):
    def test_every_chapter_left_running_in_one_2_gb_session(self):
        figures, r = session("--cull-seconds", "0", "--rerun", "03")
        self.assertEqual(0, figures["oom_kills"], "the cap killed something")
        self.assertEqual(len(CHAPTERS) + 1, len(figures["chapters"]))
        for row in figures["chapters"]:
            self.assertIsNone(row["error"], row)
            self.assertLessEqual(row["peak_mb"], TARGETS["peak"], row)
            self.assertLessEqual(row["idle_mb"], IDLE_GUARD_MB, row)
        self.assertEqual(len(CHAPTERS), figures["kernels_alive"], "every chapter's kernel is still running")
        self.assertEqual(0, figures["kernels_culled"])
        self.assertLessEqual(figures["after_chapters_anonymous_mb"], TARGETS["anonymous"])
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])

    def test_the_installed_culling_shuts_idle_kernels_down(self):
        # Chapters that stand alone (05 needs chapter 04's model); 03 trains long enough for the others to idle out.
        figures, r = session("--only", "01,02,03", "--cull-seconds", "20")
        with open(os.path.join(ROOT, "scripts", "capped-session.json")) as f:
            self.assertEqual(json.load(f)["MappingKernelManager"], figures["culling"],
                             "postBuild installs the course's kernel culling into Binder's environment")
        self.assertTrue(figures["culling"]["cull_connected"], "JupyterLab stays connected to every open notebook")
        self.assertEqual(0, figures["oom_kills"])
        self.assertGreaterEqual(figures["kernels_culled"], 1, "no idle kernel was shut down")
        self.assertEqual(3, figures["kernels_alive"] + figures["kernels_culled"],
                         "a kernel that is gone was shut down by the culler")
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])


if __name__ == "__main__":
    unittest.main()
