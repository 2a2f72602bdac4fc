"""%maven in the course's kernel, end to end (issue 30's acceptance points):

- an artifact the course does not ship (commons-collections4 4.4) does not load before %maven and works
  after it, in a fresh kernel and again after a restart;
- a wrong coordinate gives one line, and the next cell runs;
- DJL at the course's own version adds nothing; at another version the kernel says which one stays;
- with the artifact in ~/.m2, %maven works in a network namespace that has only loopback (no route
  anywhere), not only with the resolver's offline flag.

The first test fetches the artifact from Maven Central unless ~/.m2 has it already; the namespace test
runs after it (unittest runs methods in name order) and needs root and `unshare`.
"""
import os
import re
import shutil
import subprocess
import sys
import unittest

from tests.kernel.client import ROOT, Kernel

ARTIFACT = "org.apache.commons:commons-collections4:4.4"
USE = "new org.apache.commons.collections4.bag.HashBag<String>(java.util.List.of(\"a\", \"b\", \"a\")).getCount(\"a\")"
PROBE = "Class.forName(\"org.apache.commons.collections4.bag.HashBag\")"


def djl_version():
    with open(os.path.join(ROOT, "build", "lib", "maven-coordinates.txt")) as f:
        for line in f:
            m = re.match(r"ai\.djl:api:(?:jar:)?([^:\s]+)", line.strip())
            if m:
                return m.group(1)
    raise AssertionError("ai.djl:api is not in build/lib/maven-coordinates.txt")


def resolver_classes(log):
    """(classes of Maven's resolver or the kernel's bridge to it, all classes) in a -Xlog:class+load file."""
    with open(log) as f:
        lines = [l for l in f if " source: " in l or "class,load" in l]
    ours = [l for l in lines if re.search(r"\b(org\.eclipse\.aether|org\.apache\.maven|lenet5\.kernel\.maven)\.", l)]
    return len(ours), len(lines)


def result(reply):
    data = reply.of_type("execute_result")
    return data[0]["data"]["text/plain"] if data else None


class MavenInTheKernel(unittest.TestCase):

    def assert_missing_then_loaded(self, kernel):
        before = kernel.execute(PROBE)
        self.assertEqual(before.status, "error", "the class is not on the classpath before %maven")
        self.assertIn("ClassNotFoundException", before.error()["ename"] + before.error()["evalue"])
        added = kernel.execute("%maven " + ARTIFACT, timeout=300)
        self.assertEqual(added.status, "ok", added.outputs)
        self.assertIn("%maven: ", added.text())
        used = kernel.execute(USE)
        self.assertEqual((used.status, result(used)), ("ok", "2"), used.outputs)

    def test_1_an_artifact_loads_after_maven_and_again_after_a_restart(self):
        k = Kernel()
        try:
            self.assert_missing_then_loaded(k)
            k.km.restart_kernel(now=True)
            k.kc.wait_for_ready(timeout=30)
            self.assert_missing_then_loaded(k)
        finally:
            k.kc.stop_channels()
            k.km.shutdown_kernel(now=True)

    def test_2_a_wrong_coordinate_is_one_line_and_the_next_cell_runs(self):
        k = Kernel()
        try:
            wrong = k.execute("%maven org.example.lenet5:no-such-artifact:9.9.9", timeout=300)
            said = (wrong.error()["evalue"] if wrong.error() else wrong.text("stderr") + wrong.text()).strip()
            self.assertEqual(len(said.splitlines()), 1, said)
            self.assertIn("no-such-artifact", said)
            self.assertNotIn("\tat ", said, "no stack trace")
            nxt = k.execute("1 + 1")
            self.assertEqual((nxt.status, result(nxt)), ("ok", "2"))
        finally:
            k.kc.stop_channels()
            k.km.shutdown_kernel(now=True)

    def test_3_djl_at_the_courses_version_adds_nothing_at_another_says_which_stays(self):
        version = djl_version()
        k = Kernel()
        try:
            same = k.execute("%maven ai.djl:api:" + version, timeout=300)
            self.assertEqual(same.status, "ok", same.outputs)
            self.assertRegex(same.text(), r"%maven: 0 jars added")
            other = k.execute("%maven ai.djl:api:0.35.0", timeout=300)
            self.assertEqual(other.status, "ok", other.outputs)
            self.assertIn("ai.djl:api: %s stays" % version, other.text())
            self.assertIn("0.35.0 was not added", other.text())
            still = k.execute("ai.djl.engine.Engine.class.getPackage().getImplementationVersion()")
            self.assertEqual(still.status, "ok", still.outputs)
        finally:
            k.kc.stop_channels()
            k.km.shutdown_kernel(now=True)

    def test_5_the_resolver_is_loaded_only_when_a_maven_cell_runs(self):
        import tempfile
        log = os.path.join(tempfile.mkdtemp(prefix="lenet5-classes-"), "classes.log")
        # The java launcher reads JDK_JAVA_OPTIONS: every class the kernel's JVM loads goes to the log.
        k = Kernel(env={"JDK_JAVA_OPTIONS": "-Xlog:class+load=info:file=" + log})
        try:
            self.assertEqual(k.execute("1 + 1").status, "ok")
            idle = resolver_classes(log)
            self.assertEqual(k.execute("%maven " + ARTIFACT, timeout=300).status, "ok")
            after = resolver_classes(log)
        finally:
            k.kc.stop_channels()
            k.km.shutdown_kernel(now=True)
        self.assertGreater(idle[1], 1000, "the class log is written")
        self.assertEqual(idle[0], 0, "resolver classes loaded before any %maven")
        self.assertGreater(after[0], 0, "a %maven cell loads the resolver")

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("unshare") and shutil.which("ip"),
                         "needs root, unshare and ip for a network namespace")
    def test_4_from_the_local_repository_with_no_network_at_all(self):
        # The same client, run again inside a namespace whose only interface is loopback.
        inner = [sys.executable, "-m", "unittest", "tests.kernel.test_maven_kernel.Unreachable"]
        probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True)
        if probe.returncode != 0:
            self.skipTest("unshare --net refused here: " + probe.stderr.strip())
        run = subprocess.run(["unshare", "--net", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh", *inner],
                             cwd=ROOT, capture_output=True, text=True, timeout=600,
                             env=dict(os.environ, LENET5_INSIDE_NETNS="1"))
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("OK", run.stderr)


@unittest.skipUnless(os.environ.get("LENET5_INSIDE_NETNS"), "run by test_4 inside a network namespace")
class Unreachable(MavenInTheKernel):
    """Inside the namespace: no route to Maven Central, the artifact comes from ~/.m2."""

    def test_1_an_artifact_loads_after_maven_and_again_after_a_restart(self):
        import socket
        with self.assertRaises(OSError, msg="the network must be unreachable here"):
            socket.create_connection(("repo.maven.apache.org", 443), timeout=5)
        super().test_1_an_artifact_loads_after_maven_and_again_after_a_restart()

    # Only the first case runs inside.
    test_2_a_wrong_coordinate_is_one_line_and_the_next_cell_runs = None
    test_3_djl_at_the_courses_version_adds_nothing_at_another_says_which_stays = None
    test_4_from_the_local_repository_with_no_network_at_all = None
    test_5_the_resolver_is_loaded_only_when_a_maven_cell_runs = None


if __name__ == "__main__":
    unittest.main()
