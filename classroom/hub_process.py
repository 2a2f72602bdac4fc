"""A classroom hub started for a measurement or a test, on 127.0.0.1, and everything it made cleaned up:
its own state folder, ports, cgroup folder and learner accounts (made with classroom/add-learner)."""
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import requests

import cgroups
import learner_network

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port_block(n=4):
    """A port p with p..p+n-1 free on 127.0.0.1 (the hub uses four: see jupyterhub_config.py)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + n < 65536 and all(_free(base + i) for i in range(1, n)):
            return base
    raise RuntimeError("no block of %d free ports" % n)


def _free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def read_bytes(path):
    with open(path) as f:
        return int(f.read())


class Hub:
    """`with Hub(learners=2) as hub:` accounts hub.learners (name -> password), hub.teacher, hub.url."""

    def __init__(self, learners=2, prefix="l5t", memory_mb=None, env=None, measure=False):
        tag = "%s%d" % (prefix, os.getpid() % 100000)
        self.names = ["%sx%d" % (tag, i) for i in range(learners)]
        self.teacher = tag + "teach"
        self.learners = {}
        self.cgroup_parent = "lenet5-classroom-" + tag
        self.tree = cgroups.find()
        self.measure = measure
        self.hub_group = None  # the hub, its proxy and culler, measured (measure=True)
        self.memory_mb, self.extra_env = memory_mb, dict(env or {})
        # The spawner run.sh picks (systemd's where systemd runs the machine) unless LENET5_CLASSROOM_SPAWNER says.
        self.spawner = os.environ.get("LENET5_CLASSROOM_SPAWNER") or ("systemd" if os.path.isdir("/run/systemd/system") else "cgroup")
        # Under /run (root's, mode 755): run.sh refuses a state folder under one others can write, such as /tmp.
        self.state = tempfile.mkdtemp(prefix="lenet5-classroom-", dir="/run")
        # nbgrader's exchange of this hub (run.sh makes it): under a folder of its own that learners can enter.
        self.scratch = tempfile.mkdtemp(prefix="lenet5-exchange-", dir="/run")
        os.chmod(self.scratch, 0o755)
        self.extra_env.setdefault("LENET5_CLASSROOM_EXCHANGE", os.path.join(self.scratch, "exchange"))
        self.proc = None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def add_account(self, name, teacher=False):
        password = secrets.token_urlsafe(12)
        args = [os.path.join(HERE, "add-learner"), "--password-stdin"] + (["--teacher"] if teacher else []) + [name]
        subprocess.run(args, input=password + "\n", text=True, check=True, capture_output=True)
        return password

    def start(self, timeout=60):
        # Accounts first: the hub lists the group's members when it starts.
        self.teacher_password = self.add_account(self.teacher, teacher=True)
        for name in self.names:
            self.learners[name] = self.add_account(name)
        self.made_bridge = not os.path.exists("/sys/class/net/" + learner_network.BRIDGE)
        self.port = free_port_block()
        self.url = "http://127.0.0.1:%d" % self.port
        env = dict(os.environ, LENET5_CLASSROOM_PORT=str(self.port), LENET5_CLASSROOM_STATE=self.state,
                   LENET5_CLASSROOM_TEACHER=self.teacher, LENET5_CLASSROOM_CGROUP=self.cgroup_parent, **self.extra_env)
        if self.memory_mb:
            env["LENET5_CLASSROOM_MEMORY_MB"] = str(self.memory_mb)
        if self.measure:  # the hub, its proxy and culler in a cgroup of their own, to measure them
            self.hub_group = self.tree.make(self.cgroup_parent + "-hub")
        hub_group = self.hub_group

        def preexec():
            # A SIGINT ignored here (a background job) would be ignored by the culler too, and the hub would
            # wait out its interrupt timeout at every stop.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if hub_group:
                hub_group.join()
        self.log = open(os.path.join(self.state, "hub.log"), "w")
        self.proc = subprocess.Popen([os.path.join(HERE, "run.sh")], env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, preexec_fn=preexec, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the hub stopped at start:\n" + self.log_tail())
            try:
                if requests.get(self.url + "/hub/api/", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise TimeoutError("the hub did not answer in %d s:\n%s" % (timeout, self.log_tail()))

    def log_tail(self, n=4000):
        with open(os.path.join(self.state, "hub.log"), errors="replace") as f:
            return f.read()[-n:]

    def learner_group(self, name):
        """The cgroup of a learner's server (cgroups.Group: limits, peak, OOM kills): CgroupSpawner's, or the
        unit SystemdSpawner starts (its default unit name and slice; systemd means cgroup v2 here)."""
        if self.spawner == "systemd":
            return self.tree.group("system.slice/jupyter-%s-singleuser.service" % name)
        return self.tree.group(os.path.join(self.cgroup_parent, name))

    def remove_accounts(self, names, force=False):
        """classroom/remove-learner, told where this hub is: it deletes the hub's users first."""
        env = dict(os.environ, LENET5_CLASSROOM_STATE=self.state, LENET5_CLASSROOM_PORT=str(self.port))
        return subprocess.run([os.path.join(HERE, "remove-learner")] + ["--force"] * force + names, env=env,
                              capture_output=True, text=True)

    def stop(self):
        accounts = [n for n in self.names + [self.teacher] if _exists(n)]
        if accounts and getattr(self, "port", None):
            # A hub that died cannot delete its users (its database goes with the state folder below): force.
            self.remove_accounts(accounts, force=self.proc is None or self.proc.poll() is not None)
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops its proxy, culler and servers
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        parent = self.tree.group(self.cgroup_parent)
        children = sorted(os.listdir(parent.path())) if parent.exists() else []
        servers = [self.tree.group(os.path.join(self.cgroup_parent, n)) for n in children
                   if os.path.isdir(os.path.join(parent.path(), n))]
        for group in servers + [parent, self.hub_group]:  # every server's, those of learners added later too
            if group is not None and group.exists():
                group.remove(wait=0)
        cgroups.release()
        if getattr(self, "made_bridge", False):
            learner_network.remove_bridge()
        shutil.rmtree(self.state, ignore_errors=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _exists(name):
    return subprocess.run(["id", name], capture_output=True).returncode == 0
