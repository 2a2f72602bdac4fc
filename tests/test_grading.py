"""The graded assignments (classroom/grading): each agrees with its chapter's exercises, nbgrader's learners'
version holds none of the solutions or hidden tests, and autograding four submissions (complete, one wrong
answer, one that never finishes, one that exhausts memory) records the scores and reasons it should while the
grading run goes on to the end. nbgrader runs from the classroom's environment (build/hub-venv, `make
classroom-setup`), on the course's Java kernel.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADING = os.path.join(ROOT, "classroom", "grading")
HUB_PY = os.path.join(ROOT, "build", "hub-venv", "bin", "python")
ASSIGNMENT = "01-data-loading"
STUB = re.compile(r"// YOUR CODE HERE\nthrow new UnsupportedOperationException\([^\n]*\);")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source(cell):
    return "".join(cell["source"])


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def regions(text, begin, end):
    """The lines between nbgrader's markers (the markers left out)."""
    out, inside = [], False
    for line in text.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            out.append(line)
    return out


def chapter_exercises(chapter):
    nb = load(os.path.join(ROOT, "notebooks", chapter + ".ipynb"))
    text = next(source(c) for c in nb["cells"] if "## Exercises" in source(c))
    block = text[text.index("## Exercises"):text.index("## Solutions")]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"(?m)^(\d)\. (.+)$", block)}


