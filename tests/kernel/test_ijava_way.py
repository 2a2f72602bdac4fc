"""A notebook written the IJava way (%maven, display, updateDisplay, %load, render) runs top to
bottom in the course's kernel (issue 30). %maven fetches commons-collections4 from Maven Central
unless ~/.m2 has it already.
"""
import os
import unittest

import nbformat
from nbclient import NotebookClient

from tests.kernel.client import KERNEL

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ijava_way")


class IJavaWayNotebook(unittest.TestCase):
    def test_runs_top_to_bottom(self):
        nb = nbformat.read(os.path.join(HERE, "ijava_way.ipynb"), as_version=4)
        NotebookClient(nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": HERE}}).execute()
        code = [c for c in nb.cells if c.cell_type == "code"]
        self.assertEqual([o.get("name") for o in code[0].outputs], ["stdout"], "only %maven's own line, no resolver log")
        self.assertIn("%maven: ", code[0].outputs[0]["text"])
        self.assertEqual(code[1].outputs[0]["data"]["text/plain"], "2")
        display = code[2].outputs[0]
        self.assertEqual(display["output_type"], "display_data")
        # nbclient applies update_display_data to the output it names.
        self.assertEqual(display["data"]["text/html"], "<b>3 words</b>")
        self.assertEqual(code[3].outputs[-1]["data"]["text/plain"], "LOADED!")
        self.assertEqual(code[4].outputs[0]["data"]["text/html"], "<p>rendered</p>")


if __name__ == "__main__":
    unittest.main()
