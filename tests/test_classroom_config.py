"""classroom/jupyterhub_config.py as JupyterHub loads it: which spawner and limits, the teacher's role, no
user config. The systemd branch is read here, not run (no systemd on this machine): this checks the settings
SystemdSpawner is given, which its source turns into the unit's MemoryMax, TasksMax, CPUWeight and, through
unit_extra_properties, TemporaryFileSystem."""
import os
import json
import runpy
import subprocess
import sys
import unittest
from unittest import mock

from traitlets.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = os.path.join(ROOT, "classroom", "jupyterhub_config.py")
sys.path.insert(0, os.path.join(ROOT, "classroom"))
from budget import LEARNER_MEMORY_MB, LEARNER_PIDS, LEARNER_TMP_MB  # noqa: E402
import learner_network  # noqa: E402


def load(**env):
    c = Config()
    with mock.patch.dict(os.environ, env):
        runpy.run_path(CONFIG, init_globals={"get_config": lambda: c})
    return c


class ClassroomConfig(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("the config makes the learners' bridge: run as root")
        self.made_bridge = not os.path.exists("/sys/class/net/" + learner_network.BRIDGE)

    def tearDown(self):
        if self.made_bridge:
            learner_network.remove_bridge()

    def test_systemd_hosts_get_systemdspawner_with_the_same_limits(self):
        c = load(LENET5_CLASSROOM_SPAWNER="systemd", LENET5_CLASSROOM_NETNS="1")
        self.assertEqual("systemdspawner.SystemdSpawner", c.JupyterHub.spawner_class)
        self.assertEqual("%dM" % LEARNER_MEMORY_MB, c.Spawner.mem_limit)
        props = c.SystemdSpawner.unit_extra_properties
        self.assertEqual(str(LEARNER_PIDS), props["TasksMax"])
        self.assertEqual("100", props["CPUWeight"])
        self.assertEqual("0", props["MemorySwapMax"])
        self.assertEqual(learner_network.NETNS_DIR + "/lenet5-{USERID}", props["NetworkNamespacePath"])
        # /tmp, /var/tmp and /dev/shm each a bounded tmpfs (PrivateTmp's would be unbounded folders on the disk).
        self.assertEqual(["/tmp:size=%dM,mode=1777" % LEARNER_TMP_MB, "/var/tmp:size=%dM,mode=1777" % LEARNER_TMP_MB,
                          "/dev/shm:size=%dM,mode=1777" % LEARNER_TMP_MB], props["TemporaryFileSystem"].split())
        self.assertFalse(c.SystemdSpawner.isolate_tmp if "isolate_tmp" in c.SystemdSpawner else False)
        self.assertTrue(c.Spawner.disable_user_config)

    def test_hosts_without_systemd_get_the_courses_spawner(self):
        c = load(LENET5_CLASSROOM_SPAWNER="cgroup", LENET5_CLASSROOM_NETNS="1")
        self.assertEqual("cgroup_spawner.CgroupSpawner", c.JupyterHub.spawner_class)
        self.assertEqual(LEARNER_PIDS, c.CgroupSpawner.pids_limit)
        self.assertEqual(LEARNER_TMP_MB, c.CgroupSpawner.tmp_mb)
        self.assertTrue(c.CgroupSpawner.isolate_network)
        self.assertTrue(c.JupyterHub.hub_bind_url.startswith("http://%s:" % learner_network.bridge_address()))

    def test_a_learners_server_shuts_down_kernels_idle_for_15_minutes_as_binder_does(self):
        # A learner's memory limit holds every kernel their JupyterLab keeps open (README "Launch on Binder").
        from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
        from traitlets.config.loader import KVArgParseConfigLoader
        c = load(LENET5_CLASSROOM_SPAWNER="cgroup", LENET5_CLASSROOM_NETNS="0")
        manager = MappingKernelManager(config=KVArgParseConfigLoader(argv=c.Spawner.args).load_config())
        self.assertEqual((900, 60, True, False), (manager.cull_idle_timeout, manager.cull_interval,
                                                  manager.cull_connected, manager.cull_busy))

    def test_the_teacher_manages_without_access_to_learners_servers_or_tokens(self):
        c = load(LENET5_CLASSROOM_SPAWNER="cgroup", LENET5_CLASSROOM_NETNS="0", LENET5_CLASSROOM_TEACHER="teach")
        teacher = [r for r in c.JupyterHub.load_roles if r["name"] == "teacher"][0]
        self.assertEqual(["teach"], teacher["users"])
        self.assertIn("admin-ui", teacher["scopes"])
        self.assertIn("servers", teacher["scopes"])
        for scope in teacher["scopes"]:
            self.assertFalse(scope.startswith(("access:servers", "tokens", "admin:users", "admin:servers")), scope)
        self.assertNotIn("teach", c.Authenticator.admin_users if "admin_users" in c.Authenticator else set())


    def test_the_teachers_formgrader_is_a_service_only_the_teacher_may_open(self):
        c = load(LENET5_CLASSROOM_SPAWNER="cgroup", LENET5_CLASSROOM_NETNS="0", LENET5_CLASSROOM_TEACHER="nobody",
                 LENET5_CLASSROOM_PORT="8000", LENET5_CLASSROOM_EXCHANGE="/srv/x/exchange")
        service = [s for s in c.JupyterHub.services if s["name"] == "formgrader"][0]
        self.assertEqual("nobody", service["user"])   # the teacher's account, never root
        self.assertEqual("http://127.0.0.1:8003", service["url"])
        self.assertTrue(service["command"][0].endswith("classroom/grading/formgrader.sh"))
        self.assertEqual("/srv/x/exchange", service["environment"]["LENET5_CLASSROOM_EXCHANGE"])
        granted = {r["name"] for r in c.JupyterHub.load_roles if "access:services!service=formgrader" in r.get("scopes", [])}
        self.assertEqual({"teacher"}, granted)
        root = load(LENET5_CLASSROOM_SPAWNER="cgroup", LENET5_CLASSROOM_NETNS="0", LENET5_CLASSROOM_TEACHER="root")
        self.assertEqual([], [s for s in root.JupyterHub.services if s["name"] == "formgrader"], "a formgrader run as root")
        # The learners' servers know the exchange, and the system-wide nbgrader configuration reads it from there.
        self.assertEqual("/srv/x/exchange", c.Spawner.environment["LENET5_CLASSROOM_EXCHANGE"])


    @unittest.skipUnless(os.path.exists(os.path.join(ROOT, "build", "hub-venv", "bin", "jupyter")), "make classroom-setup first")
    def test_learners_get_the_assignment_list_and_the_teacher_alone_the_formgrader(self):
        hub = os.path.join(ROOT, "build", "hub-venv")

        def extensions(**env):
            """The server extensions a Jupyter server of the hub environment loads, with these variables set."""
            r = subprocess.run([os.path.join(hub, "bin", "python"), "-c", ENABLED_EXTENSIONS], capture_output=True, text=True,
                               timeout=120, cwd="/", env=dict(os.environ, **env))
            return {k: v for k, v in json.loads(r.stdout).items() if k.startswith("nbgrader.")}
        on, off = True, False
        self.assertEqual({"nbgrader.server_extensions.assignment_list": on, "nbgrader.server_extensions.validate_assignment": on,
                          "nbgrader.server_extensions.formgrader": off, "nbgrader.server_extensions.course_list": off},
                         extensions(), "a learner's server")
        self.assertEqual({"nbgrader.server_extensions.assignment_list": off, "nbgrader.server_extensions.validate_assignment": off,
                          "nbgrader.server_extensions.formgrader": on, "nbgrader.server_extensions.course_list": off},
                         extensions(JUPYTER_CONFIG_PATH=os.path.join(ROOT, "classroom", "grading", "formgrader-config")),
                         "the teacher's formgrader service (grading/formgrader.sh)")
        with open(os.path.join(hub, "etc", "jupyter", "labconfig", "page_config.json")) as f:
            disabled = {k for k, v in json.load(f)["disabledExtensions"].items() if v}
        self.assertEqual({"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:create-assignment"}, disabled)
        with open(os.path.join(hub, "etc", "jupyter", "nbgrader_config.py")) as a, open(os.path.join(ROOT, "classroom", "nbgrader_system_config.py")) as b:
            self.assertEqual(b.read(), a.read(), "the system-wide nbgrader configuration")


# Run in the hub environment: the server extensions a Jupyter server started there enables (its config files merged).
ENABLED_EXTENSIONS = """
import json
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.load_config_file()
app.find_server_extensions()
print(json.dumps(app.jpserver_extensions))
"""


if __name__ == "__main__":
    unittest.main()
