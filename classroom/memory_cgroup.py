"""Where the cgroup v1 memory controller is mounted: the classroom's per-learner limits and the Binder-session
test's 2 GB cap are cgroups of it.

Normally /sys/fs/cgroup/memory. A chroot, such as CI's fresh Debian root, sees /sys without the cgroup mounts
under it; there, as root, the controller is mounted again on a folder of our own. The kernel keeps one
hierarchy per controller, so that mount shows the machine's own cgroups and its limits are enforced as usual.
"""
import ctypes
import os

STANDARD = "/sys/fs/cgroup/memory"
PRIVATE = "/run/lenet5-memory-cgroup"


def _mounted(path):
    return os.path.exists(os.path.join(path, "memory.limit_in_bytes"))


def _memory_on_v1():
    """True when the kernel has the memory controller on a v1 hierarchy (/proc/cgroups: hierarchy id > 0)."""
    with open("/proc/cgroups") as f:
        for line in f:
            fields = line.split()
            if fields and fields[0] == "memory":
                return fields[1] != "0" and fields[3] == "1"
    return False


def v1_root():
    """The memory controller's mount point, mounted first if need be (root only); None where there is none."""
    for path in (STANDARD, PRIVATE):
        if _mounted(path):
            return path
    if os.geteuid() != 0 or not _memory_on_v1():
        return None
    os.makedirs(PRIVATE, exist_ok=True)
    # mount(2) directly: a minimal root may lack the mount command.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(b"lenet5-memory", PRIVATE.encode(), b"cgroup", 0, b"memory") != 0:
        return None
    return PRIVATE if _mounted(PRIVATE) else None


def release():
    """Unmounts our own mount of the controller, if there is one (the cgroups themselves stay the machine's)."""
    if _mounted(PRIVATE):
        ctypes.CDLL(None, use_errno=True).umount2(PRIVATE.encode(), 2)  # MNT_DETACH: lazily, if still in use


def require_v1_root():
    root = v1_root()
    if root is None:
        raise RuntimeError("no cgroup v1 memory controller here (looked at %s; mounting one needs root and a kernel "
                           "with the memory controller on cgroup v1)" % STANDARD)
    return root
