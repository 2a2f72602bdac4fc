"""JupyterHub for a class, on one machine: `make classroom` (classroom/run.sh) starts it with this file.

Learners are system accounts in the group LENET5_CLASSROOM_GROUP (classroom/add-learner makes them) and
sign in with their password through PAM, JupyterHub's default authenticator; each server runs under the
learner's own uid (LocalProcessSpawner), so the operating system keeps learners apart, in a cgroup capped
at the budget (cgroup_spawner.py). Settings, from the environment:
  LENET5_CLASSROOM_IP       address to listen on (127.0.0.1)
  LENET5_CLASSROOM_PORT     the class's URL port (8000); the hub itself uses PORT+1, the proxy's API PORT+2,
                            the teacher's formgrader PORT+3
  LENET5_CLASSROOM_TEACHER  the teacher's account (teacher): the role "teacher" below, not the hub's admin
  LENET5_CLASSROOM_GROUP    the learners' group (lenet5-learners)
  LENET5_CLASSROOM_MEMORY_MB  memory limit of one learner's server (classroom/budget.py)
  LENET5_CLASSROOM_IDLE_TIMEOUT  seconds of inactivity before a server is culled (3600)
  LENET5_CLASSROOM_STATE    folder for the hub's database, cookie secret and logs (build/classroom)
  LENET5_CLASSROOM_CGROUP   cgroup folder holding one cgroup per server (lenet5-classroom)
  LENET5_CLASSROOM_PIDS     most processes and threads of one learner's server (classroom/budget.py)
  LENET5_CLASSROOM_TMP_MB   size of one learner's private /tmp (classroom/budget.py)
  LENET5_CLASSROOM_NETNS    1 (default): each server in a network namespace of its own (learner_network.py)
  LENET5_CLASSROOM_SPAWNER  systemd or cgroup; by default systemd where systemd runs the machine
  LENET5_CLASSROOM_EXCHANGE nbgrader's exchange, where assignments are released and submitted (/srv/nbgrader/exchange)
  LENET5_EPOCHS, ...        the course's training settings, passed on to every learner's kernels
"""
import grp
import json
import os
import pwd
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HUB_VENV = os.path.join(ROOT, "build", "hub-venv")
sys.path.insert(0, HERE)
from budget import LEARNER_MEMORY_MB, LEARNER_PIDS, LEARNER_TMP_MB  # noqa: E402
import chapters  # noqa: E402

env = os.environ.get
ip = env("LENET5_CLASSROOM_IP", "127.0.0.1")
port = int(env("LENET5_CLASSROOM_PORT", "8000"))
state = env("LENET5_CLASSROOM_STATE", os.path.join(ROOT, "build", "classroom"))
teacher = env("LENET5_CLASSROOM_TEACHER", "teacher")

c = get_config()  # noqa: F821  (JupyterHub provides it)

c.JupyterHub.bind_url = "http://%s:%d" % (ip, port)
# Each learner's server in a network namespace of its own (learner_network.py): the hub listens on the
# bridge that joins them, the one address of the host they reach; without namespaces, on 127.0.0.1.
netns = env("LENET5_CLASSROOM_NETNS", "1") == "1"
if netns:
    import learner_network
    c.JupyterHub.hub_bind_url = "http://%s:%d" % (learner_network.ensure_bridge(), port + 1)
