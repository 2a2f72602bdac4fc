"""The classroom keeps learners apart: a hub of our own on 127.0.0.1 (classroom/hub_process.py) with two
learner accounts A and B made for the test and removed after it, signing in with real passwords (PAM)."""
import json
import os
import pwd
import socket
import subprocess
import sys
import threading
import unittest

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
from budget import LEARNER_MEMORY_MB, LEARNER_PIDS, LEARNER_TMP_MB  # noqa: E402
from hub_process import Hub  # noqa: E402
import cgroups  # noqa: E402
from learner import Kernel, KernelDied, Learner  # noqa: E402
from tests import test_classroom_cgroups  # noqa: E402  (its FORK_LOOP; a module, so its tests are not collected twice)

CHAPTER = "notebooks/02-architecture-and-shapes.ipynb"  # what B runs, again and again, while A hits A's limits
SERVER_PATHS = ["/api/contents", "/api/contents/notebooks", "/api/kernels", "/api/sessions", "/lab"]


def needs_root():
    if os.geteuid() != 0:
        raise unittest.SkipTest("the classroom makes system accounts and cgroups: run as root")
    if not os.path.exists(os.path.join(ROOT, "build", "hub-venv", "bin", "jupyterhub")):
        raise AssertionError("build/hub-venv is missing: run 'make classroom-setup' (make test does)")
    if not cgroups.root_is_a_mount_point():
        raise unittest.SkipTest(cgroups.NOT_A_MOUNT_POINT)  # fresh-ci's chroot; CI's root runs it


def browser_login(hub, name, password):
    """A browser's session: the hub's login form, then the learner's own server (its OAuth cookie)."""
    s = requests.Session()
    s.get(hub.url + "/hub/login", timeout=30)
    r = s.post(hub.url + "/hub/login", timeout=60,
               data={"username": name, "password": password, "_xsrf": s.cookies.get("_xsrf", "")})
    return s, r


