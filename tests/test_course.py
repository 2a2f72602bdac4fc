"""Packaging stays wired to the one setup script; notebooks are clean; bad input gets clear errors."""
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as f:
        return f.read()


def load_json(path):
    with open(path) as f:
        return json.load(f)


class PackagingTest(unittest.TestCase):
    def test_every_entry_point_calls_the_one_setup_script(self):
        self.assertIn("bash scripts/setup.sh", read("Dockerfile"))
        self.assertIn("bash scripts/setup.sh", read(".binder", "postBuild"))
        self.assertIn("bash scripts/setup.sh", read("Makefile"))
        self.assertIn("make test", read(".ci", "run"))

    def test_binder_and_conda_use_the_same_environment(self):
        self.assertEqual(read("environment.yml"), read(".binder", "environment.yml"))
        env = read("environment.yml")
        for pkg in ("openjdk=17", "maven", "nodejs", "pip"):
            self.assertIn(pkg, env)
        # Jupyter's versions come from requirements.txt alone, which setup installs there too.
        for pkg in ("jupyterlab", "notebook", "nbconvert", "nbclient"):
            self.assertNotIn(pkg, env)

    def test_requirements_pin_every_package_exactly_and_this_environment_has_them(self):
        from importlib.metadata import version
        pins = dict(line.split("==") for line in read("requirements.txt").splitlines()
                    if line.strip() and not line.startswith("#"))
        self.assertGreater(len(pins), 50)
        for name, want in (("jupyterlab", "4."), ("notebook", "7."), ("nbclient", ""), ("nbconvert", ""),
                           ("jupyter_kernel_test", "")):
            self.assertTrue(pins[name].startswith(want), (name, pins[name]))
        for name, pinned in pins.items():
            self.assertRegex(pinned, r"^[0-9][0-9A-Za-z.+!]*$", name)
            self.assertEqual(pinned, version(name), "%s in %s" % (name, sys.prefix))

    def test_docker_runs_as_non_root_with_token_auth(self):
        d = read("Dockerfile")
        self.assertIn("USER learner", d)
        self.assertNotIn("--NotebookApp.token=''", d)
        self.assertNotIn("--ServerApp.token=''", d)

    def test_readme_gives_the_two_commands(self):
        r = read("README.md")
        self.assertIn("make course", r)
        self.assertIn("make test", r)
        self.assertIn("IJAVA_CLASSPATH", r)
        self.assertIn("JJAVA_CLASSPATH", r)


