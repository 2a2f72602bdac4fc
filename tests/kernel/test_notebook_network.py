"""Chapter 02 writes LeNet-5 in a cell; utils' LeNet5.classic() must be the same network.

The cell tagged lenet-definition runs in the course kernel, and both networks are compared layer
by layer (block, output shape, parameter names and shapes) with ModelSummary.structure. A changed
copy of the cell must fail the same comparison, so the check can fail.
"""
import json
import os
import re
import unittest
from functools import reduce

from tests.kernel.client import ROOT, Kernel

NOTEBOOK = os.path.join(ROOT, "notebooks", "02-architecture-and-shapes.ipynb")

COMPARE = """
try (NDManager m = NDManager.newBaseManager()) {
    Shape in = new Shape(1, 1, 32, 32);
    lenet.initialize(m, DataType.FLOAT32, in);
    SequentialBlock reference = LeNet5.classic();
    reference.initialize(m, DataType.FLOAT32, in);
    System.out.println(String.join("\\n", ModelSummary.structure(lenet, in)));
    System.out.println("---");
    System.out.println(String.join("\\n", ModelSummary.structure(reference, in)));
}
"""


def cells():
    with open(NOTEBOOK) as f:
        nb = json.load(f)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    definition = next(i for i, c in enumerate(code) if "lenet-definition" in c["metadata"].get("tags", []))
    return ["".join(c["source"]) for c in code[:definition]], "".join(code[definition]["source"])


def parameters(line):
    return sum(reduce(lambda a, b: a * b, map(int, dims.split(", ")), 1) for dims in re.findall(r"\(([\d, ]+)\)", line.split(" -> ")[1])[1:])


class NotebookNetwork(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = Kernel()
        setup, cls.definition = cells()
        for code in setup:
            r = cls.kernel.execute(code, timeout=120)
            assert r.status == "ok", r.error()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def structures(self, definition):
        r = self.kernel.execute(definition)
        self.assertEqual("ok", r.status, r.error())
        r = self.kernel.execute(COMPARE)
        self.assertEqual("ok", r.status, r.error())
        mine, theirs = r.text().strip().split("\n---\n")
        return mine.splitlines(), theirs.splitlines()

    def test_the_notebooks_network_is_lenet5_classic(self):
        mine, theirs = self.structures(self.definition)
        self.assertEqual(12, len(mine))
        self.assertEqual(theirs, mine)
        self.assertTrue(mine[6].startswith("Conv2d -> (1, 120, 1, 1) weight(120, 16, 5, 5)"), mine[6])
        self.assertEqual(61706, sum(parameters(line) for line in mine))

    def test_a_changed_network_fails_the_comparison(self):
        changed = self.definition.replace("setFilters(120)", "setFilters(100)")
        self.assertNotEqual(changed, self.definition)
        mine, theirs = self.structures(changed)
        self.assertNotEqual(theirs, mine)
        self.assertNotEqual(61706, sum(parameters(line) for line in mine))


if __name__ == "__main__":
    unittest.main()