class Isolation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        needs_root()
        cls.hub = Hub(learners=2, prefix="l5i")
        cls.hub.__enter__()
        try:
            cls.a, cls.b = (Learner(cls.hub.url, n) for n in cls.hub.names)
            for learner in (cls.a, cls.b):
                assert learner.sign_in(cls.hub.learners[learner.name]).status_code == 201
                learner.start_server()
        except BaseException:
            cls.hub.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.hub.stop()

    def fail_with_log(self, message):
        self.fail(message + "\n--- hub log ---\n" + self.hub.log_tail())

    def test_a_token_gets_nothing_from_b_server(self):
        for path in SERVER_PATHS:
            self.assertEqual(200, self.b.get(path).status_code, "B on their own %s" % path)  # the control
            r = self.a.get(path, owner=self.b.name)
            self.assertIn(r.status_code, (403, 404), "A's token on B's %s: %s %s" % (path, r.status_code, r.text[:200]))
        kernel = self.b.start_kernel()
        try:
            r = self.a.get("/api/kernels/" + kernel.id, owner=self.b.name)
            self.assertIn(r.status_code, (403, 404), "A's token on B's kernel")
            intruder = Learner(self.hub.url, self.b.name)
            intruder.token = self.a.token  # B's URL, A's credentials
            with self.assertRaises(Exception, msg="A's token opened B's kernel's websocket"):
                Kernel(intruder, kernel.id)
        finally:
            kernel.shutdown()

    def test_a_cookie_gets_nothing_from_b_server(self):
        session, r = browser_login(self.hub, self.a.name, self.hub.learners[self.a.name])
        self.assertEqual(200, session.get(self.a.server_url() + "/api/contents", timeout=60).status_code,
                         "A's cookie on A's own server")  # the control: the cookie does work
        for path in SERVER_PATHS:
            r = session.get(self.a.server_url(self.b.name) + path, timeout=60)
            self.assertIn(r.status_code, (403, 404), "A's cookie on B's %s ended in %s at %s" % (path, r.status_code, r.url))
            self.assertNotIn(self.b.name + "/notebooks", r.text)

    def test_a_edits_never_reach_b_copy(self):
        nb = self.a.notebook(CHAPTER)
        marker = "// edited by A in this test"
        nb["cells"].insert(0, {"cell_type": "code", "source": marker, "metadata": {}, "outputs": [], "execution_count": None})
        self.a.save_notebook(CHAPTER, nb)
        self.assertIn(marker, str(self.a.notebook(CHAPTER)))  # the control: the edit was saved
        self.assertNotIn(marker, str(self.b.notebook(CHAPTER)))
        homes = {n: os.path.expanduser("~" + n) for n in self.hub.names}
        with open(os.path.join(homes[self.b.name], CHAPTER)) as f:
            self.assertNotIn(marker, f.read())
        for name, home in homes.items():  # each copy is its learner's, in a home no one else can enter
            st = os.stat(os.path.join(home, CHAPTER))
            self.assertEqual(name, __import__("pwd").getpwuid(st.st_uid).pw_name)
            self.assertEqual(0o700, os.stat(home).st_mode & 0o777, home)

    def test_wrong_password_is_refused(self):
        self.assertEqual(403, Learner(self.hub.url, self.a.name).sign_in("not-" + self.hub.learners[self.a.name]).status_code)
        self.assertEqual(403, Learner(self.hub.url, self.a.name).sign_in(self.hub.learners[self.b.name]).status_code)
        _, r = browser_login(self.hub, self.a.name, "wrong")
        self.assertEqual(403, r.status_code)
        self.assertIn("Invalid username or password", r.text)
        _, r = browser_login(self.hub, self.a.name, self.hub.learners[self.a.name])
        self.assertEqual(200, r.status_code, "the right password")  # the control

    def test_hub_admin_pages_refuse_a_learner(self):
        session, _ = browser_login(self.hub, self.a.name, self.hub.learners[self.a.name])
        self.assertEqual(403, session.get(self.hub.url + "/hub/admin", timeout=30).status_code)
        r = requests.get(self.hub.url + "/hub/api/users", headers=self.a.headers, timeout=30)
        self.assertEqual(403, r.status_code, r.text[:200])
        r = requests.delete(self.hub.url + "/hub/api/users/%s/server" % self.b.name, headers=self.a.headers, timeout=30)
        self.assertIn(r.status_code, (403, 404), "A stopping B's server")
        teacher, _ = browser_login(self.hub, self.hub.teacher, self.hub.teacher_password)
        self.assertEqual(200, teacher.get(self.hub.url + "/hub/admin", timeout=30).status_code, "the teacher")  # the control

    def test_the_teacher_sees_the_class_but_not_inside_a_learners_server(self):
        teacher = Learner(self.hub.url, self.hub.teacher)
        self.assertEqual(201, teacher.sign_in(self.hub.teacher_password).status_code)
        r = requests.get(self.hub.url + "/hub/api/users", headers=teacher.headers, timeout=30)
        self.assertEqual(200, r.status_code, r.text[:200])  # the control: the teacher does manage the class
        self.assertIn(self.a.name, [u["name"] for u in r.json()])
        for path in SERVER_PATHS:
            r = teacher.get(path, owner=self.a.name)
            self.assertIn(r.status_code, (403, 404), "the teacher's token on A's %s: %s" % (path, r.status_code))
        r = requests.post(self.hub.url + "/hub/api/users/%s/tokens" % self.a.name, headers=teacher.headers, timeout=30, json={})
        self.assertIn(r.status_code, (403, 404), "the teacher made a token for A")

    def test_the_hub_runs_the_idle_culler_and_lab_is_the_default_page(self):
        teacher = Learner(self.hub.url, self.hub.teacher)
        self.assertEqual(201, teacher.sign_in(self.hub.teacher_password).status_code)
        services = requests.get(self.hub.url + "/hub/api/services", headers=teacher.headers, timeout=30).json()
        self.assertIn("jupyterhub_idle_culler", " ".join(services["idle-culler"]["command"]))
        self.assertTrue(services["idle-culler"]["pid"], "the culler is not running")
        r = self.a.get("/")  # no redirect followed: where it points is the check
        self.assertIn("/lab", r.headers.get("Location", ""))

    def test_past_its_limits_only_the_learners_own_kernel_suffers(self):
        """A's fork loop stops at A's process limit and A's allocation past A's memory limit kills A's kernel,
        while B runs chapter 02 from the top, again and again, untouched."""
        group_a, group_b = (self.hub.learner_group(n) for n in self.hub.names)
        limits = group_a.limits()
        self.assertEqual(str(LEARNER_MEMORY_MB * 1024 * 1024), limits["memory"])
        self.assertEqual(str(LEARNER_PIDS), limits["pids"])  # set before the loop runs, or the loop does not run
        b_result, a_done = {"runs": 0}, threading.Event()

        def b_works_until_a_is_done():
            try:
                while not a_done.is_set() or b_result["runs"] == 0:
                    kernel, b_result["error"] = self.b.run_notebook(CHAPTER, timeout=300)
                    kernel.shutdown()
                    if b_result["error"]:
                        return
                    b_result["runs"] += 1
            except Exception as e:  # B's kernel died or hung: what this test is about
                b_result["error"] = "%s: %s" % (type(e).__name__, e)

        b_thread = threading.Thread(target=b_works_until_a_is_done, daemon=True)
        b_thread.start()
        self.addCleanup(a_done.set)  # B stops even if A's part fails
        kernel = self.a.start_kernel()
        try:
            print("tasks in A's server with a kernel open: %d" % len(tasks(group_a)))
            error = kernel.execute(FORK_LOOP_JAVA % (LEARNER_PIDS + 100), timeout=300)
            self.assertIsNone(error, kernel.output)
            forked, stopped = kernel.output.split("FORKLOOP ")[1].split()
            print("A's fork loop: %s processes, then errno %s" % (forked, stopped))
            self.assertEqual("11", stopped, "A's fork loop was not stopped by the limit (EAGAIN)")  # bounded: it ends either way
            self.assertLess(int(forked), LEARNER_PIDS)
        finally:
            kernel.shutdown()
        kernel = self.a.start_kernel()
        try:
            with self.assertRaises(KernelDied):  # 3 GB of ones, twice A's limit
                kernel.execute("var m = ai.djl.ndarray.NDManager.newBaseManager();\n"
                               "var big = m.ones(new ai.djl.ndarray.types.Shape(3L << 28));", timeout=600)
        finally:
            kernel.shutdown()
            a_done.set()
        b_thread.join(600)
        self.assertFalse(b_thread.is_alive(), "B's cell did not finish")
        print("B ran chapter 02 to its end %d times meanwhile" % b_result["runs"])
        self.assertIsNone(b_result.get("error"), "B's chapter failed")
        self.assertGreater(b_result["runs"], 0)
        self.assertEqual(200, self.a.get("/api/status").status_code, "A's server itself must survive")
        self.assertGreater(group_a.oom_kills(), 0)
        self.assertEqual(0, group_b.oom_kills())

    def test_b_cannot_connect_to_a_kernels_ports(self):
        kernel = self.a.start_kernel()
        try:
            a_user, b_user = pwd.getpwnam(self.a.name), pwd.getpwnam(self.b.name)
            connection = os.path.join(a_user.pw_dir, ".local/share/jupyter/runtime/kernel-%s.json" % kernel.id)
            with open(connection) as f:
                info = json.load(f)
            ports = [info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
            a_ns = "/proc/%d/ns/net" % kernel_pid(kernel.id)
            a_address = subprocess.run(["nsenter", "--net=" + a_ns, "ip", "-o", "-4", "addr", "show", "scope", "global"],
                                       capture_output=True, text=True).stdout.split()
            targets = [(info["ip"], p) for p in ports] + \
                      [(word.split("/")[0], p) for word in a_address if "/" in word for p in ports]  # its bridge address
            # The control: A's own processes reach every port of A's kernel.
            self.assertEqual([True] * len(ports), try_connect(a_user, [(info["ip"], p) for p in ports], netns=a_ns))
            # B from a shell on the host (SSH, or any local account), and B from B's own server's namespace.
            b_kernel = self.b.start_kernel()
            try:
                b_ns = "/proc/%d/ns/net" % kernel_pid(b_kernel.id)
                for where, ns in (("the host", None), ("B's server", b_ns)):
                    reached = [t for t, ok in zip(targets, try_connect(b_user, targets, netns=ns)) if ok]
                    self.assertEqual([], reached, "B, from %s, reached A's kernel at %s" % (where, reached))
            finally:
                b_kernel.shutdown()
        finally:
            kernel.shutdown()

    def test_a_learners_tmp_var_tmp_and_dev_shm_are_private_and_bounded(self):
        """What A's kernel writes in /tmp, /var/tmp and /dev/shm stays out of the host's folders: each is a tmpfs
        of LENET5_CLASSROOM_TMP_MB in A's server, whichever spawner made it."""
        folders = ["/tmp", "/var/tmp", "/dev/shm"]
        mark = "lenet5-private-%s" % self.a.name
        kernel = self.a.start_kernel()
        try:
            error = kernel.execute("for (var d : new String[] {%s}) {\n"
                                   "    try { java.nio.file.Files.writeString(java.nio.file.Path.of(d, \"%s\"), \"A's\"); }\n"
                                   "    catch (java.io.IOException e) { throw new RuntimeException(e); }\n"
                                   "}\nSystem.out.println(\"WROTE\");" % (", ".join('"%s"' % d for d in folders), mark))
            self.assertIsNone(error, kernel.output)
            self.assertIn("WROTE", kernel.output)  # the control: A's kernel did write there
            leaked = [d for d in folders if os.path.lexists(os.path.join(d, mark))]
            self.assertEqual([], leaked, "A's files landed in the host's folders")
            with open("/proc/%d/mountinfo" % kernel_pid(kernel.id)) as f:
                mounts = {}
                for line in f:  # the last mount on a point is the one seen there
                    fields, rest = line.split(" - ")
                    mounts[fields.split()[4]] = rest.split()[0], rest.split()[2]
            size = "size=%dk" % (int(os.environ.get("LENET5_CLASSROOM_TMP_MB", LEARNER_TMP_MB)) * 1024)
            for d in folders:
                fstype, options = mounts.get(d, ("none", ""))
                self.assertEqual(("tmpfs", True), (fstype, size in options.split(",")), "%s in A's server: %s %s" % (d, fstype, options))
        finally:
            kernel.shutdown()
            for d in folders:
                if os.path.lexists(os.path.join(d, mark)):
                    os.remove(os.path.join(d, mark))

    def test_a_removed_learner_loses_their_hub_user_tokens_and_leftovers(self):
        name = self.hub.teacher[:-5] + "gone"
        password = self.hub.add_account(name)
        try:
            c = Learner(self.hub.url, name)
            _, r = browser_login(self.hub, name, password)  # a learner added while the hub runs: its page first
            self.assertEqual(200, r.status_code)
            self.assertEqual(201, c.sign_in(password).status_code)
            self.assertEqual(200, requests.get(self.hub.url + "/hub/api/user", headers=c.headers, timeout=30).status_code)
            leftover = os.path.join("/tmp", "lenet5-leftover-%s" % name)
            with open(leftover, "w") as f:
                f.write("C's")
            user = pwd.getpwnam(name)
            os.chown(leftover, user.pw_uid, user.pw_gid)
            r = self.hub.remove_accounts([name])
            self.assertEqual("", r.stderr, "remove-learner could not reach the hub")
            self.assertEqual(403, requests.get(self.hub.url + "/hub/api/user", headers=c.headers, timeout=30).status_code,
                             "C's token still works after remove-learner")
            self.assertFalse(os.path.exists(leftover), "C's file in /tmp is left")
            with self.assertRaises(KeyError):
                pwd.getpwnam(name)
        finally:
            self.hub.remove_accounts([name])


# Run by A's kernel, as a notebook cell would: the cgroup test's loop of os.fork until it fails, bounded by the argument.
FORK_LOOP_JAVA = ("var p = new ProcessBuilder(\"python3\", \"-c\", %s, \"%%d\").redirectErrorStream(true).start();\n"
                  "System.out.println(\"FORKLOOP \" + new String(p.getInputStream().readAllBytes()).trim());\n"
                  "p.waitFor();" % json.dumps(test_classroom_cgroups.FORK_LOOP))

CONNECT = """
import socket, sys
for target in sys.argv[1:]:
    host, port = target.rsplit(":", 1)
    s = socket.socket()
    s.settimeout(3)
    try:
        s.connect((host, int(port)))
        print(1)
    except OSError:
        print(0)
    finally:
        s.close()
"""


def try_connect(user, targets, netns=None):
    """Whether `user`, from the network namespace `netns` (default: the host's), connects to each (host, port)."""
    cmd = ([] if netns is None else ["nsenter", "--net=" + netns]) + \
          ["setpriv", "--reuid=%d" % user.pw_uid, "--regid=%d" % user.pw_gid, "--init-groups",
           "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable, "-c", CONNECT] + \
          ["%s:%d" % t for t in targets]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return [line == "1" for line in r.stdout.split()]


def kernel_pid(kernel_id):
    mark = ("kernel-%s.json" % kernel_id).encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/cmdline" % entry, "rb") as f:
                    if mark in f.read():
                        return int(entry)
            except OSError:
                pass
    raise RuntimeError("no process for kernel %s" % kernel_id)


def tasks(group):
    found = []
    for pid in group.pids():
        try:
            found += os.listdir("/proc/%d/task" % pid)
        except FileNotFoundError:
            pass
    return found


if __name__ == "__main__":
    unittest.main()
