"""classroom/z2jh/values.yaml, for Zero to JupyterHub: valid YAML whose figures are the classroom's budget
(classroom/budget.py, the one the one-machine hub caps each server at). Not deployed here: no cluster."""
import os
import sys
import unittest

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "classroom"))
from budget import LEARNER_MEMORY_MB  # noqa: E402

MB = 1024 * 1024


def to_bytes(quantity):
    """z2jh hands singleuser.memory to KubeSpawner, which reads it as JupyterHub's ByteSpecification:
    a number with K, M, G or T, each a power of 1024."""
    text = str(quantity)
    if text[-1] in "KMGT":
        return int(float(text[:-1]) * 1024 ** ("KMGT".index(text[-1]) + 1))
    return int(text)


class Z2jhValues(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ROOT, "classroom", "z2jh", "values.yaml")) as f:
            cls.values = yaml.safe_load(f)

    def test_memory_guarantee_and_limit_are_the_budget(self):
        memory = self.values["singleuser"]["memory"]
        self.assertEqual(LEARNER_MEMORY_MB * MB, to_bytes(memory["limit"]), "limit")
        self.assertEqual(LEARNER_MEMORY_MB * MB, to_bytes(memory["guarantee"]), "guarantee")

    def test_the_single_user_image_is_the_courses_with_the_classroom_environment(self):
        single = self.values["singleuser"]
        self.assertEqual("lenet5-java", single["image"]["name"].rsplit("/", 1)[-1])
        with open(os.path.join(ROOT, "Dockerfile")) as f:
            dockerfile = f.read()
        self.assertIn("classroom/setup.sh singleuser", dockerfile)
        self.assertTrue(single["cmd"].endswith("build/hub-venv/bin/jupyterhub-singleuser"))
        self.assertEqual("/lab", single["defaultUrl"])

    def test_culling_and_per_user_storage(self):
        self.assertTrue(self.values["cull"]["enabled"])
        self.assertGreater(self.values["cull"]["timeout"], 0)
        self.assertEqual("dynamic", self.values["singleuser"]["storage"]["type"])
        self.assertIn("teacher", self.values["hub"]["config"]["Authenticator"]["admin_users"])


if __name__ == "__main__":
    unittest.main()
