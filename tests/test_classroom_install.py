"""classroom/run.sh starts the hub (as root) only from a checkout that is root's alone: the checkout, the
folders above it, what root runs (build/hub-venv) and what learners' kernels load (build/kernel, lib, ...),
and a state folder root made. Each refusal is one line that says how to install it instead.

Runs the real run.sh in a copy of the classroom laid out as a checkout under a root-owned folder, with a
stand-in for build/hub-venv/bin/jupyterhub that only says it was started."""
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOBODY = pwd.getpwnam("nobody")


class InstallChecks(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("run.sh runs as root")
        # Under /run (root's, mode 755), not /tmp: a folder above the checkout that others can write is refused too.
        self.base = tempfile.mkdtemp(prefix="lenet5-install-", dir="/run")
        os.chmod(self.base, 0o755)
        self.addCleanup(shutil.rmtree, self.base, True)
        self.root = os.path.join(self.base, "lenet5")
        os.makedirs(os.path.join(self.root, "classroom"))
        for name in ("run.sh", "cgroups.py"):
            shutil.copy(os.path.join(ROOT, "classroom", name), os.path.join(self.root, "classroom", name))
        for name in ("notebooks", "utils", "scripts", "build/kernel", "build/lib", "build/hub-venv/bin"):
            os.makedirs(os.path.join(self.root, name))
        shutil.copy(os.path.join(ROOT, "Makefile"), os.path.join(self.root, "Makefile"))
        # Stand-ins for the set-up `make classroom` runs: each leaves a mark when run.
        self.setup_ran = os.path.join(self.base, "setup-ran")
        for name in ("scripts/setup.sh", "classroom/setup.sh"):
            with open(os.path.join(self.root, name), "w") as f:
                f.write("echo %s >> %s\n" % (name, self.setup_ran))
        self.jupyterhub = os.path.join(self.root, "build/hub-venv/bin/jupyterhub")
        with open(self.jupyterhub, "w") as f:
            f.write("#!/bin/sh\necho STARTED\n")
        os.chmod(self.jupyterhub, 0o755)
        python = os.path.join(ROOT, "build", "hub-venv", "bin", "python")  # the classroom's, for the cgroups check
        os.symlink(python if os.path.exists(python) else sys.executable, os.path.join(self.root, "build/hub-venv/bin/python"))
        self.state = os.path.join(self.root, "build", "classroom")

    def run_sh(self, **env):
        environment = dict(os.environ, LENET5_CLASSROOM_STATE=self.state, LENET5_CLASSROOM_SPAWNER="cgroup")
        environment.update(env)
        return subprocess.run(["bash", os.path.join(self.root, "classroom", "run.sh")], env=environment,
                              capture_output=True, text=True, timeout=120)

    def assert_refused(self, r, *words):
        self.assertNotIn("STARTED", r.stdout)
        self.assertEqual(1, r.returncode, r.stdout + r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), r.stderr)
        self.assertIn("refusing to start", lines[0])
        for word in words:
            self.assertIn(word, lines[0])

    def test_a_checkout_that_is_roots_alone_starts_with_a_private_state_folder(self):
        r = self.run_sh()
        self.assertIn("STARTED", r.stdout, r.stderr)
        st = os.lstat(self.state)
        self.assertEqual((0, 0o700), (st.st_uid, st.st_mode & 0o777))

    def test_a_users_checkout_is_refused_with_how_to_install(self):
        for folder, dirs, files in os.walk(self.root):  # as `git clone` + `make course` by that user leave it
            for name in [folder] + [os.path.join(folder, n) for n in dirs + files]:
                os.lchown(name, NOBODY.pw_uid, NOBODY.pw_gid)
        self.assert_refused(self.run_sh(), self.root, "/opt/lenet5")

    def test_make_classroom_in_a_users_checkout_refuses_before_any_set_up_runs_as_root(self):
        for folder, dirs, files in os.walk(self.root):
            for name in [folder] + [os.path.join(folder, n) for n in dirs + files]:
                os.lchown(name, NOBODY.pw_uid, NOBODY.pw_gid)
        environment = dict(os.environ, LENET5_CLASSROOM_STATE=self.state, LENET5_CLASSROOM_SPAWNER="cgroup")
        r = subprocess.run(["make", "-s", "-C", self.root, "classroom"], env=environment,
                           capture_output=True, text=True, timeout=120)
        self.assertNotEqual(0, r.returncode, r.stdout + r.stderr)
        self.assertIn("refusing to start", r.stderr)
        self.assertFalse(os.path.exists(self.setup_ran), "set-up ran as root in a user's checkout before the check")

    def test_make_classroom_in_roots_checkout_sets_up_then_starts(self):
        r = subprocess.run(["make", "-s", "-C", self.root, "classroom"], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, LENET5_CLASSROOM_STATE=self.state, LENET5_CLASSROOM_SPAWNER="cgroup"))
        self.assertIn("STARTED", r.stdout, r.stderr)
        with open(self.setup_ran) as f:
            self.assertEqual(["scripts/setup.sh", "classroom/setup.sh"], f.read().split())

    def test_a_hub_environment_others_can_write_is_refused(self):
        os.chmod(self.jupyterhub, 0o775)
        self.assert_refused(self.run_sh(), self.jupyterhub)

    def test_a_library_folder_linked_to_a_users_folder_is_refused(self):
        theirs = os.path.join(self.base, "theirs")
        os.makedirs(theirs)
        os.chown(theirs, NOBODY.pw_uid, NOBODY.pw_gid)
        os.rmdir(os.path.join(self.root, "build/lib"))
        os.symlink(theirs, os.path.join(self.root, "build/lib"))
        self.assert_refused(self.run_sh(), theirs)

    def test_a_folder_above_the_checkout_others_can_write_is_refused(self):
        os.chmod(self.base, 0o777)
        self.assert_refused(self.run_sh(), self.base)

    def test_a_state_folder_someone_else_made_is_refused(self):
        os.makedirs(self.state)
        os.chown(self.state, NOBODY.pw_uid, NOBODY.pw_gid)
        self.assert_refused(self.run_sh(), self.state, "nobody")

    def test_a_state_folder_others_could_write_in_is_refused(self):
        os.makedirs(self.state)
        os.chmod(self.state, 0o777)  # root's, but anyone could have planted a cookie secret in it
        self.assert_refused(self.run_sh(), self.state, "777")
        os.chmod(self.state, 0o700)
        planted = os.path.join(self.state, "jupyterhub_cookie_secret")
        with open(planted, "w") as f:
            f.write("00" * 32)
        os.chown(planted, NOBODY.pw_uid, NOBODY.pw_gid)
        self.assert_refused(self.run_sh(), planted, "nobody")

    def test_a_kernel_folder_others_can_write_is_refused(self):
        os.makedirs(os.path.join(self.root, "kernel"))
        os.chmod(os.path.join(self.root, "kernel"), 0o775)  # what set-up hands to Maven as root
        self.assert_refused(self.run_sh(), os.path.join(self.root, "kernel"))

    def test_a_state_folder_that_is_a_link_is_refused(self):
        target = os.path.join(self.base, "elsewhere")
        os.makedirs(target)
        os.symlink(target, self.state)
        self.assert_refused(self.run_sh(), self.state, "link")

    def test_missing_cgroups_are_named(self):
        r = self.run_sh()
        self.assertIn("STARTED", r.stdout, r.stderr)  # the control: this machine has them
        with open(os.path.join(self.root, "classroom", "cgroups.py"), "a") as f:  # a host without any
            f.write("\ndef find(*a, **k):\n    raise CgroupsMissing('no cgroups with a memory controller here')\n")
        self.assert_refused(self.run_sh(), "no cgroups with a memory controller", "systemd")

    def test_controllers_listed_but_unusable_are_named(self):
        with open(os.path.join(self.root, "classroom", "cgroups.py"), "a") as f:  # a learner's group cannot be made
            f.write("\n_find = find\ndef find(*a, **k):\n    tree = _find(*a, **k)\n"
                    "    def make(*a, **k):\n        raise PermissionError(13, 'Permission denied', '/sys/fs/cgroup/x')\n"
                    "    tree.make = make\n    return tree\n")
        self.assert_refused(self.run_sh(), "Permission denied", "systemd")


if __name__ == "__main__":
    unittest.main()
