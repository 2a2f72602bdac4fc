"""The classroom keeps learners apart: a hub of our own on 127.0.0.1 (classroom/hub_process.py) with two
learner accounts A and B made for the test and removed after it, signing in with real passwords (PAM)."""
import os
import re
import sys
import threading
import unittest

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
from budget import LEARNER_MEMORY_MB  # noqa: E402
from hub_process import Hub, read_bytes  # noqa: E402
from learner import Kernel, KernelDied, Learner  # noqa: E402

CHAPTER = "notebooks/02-architecture-and-shapes.ipynb"
SERVER_PATHS = ["/api/contents", "/api/contents/notebooks", "/api/kernels", "/api/sessions", "/lab"]


def needs_root():
    if os.geteuid() != 0:
        raise unittest.SkipTest("the classroom makes system accounts and cgroups: run as root")
    if not os.path.exists(os.path.join(ROOT, "build", "hub-venv", "bin", "jupyterhub")):
        raise AssertionError("build/hub-venv is missing: run 'make classroom-setup' (make test does)")


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

    def test_the_hub_runs_the_idle_culler_and_lab_is_the_default_page(self):
        teacher = Learner(self.hub.url, self.hub.teacher)
        self.assertEqual(201, teacher.sign_in(self.hub.teacher_password).status_code)
        services = requests.get(self.hub.url + "/hub/api/services", headers=teacher.headers, timeout=30).json()
        self.assertIn("jupyterhub_idle_culler", " ".join(services["idle-culler"]["command"]))
        self.assertTrue(services["idle-culler"]["pid"], "the culler is not running")
        r = self.a.get("/")  # no redirect followed: where it points is the check
        self.assertIn("/lab", r.headers.get("Location", ""))

    def test_past_the_limit_only_the_learners_own_kernel_dies(self):
        cgroup_a, cgroup_b = (self.hub.learner_cgroup(n) for n in self.hub.names)
        self.assertEqual(LEARNER_MEMORY_MB * 1024 * 1024, read_bytes(os.path.join(cgroup_a, "memory.limit_in_bytes")))
        b_result = {}

        def b_runs_a_chapter():
            kernel, b_result["error"] = self.b.run_notebook(CHAPTER, timeout=900)
            kernel.shutdown()

        b_thread = threading.Thread(target=b_runs_a_chapter)
        b_thread.start()
        kernel = self.a.start_kernel()
        try:
            with self.assertRaises(KernelDied):  # 3 GB of ones, twice A's limit
                kernel.execute("var m = ai.djl.ndarray.NDManager.newBaseManager();\n"
                               "var big = m.ones(new ai.djl.ndarray.types.Shape(3L << 28));", timeout=600)
        finally:
            kernel.shutdown()
        b_thread.join(900)
        self.assertFalse(b_thread.is_alive(), "B's chapter did not finish")
        self.assertIsNone(b_result.get("error"), "B's chapter failed")
        self.assertEqual(200, self.a.get("/api/status").status_code, "A's server itself must survive")
        self.assertGreater(oom_kills(cgroup_a), 0)
        self.assertEqual(0, oom_kills(cgroup_b))


def oom_kills(cgroup):
    with open(os.path.join(cgroup, "memory.oom_control")) as f:
        found = re.search(r"^oom_kill (\d+)", f.read(), re.M)
    return int(found.group(1)) if found else read_bytes(os.path.join(cgroup, "memory.failcnt"))


if __name__ == "__main__":
    unittest.main()
