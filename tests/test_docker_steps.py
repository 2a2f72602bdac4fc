"""The Dockerfile's steps in a Debian root as its base image would run them (tests/docker_steps.py), on a
build context made from the working tree as `docker build .` makes it: .dockerignore keeps this checkout's
own build/ (a host run's, present here since `make test` set up first) out of the image."""
import os
import re
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
import cgroups  # noqa: E402  (root_is_a_mount_point)
sys.path.insert(0, os.path.join(ROOT, "tests"))
from docker_steps import instructions  # noqa: E402


class DockerfileLayers(unittest.TestCase):
    def setUp(self):
        # One line per instruction, continuation lines joined, as docker_steps.py reads it.
        self.steps = [keyword + " " + arg for keyword, arg in instructions(os.path.join(ROOT, "Dockerfile"))]

    def index(self, pattern):
        return next(i for i, l in enumerate(self.steps) if re.search(pattern, l))

    def test_setup_runs_from_the_dependency_layers_before_the_sources(self):
        everything = self.index(r"^COPY (--chown=\S+ )?\. \.$")
        self.assertLess(self.index(r"^COPY requirements\.txt"), self.index(r"^RUN bash scripts/setup\.sh jupyter"))
        self.assertLess(self.index(r"^RUN .*scripts/setup\.sh &&"), everything)
        self.assertGreater(self.index(r"^COPY pom\.xml"), self.index(r"^RUN bash scripts/setup\.sh jupyter"))
        # Maven's cache is dropped in the step that fills it.
        self.assertRegex(self.steps[self.index(r"^RUN .*scripts/setup\.sh &&")], r"maven\.repo\.local=(\S+) .*rm -rf \1")

    def test_the_jdk_installs_on_the_slim_image(self):
        # debian:bookworm-slim excludes /usr/share/man/*; openjdk-17's postinst makes links in man1 and fails without
        # it ("error creating symbolic link '/usr/share/man/man1/java.1.gz.dpkg-tmp'", reproduced with mmdebstrap
        # --variant=minbase and the slim image's path-excludes). CI's root has man1, so DockerSteps cannot see it.
        apt = self.steps[self.index(r"^RUN .*(mkdir|apt-get)")]
        self.assertRegex(apt, r"^RUN mkdir -p /usr/share/man/man1 .*apt-get install")

    def test_dockerignore_keeps_build_products_out(self):
        with open(os.path.join(ROOT, ".dockerignore")) as f:
            patterns = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        self.assertLessEqual({".git", "build", "utils/target", "kernel/target", "models"}, patterns)


class DockerSteps(unittest.TestCase):
    def test_the_dockerfile_builds_and_its_cmd_runs_a_chapter(self):
        if os.geteuid() != 0:
            self.skipTest("the Dockerfile's first steps run as root")
        if not os.environ.get("CI"):
            # Its first RUN apt-gets the base image's packages (and empties apt's lists): for a
            # throwaway Debian root such as CI's (fresh-ci sets CI), not a developer's machine.
            self.skipTest("runs the Dockerfile's apt-get as root: only where CI is set (a throwaway Debian root)")
        if not cgroups.root_is_a_mount_point():
            # Its steps run in a mount namespace (unshare --propagation private), as the classroom's servers do.
            self.skipTest(cgroups.NOT_A_MOUNT_POINT)
        self.assertTrue(os.path.isdir(os.path.join(ROOT, "build", "venv")), "a host run's build/ is part of the check")
        r = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "docker_steps.py")],
                           capture_output=True, text=True, timeout=3600)
        print(r.stdout)
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])
        self.assertIn("less .dockerignore's patterns", r.stdout)
        self.assertIn("no errors", r.stdout)


if __name__ == "__main__":
    unittest.main()
