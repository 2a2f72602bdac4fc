"""The course's kernelspec belongs to the course's Jupyter environment and to this checkout.

Opening a notebook runs nothing of the notebook's folder: a decoy folder shaped like a checkout,
with a jar of its own, never gets its jar run. The user's own Jupyter holds nothing of the course.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_data_dir

from tests.kernel.client import KERNEL, ROOT, Kernel


def decoy_checkout(parent, marker):
    """A folder with kernel/pom.xml, utils/pom.xml and a build/kernel jar whose main writes `marker`."""
    for f in ("kernel/pom.xml", "utils/pom.xml"):
        os.makedirs(os.path.dirname(os.path.join(parent, f)), exist_ok=True)
        open(os.path.join(parent, f), "w").close()
    src = os.path.join(parent, "src", "lenet5", "kernel")
    os.makedirs(src)
    with open(os.path.join(src, "JavaKernel.java"), "w") as f:
        f.write(textwrap.dedent("""\
            package lenet5.kernel;
            public class JavaKernel {
                public static void main(String[] args) throws Exception {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(%s), "the decoy ran");
                }
            }
            """ % json.dumps(marker)))
    classes = os.path.join(parent, "classes")
    subprocess.run(["javac", "-d", classes, os.path.join(src, "JavaKernel.java")], check=True)
    os.makedirs(os.path.join(parent, "build", "kernel"))
    subprocess.run(["jar", "cf", os.path.join(parent, "build", "kernel", "lenet5-kernel.jar"), "-C", classes, "."],
                   check=True)
    os.makedirs(os.path.join(parent, "notebooks"))
    return os.path.join(parent, "notebooks")


class Kernelspec(unittest.TestCase):
    def test_installed_in_this_environment_for_this_checkout(self):
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        self.assertTrue(spec.resource_dir.startswith(os.path.join(sys.prefix, "share", "jupyter", "kernels")),
                        spec.resource_dir)
        self.assertEqual(ROOT, spec.env["LENET5_HOME"])
        self.assertIn(os.path.join(ROOT, "build", "kernel", "*"), spec.argv)
        self.assertEqual("Java (LeNet-5 course)", spec.display_name)

    def test_nothing_of_the_course_in_the_users_own_jupyter(self):
        dirs = [os.path.join(jupyter_data_dir(), "kernels"), "/usr/local/share/jupyter/kernels",
                "/usr/share/jupyter/kernels"]
        for d in dirs:
            for name in (os.listdir(d) if os.path.isdir(d) else []):
                with open(os.path.join(d, name, "kernel.json")) as f:
                    self.assertNotIn("lenet5-course", f.read(), os.path.join(d, name))

    def test_a_notebook_in_a_decoy_checkout_never_runs_its_jar(self):
        parent = tempfile.mkdtemp(prefix="lenet5-decoy-")
        marker = os.path.join(parent, "decoy-ran")
        try:
            notebooks = decoy_checkout(parent, marker)
            k = Kernel(cwd=notebooks)
            try:
                r = k.execute('System.out.println(System.getenv("LENET5_HOME"))')
                self.assertEqual("ok", r.status, r.error())
                self.assertEqual(ROOT, r.text().strip())
            finally:
                k.close()
            self.assertFalse(os.path.exists(marker), "the decoy folder's jar ran")
        finally:
            shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
