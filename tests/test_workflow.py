"""The CI workflow a public fork runs (.github/workflows/) cannot run here: actionlint checks it (syntax,
expressions, matrix properties, runner labels), built by `make test-tools` into build/tools/."""
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTIONLINT = os.path.join(ROOT, "build", "tools", "actionlint")


def lint(repo):
    return subprocess.run([ACTIONLINT, "-color=false"], cwd=repo, capture_output=True, text=True, timeout=120)


class Workflow(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(ACTIONLINT):
            self.fail("actionlint is missing: run 'make test-tools'")

    def test_the_workflow_passes_actionlint(self):
        names = os.listdir(os.path.join(ROOT, ".github", "workflows"))
        self.assertTrue(any(n.endswith(".yml") for n in names))
        r = lint(ROOT)
        self.assertEqual(0, r.returncode, r.stdout + r.stderr)

    def test_actionlint_finds_a_mistake_in_it(self):
        # The same workflow with a matrix property misspelt: what a passing lint must be able to catch.
        repo = tempfile.mkdtemp(prefix="lenet5-workflow-")
        self.addCleanup(shutil.rmtree, repo, True)
        shutil.copytree(os.path.join(ROOT, ".github"), os.path.join(repo, ".github"))
        os.mkdir(os.path.join(repo, ".git"))   # actionlint looks for the repository's root
        path = os.path.join(repo, ".github", "workflows", "platforms.yml")
        with open(path) as f:
            text = f.read()
        self.assertIn("runs-on: ${{ matrix.os }}", text)
        with open(path, "w") as f:
            f.write(text.replace("runs-on: ${{ matrix.os }}", "runs-on: ${{ matrix.system }}"))
        r = lint(repo)
        self.assertEqual(1, r.returncode, r.stdout + r.stderr)
        self.assertIn('property "system" is not defined', r.stdout)

    def test_the_classroom_job_runs_from_roots_own_clone(self):
        # run.sh refuses a checkout not root's alone, and the runner's checkout is the runner user's.
        import yaml
        with open(os.path.join(ROOT, ".github", "workflows", "platforms.yml")) as f:
            steps = yaml.safe_load(f)["jobs"]["classroom"]["steps"]
        runs = [s for s in steps if "run" in s]
        self.assertIn("clone \"$GITHUB_WORKSPACE\" /opt/lenet5", runs[0]["run"])
        self.assertTrue(runs[0]["run"].startswith("sudo "))
        for step in runs[1:]:
            self.assertEqual("/opt/lenet5", step.get("working-directory"), step["name"])


if __name__ == "__main__":
    unittest.main()
