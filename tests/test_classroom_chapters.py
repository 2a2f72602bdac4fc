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

    def swap_after(self, copy):
        """copy, then what a learner's shell would do: a copied file replaced by a link to root's secret."""
        def copy_then_swap(user, course):
            copy(user, course)
            victim = self.copied(sorted(os.listdir(self.copied()))[0])
            os.unlink(victim)
            os.symlink(self.secret, victim)
        return copy_then_swap

    def secret_owner(self):
        st = os.stat(self.secret)
        return st.st_uid, st.st_mode & 0o777

    def test_a_link_swapped_in_after_the_copy_gets_nothing_chowned(self):
        with mock.patch.object(chapters, "copy_step", self.swap_after(chapters.copy_step)):
            chapters.copy_chapters(self.user, ROOT)
        self.assertEqual((0, 0o600), self.secret_owner(), "the root-owned file was handed to the learner")

    def test_the_same_swap_defeats_the_old_hook(self):
        """The control: the hook before a39c261 (copy as root, then os.walk + os.chown) hands the secret over."""
        def old_copy_as_root(user, course):
            shutil.copytree(os.path.join(course, "notebooks"), self.copied())

        def old_hook(user, course, copy):
            copy(user, course)
            for folder, dirs, files in os.walk(self.copied()):
                for name in [folder] + [os.path.join(folder, n) for n in dirs + files]:
                    os.chown(name, user.pw_uid, user.pw_gid)

        old_hook(self.user, ROOT, self.swap_after(old_copy_as_root))
        self.assertEqual(self.user.pw_uid, self.secret_owner()[0])

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