else:
    c.JupyterHub.hub_bind_url = "http://127.0.0.1:%d" % (port + 1)
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % (port + 2)
c.ConfigurableHTTPProxy.command = [os.path.join(ROOT, "build", "chp", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")

# Sign-in: PAM (the default), limited to the class's group and the teacher. Those in the group now are
# listed up front as well, so the admin page shows the class and the REST API knows them before they sign in.
group = env("LENET5_CLASSROOM_GROUP", "lenet5-learners")
try:
    learners = set(grp.getgrnam(group).gr_mem)
except KeyError:
    learners = set()
c.Authenticator.allowed_groups = {group}
c.Authenticator.allowed_users = learners | {teacher}
# The teacher manages the class (admin page, start and stop servers) but is not the hub's admin: no
# access:servers or tokens on learners, so no learner's page (which shares the hub's origin unless
# subdomain_host is set, README "Teach it to a class") can act with the teacher's session on another
# learner's server. Grading from learners' files is the teacher's on the machine itself, not through the hub.
c.JupyterHub.load_roles = [{
    "name": "teacher",
    "description": "Manage the class: list learners, see activity, start and stop servers.",
    "scopes": ["admin-ui", "list:users", "read:users", "read:servers", "servers", "read:roles:users", "list:services", "read:services"],
    "users": [teacher],
}]
# A learner's ~/.jupyter (server extensions, config) would otherwise run in the server the hub started.
c.Spawner.disable_user_config = True

# One server per learner, under their own uid, with memory, process and CPU limits and a private /tmp:
# systemd's (SystemdSpawner, as The Littlest JupyterHub does) where systemd runs the machine, else the
# course's CgroupSpawner (containers, machines without systemd). sd_booted(3) tests for /run/systemd/system.
spawner_kind = env("LENET5_CLASSROOM_SPAWNER") or ("systemd" if os.path.isdir("/run/systemd/system") else "cgroup")
pids = int(env("LENET5_CLASSROOM_PIDS", LEARNER_PIDS))
tmp_mb = int(env("LENET5_CLASSROOM_TMP_MB", LEARNER_TMP_MB))
c.Spawner.mem_limit = "%dM" % int(env("LENET5_CLASSROOM_MEMORY_MB", LEARNER_MEMORY_MB))
if spawner_kind == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.disable_user_sudo = True
    # Not PrivateTmp (isolate_tmp), whose /tmp and /var/tmp are folders on the host's disk, unbounded: tmpfs of a
    # bounded size, as CgroupSpawner's, private and gone at stop, counted in the learner's memory.
    tmpfs = " ".join("%s:size=%dM,mode=1777" % (d, tmp_mb) for d in ("/tmp", "/var/tmp", "/dev/shm"))
    c.SystemdSpawner.unit_extra_properties = {"TasksMax": str(pids), "CPUWeight": "100", "MemorySwapMax": "0",
                                              "TemporaryFileSystem": tmpfs}
    if netns:  # the namespace is made by the pre-spawn hook below; {USERID} is the hub's user id
        c.SystemdSpawner.unit_extra_properties["NetworkNamespacePath"] = learner_network.NETNS_DIR + "/lenet5-{USERID}"
else:
    c.JupyterHub.spawner_class = "cgroup_spawner.CgroupSpawner"
    c.CgroupSpawner.cgroup_parent = env("LENET5_CLASSROOM_CGROUP", "lenet5-classroom")
    c.CgroupSpawner.pids_limit = pids
    c.CgroupSpawner.tmp_mb = tmp_mb
    c.CgroupSpawner.isolate_network = netns
c.Spawner.cmd = [os.path.join(HUB_VENV, "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
# Each learner's memory limit holds every kernel their JupyterLab keeps open: a kernel idle for 15
# minutes is shut down, as on Binder (scripts/capped-session.json, README "Launch on Binder").
with open(os.path.join(ROOT, "scripts", "capped-session.json")) as f:
    c.Spawner.args = ["--MappingKernelManager.%s=%s" % (k, json.dumps(v))
                      for k, v in json.load(f)["MappingKernelManager"].items()]
c.Spawner.notebook_dir = "~"
c.Spawner.env_keep = ["LANG", "LC_ALL"] + sorted(k for k in os.environ if k.startswith("LENET5_") and not k.startswith("LENET5_CLASSROOM"))
c.Spawner.environment = {
    "PATH": os.path.join(HUB_VENV, "bin") + ":/usr/local/bin:/usr/bin:/bin",
    # Chapter 03 saves its parameters here and chapter 04 reads them: each learner their own.
    "LENET5_MODELS": lambda spawner: os.path.join(pwd.getpwnam(spawner.user.name).pw_dir, "models"),
    # One libtorch thread per kernel: with more, kernels of several learners training at once spin
    # against each other (K=2 on 2 cores, one epoch: 575 s per learner with libtorch's default, 67 s with 1).
    "OMP_NUM_THREADS": env("OMP_NUM_THREADS", "1"),
    # nbgrader's exchange, for the assignment list (nbgrader_system_config.py; run.sh makes the folder).
    "LENET5_CLASSROOM_EXCHANGE": env("LENET5_CLASSROOM_EXCHANGE", "/srv/nbgrader/exchange"),
}
if os.path.isdir(os.path.join(ROOT, "build", "hub-python")):  # the copied interpreter (classroom/setup.sh)
    c.Spawner.environment["LD_LIBRARY_PATH"] = os.path.join(ROOT, "build", "hub-python", "lib")
c.Spawner.http_timeout = 60


def before_start(spawner):
    """At each start: the learner's own copy of the chapters (made as the learner, chapters.py) and, for
    SystemdSpawner, the network namespace its unit joins (CgroupSpawner makes its own)."""
    chapters.copy_chapters(pwd.getpwnam(spawner.user.name), ROOT)
    if netns and spawner_kind == "systemd":
        spawner.ip = learner_network.LearnerNetwork.for_user(spawner.user.id).up()


def after_stop(spawner):
    if netns and spawner_kind == "systemd":
        learner_network.LearnerNetwork.for_user(spawner.user.id).down()


c.Spawner.pre_spawn_hook = before_start
c.Spawner.post_stop_hook = after_stop

# Idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [os.path.join(HUB_VENV, "bin", "python"), "-m", "jupyterhub_idle_culler",
                "--timeout=%d" % int(env("LENET5_CLASSROOM_IDLE_TIMEOUT", "3600"))],
}]
c.JupyterHub.load_roles += [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
# nbgrader's formgrader for the teacher, a service the hub starts as the teacher's account (grading/formgrader.sh:
# the teacher's course directory, release, collect, autograde as lenet5-grader, grading by hand, feedback), at
# /services/formgrader/formgrader; only the teacher may open it.
try:
    teacher_account = pwd.getpwnam(teacher)
except KeyError:
    teacher_account = None
if teacher_account and teacher_account.pw_uid != 0:  # never a root service
    c.JupyterHub.services.append({
        "name": "formgrader",
        "url": "http://127.0.0.1:%d" % (port + 3),
        "command": [os.path.join(HERE, "grading", "formgrader.sh"), "--ServerApp.default_url=/formgrader"],
        "user": teacher,
        "cwd": teacher_account.pw_dir,
        "oauth_no_confirm": True,
        "environment": {k: v for k, v in c.Spawner.environment.items() if isinstance(v, str)},
    })
    c.JupyterHub.load_roles[0]["scopes"].append("access:services!service=formgrader")

# classroom/remove-learner deletes a learner's hub user (their tokens and cookies with it) through this
# service, whose token run.sh keeps in the state folder (root's, mode 600).
token_file = os.path.join(state, "accounts-token")
if os.path.exists(token_file):
    with open(token_file) as f:
        c.JupyterHub.services.append({"name": "accounts", "api_token": f.read().strip()})
    c.JupyterHub.load_roles.append({"name": "accounts", "scopes": ["delete:users", "read:users", "read:servers", "delete:servers"],
                                  "services": ["accounts"]})
