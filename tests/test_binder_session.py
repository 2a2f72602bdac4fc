"""The whole course in one Binder session (tests/binder_session.py): built as repo2docker builds
`.binder/`, one JupyterLab under a 2 GB memory cap, chapters 01 to 06 run through it in order with
every kernel left running. No kernel dies, no chapter errors, each chapter's kernel within 1 GB."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from binder_session import BUDGET  # noqa: E402

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
        self.assertEqual(0, figures["oom_kills"], "the cap killed something")
        self.assertEqual(6, len(figures["chapters"]))
        for row in figures["chapters"]:
            self.assertIsNone(row["error"], row)
            self.assertLessEqual(row["peak_mb"], BUDGET["peak"], row)
            self.assertLessEqual(row["idle_mb"], IDLE_GUARD_MB, row)
        self.assertEqual(6, figures["kernels_alive"], "every chapter's kernel is still running")
        self.assertLess(figures["kernels_pss_mb"], BUDGET["total"])
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])


if __name__ == "__main__":
    unittest.main()
