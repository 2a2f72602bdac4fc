"""classroom/cgroups.py, the one cgroup module of the classroom and the Binder-session test.

CgroupV2Layout: on a temporary tree shaped like a cgroup v2 mount, with the kernel's rules of
Documentation/admin-guide/cgroup-v2.rst played by a small fake kernel (mkdir gives a child the interface files
of the controllers its parent's cgroup.subtree_control lists; "+ctrl" is refused unless the cgroup's own
cgroup.controllers lists it; a non-root cgroup with processes cannot enable controllers for children). This
machine mounts cgroup v1 only; the same module on a real v2 machine runs in the RealLimits tests below.

RealLimits (root only): on this machine's cgroups, whatever version: an unprivileged process's fork loop
stops at pids.max; two groups of equal CPU weight on one core share it equally however many busy
processes each runs.
"""
import errno
import os
import pwd
import subprocess
import sys
import tempfile
import time
import unittest
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
import cgroups  # noqa: E402

MB = 1024 * 1024
# What each controller puts in a cgroup (a subset of the kernel's files, with their initial values).
V2_FILES = {
    None: {"cgroup.controllers": "", "cgroup.subtree_control": "", "cgroup.procs": "", "cgroup.events": "populated 0\nfrozen 0\n",
           "cgroup.type": "domain\n"},
    "memory": {"memory.max": "max\n", "memory.swap.max": "max\n", "memory.peak": "0\n", "memory.current": "0\n",
               "memory.events": "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n",
               "memory.stat": "anon 0\nfile 0\nkernel 0\nshmem 0\n"},
    "pids": {"pids.max": "max\n", "pids.current": "0\n", "pids.events": "max 0\n"},
    "cpu": {"cpu.weight": "100\n", "cpu.max": "max 100000\n", "cpu.stat": "usage_usec 0\n"},
}
ROOT_CONTROLLERS = "cpuset cpu io memory hugetlb pids rdma misc"


class FakeKernel:
    """The cgroup2 filesystem's rules for mkdir and writes, on an ordinary folder."""

    def __init__(self, root, real_root=True):
        """real_root False: the tree's top is a cgroup namespace's root (a container's), where the rule holds."""
        self.root, self.real_root = root, real_root
        self.real_mkdir = os.mkdir
        for name, text in V2_FILES[None].items():
            self._put(root, name, text)
        self._put(root, "cgroup.controllers", ROOT_CONTROLLERS + "\n")
        self._put(root, "cgroup.procs", "1\n57\n")  # processes at the top: only the real root may enable with them

    def _put(self, folder, name, text):
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)

    def _get(self, folder, name):
        with open(os.path.join(folder, name)) as f:
            return f.read()

    def mkdir(self, path, mode=0o777):
        self.real_mkdir(path, mode)
        enabled = self._get(os.path.dirname(path), "cgroup.subtree_control").split()
        for name, text in V2_FILES[None].items():
            self._put(path, name, text)
        self._put(path, "cgroup.controllers", " ".join(enabled) + "\n")
        for controller in enabled:
            for name, text in V2_FILES.get(controller, {}).items():
                self._put(path, name, text)

    def write(self, path, value):
        folder, name = os.path.split(path)
        if not os.path.exists(path):
            raise FileNotFoundError(errno.ENOENT, "no such interface file", path)
        if name == "cgroup.subtree_control":
            have = set(self._get(folder, "cgroup.controllers").split())
            enabled = set(self._get(folder, name).split())
            for token in str(value).split():
                if token[1:] not in have:
                    raise FileNotFoundError(errno.ENOENT, "controller %s not available" % token[1:], path)
                if (folder != self.root or not self.real_root) and self._get(folder, "cgroup.procs").split():
                    raise OSError(errno.EBUSY, "no internal processes", path)
                enabled.add(token[1:]) if token[0] == "+" else enabled.discard(token[1:])
            self._put(folder, name, " ".join(sorted(enabled)) + "\n")
            return
        if name == "cgroup.procs":  # a process moves: out of every other cgroup, into this one
            for where, _, files in os.walk(self.root):
                if "cgroup.procs" in files:
                    left = [p for p in self._get(where, name).split() if p != str(value)]
                    self._put(where, name, "".join(p + "\n" for p in left))
            self._put(folder, name, self._get(folder, name) + "%s\n" % value)
            return
        self._put(folder, name, str(value) + "\n")  # an interface file's write replaces its value

    def __enter__(self):
        self.patches = [mock.patch("os.mkdir", self.mkdir), mock.patch.object(cgroups, "_write", self.write)]
        for p in self.patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in self.patches:
            p.stop()


