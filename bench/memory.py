#!/usr/bin/env python3
"""`make bench-memory`: the course's memory budget, measured as a Binder session uses it.

Runs the chapters in order, each in a kernel of its own, and leaves every kernel running, as
JupyterLab does with each notebook a learner opened. Prints, per chapter, the kernel's peak
resident memory (VmHWM) while the chapter ran, its resident memory once idle after it, and the
sum over all kernels alive at the end, against the budget:

    every chapter's kernel <= 1 GB peak, a kernel idle after its chapter <= 400 MB,
    all of them together under 2 GB.

    build/venv/bin/python bench/memory.py [--only 01,03] [--rerun-training 3] [--json out.json]

With --rerun-training N, chapter 04 runs up to its training in a kernel of its own, whose two training cells
and the growth per re-run is printed (budget: <= 50 MB).
Exit status 1 when a chapter fails or a kernel dies; the budget itself is printed, not enforced
(tests/test_memory_budget.py guards it).
"""
import argparse
import glob
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.kernel.client import Kernel  # noqa: E402  (the kernel tests' driver)
from tests.binder_session import pss_mb  # noqa: E402

MB = 1024 * 1024
BUDGET = {"peak": 1024, "idle": 400, "total": 2048, "rerun": 50}


def status(pid):
    """VmRSS and VmHWM of a process, in MB."""
    with open("/proc/%d/status" % pid) as f:
        fields = dict(line.split(":", 1) for line in f)
    return {k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}


def code_cells(path):
    with open(path) as f:
        nb = json.load(f)
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def run_chapter(path, env):
    """Runs a chapter in a new kernel left running; returns the kernel and its first error."""
    kernel = Kernel(cwd=os.path.join(ROOT, "notebooks"), env=env)
    for i, code in enumerate(code_cells(path)):
        reply = kernel.execute(code, timeout=1800)
        if reply.status != "ok":
            err = reply.error() or {}
            return kernel, "cell %d: %s: %s" % (i + 1, err.get("ename"), err.get("evalue"))
    return kernel, None


def idle_rss(pid, seconds=5):
    """Resident memory after the kernel has been idle for a few seconds (the JVM gives memory back lazily)."""
    time.sleep(seconds)
    return status(pid)["VmRSS"]


def rerun_training(path, times, env):
    """Chapter 04 up to its training, then its two training cells (`Training training = new
    Training(config, inputs);` and `training.fit(...)`) run again `times` times, as they stand,
    in a kernel of their own (one epoch each: the growth does not depend on the epochs).
    Returns the idle RSS after the first run and after each re-run."""
    cells = code_cells(path)
    make = next(i for i, c in enumerate(cells) if "Training training = new Training(" in c)
    fit = next(i for i, c in enumerate(cells) if i > make and "training.fit(" in c)
    kernel = Kernel(cwd=os.path.join(ROOT, "notebooks"), env=dict(env, LENET5_EPOCHS="1"))
    try:
        sizes = []
        for run in range(times + 1):
            for code in (cells[:fit + 1] if run == 0 else [cells[make], cells[fit]]):
                reply = kernel.execute(code, timeout=1800)
                if reply.status != "ok":
                    raise RuntimeError("chapter 04 failed: %s" % reply.error())
            sizes.append(idle_rss(kernel.pid(), 2))
        return sizes
    finally:
        kernel.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated chapter prefixes, e.g. 01,03")
    ap.add_argument("--rerun-training", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args(argv)
    paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    if a.only:
        paths = [p for p in paths if os.path.basename(p)[:2] in a.only.split(",")]
    env = {}
    kernels, rows, failed = [], [], False
    try:
        for p in paths:
            name = os.path.basename(p)
            started = time.time()
            kernel, error = run_chapter(p, env)
            kernels.append((name, kernel))
            pid = kernel.pid()
            peak = status(pid)["VmHWM"]
            rows.append({"chapter": name, "seconds": round(time.time() - started, 1), "peak_mb": round(peak),
                         "idle_mb": round(idle_rss(pid)), "error": error})
            print("%-40s %6.1f s  peak %5d MB  idle %5d MB%s" % (name, rows[-1]["seconds"], peak, rows[-1]["idle_mb"],
                                                              "  FAILED " + error if error else ""), flush=True)
            failed = failed or error is not None
        alive = [(n, k) for n, k in kernels if k.km.is_alive()]
        # Proportional: the kernels share libtorch's code, which a sum of RSS would count six times.
        total = sum(pss_mb(k.pid()) for _, k in alive)
        result = {"chapters": rows, "alive": len(alive), "started": len(kernels), "total_mb": round(total)}
        if a.rerun_training:
            sizes = rerun_training(os.path.join(ROOT, "notebooks", "04-training-recipe.ipynb"), a.rerun_training, env)
            growth = [round(b - a_) for a_, b in zip(sizes, sizes[1:])]
            result["rerun_mb"] = [round(s) for s in sizes]
            result["rerun_growth_mb"] = growth
            print("chapter 04 training re-run %d times: RSS %s MB, growth per re-run %s MB (budget <= %d)"
                  % (a.rerun_training, " -> ".join(str(round(s)) for s in sizes), growth, BUDGET["rerun"]))
        print("kernels alive %d of %d; together %d MB proportional resident (budget < %d MB)"
              % (len(alive), len(kernels), total, BUDGET["total"]))
        print("budget: peak <= %d MB per chapter: %s; idle <= %d MB: %s" % (
            BUDGET["peak"], "met" if all(r["peak_mb"] <= BUDGET["peak"] for r in rows) else "NOT met",
            BUDGET["idle"], "met" if all(r["idle_mb"] <= BUDGET["idle"] for r in rows) else "NOT met"))
        if a.json:
            with open(a.json, "w") as f:
                json.dump(result, f, indent=1)
        failed = failed or len(alive) != len(kernels)
    finally:
        for _, k in kernels:
            k.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
