"""The Dockerfile's steps in a Debian root as its base image would run them (tests/docker_steps.py):
root's RUN, the account, the copy, the user's RUN (the course's setup), then its CMD serving a chapter."""
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class DockerSteps(unittest.TestCase):
    def test_the_dockerfile_builds_and_its_cmd_runs_a_chapter(self):
        if os.geteuid() != 0:
            self.skipTest("the Dockerfile's first steps run as root")
        if not os.environ.get("CI"):
            # Its first RUN apt-gets the base image's packages (and empties apt's lists): for a
            # throwaway Debian root such as CI's (fresh-ci sets CI), not a developer's machine.
            self.skipTest("runs the Dockerfile's apt-get as root: only where CI is set (a throwaway Debian root)")
        r = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "docker_steps.py")],
                           capture_output=True, text=True, timeout=3600)
        print(r.stdout)
        self.assertEqual(0, r.returncode, r.stdout[-3000:] + r.stderr[-3000:])
        self.assertIn("no errors", r.stdout)


if __name__ == "__main__":
    unittest.main()
