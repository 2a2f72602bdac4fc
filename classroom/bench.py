#!/usr/bin/env python3
"""A class on one machine, measured: starts the classroom hub on 127.0.0.1 with K learner accounts, signs
each in through the hub's REST API, starts their servers, and has all of them run chapter 02 then chapter 03
at the same time, each through their own server (each chapter in a kernel of its own, shut down when the
learner moves on, as closing a notebook does in the classroom's JupyterLab; --keep-kernels leaves them running). Prints per learner the wall time and the peak memory of their server's cgroup
(max_usage, which counts page cache first touched by that learner), the hub's own memory (hub, proxy and
culler in a cgroup of their own), and the class size this machine would hold: (memory - hub) / peak.
Removes every account, cgroup and file it made. Needs root and cgroups (v1 or v2: classroom/cgroups.py).

    build/venv/bin/python classroom/bench.py [--learners 4] [--chapters 02,03] [--deadline 3600] [--json out]
"""
import argparse
import glob
import json
import os
import pwd
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from budget import LEARNER_MEMORY_MB  # noqa: E402
from hub_process import Hub  # noqa: E402
from learner import Learner  # noqa: E402

MB = 1024 * 1024


def chapter_path(number):
    found = glob.glob(os.path.join(ROOT, "notebooks", number + "-*.ipynb"))
    if len(found) != 1:
        raise SystemExit("no single chapter %s in notebooks/" % number)
    return "notebooks/" + os.path.basename(found[0])