def nbgrader(course, *args):
    env = dict(os.environ, PATH=os.path.dirname(HUB_PY) + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run([os.path.join(os.path.dirname(HUB_PY), "nbgrader"), *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=600)


class Assignments(unittest.TestCase):
    """Each assignment's statements are its chapter's, word for word, so that they cannot drift apart."""

    def test_every_exercise_statement_is_the_chapters(self):
        src_dir = os.path.join(GRADING, "source")
        assignments = sorted(os.listdir(src_dir))
        self.assertIn(ASSIGNMENT, assignments)
        for name in assignments:
            nb = load(os.path.join(src_dir, name, name + ".ipynb"))
            stated = {int(m.group(1)): m.group(2) for c in nb["cells"] if c["cell_type"] == "markdown"
                      for m in re.finditer(r"(?m)^\*\*Exercise (\d)\.\*\* (.+)$", source(c))}
            self.assertEqual(chapter_exercises(name), stated, name)


@unittest.skipUnless(os.path.exists(HUB_PY), "the classroom's environment is not made (make classroom-setup)")
class Grading(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lenet5-grading-")
        cls.course = os.path.join(cls.tmp, "course")
        shutil.copytree(GRADING, cls.course, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        shutil.copy(os.path.join(GRADING, "nbgrader_config.py"), cls.course)
        cls.generated = nbgrader(cls.course, "generate_assignment", ASSIGNMENT, "--create")
        cls.release = os.path.join(cls.course, "release", ASSIGNMENT, ASSIGNMENT + ".ipynb")
        cls.source = os.path.join(cls.course, "source", ASSIGNMENT, ASSIGNMENT + ".ipynb")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_learners_version_holds_no_solution_and_no_hidden_test(self):
        self.assertEqual(0, self.generated.returncode, self.generated.stdout + self.generated.stderr)
        released = "\n".join(source(c) for c in load(self.release)["cells"])
        secret = []
        for cell in load(self.source)["cells"]:
            text = source(cell)
            secret += regions(text, "BEGIN SOLUTION", "END SOLUTION") + regions(text, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
            if cell["cell_type"] == "markdown" and cell["metadata"]["nbgrader"]["solution"]:
                secret += text.split("\n")   # a written model answer is the whole cell
        secret = [s.strip() for s in secret if len(s.strip()) > 3]   # braces and blank lines say nothing
        self.assertGreater(len(secret), 20)
        leaked = [s for s in secret if s in released]
        self.assertEqual([], leaked)
        self.assertNotIn("BEGIN", released)
        self.assertEqual(3, len(STUB.findall(released)), "each code answer starts as a stub that throws")

    def submit(self, learner, answers):
        """The learners' version with the given answers in place of the stubs, as nbgrader collects it."""
        nb = load(self.release)
        for cell in nb["cells"]:
            gid = grade_id(cell)
            if gid in answers:
                cell["source"] = STUB.sub(lambda m: answers[gid], source(cell)) if cell["cell_type"] == "code" else answers[gid]
        folder = os.path.join(self.course, "submitted", learner, ASSIGNMENT)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ASSIGNMENT + ".ipynb"), "w", encoding="utf-8") as f:
            json.dump(nb, f)
        with open(os.path.join(folder, "timestamp.txt"), "w") as f:
            f.write("2026-12-07 04:00:00.000000 UTC")

    def test_four_submissions_are_graded_and_the_run_goes_on(self):
        self.assertEqual(0, self.generated.returncode, self.generated.stdout + self.generated.stderr)
        right = {}
        for cell in load(self.source)["cells"]:
            meta, text = cell["metadata"]["nbgrader"], source(cell)
            if "BEGIN SOLUTION" in text:
                right[grade_id(cell)] = "\n".join(regions(text, "BEGIN SOLUTION", "END SOLUTION"))
            elif meta["solution"]:
                right[grade_id(cell)] = text   # a written answer: the model answer itself
        self.submit("a-complete", right)
        self.submit("b-wrong", dict(right, **{"ex1-code": "testStats = PixelStats.of(train);   // the training images"}))
        self.submit("c-never-finishes", dict(right, **{"ex1-code": "while (true) { testStats = null; }"}))
        # Without a memory limit the last one would take the machine's memory: it is handed in only where cgroups work.
        probe = subprocess.run([HUB_PY, "-c", CGROUP_PROBE, os.path.join(ROOT, "classroom")], capture_output=True, text=True, timeout=60)
        limited = probe.returncode == 0
        if limited:
            self.submit("d-exhausts-memory", dict(right, **{"ex1-code": "List<NDArray> kept = new ArrayList<>();\n"
                                                           "while (true) kept.add(manager.ones(new ai.djl.ndarray.types.Shape(64, 1024, 1024)));   // 256 MB each"}))
        # Learners' code runs as the grading account (as root): it cannot open the gradebook nor list others' work.
        as_root = os.geteuid() == 0
        gradebook = os.path.join(self.course, "gradebook.db")
        if as_root:
            self.submit("e-snoops", dict(right, **{"ex1-code": (
                "testStats = PixelStats.of(test);\n"
                "System.out.println(\"running as \" + System.getProperty(\"user.name\"));\n"
                "System.out.println(java.nio.file.Files.isReadable(java.nio.file.Path.of(%r)) ? \"the gradebook is readable\" : \"the gradebook is not readable\");\n"
                "java.nio.file.Files.list(java.nio.file.Path.of(%r)).count();" % (gradebook, os.path.join(self.course, "submitted"))).replace("'", '"')}))
        run = subprocess.run([HUB_PY, os.path.join(GRADING, "autograde.py"), ASSIGNMENT, "--course", self.course,
                              "--seconds", "60", "--memory-mb", "1536"], capture_output=True, text=True, timeout=1200)
        out = run.stdout
        print("\n" + out, end="")   # the figures, in make test's log
        self.assertEqual(0, run.returncode, out + run.stderr)
        lines = {line.split(":")[0]: line for line in out.splitlines() if ":" in line}
        self.assertRegex(lines["a-complete"], r"^a-complete: 4 of 4 autograded points; 5 to grade by hand \[\d+ s\]$")
        self.assertRegex(lines["b-wrong"], r"^b-wrong: 2 of 4 autograded points \(failed: ex1-tests\); 5 to grade by hand \[\d+ s\]$")
        self.assertRegex(lines["c-never-finishes"], r"^c-never-finishes: 0 \(the notebook did not finish within 60 s\) \[6\d s\]$")
        if limited:
            self.assertRegex(lines["d-exhausts-memory"], r"^d-exhausts-memory: 0 \(the notebook ran out of memory \(its limit is 1536 MB\)\) \[\d+ s\]$")
        # The gradebook holds the same: the zeros override every cell, with the reason as the comment.
        check = subprocess.run([HUB_PY, "-c", GRADEBOOK_DUMP, os.path.join(self.course, "gradebook.db"), ASSIGNMENT],
                               capture_output=True, text=True, timeout=120)
        book = json.loads(check.stdout)
        self.assertEqual(4.0, book["a-complete"]["score"])
        self.assertEqual(2.0, book["b-wrong"]["score"])
        for learner, why in (("c-never-finishes", "did not finish"), ("d-exhausts-memory", "ran out of memory"))[:2 if limited else 1]:
            self.assertEqual(0.0, book[learner]["score"])
            self.assertTrue(all(why in c for c in book[learner]["comments"]), book[learner])
        if as_root:
            self.assertRegex(lines["e-snoops"], r"^e-snoops: 4 of 4 autograded points; 5 to grade by hand \[\d+ s\]$")
            graded = load(os.path.join(self.course, "autograded", "e-snoops", ASSIGNMENT, ASSIGNMENT + ".ipynb"))
            outputs = next(c["outputs"] for c in graded["cells"] if grade_id(c) == "ex1-code")
            text = "".join("".join(o.get("text", "")) for o in outputs if o["output_type"] == "stream")
            self.assertIn("running as lenet5-grader", text)
            self.assertIn("the gradebook is not readable", text)
            self.assertEqual(["AccessDeniedException"], [o["ename"].rsplit(".", 1)[-1] for o in outputs if o["output_type"] == "error"])
        # Feedback a learner can open: their notebook as graded, with the score and the message of the failed test.
        feedback = nbgrader(self.course, "generate_feedback", ASSIGNMENT)
        self.assertEqual(0, feedback.returncode, feedback.stdout + feedback.stderr)
        with open(os.path.join(self.course, "feedback", "b-wrong", ASSIGNMENT, ASSIGNMENT + ".html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIn("(Score: 2.0 / 9.0)", page)   # the 5 points graded by hand count once the teacher has
        self.assertRegex(page, r"the test images(&#39;|')? mean is 0\.\d{4}, expected 0\.\d{4}")   # the failed check's message
        if not limited:
            self.skipTest("the memory case needs cgroups (root and a cgroup file system): " + probe.stderr.strip().splitlines()[-1])


# Can autograde.py limit memory here? (classroom/cgroups.py: as root, with a memory controller)
CGROUP_PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
import cgroups
cgroups.find().make("lenet5-grading/probe", memory=1 << 30).remove()
"""

# Run with the classroom's Python: each learner's total score and the comments on their notebook.
GRADEBOOK_DUMP = """
import json, sys
from nbgrader.api import Gradebook
out = {}
with Gradebook("sqlite:///" + sys.argv[1]) as gb:
    for s in gb.assignment_submissions(sys.argv[2]):
        out[s.student.id] = {"score": s.score,
                             "comments": [c.manual_comment or "" for nb in s.notebooks for c in nb.comments]}
print(json.dumps(out))
"""


if __name__ == "__main__":
    unittest.main()
