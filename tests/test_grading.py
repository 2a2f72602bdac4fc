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
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADING = os.path.join(ROOT, "classroom", "grading")
HUB_PY = os.path.join(ROOT, "build", "hub-venv", "bin", "python")
ASSIGNMENT = "01-data-loading"

sys.path.insert(0, GRADING)
from answers import STUB, answered, grade_id, load, model_answers, regions, source  # noqa: E402,F401  (the other tests import them from here)


def chapter_exercises(chapter):
    nb = load(os.path.join(ROOT, "notebooks", chapter + ".ipynb"))
    text = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
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
        self.assertEqual(4, len(STUB.findall(released)), "each code answer starts as a stub that throws")

    def submit(self, learner, answers):
        """The learners' version with the given answers in place of the stubs, as nbgrader collects it."""
        nb = answered(load(self.release), answers)
        folder = os.path.join(self.course, "submitted", learner, ASSIGNMENT)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ASSIGNMENT + ".ipynb"), "w", encoding="utf-8") as f:
            json.dump(nb, f)
        with open(os.path.join(folder, "timestamp.txt"), "w") as f:
            f.write("2026-12-07 04:00:00.000000 UTC")

    def test_four_submissions_are_graded_and_the_run_goes_on(self):
        self.assertEqual(0, self.generated.returncode, self.generated.stdout + self.generated.stderr)
        right = model_answers(load(self.source))
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
        self.assertRegex(lines["a-complete"], r"^a-complete: 6 of 6 autograded points; 6 to grade by hand \[\d+ s\]$")
        self.assertRegex(lines["b-wrong"], r"^b-wrong: 4 of 6 autograded points \(failed: ex1-tests\); 6 to grade by hand \[\d+ s\]$")
        self.assertRegex(lines["c-never-finishes"], r"^c-never-finishes: 0 \(the notebook did not finish within 60 s\) \[6\d s\]$")
        if limited:
            self.assertRegex(lines["d-exhausts-memory"], r"^d-exhausts-memory: 0 \(the notebook ran out of memory \(its limit is 1536 MB\)\) \[\d+ s\]$")
        # The gradebook holds the same: the zeros override every cell, with the reason as the comment.
        check = subprocess.run([HUB_PY, "-c", GRADEBOOK_DUMP, os.path.join(self.course, "gradebook.db"), ASSIGNMENT],
                               capture_output=True, text=True, timeout=120)
        book = json.loads(check.stdout)
        self.assertEqual(6.0, book["a-complete"]["score"])
        self.assertEqual(4.0, book["b-wrong"]["score"])
        for learner, why in (("c-never-finishes", "did not finish"), ("d-exhausts-memory", "ran out of memory"))[:2 if limited else 1]:
            self.assertEqual(0.0, book[learner]["score"])
            self.assertTrue(all(why in c for c in book[learner]["comments"]), book[learner])
        if as_root:
            self.assertRegex(lines["e-snoops"], r"^e-snoops: 6 of 6 autograded points; 6 to grade by hand \[\d+ s\]$")
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
        self.assertIn("(Score: 4.0 / 12.0)", page)   # the 6 points graded by hand count once the teacher has
        self.assertRegex(page, r"the test images(&#39;|')? mean is 0\.\d{4}, expected 0\.\d{4}")   # the failed check's message
        if not limited:
            self.skipTest("the memory case needs cgroups (root and a cgroup file system): " + probe.stderr.strip().splitlines()[-1])


@unittest.skipUnless(os.geteuid() == 0, "run_as.py --sudo runs as root (through sudo)")
class FormgraderKernel(unittest.TestCase):
    """run_as.py --sudo, the one command the teacher's formgrader may run as root (the classroom's sudoers rule):
    it takes only a connection file from its caller, and only one that is the caller's own regular file."""

    def run_as(self, path, sudo_uid):
        env = {"PATH": "/usr/bin:/bin", **({"SUDO_UID": str(sudo_uid)} if sudo_uid is not None else {})}
        return subprocess.run(["/usr/bin/python3", "-I", os.path.join(GRADING, "run_as.py"), "--sudo", path],
                              env=env, capture_output=True, text=True, timeout=60)

    def test_takes_nothing_of_roots_from_the_caller(self):
        nobody = 65534
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            theirs = os.path.join(tmp, "kernel-theirs.json")
            with open(theirs, "w") as f:
                f.write("not json")
            os.chown(theirs, nobody, nobody)
            link = os.path.join(tmp, "kernel-link.json")
            os.symlink("/etc/shadow", link)
            os.lchown(link, nobody, nobody)
            cases = {"/etc/shadow": (nobody, "is not a connection file of the caller's"),   # root's file
                     link: (nobody, "is not a connection file of the caller's"),           # a link to it
                     theirs: (nobody, "is not a kernel connection file on 127.0.0.1"),    # theirs, not a connection file
                     os.path.join(tmp, "none.json"): (None, "run through sudo")}         # not through sudo
            for path, (uid, said) in cases.items():
                r = self.run_as(path, uid)
                self.assertNotEqual(0, r.returncode, path)
                self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)   # one line, no traceback
                self.assertIn(said, r.stderr, path)


@unittest.skipUnless(os.path.exists(HUB_PY), "the classroom's environment is not made (make classroom-setup)")
class FormgraderPages(unittest.TestCase):
    """The formgrader shows learners' answers to the teacher on the hub's origin: no script of theirs survives."""

    def render(self, with_course_config):
        config = os.path.join(GRADING, "formgrader-config")
        r = subprocess.run([HUB_PY, "-c", RENDER_AS_FORMGRADER, config if with_course_config else ""], capture_output=True,
                           text=True, timeout=120, env=dict(os.environ, PYTHONPATH=config))
        self.assertEqual(0, r.returncode, r.stderr[-2000:])
        return r.stdout

    def test_a_learners_script_does_not_reach_the_teachers_page(self):
        page = self.render(True)
        self.assertIn("<p>my answer", page)   # Markdown still rendered
        self.assertNotIn("<script>fetch", page)
        self.assertNotIn("<script>document", page)
        self.assertNotRegex(page, r"<img[^>]*onerror")
        self.assertIn("<script>fetch", self.render(False), "nbgrader's formgrade template alone keeps the script")


# Run with the classroom's Python: a learner's notebook as the formgrader renders it (its template, and the
# formgrader service's nbgrader_config.py when a folder is given).
RENDER_AS_FORMGRADER = """
import os, sys, nbformat
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from nbconvert.exporters import HTMLExporter
from nbgrader.server_extensions.formgrader import handlers
c = PyFileConfigLoader("nbgrader_config.py", path=sys.argv[1]).load_config() if sys.argv[1] else Config()
c.HTMLExporter.template_name = "formgrade"                       # as nbgrader's FormgradeExtension sets them
c.HTMLExporter.extra_template_basedirs = [handlers.template_path]
nb = nbformat.v4.new_notebook(cells=[
    nbformat.v4.new_markdown_cell("my answer <script>fetch('/hub/api/users')</script> <img src=x onerror=alert(1)>"),
    nbformat.v4.new_code_cell("1", outputs=[nbformat.v4.new_output("display_data", data={"text/html": "<script>document.title=1</script>"})])])
nb.metadata.kernelspec = {"name": "lenet5-java", "display_name": "Java", "language": "java"}
html, _ = HTMLExporter(config=c).from_notebook_node(nb, resources={"base_url": "/", "index": 0, "total": 1, "notebook_id": "n",
                                                                 "submission_id": "s", "notebook_path": "n"})
print(html)
"""


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
