"""Cgroups with limits, on cgroup v2 (one unified hierarchy) or v1 (one hierarchy per controller): a learner's
server in the classroom (cgroup_spawner.py), the hub measured by bench.py, the Binder-session test's 2 GB cap.

    tree = cgroups.find()                       # the machine's, mounted first if need be (a chroot), or CgroupsMissing
    group = tree.make("lenet5-classroom/ada", memory=1536 << 20, pids=1024, cpu_weight=100)
    group.join()                                # in a child, before it drops root: all it starts counts
    group.oom_kills(), group.peak_bytes(), group.remove()

Only the files the kernel documents are used (Documentation/admin-guide/cgroup-v2.rst and cgroup-v1/):
v2  cgroup.controllers, cgroup.subtree_control (a child has a controller's files only once its parent lists
    it there), memory.max, memory.swap.max, memory.peak, memory.events, memory.stat, pids.max, cpu.weight,
    cgroup.procs;
v1  memory.limit_in_bytes, memory.memsw.limit_in_bytes, memory.max_usage_in_bytes, memory.oom_control,
    memory.stat, pids.max, cpu.shares, cgroup.procs, each in its controller's own hierarchy.
Interface files are opened without O_CREAT: a file the kernel did not make is an error here, as it is there.
"""
import ctypes
import errno
import os
import signal
import time

STANDARD = "/sys/fs/cgroup"
PRIVATE = "/run/lenet5-cgroup"  # our own mounts, where /sys/fs/cgroup is empty (a chroot such as CI's)
CONTROLLERS = ("memory", "pids", "cpu")
# Mounted in a chroot only to be seen, as a machine or container shows them: HotSpot's container support on v1 needs
# cpuset, cpu, cpuacct and memory all mounted, else a JVM ignores its memory limit and sizes its heap from the machine's.
SEEN = ("cpuset", "cpuacct")


class CgroupsMissing(RuntimeError):
    """No cgroup hierarchy with the controllers a limit needs; the message says what is missing."""


def _read(path):
    with open(path) as f:
        return f.read()


def _write(path, value):
    fd = os.open(path, os.O_WRONLY)  # no O_CREAT: only the kernel makes interface files
    try:
        os.write(fd, str(value).encode())
    finally:
        os.close(fd)


def _fields(text):
    return {k: int(v) for k, v in (line.split() for line in text.splitlines() if line.strip())}


class Group:
    """One cgroup: its folder in each hierarchy that holds one of its controllers."""

    def __init__(self, tree, relative):
        self.tree, self.relative = tree, relative.strip("/")

    def path(self, controller="memory"):
        return os.path.join(self.tree.mount(controller), self.relative)

    def folders(self):
        return sorted({self.path(c) for c in CONTROLLERS if self.tree.has(c)})

    def exists(self):
        return os.path.isdir(self.path())

    def join(self, pid=0):
        """Moves a process (0: the caller) into this cgroup in every hierarchy."""
        for folder in self.folders():
            _write(os.path.join(folder, "cgroup.procs"), pid)

    def pids(self):
        found = set()
        for folder in self.folders():
            try:
                found.update(int(p) for p in _read(os.path.join(folder, "cgroup.procs")).split())
            except FileNotFoundError:
                pass
        return sorted(found)

    def remove(self, wait=10):
        """Ends what is left inside (SIGTERM, then SIGKILL after `wait` s) and removes the cgroup. True once gone."""
        deadline = time.monotonic() + wait
        while True:
            left = self.pids()
            if not left:
                break
            if time.monotonic() > deadline + 5:
                return False
            sig = signal.SIGTERM if time.monotonic() < deadline else signal.SIGKILL
            for pid in left:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            time.sleep(0.2)
        gone = True
        for folder in self.folders():
            try:
                os.rmdir(folder)
            except FileNotFoundError:
                pass
            except OSError:
                gone = False
        return gone


