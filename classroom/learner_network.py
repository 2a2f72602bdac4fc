"""Each learner's server in a network namespace of its own, joined to the host by a veth pair on one bridge.

Why: a Jupyter kernel listens on 127.0.0.1 TCP ports (the course's kernel speaks ZeroMQ through JeroMQ, whose
ipc:// is TCP on loopback too), and on one loopback every local account can connect to them: read a kernel's
output channel, or send it messages. In a namespace of its own, 127.0.0.1 is that learner's alone. The server
itself listens on the namespace's bridge address, which the hub and its proxy (root, on the host) reach; the
hub listens on the bridge's own address so that the servers reach its API. The namespaces have no route
beyond the bridge: learners' servers do not reach the internet (the course needs none once set up).

Done with iproute2's `ip` (named namespaces under /run/netns, which systemd's NetworkNamespacePath= joins too).
"""
import ipaddress
import os
import subprocess

BRIDGE = "l5class0"
SUBNET = ipaddress.ip_network(os.environ.get("LENET5_CLASSROOM_SUBNET", "10.231.0.0/16"))
NETNS_DIR = "/run/netns"


class NetworkError(RuntimeError):
    pass


def ip(*args, check=True):
    r = subprocess.run(["ip"] + list(args), capture_output=True, text=True)
    if check and r.returncode != 0:
        raise NetworkError("ip %s: %s" % (" ".join(args), r.stderr.strip()))
    return r


def bridge_address():
    return SUBNET.network_address + 1


def ensure_bridge():
    """The bridge every server's veth joins, with the hub's address; made once, kept until reboot."""
    if ip("link", "show", BRIDGE, check=False).returncode != 0:
        ip("link", "add", BRIDGE, "type", "bridge")
    addr = "%s/%d" % (bridge_address(), SUBNET.prefixlen)
    if addr not in ip("-o", "addr", "show", "dev", BRIDGE).stdout:
        ip("addr", "add", addr, "dev", BRIDGE)
    ip("link", "set", BRIDGE, "up")
    return str(bridge_address())


def remove_bridge():
    ip("link", "del", BRIDGE, check=False)


class LearnerNetwork:
    """The namespace lenet5-<id> of the hub's user <id>, its veth l5h<id> (host side) and address."""

    def __init__(self, number, name=""):
        self.number, self.name = number, name
        self.ns = "lenet5-%d" % number
        self.path = os.path.join(NETNS_DIR, self.ns)
        self.host_end, self.ns_end = "l5h%d" % number, "l5n%d" % number
        self.address = str(SUBNET.network_address + 1 + number)  # +1 is the bridge
        if ipaddress.ip_address(self.address) not in SUBNET or self.address == str(SUBNET.broadcast_address):
            raise NetworkError("user number %d does not fit in %s" % (number, SUBNET))

    @classmethod
    def for_user(cls, user_id, name=""):
        return cls(int(user_id), name)

    def up(self):
        """Makes the namespace afresh (a leftover one is removed first); returns the server's address."""
        ensure_bridge()
        self.down()
        ip("netns", "add", self.ns)
        ip("link", "add", self.host_end, "type", "veth", "peer", "name", self.ns_end, "netns", self.ns)
        ip("link", "set", self.host_end, "master", BRIDGE, "up")
        ip("-n", self.ns, "link", "set", "lo", "up")
        ip("-n", self.ns, "addr", "add", "%s/%d" % (self.address, SUBNET.prefixlen), "dev", self.ns_end)
        ip("-n", self.ns, "link", "set", self.ns_end, "up")
        return self.address

    def down(self):
        ip("link", "del", self.host_end, check=False)  # deletes both ends
        if os.path.exists(self.path):
            ip("netns", "del", self.ns, check=False)
