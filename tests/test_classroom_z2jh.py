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

    def test_https_on_and_the_service_unexposed_until_the_teacher_signed_up(self):
        proxy = self.values["proxy"]
        self.assertTrue(proxy["https"]["enabled"])
        self.assertTrue(proxy["https"]["hosts"])
        self.assertEqual("ClusterIP", proxy["service"]["type"])
        with open(os.path.join(ROOT, "README.md")) as f:
            readme = f.read()
        steps = readme[readme.index("On Kubernetes: Zero to JupyterHub"):]
        # The README's order: port-forward and sign up as teacher, then expose the service.
        self.assertLess(steps.index("kubectl --namespace lenet5 port-forward"), steps.index("proxy.service.type=LoadBalancer"))

    def test_password_rules_and_failed_login_limit(self):
        native = self.values["hub"]["config"]["NativeAuthenticator"]
        self.assertTrue(native["check_common_password"])
        self.assertGreaterEqual(native["minimum_password_length"], 10)
        self.assertGreater(native["allowed_failed_logins"], 0)
        self.assertGreater(native["seconds_before_next_try"], 0)
        self.assertFalse(native["open_signup"])


if __name__ == "__main__":
    unittest.main()