class UnifiedGroup(Group):
    def set_limits(self, memory=None, pids=None, cpu_weight=None):
        p = self.path()
        if memory is not None:
            _write(os.path.join(p, "memory.max"), memory)
            if os.path.exists(os.path.join(p, "memory.swap.max")):  # swap would soften the limit
                _write(os.path.join(p, "memory.swap.max"), 0)
        if pids is not None:
            _write(os.path.join(p, "pids.max"), pids)
        if cpu_weight is not None:
            _write(os.path.join(p, "cpu.weight"), cpu_weight)  # 1..10000, 100 by default

    def limits(self):
        p = self.path()
        return {"memory": _read(os.path.join(p, "memory.max")).strip(), "pids": _read(os.path.join(p, "pids.max")).strip(),
                "cpu_weight": _read(os.path.join(p, "cpu.weight")).strip()}

    def oom_kills(self):
        return _fields(_read(os.path.join(self.path(), "memory.events"))).get("oom_kill", 0)

    def peak_bytes(self):
        peak = os.path.join(self.path(), "memory.peak")  # Linux 5.19 and later
        return int(_read(peak)) if os.path.exists(peak) else None

    def anonymous_bytes(self):
        return _fields(_read(os.path.join(self.path(), "memory.stat")))["anon"]

    def reset_peak(self):
        pass  # memory.peak starts at 0 with the cgroup, made afresh at each start


