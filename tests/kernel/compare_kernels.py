"""Issue 17's measurement: the course's kernel and JJava through the same suites, side by side.

    build/venv/bin/pip install -r tests/kernel/jjava-requirements.txt   # once; JJava is not part of the course
    build/venv/bin/python -m tests.kernel.compare_kernels [--starts 100] [--trials 20] [--only starts,chapters]

JJava runs as kernelspec `jjava-lenet5` (JJava's own argv with the course's classpath and settings; see
kernel/README.md). Every suite is an existing test of tests/kernel/ or scripts/run_notebooks.py, run in a
child process with LENET5_KERNEL naming the kernel; nothing is copied from them. One suite runs at a time.
Ends with the table and the issue's rule applied to it (exit 0 either way; the table is the result).
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNELS = ("lenet5-java", "jjava-lenet5")
CHAPTERS = sorted(f for f in os.listdir(os.path.join(ROOT, "notebooks")) if re.match(r"\d\d-.*\.ipynb$", f))
MARK = "LENET5_COMPARE_RUN"  # set in every child's environment, so the JVMs it leaves behind can be found


# --- JJava with the course's classpath ----------------------------------------------------------------

def write_jjava_kernelspec():
    """Kernelspec jjava-lenet5 in this environment: JJava's own argv (its kernelspec `java`, installed by
    jjava-requirements.txt) with the course kernelspec's classpath, JVM options and environment."""
    kernels = os.path.join(sys.prefix, "share", "jupyter", "kernels")
    jjava_dir = os.path.join(kernels, "java")
    if not os.path.exists(os.path.join(jjava_dir, "jjava.jar")):
        sys.exit("JJava is not in this environment: build/venv/bin/pip install -r tests/kernel/jjava-requirements.txt")
    with open(os.path.join(jjava_dir, "kernel.json")) as f:
        jjava = json.load(f)
    with open(os.path.join(kernels, KERNELS[0], "kernel.json")) as f:
        course = json.load(f)
    env = dict(course["env"], JJAVA_CLASSPATH=course["env"].pop("LENET5_KERNEL_CLASSPATH"),
               JJAVA_JVM_OPTS=" ".join(a for a in course["argv"] if a.startswith(("-D", "-X"))))
    spec = dict(jjava, env=env, display_name="Java (JJava, course classpath; comparison only)",
                argv=[a.replace("{resource_dir}", jjava_dir) for a in jjava["argv"]])
    os.makedirs(os.path.join(kernels, KERNELS[1]), exist_ok=True)
    with open(os.path.join(kernels, KERNELS[1], "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1)


# --- running one suite in a child process ---------------------------------------------------------------

def child(kernel, args, env=None, timeout=3600):
    """Runs `python args...` from ROOT for `kernel`; returns (exit code, output, seconds, JVMs left behind)."""
    env = dict(os.environ, LENET5_KERNEL=kernel, PYTHONUNBUFFERED="1", **{MARK: str(os.getpid())}, **(env or {}))
    started = time.time()
    # Output goes to a file, not a pipe: a JVM left behind would hold a pipe open and hang the wait.
    with tempfile.TemporaryFile("w+") as log:
        p = subprocess.Popen([sys.executable] + args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            rc = "timeout after %d s" % timeout
        log.seek(0)
        out = log.read()
    return rc, out, time.time() - started, end_leftovers()


def end_leftovers():
    """Kills, by pid, processes still carrying this run's mark once their suite ended; returns how many."""
    time.sleep(1)
    left = []
    for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
        try:
            with open("/proc/%d/environ" % pid, "rb") as f:
                if ("%s=%d" % (MARK, os.getpid())).encode() in f.read().split(b"\0"):
                    left.append(pid)
        except OSError:
            continue
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return len(left)


def unit(kernel, module, env=None):
    """Runs one tests.kernel module's unittest cases; returns ({test: outcome}, output, JVMs left behind)."""
    rc, out, _, left = child(kernel, ["-m", "tests.kernel.compare_kernels", "--unittest", module], env)
    found = re.search(r"^RESULTS (.*)$", out, re.M)
    return (json.loads(found.group(1)) if found else {"(suite)": "did not finish: exit %s" % rc}), out, left


class Outcomes(unittest.TestResult):
    """Each test method's outcome: "ok", "skip", or the first line of what failed (subtests included)."""

    def __init__(self):
        super().__init__()
        self.by_test = {}

    def note(self, test, outcome):
        name = getattr(getattr(test, "test_case", test), "_testMethodName", None) or str(test)
        if self.by_test.get(name, "ok") in ("ok", "skip"):
            self.by_test[name] = outcome

    def addSuccess(self, test):
        self.note(test, "ok")

    def addSkip(self, test, reason):
        self.note(test, "skip")

    def addFailure(self, test, err):
        self.note(test, "FAIL: " + first_line(err[1]))

    def addError(self, test, err):
        self.note(test, "ERROR: %s: %s" % (err[0].__name__, first_line(err[1])))

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.addFailure(subtest, err)


def first_line(exc):
    """The failure's message on one line (assertion messages often start with an empty line)."""
    return " ".join(str(exc).split())[:200]


def run_unittest_here(module):
    """The child's side of unit(): conformance gets the kernel name from LENET5_KERNEL like the others."""
    mod = __import__("tests.kernel." + module, fromlist=["*"])
    if module == "test_conformance":
        mod.JavaKernelConformance.kernel_name = os.environ["LENET5_KERNEL"]
    result = Outcomes()
    unittest.defaultTestLoader.loadTestsFromModule(mod).run(result)
    print("RESULTS " + json.dumps(result.by_test), flush=True)


# --- the suites: each returns (short cell for the table, details, passed the rule or None) -----

def conformance(kernel, args):
    tests, _, left = unit(kernel, "test_conformance")
    failed = {t: o for t, o in tests.items() if o not in ("ok", "skip") and t != "test_pager"}
    ran = [t for t, o in tests.items() if o != "skip"]
    cell = "%d/%d passed" % (len(ran) - len(failed), len(ran))
    return cell, dict(failed, **{"JVMs left": left}), not failed


def starts(kernel, args):
    rc, out, _, left = child(kernel, ["-m", "unittest", "tests.kernel.test_starts"], {"KERNEL_STARTS": str(args.starts)})
    m = re.search(r"(\d+) starts: (\d+) without a kernel_info reply within ([\d.]+) s; "
                  r"first reply median ([\d.]+) s, worst ([\d.]+) s", out)
    if not m:
        return "no result (exit %s)" % rc, out[-800:], False
    n, silent = int(m.group(1)), int(m.group(2))
    cell = "%d/%d answered in %s s; median %s s, worst %s s" % (n - silent, n, m.group(3), m.group(4), m.group(5))
    return cell, {"JVMs left": left}, silent == 0


def interrupt_then_next(kernel, args):
    rc, out, _, left = child(kernel, ["tests/kernel/interrupt_then_next.py", "--trials", str(args.trials)])
    trials = re.findall(r"^trial +\d+: first cell (\S+); second cell (completed|FAILED) after ([\d.]+) s(.*)$", out, re.M)
    done = sum(t[1] == "completed" for t in trials)
    killed = [t[3].strip() for t in trials if t[1] == "FAILED"]
    cell = "%d/%d second cells completed, %d killed" % (done, args.trials, len(killed))
    if len(trials) < args.trials:
        cell += " (run ended after %d trials: %s)" % (len(trials), tail(out))
    firsts = sorted({t[0] for t in trials})
    return cell, {"first cells ended as": firsts, "second-cell errors": sorted(set(killed)), "JVMs left": left}, None


def training_interrupt(kernel, args):
    tests, out, left = unit(kernel, "test_interrupt_training")
    ends = re.findall(r"the cell ended ([\d.]+) s after the interrupt", out)
    outcome = next(iter(tests.values()))
    cell = ("cells ended %s s after interrupts; " % ", ".join(ends) if ends else "") + (
        "history kept, next cells ok" if outcome == "ok" else outcome)
    return cell, {"JVMs left": left}, outcome == "ok"


def chapters(kernel, args):
    out_dir = tempfile.mkdtemp(prefix="compare-%s-" % kernel)
    models = os.path.join(out_dir, "models")  # chapter 04 saves here and 05-07 read it; models/ is left alone
    times, failed, left = {}, {}, 0
    for nb in CHAPTERS:
        rc, out, secs, leftover = child(kernel, ["scripts/run_notebooks.py", "--kernel", kernel, "--out", out_dir,
                                             os.path.join("notebooks", nb)], {"LENET5_MODELS": models})
        left += leftover
        if rc == 0:
            times[nb[:2]] = secs
        else:
            failed[nb] = tail(out)
    cell = "%d/%d green (%s)" % (len(times), len(CHAPTERS), ", ".join("%s %.0f s" % kv for kv in times.items()))
    if failed:
        failed["executed notebooks and kernel logs"] = out_dir
    else:
        shutil.rmtree(out_dir)
    return cell, dict(failed, **{"JVMs left": left}), not failed


def behaviour(kernel, args):
    tests, _, left = unit(kernel, "test_behaviour")
    failed = {t: o for t, o in tests.items() if o != "ok"}
    cell = "%d/%d passed" % (len(tests) - len(failed), len(tests))
    return cell, dict(failed, **{"JVMs left": left}), None


def tail(text, chars=300):
    return " ".join(text.split())[-chars:]


SUITES = [("conformance (pager aside)", conformance), ("starts", starts),
          ("interrupt, then a 5 s cell", interrupt_then_next), ("ch. 04 training interrupted", training_interrupt),
          ("chapters headless", chapters), ("bad-input behaviour", behaviour)]


# --- the table -------------------------------------------------------------------------------------------

def table(kernels, results):
    """Markdown, one row per suite, one column per kernel."""
    lines = ["| suite | " + " | ".join(kernels) + " |", "|---" * (len(kernels) + 1) + "|"]
    for name, _ in SUITES:
        if name in results[kernels[0]]:
            lines.append("| %s | %s |" % (name, " | ".join(results[k][name][0] for k in kernels)))
    return "\n".join(lines)


def details(kernels, results):
    """What failed, per kernel and suite, and any JVM a suite left running (ended by end_leftovers)."""
    lines = []
    for kernel in kernels:
        for name, (_, found, _) in results[kernel].items():
            for key, value in (found or {}).items():
                if value and value != ["Interrupted"]:
                    lines.append("%s, %s, %s: %s" % (kernel, name, key, value))
    return "\n".join(lines) + "\n"


def verdict(kernel, results):
    """The issue's rule: conformance, starts, ch. 04 interrupt and every chapter must pass."""
    rule = [name for name, suite in SUITES if suite in (conformance, starts, training_interrupt, chapters)]
    if any(name not in results[kernel] for name in rule):
        return "%s: the rule needs all of: %s" % (kernel, ", ".join(rule))
    missed = [name for name in rule if results[kernel][name][2] is False]
    return "%s: %s" % (kernel, "passes the issue's rule" if not missed else "fails " + ", ".join(missed))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--starts", type=int, default=100)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--kernels", default=",".join(KERNELS))
    ap.add_argument("--only", help="comma-separated suite functions, e.g. starts,chapters")
    ap.add_argument("--json", help="also write every result and detail here")
    ap.add_argument("--unittest", help=argparse.SUPPRESS)  # the child's side of unit()
    args = ap.parse_args()
    if args.unittest:
        return run_unittest_here(args.unittest)
    kernels = args.kernels.split(",")
    write_jjava_kernelspec()
    only = set(args.only.split(",")) if args.only else None
    results = {k: {} for k in kernels}
    started = time.time()
    for name, suite in SUITES:
        if only and suite.__name__ not in only:
            continue
        for kernel in kernels:  # one heavy thing at a time: suites and kernels strictly in turn
            t0 = time.time()
            results[kernel][name] = suite(kernel, args)
            print("%-28s %-13s %s  [%.0f s]" % (name, kernel, results[kernel][name][0], time.time() - t0), flush=True)
    print("\n" + table(kernels, results) + "\n")
    print(details(kernels, results))
    for kernel in kernels:
        print(verdict(kernel, results))
    print("(%s; %.0f min; %d cores, %s; load average at the end %.1f)" % (
        time.strftime("%Y-%m-%d %H:%M"), (time.time() - started) / 60, os.cpu_count(), cpu_model(), os.getloadavg()[0]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


def cpu_model():
    with open("/proc/cpuinfo") as f:
        return next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "unknown CPU")


if __name__ == "__main__":
    sys.exit(main())
