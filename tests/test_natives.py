"""The CPU libtorch for each platform, resolved from Maven Central by the project's own build (utils/pom.xml's
`cpu-natives` copy, the one `mvn package` runs) and opened: the jar must hold libtorch built for that
platform (the ELF or Mach-O header's machine), and the JNI jar its bridge. Then the pom's profiles: a JVM
reporting another OS and architecture gets that platform's jar without being told.
"""
import os
import shutil
import struct
import subprocess
import tempfile
import unittest
import zipfile
from xml.etree import ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POM = os.path.join(ROOT, "utils", "pom.xml")
# classifier -> (library suffix, a check of the library's first bytes, what it should be)
ELF_MACHINE = {62: "x86-64", 183: "AArch64"}
PLATFORMS = {
    "linux-x86_64": ("so", "ELF", "x86-64"),
    "linux-aarch64": ("so", "ELF", "AArch64"),
    "osx-aarch64": ("dylib", "Mach-O", "arm64"),
}


def binary_kind(head):
    """('ELF', machine) or ('Mach-O', cpu) from a shared library's first bytes."""
    if head[:4] == b"\x7fELF":
        return "ELF", ELF_MACHINE.get(struct.unpack_from("<H", head, 18)[0], "other")
    if head[:4] == b"\xcf\xfa\xed\xfe":   # 64-bit Mach-O, little-endian
        return "Mach-O", {0x0100000C: "arm64", 0x01000007: "x86_64"}.get(struct.unpack_from("<I", head, 4)[0], "other")
    return "other", "other"


def copy_natives(dest, classifier=None, jvm_os=None):
    """Runs the build's `cpu-natives` copy into dest; returns the jars it copied."""
    cmd = ["mvn", "-q", "-B", "-f", POM, "dependency:copy@cpu-natives", "-Dcourse.natives=" + dest]
    if classifier:
        cmd.append("-Dtorch.classifier=" + classifier)
    env = dict(os.environ)
    if jvm_os:
        # Maven's profile activation reads the JVM's os.name and os.arch, as a JVM on that machine reports them.
        env["MAVEN_OPTS"] = (env.get("MAVEN_OPTS", "") + " -Dos.name=%s -Dos.arch=%s" % jvm_os).strip()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        raise AssertionError("mvn failed (%d): %s" % (r.returncode, (r.stdout + r.stderr)[-3000:]))
    return sorted(os.listdir(dest))


def pom_properties():
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ElementTree.parse(POM).getroot().find("m:properties", ns)
    return {child.tag.split("}")[1]: child.text for child in props}


class Natives(unittest.TestCase):
    def setUp(self):
        if not shutil.which("mvn"):
            self.skipTest("needs Maven")
        self.dest = tempfile.mkdtemp(prefix="lenet5-natives-")
        self.addCleanup(shutil.rmtree, self.dest, True)

    def test_each_platforms_jar_holds_libtorch_for_that_platform(self):
        for classifier, (suffix, kind, machine) in PLATFORMS.items():
            with self.subTest(classifier=classifier):
                shutil.rmtree(self.dest)
                os.makedirs(self.dest)
                jar = "pytorch-native-cpu-2.7.1-%s.jar" % classifier
                self.assertEqual([jar], copy_natives(self.dest, classifier))
                with zipfile.ZipFile(os.path.join(self.dest, jar)) as z:
                    lib = "pytorch/cpu/%s/libtorch_cpu.%s" % (classifier, suffix)
                    self.assertIn(lib, z.namelist())
                    with z.open(lib) as f:
                        self.assertEqual((kind, machine), binary_kind(f.read(64)))

    def test_the_jni_jar_has_each_platforms_bridge(self):
        props = pom_properties()
        version = "%s-%s" % (props["pytorch.version"], props["djl.version"])
        r = subprocess.run(["mvn", "-q", "-B", "dependency:copy", "-Dartifact=ai.djl.pytorch:pytorch-jni:" + version,
                            "-DoutputDirectory=" + self.dest], capture_output=True, text=True, timeout=900,
                           stdin=subprocess.DEVNULL, cwd=self.dest)
        self.assertEqual(0, r.returncode, (r.stdout + r.stderr)[-3000:])
        with zipfile.ZipFile(os.path.join(self.dest, "pytorch-jni-%s.jar" % version)) as z:
            names = set(z.namelist())
        for classifier, (suffix, _, _) in PLATFORMS.items():
            with self.subTest(classifier=classifier):
                self.assertIn("jnilib/%s/cpu/libdjl_torch.%s" % (classifier, suffix), names)

    def test_the_poms_profiles_follow_the_jvms_platform(self):
        for jvm_os, classifier in {("Linux", "amd64"): "linux-x86_64", ("Linux", "aarch64"): "linux-aarch64",
                                   ("MacOSX", "aarch64"): "osx-aarch64"}.items():
            with self.subTest(jvm=jvm_os):
                shutil.rmtree(self.dest)
                os.makedirs(self.dest)
                self.assertEqual(["pytorch-native-cpu-2.7.1-%s.jar" % classifier], copy_natives(self.dest, jvm_os=jvm_os))


if __name__ == "__main__":
    unittest.main()
