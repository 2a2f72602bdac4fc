"""The hub's first-start copy of the chapters (classroom/chapters.py) does nothing as root in a learner's home.

The attack it must survive: a learner with a shell swaps a file of the fresh copy for a link to a root-owned
file between the copy and anything root does afterwards (the old hook chowned the copy with os.walk and
os.chown, which follow links). The swap is forced deterministically by wrapping the copy step."""
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
import chapters  # noqa: E402


class ChaptersCopy(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("makes an account: run as root")
        self.base = tempfile.mkdtemp(prefix="lenet5-chapters-")
        os.chmod(self.base, 0o755)
        self.name = "l5c%d" % (os.getpid() % 100000)
        subprocess.run(["useradd", "--create-home", "--base-dir", self.base, "--shell", "/bin/bash", self.name],
                       check=True, capture_output=True)
        self.addCleanup(self.remove_account)
        self.user = pwd.getpwnam(self.name)
        # A root-owned secret the learner must never get: stands in for /etc/shadow.
        self.secret = os.path.join(self.base, "secret")
        with open(self.secret, "w") as f:
            f.write("root's\n")
        os.chmod(self.secret, 0o600)

    def remove_account(self):
        subprocess.run(["userdel", self.name], capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def copied(self, *parts):
        return os.path.join(self.user.pw_dir, "notebooks", *parts)

    def test_a_link_swapped_in_after_the_copy_gets_nothing_chowned(self):
        real_copy = chapters.copy_step

        def copy_then_swap(user, course):
            real_copy(user, course)
            victim = self.copied(sorted(os.listdir(self.copied()))[0])  # what a learner's shell would do
            os.unlink(victim)
            os.symlink(self.secret, victim)

        with mock.patch.object(chapters, "copy_step", copy_then_swap):
            chapters.copy_chapters(self.user, ROOT)
        st = os.stat(self.secret)
        self.assertEqual((0, 0o600), (st.st_uid, st.st_mode & 0o777), "the root-owned file was handed to the learner")

    def test_the_copy_is_the_learners_in_a_home_closed_to_others(self):
        os.chmod(self.user.pw_dir, 0o755)
        chapters.copy_chapters(self.user, ROOT)
        names = sorted(n for n in os.listdir(os.path.join(ROOT, "notebooks")))
        self.assertEqual(names, sorted(os.listdir(self.copied())))
        for name in names:
            self.assertEqual(self.user.pw_uid, os.lstat(self.copied(name)).st_uid, name)
        self.assertEqual(0o700, os.stat(self.user.pw_dir).st_mode & 0o777)
        self.assertEqual(os.path.join(ROOT, "utils"), os.readlink(os.path.join(self.user.pw_dir, "utils")))

    def test_existing_work_is_never_overwritten(self):
        chapters.copy_chapters(self.user, ROOT)
        first = self.copied(sorted(os.listdir(self.copied()))[0])
        with open(first, "w") as f:
            f.write("the learner's work")
        chapters.copy_chapters(self.user, ROOT)
        with open(first) as f:
            self.assertEqual("the learner's work", f.read())

    def test_a_copy_the_learner_cannot_make_fails_with_one_line(self):
        os.chown(self.user.pw_dir, 0, 0)  # a home the learner cannot write
        os.chmod(self.user.pw_dir, 0o755)
        with self.assertRaises(RuntimeError) as caught:
            chapters.copy_chapters(self.user, ROOT)
        self.assertIn(self.name, str(caught.exception))
        self.assertFalse(os.path.exists(self.copied()))


if __name__ == "__main__":
    unittest.main()
