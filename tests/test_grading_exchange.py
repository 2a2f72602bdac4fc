"""nbgrader's exchange on one machine (issue 32): the teacher releases the assignment, two learners, each a
system account of their own, fetch it, answer it and submit it, and the teacher collects and autogrades both
(classroom/grading/autograde.py, as in test_grading). Learner B cannot list the exchange's inbound folder, and
A's submission sits there under a name with a random part, which B cannot guess (nbgrader's model: its files are
readable by whoever knows the path). Needs root (accounts, and nbgrader run as each learner) and the classroom's
environment (build/hub-venv, `make classroom-setup`).
"""
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import unittest

from tests.test_grading import ASSIGNMENT, GRADING, HUB_PY, answered, load, model_answers

COURSE_ID = "lenet5-java"
LEARNERS = ("l5x-ada", "l5x-bob")


def nbgrader_as(user, cwd, *args):
    """nbgrader, run as `user` (None: the teacher, this process) with the exchange given on the command line."""
    bin_dir = os.path.dirname(HUB_PY)
    command = [os.path.join(bin_dir, "nbgrader"), *args]
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    if user:
        home = pwd.getpwnam(user).pw_dir
        # The classroom's Python finds its libpython through LD_LIBRARY_PATH for other accounts (classroom/setup.sh).
        lib = os.path.join(os.path.dirname(os.path.dirname(HUB_PY)), "..", "hub-python", "lib")
        command = ["runuser", "-u", user, "--", "env", "HOME=" + home, "PATH=" + env["PATH"],
                   "LD_LIBRARY_PATH=" + os.path.realpath(lib), *command]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def as_user(user, code):
    """Runs a line of Python as `user`; its output."""
    return subprocess.run(["runuser", "-u", user, "--", "python3", "-c", code], capture_output=True, text=True, timeout=60)


@unittest.skipUnless(os.path.exists(HUB_PY), "the classroom's environment is not made (make classroom-setup)")
@unittest.skipUnless(os.geteuid() == 0 and shutil.which("runuser") and shutil.which("useradd"),
                     "needs root, runuser and useradd: the learners are accounts of their own")
class ExchangeOnOneMachine(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lenet5-exchange-")
        os.chmod(cls.tmp, 0o755)
        cls.course = os.path.join(cls.tmp, "course")
        shutil.copytree(GRADING, cls.course, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        shutil.copy(os.path.join(GRADING, "nbgrader_config.py"), cls.course)
        cls.exchange = os.path.join(cls.tmp, "exchange")
        os.makedirs(cls.exchange)
        os.chmod(cls.exchange, 0o1777)   # nbgrader's exchange: everyone may write, the sticky bit keeps files apart
        cls.ex = "--Exchange.root=" + cls.exchange
        for user in LEARNERS:
            home = os.path.join(cls.tmp, "home-" + user)
            subprocess.run(["useradd", "--system", "--create-home", "--home-dir", home, "--shell", "/usr/sbin/nologin", user],
                           check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        for user in LEARNERS:
            subprocess.run(["userdel", user], capture_output=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_two_learners_fetch_submit_and_are_graded(self):
        for step in (("generate_assignment", ASSIGNMENT, "--create", "--force"),
                     ("release_assignment", ASSIGNMENT, "--course", COURSE_ID, self.ex)):
            r = nbgrader_as(None, self.course, *step)
            self.assertEqual(0, r.returncode, step[0] + ": " + r.stdout + r.stderr)
        right = model_answers(load(os.path.join(self.course, "source", ASSIGNMENT, ASSIGNMENT + ".ipynb")))
        for user in LEARNERS:
            home = pwd.getpwnam(user).pw_dir
            r = nbgrader_as(user, home, "fetch_assignment", ASSIGNMENT, "--course", COURSE_ID, self.ex)
            self.assertEqual(0, r.returncode, user + " fetch: " + r.stdout + r.stderr)
            path = os.path.join(home, ASSIGNMENT, ASSIGNMENT + ".ipynb")
            nb = answered(load(path), right)   # each answer in place of its stub, as a learner writes it
            with open(path, "w", encoding="utf-8") as f:
                json.dump(nb, f)
            shutil.chown(path, user)
            r = nbgrader_as(user, home, "submit", ASSIGNMENT, "--course", COURSE_ID, self.ex)
            self.assertEqual(0, r.returncode, user + " submit: " + r.stdout + r.stderr)
        # B against A's work in the exchange: the inbound folder cannot be listed, A's files cannot be read.
        inbound = os.path.join(self.exchange, COURSE_ID, "inbound")
        ada = [n for n in os.listdir(inbound) if n.startswith(LEARNERS[0] + "+")]
        self.assertEqual(1, len(ada), os.listdir(inbound))
        listing = as_user(LEARNERS[1], "import os; print(os.listdir(%r))" % inbound)
        self.assertIn("PermissionError", listing.stderr, listing.stdout)
        # nbgrader's own model: the folder's name ends in a random part, so B cannot guess the path to open it
        # (the files in it are readable by anyone who knows it: README says so).
        self.assertRegex(ada[0], r"^%s\+%s\+[^+]+\+[A-Za-z0-9_-]{12}$" % (LEARNERS[0], ASSIGNMENT))  # nbgrader: urlsafe base64 of 9 random bytes
        guess = as_user(LEARNERS[1], "import os; print(os.path.exists(%r))" % os.path.join(inbound, LEARNERS[0] + "+" + ASSIGNMENT))
        self.assertEqual("False", guess.stdout.strip(), guess.stderr)
        # The teacher collects both and grades them on the course's kernel.
        r = nbgrader_as(None, self.course, "collect", ASSIGNMENT, "--course", COURSE_ID, self.ex)
        self.assertEqual(0, r.returncode, r.stdout + r.stderr)
        self.assertEqual(sorted(LEARNERS), sorted(os.listdir(os.path.join(self.course, "submitted"))))
        run = subprocess.run([HUB_PY, os.path.join(GRADING, "autograde.py"), ASSIGNMENT, "--course", self.course,
                              "--seconds", "300"], capture_output=True, text=True, timeout=1200)
        print("\n" + run.stdout, end="")
        self.assertEqual(0, run.returncode, run.stdout + run.stderr)
        for user in LEARNERS:
            self.assertRegex(run.stdout, r"(?m)^%s: 6 of 6 autograded points; 6 to grade by hand \[\d+ s\]$" % user)


if __name__ == "__main__":
    unittest.main()
