"""Two checkouts of the course side by side: the one `java` kernelspec starts each notebook's kernel
from the checkout that holds the notebook, so neither reads the other's files, and deleting one
leaves the other working.
"""
import os
import shutil
import tempfile
import unittest

from tests.kernel.client import ROOT, Kernel


def fake_checkout(parent, name):
    """A checkout made of the real one's built parts (linked), with its own root and models/."""
    root = os.path.join(parent, name)
    for d in ("kernel", "utils", "notebooks", "build"):
        os.makedirs(os.path.join(root, d))
    for f in ("kernel/pom.xml", "utils/pom.xml"):
        shutil.copy(os.path.join(ROOT, f), os.path.join(root, f))
    for d in ("kernel", "lib", "lib-cpu"):
        os.symlink(os.path.join(ROOT, "build", d), os.path.join(root, "build", d))
    open(os.path.join(root, "build", ".use-cpu-libtorch"), "w").close()
    return root


class TwoCheckouts(unittest.TestCase):
    def where(self, root):
        k = Kernel(cwd=os.path.join(root, "notebooks"), env={"LENET5_HOME": ""})
        try:
            r = k.execute('System.out.println(System.getenv("LENET5_HOME") + "|" + System.getenv("DJL_CACHE_DIR"))')
            self.assertEqual(r.status, "ok", r.error())
            return r.text().strip().split("|")
        finally:
            k.close()

    def test_each_checkout_uses_its_own_files(self):
        parent = tempfile.mkdtemp(prefix="lenet5-clones-")
        try:
            a, b = fake_checkout(parent, "a"), fake_checkout(parent, "b")
            self.assertEqual(self.where(a), [a, os.path.join(a, "build", "djl-cache")])
            self.assertEqual(self.where(b), [b, os.path.join(b, "build", "djl-cache")])
            shutil.rmtree(a)
            self.assertEqual(self.where(b)[0], b, "deleting one clone broke the other")
        finally:
            shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