def cpu_busy():
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def learn(learner, chapters, deadline, result, keep_kernels):
    """One learner's session: each chapter from the top, in order; each chapter's kernel shut down when the
    next one opens (closing a notebook does that in the classroom's JupyterLab), or all left running."""
    kernels, start = [], time.monotonic()
    try:
        for path in chapters:
            t = time.monotonic()
            kernel, error = learner.run_notebook(path, timeout=max(1, deadline - time.monotonic()))
            kernels.append(kernel)
            if not keep_kernels:
                kernels.pop().shutdown()
            result["chapters"][path] = round(time.monotonic() - t, 1)
            if error:
                result["error"] = "%s: %s" % (path, error)
                break
    except Exception as e:  # a dead kernel or a timeout: that learner failed
        result["error"] = "%s: %s" % (type(e).__name__, e)
    result["wall_s"] = round(time.monotonic() - start, 1)
    for k in kernels:
        k.shutdown()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, default=4)
    ap.add_argument("--chapters", default="02,03")
    ap.add_argument("--memory-mb", type=int, default=LEARNER_MEMORY_MB, help="each learner's limit (budget.py)")
    ap.add_argument("--deadline", type=int, default=3600, help="seconds for the whole run")
    ap.add_argument("--keep-kernels", action="store_true", help="leave each chapter's kernel running (a learner who never closes a tab)")
    ap.add_argument("--json", help="write the figures here too")
    args = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("bench.py runs as root: it makes accounts and cgroups")
    deadline = time.monotonic() + args.deadline
    chapters = [chapter_path(n) for n in args.chapters.split(",")]

    with Hub(learners=args.learners, prefix="l5b", memory_mb=args.memory_mb, measure=True) as hub:
        learners = [Learner(hub.url, n) for n in hub.names]
        for lr in learners:
            r = lr.sign_in(hub.learners[lr.name])
            if r.status_code != 201:
                raise SystemExit("%s could not sign in: %s %s" % (lr.name, r.status_code, r.text[:200]))
            lr.start_server()
        results = {lr.name: {"chapters": {}} for lr in learners}
        peaks_rss = {lr.name: 0 for lr in learners}
        done = threading.Event()

        sched = {}  # pid -> (ns on a CPU, ns waiting for one), of every process seen in a learner's cgroup

        def sample():  # once a second: resident memory (no page cache) and CPU use of each server
            while not done.wait(1):
                for name in peaks_rss:
                    try:
                        group = hub.learner_group(name)
                        peaks_rss[name] = max(peaks_rss[name], group.anonymous_bytes())
                        pids = group.pids()
                    except (OSError, KeyError):
                        continue
                    for pid in pids:
                        run = wait = 0
                        for task in glob.glob("/proc/%s/task/*/schedstat" % pid):
                            try:
                                with open(task) as f:
                                    fields = f.read().split()
                                run, wait = run + int(fields[0]), wait + int(fields[1])
                            except (OSError, IndexError):
                                pass
                        sched[pid] = max(sched.get(pid, (0, 0)), (run, wait))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        busy0, total0 = cpu_busy()
        t0 = time.monotonic()
        threads = [threading.Thread(target=learn, args=(lr, chapters, deadline, results[lr.name], args.keep_kernels)) for lr in learners]
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(1, deadline - time.monotonic()))
        class_wall = time.monotonic() - t0
        busy1, total1 = cpu_busy()
        done.set()
        for lr in learners:
            group = hub.learner_group(lr.name)
            results[lr.name]["peak_mb"] = round((group.peak_bytes() or 0) / MB)  # None: a v2 kernel before 5.19
            results[lr.name]["peak_rss_mb"] = round(peaks_rss[lr.name] / MB)
            results[lr.name]["oom_kills"] = group.oom_kills()
            # The disk a learner's home takes after the chapters (homes are not bounded: README "Teach it to a class").
            home = pwd.getpwnam(lr.name).pw_dir
            results[lr.name]["home_mb"] = int(subprocess.run(["du", "-sk", home], capture_output=True, text=True).stdout.split()[0]) / 1024
        hub_mb = round((hub.hub_group.peak_bytes() or 0) / MB)
        for lr in learners:
            lr.stop_server()

    with open("/proc/meminfo") as f:
        mem_mb = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) // 1024
    cores = os.cpu_count()
    machine_cpu = (busy1 - busy0) / max(1, total1 - total0)
    cpu_s = sum(r for r, w in sched.values()) / 1e9
    wait_s = sum(w for r, w in sched.values()) / 1e9
    cpu = cpu_s / (class_wall * cores)
    peak = max(r["peak_mb"] for r in results.values())
    size = (mem_mb - hub_mb) // peak
    failed = {n: r["error"] for n, r in results.items() if "error" in r}
    print("\nclass of %d on this machine (%d MB, %d cores), chapters %s, limit %d MB per learner"
          % (args.learners, mem_mb, cores, args.chapters, args.memory_mb))
    print("%-14s %8s %s %10s %12s %8s" % ("learner", "wall s", " ".join("%8s" % ("ch" + os.path.basename(c)[:2] + " s") for c in chapters),
                                           "peak MB", "peak RSS MB", "home MB"))
    for name, r in results.items():
        print("%-14s %8.1f %s %10d %12d %8.1f%s" % (name, r["wall_s"], " ".join("%8s" % r["chapters"].get(c, "-") for c in chapters),
                                                   r["peak_mb"], r["peak_rss_mb"], r["home_mb"], "  FAILED (OOM kills %d) %s" % (r["oom_kills"], r["error"]) if "error" in r else ""))
    print("hub (hub, proxy, culler): peak %d MB" % hub_mb)
    print("CPU used by the learners' servers: %.0f CPU-s in %.0f s on %d cores = %.0f %% of the machine "
          "(the whole machine, other work included, was %.0f %% busy); they waited %.0f s for a core"
          % (cpu_s, class_wall, cores, 100 * cpu, 100 * machine_cpu, wait_s))
    print("class size by memory: (%d MB - %d MB hub) / %d MB per learner = %d learners"
          % (mem_mb, hub_mb, peak, size))
    per_learner = cpu_s / args.learners
    print("class size by CPU: these chapters cost %.0f CPU-s per learner; %d learners running them at once need at "
          "least %d x %.0f / %d cores = %.0f s of this machine to themselves, against %.0f s for one learner"
          % (per_learner, size, size, per_learner, cores, size * per_learner / cores, per_learner / min(cores, 2)))
    print("limited by %s: the learners' processes waited %.1f s for a core per second they ran"
          % ("CPU" if wait_s > cpu_s else "memory", wait_s / max(cpu_s, 1e-9)))
    summary = {"learners": results, "hub_mb": hub_mb, "memory_mb": mem_mb, "cores": cores, "cpu_s": round(cpu_s, 1), "cpu_wait_s": round(wait_s, 1), "cpu_share": round(cpu, 3), "machine_cpu_busy": round(machine_cpu, 3),
               "class_wall_s": round(class_wall, 1), "class_size_by_memory": size, "limit_mb": args.memory_mb,
               "failed": failed}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
    if failed:
        print("FAILED: %s" % failed)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
