"""LocalProcessSpawner with its memory limit enforced by a cgroup (v1 memory controller), one per server.

JupyterHub's LocalProcessSpawner only passes `mem_limit` to the server as MEM_LIMIT; it enforces nothing.
Here each learner's server starts inside <cgroup_root>/<cgroup_parent>/<user>, whose limit is
`mem_limit`: everything that server starts (kernels, terminals) counts against it, and when it is
exceeded the kernel's OOM killer picks a process of that cgroup only.
"""
import asyncio
import os
import signal
import time

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode, default

import memory_cgroup


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


class CgroupSpawner(LocalProcessSpawner):
    cgroup_root = Unicode(help="Mount point of the cgroup v1 memory controller (found or mounted by memory_cgroup).").tag(config=True)
    cgroup_parent = Unicode("lenet5-classroom", help="Folder under cgroup_root that holds one cgroup per server.").tag(config=True)

    @default("cgroup_root")
    def _cgroup_root(self):
        return memory_cgroup.v1_root() or memory_cgroup.STANDARD

    @property
    def cgroup(self):
        return os.path.join(self.cgroup_root, self.cgroup_parent, self.user.name)

    def make_cgroup(self):
        if not self.mem_limit:
            raise ValueError("CgroupSpawner needs mem_limit")
        if not os.path.exists(os.path.join(self.cgroup_root, "memory.limit_in_bytes")):
            raise RuntimeError("no cgroup v1 memory controller at %s" % self.cgroup_root)
        os.makedirs(self.cgroup, exist_ok=True)
        _write(os.path.join(self.cgroup, "memory.limit_in_bytes"), self.mem_limit)
        memsw = os.path.join(self.cgroup, "memory.memsw.limit_in_bytes")
        if os.path.exists(memsw):  # with swap on, the limit must cover swap too or a server just swaps
            _write(memsw, self.mem_limit)
        _write(os.path.join(self.cgroup, "memory.max_usage_in_bytes"), 0)  # each start measures afresh

    def make_preexec_fn(self, name):
        drop_privileges = super().make_preexec_fn(name)
        procs = os.path.join(self.cgroup, "cgroup.procs")

        def preexec():
            # In the child, still root: join the cgroup before becoming the learner, so nothing escapes it.
            fd = os.open(procs, os.O_WRONLY)
            os.write(fd, b"0")  # "0" is the writing process itself
            os.close(fd)
            drop_privileges()

        return preexec

    async def start(self):
        self.make_cgroup()
        return await super().start()

    async def stop(self, now=False):
        await super().stop(now=now)
        await self.remove_cgroup()

    async def remove_cgroup(self, wait=10):
        """Ends what the server left behind (a kernel it did not stop) and removes the cgroup."""
        procs = os.path.join(self.cgroup, "cgroup.procs")
        deadline = time.monotonic() + wait
        while os.path.exists(procs):
            with open(procs) as f:
                pids = [int(p) for p in f.read().split()]
            if not pids:
                try:
                    os.rmdir(self.cgroup)
                except OSError as e:
                    self.log.warning("could not remove %s: %s", self.cgroup, e)
                return
            sig = signal.SIGTERM if time.monotonic() < deadline else signal.SIGKILL
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            await asyncio.sleep(0.2)
