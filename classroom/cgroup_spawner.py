"""LocalProcessSpawner whose limits are enforced: for hosts without systemd (containers, chroots); where systemd
runs the machine, jupyterhub_config.py uses SystemdSpawner instead, with the same limits.

JupyterHub's LocalProcessSpawner only passes `mem_limit` to the server as MEM_LIMIT; it enforces nothing.
Here each learner's server starts, before it drops root, inside
  - a cgroup of its own, <cgroup_parent>/<user> on cgroup v2 or v1 (cgroups.py): memory (`mem_limit`, OOM
    kills stay inside), processes (`pids_limit`: a fork bomb stops there) and a CPU weight equal to every
    other learner's (a busy loop takes that learner's share, not the machine);
  - a mount namespace of its own whose /tmp, /var/tmp and /dev/shm are size-bounded tmpfs, private and gone at
    stop (nothing left there, and no way through them to fill the disk);
  - optionally a network namespace of its own (learner_network.py), so that its kernels' ports on
    127.0.0.1 are that learner's alone.
"""
import asyncio
import ctypes
import os

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Bool, Integer, Unicode

import cgroups

CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000


def private_tmp(size_mb):
    """In a child still root: a mount namespace of its own, with fresh tmpfs on /tmp, /var/tmp and /dev/shm."""
    libc = ctypes.CDLL(None, use_errno=True)

    def check(rc, what):
        if rc != 0:
            raise OSError(ctypes.get_errno(), "%s: %s" % (what, os.strerror(ctypes.get_errno())))

    check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:  # nothing leaks back out
        errno = ctypes.get_errno()
        raise OSError(errno, cgroups.NOT_A_MOUNT_POINT if not cgroups.root_is_a_mount_point() else "make / private: " + os.strerror(errno))
    for target in (b"/tmp", b"/var/tmp", b"/dev/shm"):
        if os.path.isdir(target):
            check(libc.mount(b"lenet5-tmp", target, b"tmpfs", MS_NOSUID | MS_NODEV,
                             b"size=%dm,mode=1777" % size_mb), "tmpfs on %s" % target.decode())


def join_netns(path):
    """setns(2) into a named network namespace (os.setns is Python 3.12's; the hub may run on 3.11)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if ctypes.CDLL(None, use_errno=True).setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns %s: %s" % (path, os.strerror(ctypes.get_errno())))
    finally:
        os.close(fd)


class CgroupSpawner(LocalProcessSpawner):
    cgroup_parent = Unicode("lenet5-classroom", help="Cgroup holding one cgroup per server.").tag(config=True)
    pids_limit = Integer(1024, help="Most tasks (processes and threads) one server may have.").tag(config=True)
    cpu_weight = Integer(100, help="CPU weight of each server (v2's scale; every learner the same).").tag(config=True)
    tmp_mb = Integer(512, help="Size of each of the server's private /tmp, /var/tmp and /dev/shm (counted in its memory).").tag(config=True)
    isolate_network = Bool(False, help="Each server in a network namespace of its own (learner_network.py).").tag(config=True)

    _tree = None

    @property
    def tree(self):
        if CgroupSpawner._tree is None:
            CgroupSpawner._tree = cgroups.find()
        return CgroupSpawner._tree

    @property
    def group(self):
        return self.tree.group(os.path.join(self.cgroup_parent, self.user.name))

    def make_cgroup(self):
        if not self.mem_limit:
            raise ValueError("CgroupSpawner needs mem_limit")
        if self.group.exists():  # left by a server that died with the hub: its processes go first
            self.group.remove()
        group = self.tree.make(os.path.join(self.cgroup_parent, self.user.name), memory=self.mem_limit,
                               pids=self.pids_limit, cpu_weight=self.cpu_weight)
        group.reset_peak()  # each start measures afresh
        return group

    def make_preexec_fn(self, name):
        drop_privileges = super().make_preexec_fn(name)
        group, tmp_mb = self.group, self.tmp_mb
        netns = self.network.path if self.isolate_network else None

        def preexec():
            # In the child, still root: into the cgroup and namespaces before becoming the learner, so that
            # nothing the server starts escapes them.
            group.join()
            private_tmp(tmp_mb)
            if netns:
                join_netns(netns)
            drop_privileges()

        return preexec

    @property
    def network(self):
        import learner_network
        return learner_network.LearnerNetwork.for_user(self.user.id, self.user.name)

    async def start(self):
        self.make_cgroup()
        try:
            if self.isolate_network:
                self.ip = self.network.up()  # the server listens on its namespace's address, which the hub reaches
            return await super().start()
        except BaseException:  # nothing left behind by a start that failed
            await self.release()
            raise

    async def release(self):
        await asyncio.to_thread(self.group.remove)  # what the server left (a kernel it did not stop) ends with it
        if self.isolate_network:
            self.network.down()

    async def stop(self, now=False):
        await super().stop(now=now)
        await self.release()