class PerControllerGroup(Group):
    def set_limits(self, memory=None, pids=None, cpu_weight=None):
        if memory is not None:
            p = self.path("memory")
            _write(os.path.join(p, "memory.limit_in_bytes"), memory)
            if os.path.exists(os.path.join(p, "memory.memsw.limit_in_bytes")):  # with swap, memory+swap too
                _write(os.path.join(p, "memory.memsw.limit_in_bytes"), memory)
        if pids is not None:
            _write(os.path.join(self.path("pids"), "pids.max"), pids)
        if cpu_weight is not None:  # v1's shares: 1024 by default where v2's weight is 100
            _write(os.path.join(self.path("cpu"), "cpu.shares"), max(2, cpu_weight * 1024 // 100))

    def limits(self):
        return {"memory": _read(os.path.join(self.path("memory"), "memory.limit_in_bytes")).strip(),
                "pids": _read(os.path.join(self.path("pids"), "pids.max")).strip(),
                "cpu_weight": str(int(_read(os.path.join(self.path("cpu"), "cpu.shares"))) * 100 // 1024)}

    def oom_kills(self):
        fields = _fields(_read(os.path.join(self.path("memory"), "memory.oom_control")))
        if "oom_kill" in fields:  # Linux 4.13 and later
            return fields["oom_kill"]
        return int(_read(os.path.join(self.path("memory"), "memory.failcnt")))

    def peak_bytes(self):
        return int(_read(os.path.join(self.path("memory"), "memory.max_usage_in_bytes")))

    def anonymous_bytes(self):
        return _fields(_read(os.path.join(self.path("memory"), "memory.stat")))["total_rss"]

    def reset_peak(self):
        _write(os.path.join(self.path("memory"), "memory.max_usage_in_bytes"), 0)


class Unified:
    """cgroup v2: one hierarchy; a controller reaches a cgroup through each ancestor's cgroup.subtree_control."""
    version = 2

    def __init__(self, root):
        self.root = root

    def mount(self, controller=None):
        return self.root

    def has(self, controller):
        return True

    def missing(self):
        have = set(_read(os.path.join(self.root, "cgroup.controllers")).split())
        return [c for c in CONTROLLERS if c not in have]

    def make(self, relative, memory=None, pids=None, cpu_weight=None):
        """The cgroup `relative` (made with its parents if need be), with these limits."""
        needed = [c for c in CONTROLLERS if c in _needed(memory, pids, cpu_weight)]
        missing = [c for c in self.missing() if c in needed]
        if missing:
            raise CgroupsMissing("cgroup v2 at %s lacks the %s controller%s (its cgroup.controllers); a delegated "
                                 "subtree needs them, or use SystemdSpawner" % (self.root, ", ".join(missing), "s" * (len(missing) > 1)))
        parts = relative.strip("/").split("/")
        folder = self.root
        for part in parts:
            # A controller reaches a child only through its parent's subtree_control; one write, several at once.
            enable = os.path.join(folder, "cgroup.subtree_control")
            try:
                _write(enable, " ".join("+" + c for c in needed))
            except OSError as e:
                if e.errno != errno.EBUSY:
                    raise
                # "No internal processes": a non-root cgroup with processes of its own. The tree's own top (a
                # container's cgroup, a delegated service's) holds the hub itself: move them to a leaf, once.
                if folder != self.root or not self._empty_into_leaf():
                    raise CgroupsMissing("cannot enable %s below %s: it holds processes of its own (cgroup v2 allows "
                                         "controllers only below cgroups without processes)" % (" ".join(needed), folder))
                _write(enable, " ".join("+" + c for c in needed))
            folder = os.path.join(folder, part)
            if not os.path.isdir(folder):
                os.mkdir(folder)
        group = UnifiedGroup(self, relative)
        group.set_limits(memory, pids, cpu_weight)
        return group

    def group(self, relative):
        return UnifiedGroup(self, relative)

    LEAF = "lenet5-leaf"  # where the top's own processes go, as container runtimes' "init" cgroups do

    def _empty_into_leaf(self):
        """Moves the processes of the tree's top into its leaf child; True if the top is then empty."""
        leaf = os.path.join(self.root, self.LEAF)
        if not os.path.isdir(leaf):
            os.mkdir(leaf)
        for pid in _read(os.path.join(self.root, "cgroup.procs")).split():
            try:
                _write(os.path.join(leaf, "cgroup.procs"), pid)
            except ProcessLookupError:
                pass  # it ended meanwhile
        return not _read(os.path.join(self.root, "cgroup.procs")).split()


class PerController:
    """cgroup v1: each controller a hierarchy of its own, mounted at mounts[controller]."""
    version = 1

    def __init__(self, mounts):
        self.mounts = dict(mounts)

    def mount(self, controller="memory"):
        return self.mounts[controller]

    def has(self, controller):
        return controller in self.mounts

    def missing(self):
        return [c for c in CONTROLLERS if c not in self.mounts]

    def make(self, relative, memory=None, pids=None, cpu_weight=None):
        missing = [c for c in self.missing() if c in _needed(memory, pids, cpu_weight)]
        if missing:
            raise CgroupsMissing("cgroup v1 lacks the %s controller%s (not in /proc/cgroups, or not mounted)"
                                 % (", ".join(missing), "s" * (len(missing) > 1)))
        for controller in CONTROLLERS:
            if controller in self.mounts:
                os.makedirs(os.path.join(self.mounts[controller], relative.strip("/")), exist_ok=True)
        group = PerControllerGroup(self, relative)
        group.set_limits(memory, pids, cpu_weight)
        return group

    def group(self, relative):
        return PerControllerGroup(self, relative)


def _needed(memory, pids, cpu_weight):
    """The controllers a set of limits needs; memory always (every cgroup here is for a memory limit or figure)."""
    return {"memory"} | ({"pids"} if pids is not None else set()) | ({"cpu"} if cpu_weight is not None else set())


def _v1_hierarchies(proc_cgroups="/proc/cgroups"):
    """{controller: [controllers sharing its hierarchy]} for controllers on a v1 hierarchy (/proc/cgroups)."""
    by_id = {}
    with open(proc_cgroups) as f:
        for line in f:
            fields = line.split()
            if fields and not fields[0].startswith("#") and fields[1] != "0" and fields[3] == "1":
                by_id.setdefault(fields[1], []).append(fields[0])
    return {c: sorted(names) for names in by_id.values() for c in names}


def _v1_mounts(mounts="/proc/self/mounts", names=CONTROLLERS):
    """{controller: mount point} of the v1 hierarchies this process sees (cpu may share one with cpuacct)."""
    found = {}
    with open(mounts) as f:
        for line in f:
            fields = line.split()
            if len(fields) > 3 and fields[2] == "cgroup":
                for option in fields[3].split(","):
                    if option in names:
                        found.setdefault(option, fields[1])
    return found


def _mount(source, target, fstype, options):
    os.makedirs(target, exist_ok=True)
    libc = ctypes.CDLL(None, use_errno=True)  # mount(2) itself: a minimal root may lack the mount command
    if libc.mount(source.encode(), target.encode(), fstype.encode(), 0, options.encode() if options else None) != 0:
        raise OSError(ctypes.get_errno(), "mount %s on %s: %s" % (fstype, target, os.strerror(ctypes.get_errno())))


def find(base=STANDARD, private=PRIVATE, may_mount=True, proc_cgroups="/proc/cgroups"):
    """The machine's cgroups: v1 where the memory controller is on v1 (this includes hybrid layouts), else v2.
    A chroot sees /sys without the cgroup mounts: there, as root, the hierarchies are mounted again under
    `private`; the kernel keeps one hierarchy per controller, so those mounts show the machine's own cgroups."""
    hierarchies = _v1_hierarchies(proc_cgroups)
    if "memory" in hierarchies:
        mounts = {c: m for c, m in _v1_mounts(names=CONTROLLERS + SEEN).items()
                  if m.startswith(base.rstrip("/") + "/") or m.startswith(private)}
        if may_mount and os.geteuid() == 0:
            for c in CONTROLLERS + SEEN:
                if c not in mounts and c in hierarchies:
                    target = os.path.join(private, ",".join(hierarchies[c]))
                    _mount("lenet5-" + c, target, "cgroup", ",".join(hierarchies[c]))
                    mounts.update((shared, target) for shared in hierarchies[c])
        return PerController({c: m for c, m in mounts.items() if c in CONTROLLERS})
    for where in (base, os.path.join(base, "unified"), os.path.join(private, "unified")):
        if os.path.exists(os.path.join(where, "cgroup.controllers")) and set(_read(os.path.join(where, "cgroup.controllers")).split()):
            return Unified(where)
    with open("/proc/filesystems") as f:
        has_v2 = "cgroup2" in f.read()
    if has_v2 and may_mount and os.geteuid() == 0:
        target = os.path.join(private, "unified")
        if not os.path.exists(os.path.join(target, "cgroup.controllers")):
            _mount("lenet5-cgroup2", target, "cgroup2", None)
        return Unified(target)
    raise CgroupsMissing("no cgroups with a memory controller here (/proc/cgroups, %s)%s" % (
        base, "" if os.geteuid() == 0 else "; run as root, which may mount them"))


def release(private=PRIVATE):
    """Unmounts our own mounts, if any (the cgroups themselves stay the machine's)."""
    if not os.path.isdir(private):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for name in os.listdir(private):
        if os.path.ismount(os.path.join(private, name)):
            libc.umount2(os.path.join(private, name).encode(), 2)  # MNT_DETACH: lazily, if still in use
        try:
            os.rmdir(os.path.join(private, name))
        except OSError:
            pass


def root_is_a_mount_point():
    """False in a chroot made in a folder (fresh-ci's): there `/` cannot be made private, so no server can
    get a private /tmp; a container's or a machine's root is a mount point."""
    with open("/proc/self/mountinfo") as f:
        return any(line.split()[4] == "/" for line in f)


NOT_A_MOUNT_POINT = ("this root is not a mount point (a chroot made in a folder): a learner's private /tmp "
                     "needs one; run the classroom on a machine or in a container, or bind-mount the chroot's "
                     "folder onto itself before entering it")