class CgroupV2Layout(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "sys-fs-cgroup")
        os.mkdir(self.root)
        self.kernel = FakeKernel(self.root)
        self.tree = cgroups.Unified(self.root)

    def tearDown(self):
        self.tmp.cleanup()

    def read(self, *parts):
        with open(os.path.join(self.root, *parts)) as f:
            return f.read().strip()

    def test_a_learners_group_gets_memory_pids_and_cpu_limits(self):
        with self.kernel:
            group = self.tree.make("lenet5-classroom/ada", memory=1536 * MB, pids=512, cpu_weight=100)
        for folder in ((), ("lenet5-classroom",)):  # each ancestor passes the controllers down
            self.assertEqual({"cpu", "memory", "pids"}, set(self.read(*folder, "cgroup.subtree_control").split()), folder)
        self.assertEqual(str(1536 * MB), self.read("lenet5-classroom", "ada", "memory.max"))
        self.assertEqual("0", self.read("lenet5-classroom", "ada", "memory.swap.max"))
        self.assertEqual("512", self.read("lenet5-classroom", "ada", "pids.max"))
        self.assertEqual("100", self.read("lenet5-classroom", "ada", "cpu.weight"))
        self.assertEqual(os.path.join(self.root, "lenet5-classroom", "ada"), group.path("pids"))
        self.assertEqual([os.path.join(self.root, "lenet5-classroom", "ada")], group.folders())

    def test_oom_kills_and_peak_are_read_from_memory_events_and_memory_peak(self):
        with self.kernel:
            group = self.tree.make("lenet5-classroom/ada", memory=64 * MB, pids=64, cpu_weight=100)
        folder = os.path.join(self.root, "lenet5-classroom", "ada")
        with open(os.path.join(folder, "memory.events"), "w") as f:
            f.write("low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n")
        with open(os.path.join(folder, "memory.peak"), "w") as f:
            f.write("%d\n" % (60 * MB))
        self.assertEqual(2, group.oom_kills())
        self.assertEqual(60 * MB, group.peak_bytes())

    def test_a_missing_controller_is_named_in_one_line(self):
        with open(os.path.join(self.root, "cgroup.controllers"), "w") as f:
            f.write("cpuset cpu io memory\n")  # a container whose runtime delegated no pids controller
        with self.kernel, self.assertRaises(cgroups.CgroupsMissing) as caught:
            self.tree.make("lenet5-classroom/ada", memory=64 * MB, pids=64, cpu_weight=100)
        self.assertIn("pids", str(caught.exception))
        self.assertNotIn("\n", str(caught.exception))
        self.assertFalse(os.path.exists(os.path.join(self.root, "lenet5-classroom")))

    def test_a_memory_only_cap_needs_only_the_memory_controller(self):
        with open(os.path.join(self.root, "cgroup.controllers"), "w") as f:
            f.write("memory\n")  # e.g. the Binder-session test's 2 GB cap on a host delegating memory alone
        with self.kernel:
            group = self.tree.make("lenet5-binder-1", memory=2048 * MB)
        self.assertEqual(str(2048 * MB), self.read("lenet5-binder-1", "memory.max"))
        self.assertEqual(0, group.oom_kills())

    def test_a_parent_with_processes_of_its_own_is_refused_clearly(self):
        with self.kernel:
            self.tree.make("lenet5-classroom", memory=None)
            with open(os.path.join(self.root, "lenet5-classroom", "cgroup.procs"), "w") as f:
                f.write("4242\n")  # e.g. the hub itself put there
            with self.assertRaises(cgroups.CgroupsMissing) as caught:
                self.tree.make("lenet5-classroom/ada", memory=64 * MB, pids=64, cpu_weight=100)
        self.assertIn("processes of its own", str(caught.exception))

    def test_in_a_container_the_tops_own_processes_move_to_a_leaf(self):
        kernel = FakeKernel(self.root, real_root=False)  # /sys/fs/cgroup of a container, the hub among its processes
        with kernel:
            group = self.tree.make("lenet5-classroom/ada", memory=64 * MB, pids=64, cpu_weight=100)
        self.assertEqual("", self.read("cgroup.procs"))
        self.assertEqual(["1", "57"], self.read(cgroups.Unified.LEAF, "cgroup.procs").split())
        self.assertEqual("64", self.read("lenet5-classroom", "ada", "pids.max"))
        self.assertEqual(0, group.oom_kills())

    def test_find_picks_v2_where_no_controller_is_on_v1(self):
        proc = os.path.join(self.tmp.name, "proc-cgroups")
        with open(proc, "w") as f:  # a v2-only machine: every controller in hierarchy 0
            f.write("#subsys_name\thierarchy\tnum_cgroups\tenabled\n")
            for c in ROOT_CONTROLLERS.split():
                f.write("%s\t0\t1\t1\n" % c)
        found = cgroups.find(base=self.root, private=os.path.join(self.tmp.name, "private"), may_mount=False, proc_cgroups=proc)
        self.assertIsInstance(found, cgroups.Unified)
        self.assertEqual(self.root, found.root)


# A Python every account can run (pyenv's under /root is not one).
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def nobody():
    return pwd.getpwnam("nobody")


def as_nobody_in(group, cpu=None):
    def preexec():
        group.join()
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})
        os.setgroups([])
        os.setgid(nobody().pw_gid)
        os.setuid(nobody().pw_uid)
    return preexec


