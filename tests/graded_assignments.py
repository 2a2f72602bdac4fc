"""Every assignment in classroom/grading/source, as a teacher would hand it out and grade it (issue 32): nbgrader
makes the learners' version, which holds none of the solutions' or hidden tests' lines and a stub that throws
in place of each code answer; the source's own model answers, handed in as a learner's submission, then get
every autograded point from autograde.py. Run after the chapters (`make test` runs it after `make notebooks`):
the assignments of chapters 5 and 6 load the model chapter 4 saves, as those chapters do.

    build/venv/bin/python -m unittest -v tests.graded_assignments     # LENET5_ASSIGNMENTS=02-...,03-... for some only

Needs the classroom's environment (build/hub-venv, `make classroom-setup`); as root, the answers run as the
grading account, as learners' code does.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from tests.test_grading import GRADING, HUB_PY, STUB, answered, grade_id, load, model_answers, nbgrader, regions, source

SOURCES = os.path.join(GRADING, "source")


def assignments():
    chosen = [a for a in os.environ.get("LENET5_ASSIGNMENTS", "").split(",") if a]
    return chosen or sorted(os.listdir(SOURCES))


def secrets(nb):
    """The lines a learner must not see: solutions, hidden tests and written model answers (with their rubrics)."""
    out = []
    for cell in nb["cells"]:
        text = source(cell)
        out += regions(text, "BEGIN SOLUTION", "END SOLUTION") + regions(text, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("solution"):
            out += text.split("\n")
    return [s.strip() for s in out if len(s.strip()) > 3]   # braces and blank lines say nothing


def autograded_cells(nb):
    """The points of each autograded cell (a graded cell that is no answer: the hidden tests), in order."""
    return [c["metadata"]["nbgrader"].get("points", 0) for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")]


def autograded_points(nb):
    return sum(autograded_cells(nb))


def by_hand(nb):
    return sum(c["metadata"]["nbgrader"].get("points", 0) for c in nb["cells"]
               if c["metadata"].get("nbgrader", {}).get("grade") and c["metadata"]["nbgrader"].get("solution"))


@unittest.skipUnless(os.path.exists(HUB_PY), "the classroom's environment is not made (make classroom-setup)")
class EveryAssignment(unittest.TestCase):

    def test_handed_out_without_answers_and_graded_in_full_on_the_model_answers(self):
        for name in assignments():
            with self.subTest(assignment=name), tempfile.TemporaryDirectory(prefix="lenet5-assignment-") as tmp:
                course = os.path.join(tmp, "course")
                os.makedirs(os.path.join(course, "source"))
                shutil.copytree(os.path.join(SOURCES, name), os.path.join(course, "source", name))
                shutil.copy(os.path.join(GRADING, "nbgrader_config.py"), course)
                made = nbgrader(course, "generate_assignment", name, "--create")
                self.assertEqual(0, made.returncode, made.stdout + made.stderr)
                original = load(os.path.join(SOURCES, name, name + ".ipynb"))
                released_nb = load(os.path.join(course, "release", name, name + ".ipynb"))
                released = "\n".join(source(c) for c in released_nb["cells"])
                hidden = secrets(original)
                self.assertGreater(len(hidden), 5, name)
                self.assertEqual([], [s for s in hidden if s in released], name + ": lines of the answers in the learners' version")
                self.assertNotIn("BEGIN", released)
                code_answers = [c for c in original["cells"] if c["cell_type"] == "code" and "BEGIN SOLUTION" in source(c)]
                self.assertEqual(len(code_answers), len(STUB.findall(released)), "each code answer starts as a stub that throws")
                # The model answers, handed in as a learner's notebook.
                answered(released_nb, model_answers(original))
                folder = os.path.join(course, "submitted", "model", name)
                os.makedirs(folder)
                with open(os.path.join(folder, name + ".ipynb"), "w", encoding="utf-8") as f:
                    json.dump(released_nb, f)
                with open(os.path.join(folder, "timestamp.txt"), "w") as f:
                    f.write("2026-12-07 04:00:00.000000 UTC")
                # Not LENET5_ASSIGNMENTS: the kernels refuse a LENET5_* variable that is not one of the course's settings.
                env = {k: v for k, v in os.environ.items() if k != "LENET5_ASSIGNMENTS"}
                run = subprocess.run([HUB_PY, os.path.join(GRADING, "autograde.py"), name, "--course", course,
                                      "--seconds", "900", "--memory-mb", "1536"], capture_output=True, text=True, timeout=1800,
                                     env=env)
                print("\n" + run.stdout, end="")   # the figures, in make test's log
                self.assertEqual(0, run.returncode, run.stdout + run.stderr)
                points, hand = autograded_points(original), by_hand(original)
                self.assertGreater(points, 0, name + " has no autograded test")
                line = next(l for l in run.stdout.splitlines() if l.startswith("model:") and "autograded" in l)
                expected = r"^model: %g of %g autograded points; %g to grade by hand \[\d+ s\]$" % (points, points, hand)
                self.assertRegex(line, expected, self.failed_cells(course, name))

    @staticmethod
    def failed_cells(course, name):
        """The errors the model answers met, to say which check failed."""
        path = os.path.join(course, "autograded", "model", name, name + ".ipynb")
        if not os.path.exists(path):
            return "no autograded notebook"
        return "; ".join("%s: %s" % (grade_id(c), o.get("evalue", "")[:300]) for c in load(path)["cells"]
                         for o in c.get("outputs", []) if o.get("output_type") == "error")


if __name__ == "__main__":
    unittest.main()
