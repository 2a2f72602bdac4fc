"""The class scenario with two learners (classroom/bench.py --learners 2): both sign in through the hub's
REST API and run chapters 02 and 03 at the same time through their own servers, and both finish within
their memory limit. One training epoch (LENET5_EPOCHS=1, passed to the kernels) keeps it short; the
K=4 figures of README "Teach it to a class" come from full runs. Then chapter 1's assignment goes through
nbgrader's exchange on the hub (issue 32): the teacher makes and releases it in their formgrader (a service of
the hub), each learner fetches and submits it through their own server's assignment list (the first with every
answer, the second without the first code answer), and the teacher collects and autogrades both in the
formgrader, whose gradebook records the assignment's autograded points for the first and those less the first
test cell's for the second (6 and 4 since exercise 5 joined the assignment), the learners' code run as lenet5-grader."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
from budget import LEARNER_MEMORY_MB  # noqa: E402
import cgroups  # noqa: E402
from tests.graded_assignments import SOURCES, autograded_cells, load  # noqa: E402


class ClassOfTwo(unittest.TestCase):
    def test_two_learners_run_chapters_02_and_03_at_once(self):
        if os.geteuid() != 0:
            self.skipTest("the classroom makes system accounts and cgroups: run as root")
        if not cgroups.root_is_a_mount_point():
            self.skipTest(cgroups.NOT_A_MOUNT_POINT)  # fresh-ci's chroot; CI's root runs it
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "class.json")
            r = subprocess.run([sys.executable, os.path.join(ROOT, "classroom", "bench.py"), "--learners", "2",
                                "--deadline", "1500", "--json", out, "--assignment", "01-data-loading"], env=dict(os.environ, LENET5_EPOCHS="1"),
                               capture_output=True, text=True, timeout=1800)
            print(r.stdout)  # the class's figures, in make test's log
            self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])
            with open(out) as f:
                figures = json.load(f)
        self.assertEqual({}, figures["failed"])
        self.assertEqual(2, len(figures["learners"]))
        for name, learner in figures["learners"].items():
            self.assertEqual(2, len(learner["chapters"]), name)
            self.assertTrue(0 < learner["peak_mb"] <= LEARNER_MEMORY_MB, learner)
            self.assertGreater(learner["home_mb"], 0, learner)   # measured: the chapters' copy at least
        peak = max(l["peak_mb"] for l in figures["learners"].values())
        self.assertEqual((figures["memory_mb"] - figures["hub_mb"]) // peak, figures["class_size_by_memory"])
        self.assertIn("class size by memory", r.stdout)
        first, second = sorted(figures["learners"])
        graded = figures["graded"]
        # Read from the assignment's source, not written here twice: CI failed once when exercise 5 joined it.
        tests = autograded_cells(load(os.path.join(SOURCES, "01-data-loading", "01-data-loading.ipynb")))
        self.assertEqual({first: float(sum(tests)), second: float(sum(tests) - tests[0])}, {n: graded[n]["score"] for n in (first, second)}, "the formgrader's gradebook")
        # The learner's code ran as the grading account, in a memory cgroup of its own, not as the teacher.
        self.assertTrue(all(graded[n]["grading_page"] for n in (first, second)), "the formgrader's grading pages")
        self.assertRegex(graded[first]["ran_as"], r"^graded as lenet5-grader, memory cgroup \S*lenet5-grading/formgrader-\d+")


if __name__ == "__main__":
    unittest.main()
