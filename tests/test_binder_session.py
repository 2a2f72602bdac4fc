"""The whole course in one Binder session (tests/binder_session.py): built as repo2docker builds
`.binder/`, one JupyterLab under a 2 GB memory cap, every chapter run through it in order, each
kernel left running until the server's culler shuts it down after the installed idle timeout (on a
test's time scale). Nothing is OOM-killed, no chapter errors, each chapter's kernel within 1 GB,
and every kernel that is gone was culled, not killed."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from binder_session import BUDGET, CHAPTERS  # noqa: E402

IDLE_GUARD_MB = BUDGET["idle"] + 50  # a generous bound; bench/memory.py prints the budget itself


class BinderSession(unittest.TestCase):
    def test_every_chapter_in_one_2_gb_session(self):
        if os.geteuid() != 0:
            self.skipTest("the session runs as an account of its own inside a cgroup: run as root")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "session.json")
            r = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "binder_session.py"), "--json", out],
                               capture_output=True, text=True, timeout=3600)
            print(r.stdout)  # the session's figures, in make test's log
            self.assertTrue(os.path.exists(out), r.stdout[-3000:] + r.stderr[-3000:])
            with open(out) as f:
                figures = json.load(f)
        with open(os.path.join(ROOT, "scripts", "capped-session.json")) as f:
            self.assertEqual(json.load(f)["MappingKernelManager"], figures["culling"],
                             "postBuild installs the course's kernel culling into Binder's environment")
        self.assertTrue(figures["culling"]["cull_connected"], "JupyterLab stays connected to every open notebook")
        self.assertEqual(0, figures["oom_kills"], "the cap killed something")
        self.assertEqual(len(CHAPTERS), len(figures["chapters"]))
        for row in figures["chapters"]:
            self.assertIsNone(row["error"], row)
            self.assertLessEqual(row["peak_mb"], BUDGET["peak"], row)
            self.assertLessEqual(row["idle_mb"], IDLE_GUARD_MB, row)
        self.assertGreaterEqual(figures["kernels_alive"], 1, "the last chapter's kernel is still running")
        self.assertEqual(len(CHAPTERS), figures["kernels_alive"] + figures["kernels_culled"],
                         "a kernel that is gone was shut down by the culler")
        self.assertLess(figures["kernels_pss_mb"], BUDGET["total"])
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])


if __name__ == "__main__":
    unittest.main()