class NotebookHygieneTest(unittest.TestCase):
    def notebooks(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
        self.assertGreaterEqual(len(paths), 5)
        return paths

    def test_committed_without_outputs_and_only_classpath_magic(self):
        for p in self.notebooks():
            nb = load_json(p)
            self.assertEqual("lenet5-java", nb["metadata"]["kernelspec"]["name"], p)
            for c in nb["cells"]:
                if c["cell_type"] != "code":
                    continue
                src = "".join(c["source"])
                self.assertEqual([], c.get("outputs"), p)
                self.assertIsNone(c.get("execution_count"), p)
                magics = [l for l in src.splitlines() if l.lstrip().startswith("%")]
                for m in magics:
                    self.assertTrue(m.startswith("%classpath "), "%s: %s" % (p, m))
                if magics:
                    self.assertEqual(1, len(src.strip().splitlines()), "%classpath must be alone in its cell")

    def test_every_manager_is_made_on_a_chosen_device(self):
        """LENET5_DEVICE decides for every manager the course makes: none on DJL's default device, which is the
        GPU whenever one is found, whatever the learner set (the chapters, their solutions and utils/)."""
        sources = {p: "".join("".join(c["source"]) for c in load_json(p)["cells"]) for p in self.notebooks()}
        for folder, _, files in os.walk(os.path.join(ROOT, "utils", "src", "main")):
            for name in files:
                with open(os.path.join(folder, name)) as f:
                    sources[os.path.join(folder, name)] = f.read()
        bare = [p for p, text in sources.items() if "newBaseManager()" in text]
        self.assertEqual([], bare, "NDManager.newBaseManager() without a device: pass Devices.fromEnv() "
                                   "(or the model's device)")

    def test_every_chapter_has_summary_exercises_solutions(self):
        for p in self.notebooks():
            text = "".join("".join(c["source"]) for c in load_json(p)["cells"] if c["cell_type"] == "markdown")
            for heading in ("## Summary", "## Exercises", "## Solutions", "What you will learn"):
                self.assertIn(heading, text, p)

    def test_front_page_has_one_key_result_per_chapter_and_one_figure(self):
        figures = 0
        for p in self.notebooks():
            cells = load_json(p)["cells"]
            tags = [c["metadata"].get("tags", []) for c in cells]
            self.assertEqual(1, sum("key-result" in t for t in tags), p)
            for c, t in zip(cells, tags):
                if "key-result" in t:
                    self.assertEqual("code", c["cell_type"], p)
                    self.assertIn("System.out.println", "".join(c["source"]), "%s: the key result is printed" % p)
            figures += sum("front-page-figure" in t for t in tags)
        self.assertEqual(1, figures)


class SiteTest(unittest.TestCase):
    def test_nbgitpuller_link_opens_chapter_1_in_the_pulled_folder(self):
        import build_site
        from urllib.parse import parse_qs, urlsplit
        link = build_site.nbgitpuller_link("https://hub.example.org/", "https://github.com/someone/lenet5-java", "main")
        parts = urlsplit(link)
        self.assertEqual(("https", "hub.example.org", "/hub/user-redirect/git-pull"), (parts.scheme, parts.netloc, parts.path))
        self.assertEqual({"repo": ["https://github.com/someone/lenet5-java"], "branch": ["main"],
                          "urlpath": ["lab/tree/lenet5-java/notebooks/01-data-loading.ipynb"]}, parse_qs(parts.query))
        self.assertTrue(os.path.exists(os.path.join(ROOT, "notebooks", "01-data-loading.ipynb")))
        self.assertNotIn("branch", build_site.nbgitpuller_link("https://hub.example.org", "https://github.com/a/b"))
        for bad in ("", "hub.example.org", "https://hub example.org"):
            with self.assertRaises(SystemExit):
                build_site.nbgitpuller_link(bad, "https://github.com/a/b")

    def test_repository_url_and_binder_link(self):
        import build_site
        for remote in ("https://github.com/someone/lenet5-java.git", "git@github.com:someone/lenet5-java.git",
                       "https://github.com/someone/lenet5-java"):
            os.environ["LENET5_REPOSITORY"] = remote
            try:
                url = build_site.repository_url()
            finally:
                del os.environ["LENET5_REPOSITORY"]
            self.assertEqual("https://github.com/someone/lenet5-java", url, remote)
            self.assertIn("https://mybinder.org/v2/gh/someone/lenet5-java/HEAD?urlpath=lab/tree/notebooks",
                          build_site.binder_link(url))
        # Without a known repository the page says what to do at mybinder.org instead of a dead link.
        self.assertIn("enter the course repository's URL", build_site.binder_link(None))

    def test_readme_links_chapters_to_pages_and_the_rest_to_the_repository(self):
        import build_site
        pages = [("01-data-loading.html", "1. Data loading")]
        page = build_site.readme_page(pages, "https://github.com/someone/lenet5-java")
        self.assertIn('<a href="01-data-loading.html">', page)
        self.assertIn('href="https://github.com/someone/lenet5-java/blob/HEAD/bench/README.md"', page)
        offline = build_site.readme_page(pages, None)
        self.assertNotIn('href="bench/README.md"', offline)
        self.assertIn("bench/README.md", offline)


class BadInputTest(unittest.TestCase):
    def test_setup_names_what_to_install_without_jdk17(self):
        with tempfile.TemporaryDirectory() as d:
            for tool in ("java", "javac"):
                with open(os.path.join(d, tool), "w") as f:
                    f.write("#!/bin/sh\necho 'java.specification.version = 11' >&2\n")
                os.chmod(os.path.join(d, tool), 0o755)
            env = dict(os.environ, PATH=d + ":/usr/bin:/bin", LENET5_NO_INSTALL="1")
            r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "setup.sh"), "check-jdk"],
                               env=env, capture_output=True, text=True)
            self.assertNotEqual(0, r.returncode)
            self.assertIn("JDK 17 or newer is required", r.stderr)
            self.assertIn("apt-get install openjdk-17-jdk-headless", r.stderr)

    def test_make_test_names_its_tools_where_it_cannot_install_them(self):
        env = dict(os.environ, CHROMIUM="/nonexistent/chromium", LENET5_NO_INSTALL="1")
        r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "setup.sh"), "test-tools"],
                           env=env, capture_output=True, text=True)
        self.assertNotEqual(0, r.returncode)
        self.assertIn("make test needs: chromium", r.stderr)
        self.assertIn("apt-get install chromium", r.stderr)

    def test_runner_names_notebook_cell_and_error_and_utils_check_names_command(self):
        import nbformat
        import run_notebooks
        with tempfile.TemporaryDirectory() as d:
            nb = nbformat.v4.new_notebook()
            nb.metadata = load_json(glob.glob(os.path.join(ROOT, "notebooks", "01-*.ipynb"))[0])["metadata"]
            first = load_json(glob.glob(os.path.join(ROOT, "notebooks", "01-*.ipynb"))[0])["cells"]
            check = [c for c in first if c["cell_type"] == "code"][1]
            nb.cells = [nbformat.v4.new_code_cell("%classpath " + d), nbformat.v4.new_code_cell("".join(check["source"]))]
            path = os.path.join(d, "99-broken.ipynb")
            nbformat.write(nb, path)
            runner = run_notebooks.Runner("lenet5-java", 20, 120)
            with self.assertRaises(run_notebooks.NotebookFailure) as ctx:
                runner.run(path, os.path.join(d, "out"))
            msg = str(ctx.exception)
            self.assertIn("99-broken.ipynb, cell 2", msg)
            self.assertIn("make setup", msg)


if __name__ == "__main__":
    unittest.main()
