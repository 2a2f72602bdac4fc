"""Binder builds `.binder/` with repo2docker: render its Dockerfile (`repo2docker --no-build --debug`)
and check that it builds from `.binder/` alone and runs the course's one setup script, as the user."""
import os
import re
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO2DOCKER = os.path.join(ROOT, "build", "test-venv", "bin", "repo2docker")


def render():
    """The Dockerfile repo2docker would build for this checkout."""
    if not os.path.exists(REPO2DOCKER):
        raise AssertionError("%s is missing: run 'scripts/setup.sh test-tools' (make test does)" % REPO2DOCKER)
    r = subprocess.run([REPO2DOCKER, "--no-build", "--debug", ROOT], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise AssertionError("repo2docker failed:\n%s" % (r.stderr or r.stdout)[-3000:])
    return r.stdout + r.stderr


class BinderBuild(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dockerfile = render()

    def test_the_environment_comes_from_binder_environment_yml(self):
        self.assertIn('env update -p ${NB_PYTHON_PREFIX} --file ".binder/environment.yml"', self.dockerfile)
        self.assertIn("Building conda environment for python=3.11", self.dockerfile)
        # Only .binder/ is read: the top-level environment.yml and Dockerfile play no part.
        self.assertNotIn('--file "environment.yml"', self.dockerfile)

    def test_post_build_runs_the_course_setup_as_the_user(self):
        lines = self.dockerfile.splitlines()
        run = lines.index("RUN ./.binder/postBuild")
        users = [l for l in lines[:run] if l.startswith("USER ")]
        self.assertEqual("USER ${NB_USER}", users[-1], "postBuild must run as the notebook user, not root")
        with open(os.path.join(ROOT, ".binder", "postBuild")) as f:
            self.assertIn("bash scripts/setup.sh", f.read())

    def test_setup_installs_into_binders_environment(self):
        # repo2docker's Jupyter runs from NB_PYTHON_PREFIX: the course's requirements and kernel go there.
        self.assertRegex(self.dockerfile, r"ENV NB_PYTHON_PREFIX=\S+")
        with open(os.path.join(ROOT, "scripts", "setup.sh")) as f:
            setup = f.read()
        self.assertIn('if [ -n "${NB_PYTHON_PREFIX:-}" ]; then\n  VENV="$NB_PYTHON_PREFIX"', setup)


class BinderBadge(unittest.TestCase):
    def test_make_binder_badge_writes_the_remote_repositorys_badge_into_the_readme(self):
        import shutil
        import sys
        import tempfile
        sys.path.insert(0, os.path.join(ROOT, "scripts"))
        from build_site import write_binder_badge
        with tempfile.TemporaryDirectory() as tmp:
            readme = os.path.join(tmp, "README.md")
            shutil.copy(os.path.join(ROOT, "README.md"), readme)
            write_binder_badge(readme, "https://github.com/someone/lenet5-java")
            with open(readme) as f:
                text = f.read()
        self.assertIn("(https://mybinder.org/v2/gh/someone/lenet5-java/HEAD?urlpath=lab/tree/notebooks)", text)
        self.assertEqual(1, text.count("mybinder.org/badge_logo.svg"))
        self.assertIn("## Launch on Binder", text)


if __name__ == "__main__":
    unittest.main()