FORK_LOOP = """
import os, sys, time
children, stopped = [], None
for i in range(int(sys.argv[1])):          # bounded: it ends by itself whatever the limit
    try:
        pid = os.fork()
    except OSError as e:
        stopped = e.errno
        break
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    children.append(pid)
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print(len(children), stopped)
"""

BUSY = "import os, time\nend = time.monotonic() + float(os.sys.argv[1])\nwhile time.monotonic() < end: pass\nt = os.times()\nprint(t.user + t.system)"

# In a mount namespace of its own whose /sys/fs/cgroup is gone, as in fresh-ci's chroot: find() mounts the
# hierarchies under a private folder; a JVM started in a 1 GB group there prints the heap it chose.
JVM_IN_A_CHROOT = """
import ctypes, os, subprocess, sys, tempfile
sys.path.insert(0, sys.argv[1])
import cgroups
if sys.argv[2] == "hide":
    ctypes.CDLL(None).umount2(b"/sys/fs/cgroup", 2)   # MNT_DETACH, in this namespace only
private = tempfile.mkdtemp()
group = cgroups.find(private=private).make("lenet5-jvm-%d" % os.getpid(), memory=1 << 30)
try:
    flags = subprocess.run(["java", "-XX:MaxRAMPercentage=25", "-XX:+PrintFlagsFinal", "-version"], capture_output=True,
                           text=True, preexec_fn=group.join).stdout
    print(next(line.split()[3] for line in flags.splitlines() if " MaxHeapSize " in line))
finally:
    group.remove(wait=0)
    cgroups.release(private)
"""


class RealLimits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise unittest.SkipTest("cgroups are made by root")
        cls.tree = cgroups.find()
        cls.parent = "lenet5-test-%d" % os.getpid()

    @classmethod
    def tearDownClass(cls):
        cls.tree.group(cls.parent).remove(wait=0)
        cgroups.release()

    def make(self, name, **limits):
        group = self.tree.make(self.parent + "/" + name, **limits)
        self.addCleanup(group.remove, wait=0)
        return group

    def test_a_fork_loop_stops_at_the_process_limit(self):
        group = self.make("forker", memory=256 * MB, pids=20, cpu_weight=100)
        self.assertEqual("20", group.limits()["pids"], "the limit must be set before the loop runs")
        r = subprocess.run([PYTHON, "-c", FORK_LOOP, "200"], capture_output=True, text=True, timeout=120,
                           preexec_fn=as_nobody_in(group))
        forked, stopped = r.stdout.split()
        self.assertEqual(str(errno.EAGAIN), stopped, "the loop was not stopped by the limit: " + r.stdout + r.stderr)
        self.assertLess(int(forked), 20)
        self.assertGreater(int(forked), 5)

    def test_a_jvm_sees_its_groups_memory_limit_also_in_a_chroot(self):
        # Binder's JVMs see their 2 GB; a session test whose kernels size their heaps from the whole machine measures
        # another memory use than Binder's (fresh-ci's chroot did, with only memory, pids and cpu mounted).
        if cgroups.root_is_a_mount_point():  # a machine: hide its /sys/fs/cgroup in a private mount namespace
            namespace, mode = ["unshare", "--mount", "--propagation", "private"], "hide"
        else:  # a chroot such as fresh-ci's: its /sys/fs/cgroup is empty already, and its / cannot be made private
            namespace, mode = [], "as-is"
        r = subprocess.run(namespace + [PYTHON, "-c", JVM_IN_A_CHROOT, os.path.join(ROOT, "classroom"), mode],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(0, r.returncode, r.stderr)
        heap_mb = int(r.stdout) // MB
        print("a JVM in a 1 GB group, /sys/fs/cgroup unmounted: %d MB of heap at most" % heap_mb)
        self.assertLessEqual(heap_mb, 256, "the JVM sized its heap from the machine, not from its group")

    def test_equal_weights_share_one_core_equally(self):
        cpu = sorted(os.sched_getaffinity(0))[-1]
        many, one = self.make("many", pids=64, cpu_weight=100), self.make("one", pids=64, cpu_weight=100)
        seconds = "4"
        procs = [subprocess.Popen([PYTHON, "-c", BUSY, seconds], stdout=subprocess.PIPE, text=True,
                                  preexec_fn=as_nobody_in(many, cpu)) for _ in range(4)]
        procs.append(subprocess.Popen([PYTHON, "-c", BUSY, seconds], stdout=subprocess.PIPE, text=True,
                                      preexec_fn=as_nobody_in(one, cpu)))
        used = [float(p.communicate(timeout=60)[0]) for p in procs]
        share = used[-1] / sum(used)
        print("one busy process against four in another group, one core: %.2f of the CPU time" % share)
        # Without the groups it would get a fifth (0.2); with equal weights, half.
        self.assertGreater(share, 0.4, used)


if __name__ == "__main__":
    unittest.main()
