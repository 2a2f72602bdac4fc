"""classroom/add-learner and remove-learner: one password per name from standard input, learners kept out of
cron and at, and removal that takes the account's leftovers in /tmp without following a learner's links."""
import os
import subprocess
import tempfile
import unittest
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADD, REMOVE = (os.path.join(ROOT, "classroom", n) for n in ("add-learner", "remove-learner"))
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import crypt  # the standard library's crypt(3) (gone in Python 3.13)
    except ImportError:
        crypt = None


def shadow_hash(name):
    with open("/etc/shadow") as f:
        for line in f:
            fields = line.split(":")
            if fields[0] == name:
                return fields[1]
    raise KeyError(name)


def exists(name):
    return subprocess.run(["id", name], capture_output=True).returncode == 0


def listed(path, name):
    if not os.path.exists(path):
        return False
    with open(path) as f:
        return name in f.read().split()


class Accounts(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("makes system accounts: run as root")
        tag = "l5a%d" % (os.getpid() % 100000)
        self.names = [tag + "x", tag + "y", tag + "z"]
        self.state = tempfile.mkdtemp(prefix="lenet5-accounts-")  # no hub here: remove-learner says so
        self.addCleanup(self.cleanup)

    def cleanup(self):
        subprocess.run([REMOVE] + [n for n in self.names if exists(n)], capture_output=True,
                       env=dict(os.environ, LENET5_CLASSROOM_STATE=self.state))
        os.rmdir(self.state)

    def add(self, names, stdin):
        return subprocess.run([ADD, "--password-stdin"] + names, input=stdin, capture_output=True, text=True)

    def test_each_name_gets_its_own_line_as_password(self):
        r = self.add(self.names[:2], "first-secret-1\nsecond-secret-2\n")
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertEqual(self.names[:2], r.stdout.split(), "names only: the passwords were the caller's")
        if crypt is None:
            self.skipTest("no crypt module to check the passwords with")
        for name, password, other in ((self.names[0], "first-secret-1", "second-secret-2"),
                                      (self.names[1], "second-secret-2", "first-secret-1")):
            stored = shadow_hash(name)
            self.assertEqual(stored, crypt.crypt(password, stored), name)
            self.assertNotEqual(stored, crypt.crypt(other, stored), "%s has the other's password" % name)

    def test_too_few_lines_make_no_account_without_its_password(self):
        r = self.add(self.names[:2], "only-one-line\n")
        self.assertEqual(1, r.returncode)
        self.assertTrue(exists(self.names[0]))
        self.assertFalse(exists(self.names[1]), "an account made with no password of its own")
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertIn(self.names[1], r.stderr)

    def test_learners_are_kept_out_of_cron_and_at_and_removal_takes_their_leftovers(self):
        self.assertEqual(0, self.add(self.names[2:], "a-password-3\n").returncode)
        name = self.names[2]
        for deny in ("/etc/cron.deny", "/etc/at.deny"):
            self.assertTrue(listed(deny, name), deny)
        uid = int(subprocess.run(["id", "-u", name], capture_output=True, text=True).stdout)
        leftover, link = (os.path.join("/tmp", "lenet5-%s-%s" % (what, name)) for what in ("leftover", "link"))
        with open(leftover, "w") as f:
            f.write("theirs")
        os.chown(leftover, uid, uid)
        keep = tempfile.NamedTemporaryFile(prefix="lenet5-roots-")  # root's, linked from a learner's link
        os.symlink(keep.name, link)
        os.lchown(link, uid, uid)
        r = subprocess.run([REMOVE, name], capture_output=True, text=True, env=dict(os.environ, LENET5_CLASSROOM_STATE=self.state))
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertIn("stays a hub user", r.stderr)  # no hub here: said in one line
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertFalse(exists(name))
        self.assertFalse(os.path.lexists(leftover))
        self.assertFalse(os.path.lexists(link))
        self.assertTrue(os.path.exists(keep.name), "removal followed a learner's link")
        for deny in ("/etc/cron.deny", "/etc/at.deny"):
            self.assertFalse(listed(deny, name), deny)


if __name__ == "__main__":
    unittest.main()
