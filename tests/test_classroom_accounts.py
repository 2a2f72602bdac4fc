"""classroom/add-learner and remove-learner: one password per name from standard input, learners kept out of
SSH, cron and at, and removal that refuses while the hub is down (unless --force) and takes the account's
leftovers in /tmp without following a learner's links."""
import os
import socket
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
        # sshd's drop-in folder, never the machine's: one that has the classroom's file already (so add-learner
        # is quiet about SSH), unless a test says otherwise.
        self.sshd = tempfile.TemporaryDirectory(prefix="lenet5-sshd-")
        self.addCleanup(self.sshd.cleanup)
        with open(os.path.join(self.sshd.name, "lenet5-classroom.conf"), "w") as f:
            f.write("DenyGroups lenet5-learners\n")
        self.polkit = tempfile.TemporaryDirectory(prefix="lenet5-polkit-")
        self.addCleanup(self.polkit.cleanup)
        self.addCleanup(self.cleanup)

    def cleanup(self):
        subprocess.run([REMOVE, "--force"] + [n for n in self.names if exists(n)], capture_output=True,
                       env=dict(os.environ, LENET5_CLASSROOM_STATE=self.state))
        for f in os.listdir(self.state):
            os.remove(os.path.join(self.state, f))
        os.rmdir(self.state)

    def add(self, names, stdin, sshd=None):
        return subprocess.run([ADD, "--password-stdin"] + names, input=stdin, capture_output=True, text=True,
                              env=dict(os.environ, LENET5_SSHD_CONFIG_D=sshd or self.sshd.name,
                                       LENET5_POLKIT_RULES_D=self.polkit.name))

    def remove(self, *args, port=None):
        env = dict(os.environ, LENET5_CLASSROOM_STATE=self.state)
        if port:
            env["LENET5_CLASSROOM_PORT"] = str(port)
        return subprocess.run([REMOVE] + list(args), capture_output=True, text=True, env=env)

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
            # at (setuid daemon) and crontab (setgid crontab) read these files as themselves: unreadable, they
            # deny everyone, the teacher included.
            self.assertTrue(os.stat(deny).st_mode & 0o044, "%s readable by at and crontab" % deny)
        with open(os.path.join(self.polkit.name, "50-lenet5-classroom.rules")) as f:  # no lingering either
            rule = f.read()
        self.assertIn('"org.freedesktop.login1.set-self-linger"', rule)
        self.assertIn('subject.isInGroup("lenet5-learners")', rule)
        uid = int(subprocess.run(["id", "-u", name], capture_output=True, text=True).stdout)
        leftover, link = (os.path.join("/tmp", "lenet5-%s-%s" % (what, name)) for what in ("leftover", "link"))
        with open(leftover, "w") as f:
            f.write("theirs")
        os.chown(leftover, uid, uid)
        keep = tempfile.NamedTemporaryFile(prefix="lenet5-roots-")  # root's, linked from a learner's link
        os.symlink(keep.name, link)
        os.lchown(link, uid, uid)
        r = self.remove("--force", name)
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertIn("stays a hub user", r.stderr)  # no hub here: said in one line
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertFalse(exists(name))
        self.assertFalse(os.path.lexists(leftover))
        self.assertFalse(os.path.lexists(link))
        self.assertTrue(os.path.exists(keep.name), "removal followed a learner's link")
        for deny in ("/etc/cron.deny", "/etc/at.deny"):
            self.assertFalse(listed(deny, name), deny)

    def test_learners_are_denied_ssh_through_sshd_drop_in_folder(self):
        with tempfile.TemporaryDirectory(prefix="lenet5-sshd-") as sshd:
            r = self.add(self.names[:1], "a-password-1\n", sshd=sshd)
            self.assertEqual(0, r.returncode, r.stderr)
            with open(os.path.join(sshd, "lenet5-classroom.conf")) as f:
                self.assertEqual("DenyGroups lenet5-learners\n", f.read())
            self.assertIn("denied SSH", r.stderr)

    def test_without_sshd_drop_in_folder_says_in_one_line_what_is_not_protected(self):
        missing = os.path.join(self.state, "no-sshd_config.d")
        r = self.add(self.names[:1], "a-password-1\n", sshd=missing)
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertTrue(exists(self.names[0]))
        self.assertFalse(os.path.exists(missing), "add-learner made sshd's folder")
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertIn("not kept out of SSH", r.stderr)
        self.assertIn("DenyGroups lenet5-learners", r.stderr)  # what to do

    def test_removal_refuses_while_the_hub_is_down_unless_forced(self):
        self.assertEqual(0, self.add(self.names[:1], "a-password-1\n").returncode)
        name = self.names[0]
        with open(os.path.join(self.state, "accounts-token"), "w") as f:
            f.write("0" * 64)  # the state of a hub that ran, now down: nothing listens on its port
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        r = self.remove(name, port=port)
        self.assertNotEqual(0, r.returncode, "removed while the hub could not delete their hub user")
        self.assertTrue(exists(name), "the account went, the hub's user and tokens stay")
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertIn(name, r.stderr)
        self.assertIn("--force", r.stderr)  # how to go on
        r = self.remove("--force", name, port=port)
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertFalse(exists(name))
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertIn("stays a hub user", r.stderr)


if __name__ == "__main__":
    unittest.main()
