"""A chapter copied away from the course, as nbgitpuller pulls the repository into a learner's home on a hub
whose image is the course's (README "Hand the course out on a hub you already have"): no utils/ beside it,
yet its set-up cells run, since the first loads the utilities from $LENET5_HOME, the course's folder."""
import glob
import json
import os
import tempfile
import unittest

from tests.kernel.client import ROOT, Kernel


def setup_cells(chapter):
    """The chapter's first two code cells: the classpath, then the imports (whose first line needs the utilities)."""
    with open(chapter, encoding="utf-8") as f:
        code = ["".join(c["source"]) for c in json.load(f)["cells"] if c["cell_type"] == "code"]
    return code[:2]


class PulledCopy(unittest.TestCase):
    def test_every_chapters_setup_runs_in_a_folder_without_the_course_beside_it(self):
        with tempfile.TemporaryDirectory() as pulled:
            kernel = Kernel(cwd=pulled)
            try:
                for chapter in sorted(glob.glob(os.path.join(ROOT, "notebooks", "0*.ipynb"))):
                    classpath, imports = setup_cells(chapter)
                    self.assertIn("$LENET5_HOME", classpath, chapter)
                    for cell in (classpath, imports):
                        reply = kernel.execute(cell)
                        self.assertEqual("ok", reply.status, "%s: %s" % (os.path.basename(chapter), reply.error()))
            finally:
                kernel.km.shutdown_kernel(now=True)
        # The control: the path the chapters used before, relative to the notebook, finds nothing there.
        with tempfile.TemporaryDirectory() as pulled:
            kernel = Kernel(cwd=pulled)
            try:
                reply = kernel.execute("%classpath ../utils/target/classes")
                self.assertNotEqual("ok", reply.status)
            finally:
                kernel.km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
