"""classroom/z2jh/values.yaml, for Zero to JupyterHub: valid YAML whose figures are the classroom's budget
(classroom/budget.py, the one the one-machine hub caps each server at), and whose postStart prepares a
learner's volume as the image does. Not deployed here: no cluster, no image built."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
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

    def test_the_post_start_hook_prepares_the_learners_volume_from_the_course_in_the_image(self):
        command = self.values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
        with open(os.path.join(ROOT, "Dockerfile")) as f:
            dockerfile = f.read()
        course = re.search(r"^WORKDIR (\S+)\n(?:.*\n)*?COPY \. \.$", dockerfile, re.M).group(1)  # where the course is
        self.assertEqual([course + "/scripts/docker-start.sh", "--prepare"], command)
        work = self.values["singleuser"]["storage"]["homeMountPath"]
        self.assertIn("VOLUME " + work, dockerfile)
        with tempfile.TemporaryDirectory() as volume:  # the script itself, on this checkout as the course
            def run():
                r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "docker-start.sh"), "--prepare"], timeout=60,
                                   env=dict(os.environ, LENET5_COURSE=ROOT, LENET5_WORK=volume), capture_output=True, text=True)
                self.assertEqual(0, r.returncode, r.stderr)
            run()
            chapters = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
            for chapter in chapters:
                copy = os.path.join(volume, "notebooks", os.path.basename(chapter))
                self.assertFalse(os.path.islink(copy), copy)
                with open(copy) as f:  # each %classpath reaches the folder the course's own chapter loads
                    lines = [l for c in json.load(f)["cells"] for l in "".join(c["source"]).splitlines()]
                for classpath in (l.split(None, 1)[1] for l in lines if l.startswith("%classpath ")):
                    if not classpath.startswith("$"):
                        self.assertEqual(os.path.realpath(os.path.join(ROOT, "notebooks", classpath)),
                                         os.path.realpath(os.path.join(volume, "notebooks", classpath)), chapter)
            with open(os.path.join(volume, "notebooks", os.path.basename(chapters[0])), "w") as f:
                f.write("the learner's")
            run()  # a later start keeps their work
            with open(os.path.join(volume, "notebooks", os.path.basename(chapters[0]))) as f:
                self.assertEqual("the learner's", f.read())


    def test_the_nbgrader_exchange_is_one_shared_volume_where_the_image_looks_for_it(self):
        with open(os.path.join(ROOT, "classroom", "z2jh", "nbgrader-values.yaml")) as f:
            extra = yaml.safe_load(f)["singleuser"]
        with open(os.path.join(ROOT, "classroom", "z2jh", "nbgrader-exchange.yaml")) as f:
            claim = yaml.safe_load(f)
        self.assertEqual("PersistentVolumeClaim", claim["kind"])
        self.assertEqual(["ReadWriteMany"], claim["spec"]["accessModes"], "every pod mounts it at once")
        volume = extra["storage"]["extraVolumes"][0]
        self.assertEqual(claim["metadata"]["name"], volume["persistentVolumeClaim"]["claimName"])
        mounts = extra["storage"]["extraVolumeMounts"] + extra["initContainers"][0]["volumeMounts"]
        self.assertEqual({volume["name"]}, {m["name"] for m in mounts})
        # Where the system-wide configuration (classroom/nbgrader_system_config.py) looks, by default and as told.
        config = {}
        with open(os.path.join(ROOT, "classroom", "nbgrader_system_config.py")) as f:
            code = f.read()
        from traitlets.config import Config
        exec(compile(code, "nbgrader_system_config.py", "exec"), {"get_config": lambda: config.setdefault("c", Config())})
        self.assertEqual({config["c"].Exchange.root, extra["extraEnv"]["LENET5_CLASSROOM_EXCHANGE"]}, {m["mountPath"] for m in mounts})
        # None of these keys clashes with values.yaml's (lists would replace, not merge).
        for key in ("initContainers",):
            self.assertNotIn(key, self.values["singleuser"])
        self.assertNotIn("extraVolumes", self.values["singleuser"]["storage"])


if __name__ == "__main__":
    unittest.main()
