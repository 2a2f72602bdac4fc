"""Setup's choices on platforms this machine is not: `scripts/setup.sh platform` run with a PATH that holds
only a few real tools and stand-ins for what differs between machines (`uname`, `nvidia-smi`, `ldconfig`,
`apt-cache`, an old `python3`), each answering as the real one does on that machine. The OS and the
architecture are given, not guessed; the test checks the natives, Python, environment, fonts and device
chosen, and the one line said where the course cannot run.

Also the two checks that run before setup writes anything: a build/ another account owns (as root via
`sudo make`), run as `nobody`.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETUP = os.path.join(ROOT, "scripts", "setup.sh")
# What setup's platform step runs besides the stand-ins: found on this machine, linked into the fake PATH.
REAL_TOOLS = ["bash", "env", "dirname", "basename", "sed", "cat", "head", "grep", "ls", "find", "id", "fc-list"]
NVIDIA_SMI_OK = "GPU 0: NVIDIA GeForce RTX 3060 (UUID: GPU-5d2c6f1e-0000-0000-0000-000000000000)"
# What nvidia-smi prints when the driver is installed but not loaded (after a kernel update, before a reboot).
NVIDIA_SMI_NO_DRIVER = ("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
                        "Make sure that the latest NVIDIA driver is installed and running.")


class Machine:
    """A temporary PATH standing for one machine."""

    def __init__(self, os_name="Linux", arch="x86_64"):
        self.dir = tempfile.mkdtemp(prefix="lenet5-platform-")
        self.bin = os.path.join(self.dir, "bin")
        os.makedirs(self.bin)
        for tool in REAL_TOOLS:
            path = shutil.which(tool)
            if path:
                os.symlink(path, os.path.join(self.bin, tool))
        # uname -s / uname -m as that machine answers them.
        self.script("uname", 'case "$1" in -s) echo %s ;; -m) echo %s ;; *) echo %s ;; esac' % (os_name, arch, os_name))
        # An ldconfig cache without the CUDA runtime, as on a machine with only the NVIDIA driver.
        self.ldconfig(["libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"])
        self.env = {"PATH": self.bin, "HOME": self.dir, "LANG": "C.UTF-8"}

    def script(self, name, body):
        path = os.path.join(self.bin, name)
        if os.path.lexists(path):  # a link to the real tool: replace the link, never write through it
            os.unlink(path)
        with open(path, "w") as f:
            f.write("#!/bin/bash\n" + body + "\n")
        os.chmod(path, 0o755)

    def ldconfig(self, entries):
        lines = ["%d libs found in cache `/etc/ld.so.cache'" % len(entries)] + ["\t" + e for e in entries]
        self.script("ldconfig", '[ "$1" = -p ] || exit 1\ncat <<\'EOF\'\n%s\nEOF' % "\n".join(lines))

    def python(self, name, real=True):
        """A Python under `name`: this machine's own (3.11+) or one answering as Python 3.10 does."""
        if real:
            # The interpreter itself (a venv's python and pyenv's shims need their surroundings).
            os.symlink(os.path.realpath(sys.executable), os.path.join(self.bin, name))
        else:
            # Python 3.10 (Ubuntu 22.04's python3): sys.version_info < (3, 11) is true, so setup's check exits 1.
            self.script(name, textwrap.dedent("""\
                case "$*" in
                  --version) echo "Python 3.10.12" ;;
                  *'sys.exit(sys.version_info < (3, 11))'*) exit 1 ;;
                  *'sys.version_info[:2]'*) echo 3.10 ;;
                  *) exit 2 ;;
                esac"""))

    def apt_knows(self, *packages):
        self.script("apt-cache", textwrap.dedent("""\
            [ "$1" = show ] || exit 1
            pkg="${@: -1}"
            for known in %s; do [ "$pkg" = "$known" ] && { echo "Package: $pkg"; exit 0; }; done
            echo "N: Unable to locate package $pkg" >&2; echo "E: No packages found" >&2; exit 100""" % " ".join(packages)))

    def gpu(self, listing=NVIDIA_SMI_OK, fails=False):
        if fails:
            self.script("nvidia-smi", "cat <<'EOF'\n%s\nEOF\nexit 9" % NVIDIA_SMI_NO_DRIVER)
        else:
            self.script("nvidia-smi", '[ "$1" = -L ] && echo "%s"' % listing)

    def run(self, step="platform", extra_env=None, setup=SETUP, preexec=None):
        env = dict(self.env, **(extra_env or {}))
        return subprocess.run([os.path.join(self.bin, "bash"), setup, step], env=env, capture_output=True,
                              text=True, timeout=60, preexec_fn=preexec)

    def choices(self, **kw):
        r = self.run(**kw)
        if r.returncode != 0:
            raise AssertionError("setup platform failed (%d): %s" % (r.returncode, r.stderr))
        out = {}
        for line in r.stdout.splitlines():
            key, _, value = line.partition(": ")
            if key in ("natives", "environment", "python", "fonts", "device", "cuda cache"):
                out[key] = value
        out["said"] = r.stdout
        return out

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class SetupPlatforms(unittest.TestCase):
    def machine(self, *a, **kw):
        m = Machine(*a, **kw)
        self.addCleanup(m.close)
        m.python("python3")
        return m

    # --- the natives: one CPU libtorch jar per platform Maven Central has, one line where there is none

    def test_each_platform_with_a_libtorch_gets_its_own_jar(self):
        for (os_name, arch), jar in {("Linux", "x86_64"): "linux-x86_64", ("Linux", "aarch64"): "linux-aarch64",
                                     ("Darwin", "arm64"): "osx-aarch64"}.items():
            with self.subTest(os=os_name, arch=arch):
                self.assertEqual("pytorch-native-cpu " + jar, self.machine(os_name, arch).choices()["natives"])

    def test_platforms_without_a_libtorch_are_told_the_way_that_works_in_one_line(self):
        for (os_name, arch), way in {("Darwin", "x86_64"): "Docker Desktop",
                                     ("MINGW64_NT-10.0-19045", "x86_64"): "WSL2",
                                     ("MSYS_NT-10.0-22631", "x86_64"): "WSL2",
                                     ("CYGWIN_NT-10.0", "x86_64"): "WSL2",
                                     ("Linux", "riscv64"): "x86_64 and aarch64"}.items():
            with self.subTest(os=os_name, arch=arch):
                for step in ("platform", "all"):
                    r = self.machine(os_name, arch).run(step)
                    self.assertEqual(1, r.returncode, r.stdout + r.stderr)
                    lines = r.stderr.strip().splitlines()
                    self.assertEqual(1, len(lines), r.stderr)
                    self.assertTrue(lines[0].startswith("[setup] ERROR: "), lines[0])
                    self.assertIn(way, lines[0])
                    self.assertEqual("", r.stdout, "nothing is done before the refusal")

    # --- Python 3.11+ under any of its names

    def test_ubuntu_22_04_finds_python3_11_beside_an_old_python3(self):
        m = Machine("Linux", "x86_64")
        self.addCleanup(m.close)
        m.python("python3", real=False)
        m.python("python3.11")
        self.assertEqual(os.path.join(m.bin, "python3.11") + " (3.11)", m.choices()["python"])

    def test_without_one_the_package_that_provides_it_is_named(self):
        m = Machine("Linux", "x86_64")
        self.addCleanup(m.close)
        m.python("python3", real=False)
        m.apt_knows("python3", "python3.10", "python3.11")   # Ubuntu 22.04: python3.11 is in universe
        self.assertEqual("none ('sudo apt-get install python3.11 python3.11-venv', or set LENET5_PYTHON to one)",
                         m.choices()["python"])
        mac = Machine("Darwin", "arm64")
        self.addCleanup(mac.close)
        mac.python("python3", real=False)   # the Command Line Tools' python3 is 3.9
        self.assertIn("brew install python@3.12", mac.choices()["python"])

    def test_lenet5_python_comes_first(self):
        m = self.machine()
        m.python("my-python")
        self.assertTrue(m.choices(extra_env={"LENET5_PYTHON": "my-python"})["python"].startswith(
            os.path.join(m.bin, "my-python")))

    # --- conda: only the course's own environment

    def test_conda_base_is_left_alone_and_that_is_said(self):
        m = self.machine()
        c = m.choices(extra_env={"CONDA_PREFIX": "/opt/miniconda3", "CONDA_DEFAULT_ENV": "base"})
        self.assertEqual("build/venv", c["environment"])
        self.assertIn("conda environment 'miniconda3' is active, but not the course's ('lenet5-java')", c["said"])
        c = m.choices(extra_env={"CONDA_PREFIX": "/opt/miniconda3/envs/lenet5-java"})
        self.assertEqual("/opt/miniconda3/envs/lenet5-java", c["environment"])
        self.assertNotIn("conda environment", c["said"])
        # Binder: repo2docker's environment, whatever conda calls it.
        c = m.choices(extra_env={"CONDA_PREFIX": "/srv/conda/envs/notebook", "NB_PYTHON_PREFIX": "/srv/conda/envs/notebook"})
        self.assertEqual("/srv/conda/envs/notebook", c["environment"])

    # --- fonts

    @unittest.skipUnless(sys.platform.startswith("linux"), "asks this machine's fontconfig for a stand-in Linux; macOS "
                         "has neither fc-list nor /usr/share/fonts (setup does not check fonts there)")
    def test_a_machine_without_fonts_is_found_out(self):
        m = self.machine()
        self.assertEqual("found", m.choices()["fonts"])   # this machine's fontconfig finds DejaVu
        empty = os.path.join(m.dir, "fonts.conf")
        with open(empty, "w") as f:
            f.write('<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n'
                    % (os.path.join(m.dir, "no-fonts"), os.path.join(m.dir, "fc-cache")))
        self.assertEqual("none", m.choices(extra_env={"FONTCONFIG_FILE": empty})["fonts"])

    # --- the GPU: one test per reason an NVIDIA GPU goes unused, and the case where it is used

    def test_no_nvidia_driver_means_cpu_with_nothing_to_explain(self):
        self.assertEqual("cpu", self.machine().choices()["device"])

    def test_driver_not_loaded(self):
        m = self.machine()
        m.gpu(fails=True)
        self.assertEqual("cpu (nvidia-smi finds no GPU (%s): check the NVIDIA driver, then run 'make setup' again)"
                         % NVIDIA_SMI_NO_DRIVER, m.choices()["device"])

    def test_gpu_without_cuda_runtime(self):
        m = self.machine()
        m.gpu()
        self.assertRegex(m.choices()["device"], r"^cpu \(no CUDA runtime \(libcudart\.so\.12\) found")

    def test_gpu_with_cuda_runtime_in_ld_library_path_or_ldconfig(self):
        m = self.machine()
        m.gpu()
        cuda = os.path.join(m.dir, "cuda-12.8", "lib64")
        os.makedirs(cuda)
        open(os.path.join(cuda, "libcudart.so.12"), "w").close()
        self.assertEqual("gpu", m.choices(extra_env={"LD_LIBRARY_PATH": "/nowhere:" + cuda})["device"])
        m.ldconfig(["libcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12",
                    "libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"])
        self.assertEqual("gpu", m.choices()["device"])

    def test_the_cuda_cache_is_the_users_own_or_readable_by_those_root_sets_up_for(self):
        m = self.machine()
        m.gpu()
        m.ldconfig(["libcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12"])
        real_id = shutil.which("id")
        m.script("id", '[ "$1" = -u ] && echo 1000 || exec %s "$@"' % real_id)  # a user's: their own cache, for their clones
        self.assertEqual(os.path.join(m.dir, ".cache", "lenet5-java", "djl"), m.choices()["cuda cache"])
        m.script("id", '[ "$1" = -u ] && echo 0 || exec %s "$@"' % real_id)  # root's (a class, an image): not root's home
        self.assertEqual(os.path.join(ROOT, "build", "djl-cache"), m.choices()["cuda cache"])
        self.assertEqual("/srv/djl", m.choices(extra_env={"LENET5_DJL_CACHE": "/srv/djl"})["cuda cache"])

    def test_cpu_asked_for(self):
        m = self.machine()
        m.gpu()
        m.ldconfig(["libcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12"])
        self.assertRegex(m.choices(extra_env={"LENET5_DEVICE": "cpu"})["device"], r"^cpu \(LENET5_DEVICE=cpu was set")
        self.assertRegex(m.choices(extra_env={"LENET5_FORCE_CPU": "1"})["device"], r"^cpu \(LENET5_DEVICE=cpu was set")

    def test_gpu_on_arm_has_no_cuda_libtorch(self):
        m = self.machine("Linux", "aarch64")
        m.gpu(listing="GPU 0: NVIDIA GH200 480GB (UUID: GPU-00000000-0000-0000-0000-000000000000)")
        m.ldconfig(["libcudart.so.12 (libc6,AArch64) => /usr/local/cuda/lib64/libcudart.so.12"])
        self.assertEqual("cpu (DJL has no CUDA build of PyTorch 2.7.1 for linux-aarch64: the course runs on the CPU here)",
                         m.choices()["device"])

    def test_a_device_setting_that_is_not_one_is_refused(self):
        r = self.machine().run(extra_env={"LENET5_DEVICE": "cuda"})
        self.assertEqual(1, r.returncode)
        self.assertIn("LENET5_DEVICE=cuda: use auto, cpu or gpu.", r.stderr)

    # --- a build/ owned by root

    def test_a_root_owned_build_folder_is_said_with_the_fix(self):
        if os.geteuid() != 0:
            self.skipTest("makes a root-owned build/ and runs setup as nobody")
        m = self.machine()
        os.chmod(m.dir, 0o755)
        os.makedirs(os.path.join(m.dir, "course", "scripts"))
        setup = os.path.join(m.dir, "course", "scripts", "setup.sh")
        shutil.copy(SETUP, setup)
        os.makedirs(os.path.join(m.dir, "course", "build", "venv"))   # left by `sudo make course`
        import pwd
        nobody = pwd.getpwnam("nobody")

        def become_nobody():
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
        r = m.run("jupyter", setup=setup, preexec=become_nobody)
        self.assertEqual(1, r.returncode, r.stdout + r.stderr)
        self.assertEqual("[setup] ERROR: build: not writable by nobody (an earlier 'sudo make ...'?): "
                         "'sudo chown -R nobody:nogroup build', then run this again.", r.stderr.strip())
        # Once it is theirs, the check passes (the step then goes on to make the venv: not run here).
        subprocess.run(["chown", "-R", "nobody:nogroup", os.path.join(m.dir, "course", "build")], check=True)
        r = m.run("platform", setup=setup, preexec=become_nobody)
        self.assertEqual(0, r.returncode, r.stderr)


if __name__ == "__main__":
    unittest.main()
