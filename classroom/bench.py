#!/usr/bin/env python3
"""A class on one machine, measured: starts the classroom hub on 127.0.0.1 with K learner accounts, signs
each in through the hub's REST API, starts their servers, and has all of them run chapter 02 then chapter 03
at the same time, each through their own server (each chapter in a kernel of its own, shut down when the
learner moves on, as closing a notebook does in the classroom's JupyterLab; --keep-kernels leaves them running). Prints per learner the wall time and the peak memory of their server's cgroup
(max_usage, which counts page cache first touched by that learner), the hub's own memory (hub, proxy and
culler in a cgroup of their own), and the class size this machine would hold: (memory - hub) / peak.
Removes every account, cgroup and file it made. Needs root and cgroups (v1 or v2: classroom/cgroups.py).

    build/venv/bin/python classroom/bench.py [--learners 4] [--chapters 02,03] [--deadline 3600] [--json out]
                                             [--assignment 01-data-loading]

With --assignment, the class then hands in that assignment through nbgrader's exchange (README "Grade the
exercises"): the teacher makes and releases it in their formgrader (a service of the hub); each learner, through
the nbgrader assignment list of their own server, fetches it, answers it and submits it (the first learner every
model answer, the others all but the first code answer, left as handed out); the teacher collects and autogrades
in the formgrader, and the scores in its gradebook are printed.
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

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from budget import LEARNER_MEMORY_MB  # noqa: E402
from hub_process import Hub  # noqa: E402
from learner import Learner  # noqa: E402
sys.path.insert(0, os.path.join(HERE, "grading"))
from answers import answered, grade_id, load, model_answers, source  # noqa: E402

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


COURSE_ID = "lenet5-java"   # classroom/nbgrader_system_config.py


WHO_RUNS_THIS = ('System.out.println("graded as " + System.getProperty("user.name") + ", memory cgroup " + java.nio.file.Files'
                 '.readAllLines(java.nio.file.Path.of("/proc/self/cgroup")).stream().filter(l -> l.contains(":memory:") || '
                 'l.startsWith("0::")).findFirst().orElse("?"));\n')


def formgrader(teacher, method, path):
    """The teacher's formgrader, a service of the hub (grading/formgrader.sh), through the hub's proxy."""
    r = requests.request(method, "%s/services/formgrader/formgrader/api/%s" % (teacher.hub, path), headers=teacher.headers,
                         timeout=1800)
    if r.status_code != 200:
        raise RuntimeError("formgrader %s %s: %s %s" % (method, path, r.status_code, r.text[:500]))
    reply = r.json()
    if isinstance(reply, dict) and reply.get("success") is False:
        raise RuntimeError("formgrader %s %s: %s" % (method, path, (reply.get("error") or reply.get("log") or "")[-1500:]))
    return reply


def hand_in(teacher, learners, assignment):
    """The teacher makes and releases the assignment in their formgrader; each learner fetches it, answers it and
    submits it through their own server's assignment list; the teacher collects and autogrades each submission in
    the formgrader. Returns {learner: {"score": the gradebook's}}, and for the first learner "ran_as": the line
    their code printed about the account and memory cgroup it ran in."""
    formgrader(teacher, "POST", "assignment/%s/assign" % assignment)
    formgrader(teacher, "POST", "assignment/%s/release" % assignment)
    written = load(os.path.join(HERE, "grading", "source", assignment, assignment + ".ipynb"))
    right = model_answers(written)
    first_code = next(grade_id(c) for c in written["cells"] if c["cell_type"] == "code" and "BEGIN SOLUTION" in source(c))
    for i, lr in enumerate(learners):
        fetched = lr.assignment_action("fetch", COURSE_ID, assignment)
        listed = [a for a in fetched["value"] if a.get("assignment_id") == assignment and a.get("status") == "fetched"] \
            if fetched.get("success") else []
        if not listed:
            raise RuntimeError("%s could not fetch %s: %s" % (lr.name, assignment, str(fetched)[:500]))
        path = "%s/%s.ipynb" % (assignment, assignment)
        answers = dict(right) if i == 0 else {g: t for g, t in right.items() if g != first_code}
        if i == 0:  # the first also says who runs their code, and in which cgroup
            answers[first_code] = WHO_RUNS_THIS + answers[first_code]
        lr.save_notebook(path, answered(lr.notebook(path), answers))
        submitted = lr.assignment_action("submit", COURSE_ID, assignment)
        if not submitted.get("success"):
            raise RuntimeError("%s could not submit %s: %s" % (lr.name, assignment, str(submitted)[:500]))
    formgrader(teacher, "POST", "assignment/%s/collect" % assignment)
    for lr in learners:
        formgrader(teacher, "POST", "submission/%s/%s/autograde" % (assignment, lr.name))
    scores = {s["student"]: s["score"] for s in formgrader(teacher, "GET", "submissions/%s" % assignment)}
    graded = {lr.name: {"score": scores.get(lr.name)} for lr in learners}
    # The page the teacher grades answers on (learners' HTML cleaned: grading/formgrader-config/lenet5_safe_html.py).
    for sub in formgrader(teacher, "GET", "submitted_notebooks/%s/%s" % (assignment, assignment)):
        page = requests.get("%s/services/formgrader/formgrader/submissions/%s" % (teacher.hub, sub["id"]),
                            headers=teacher.headers, timeout=120)
        graded[sub["student"]]["grading_page"] = page.status_code == 200 and "Submission" in page.text
    autograded = os.path.join(pwd.getpwnam(teacher.name).pw_dir, "lenet5-grading", "autograded", learners[0].name,
                              assignment, assignment + ".ipynb")
    printed = "".join("".join(o.get("text", "")) for c in load(autograded)["cells"] for o in c.get("outputs", []))
    graded[learners[0].name]["ran_as"] = next((l for l in printed.splitlines() if l.startswith("graded as")), None)
    return graded


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, default=4)
    ap.add_argument("--chapters", default="02,03")
    ap.add_argument("--memory-mb", type=int, default=LEARNER_MEMORY_MB, help="each learner's limit (budget.py)")
    ap.add_argument("--deadline", type=int, default=3600, help="seconds for the whole run")
    ap.add_argument("--keep-kernels", action="store_true", help="leave each chapter's kernel running (a learner who never closes a tab)")
    ap.add_argument("--json", help="write the figures here too")
    ap.add_argument("--assignment", help="then hand in this assignment through nbgrader's exchange (classroom/grading/source)")
    args = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("bench.py runs as root: it makes accounts and cgroups")
    deadline = time.monotonic() + args.deadline
    chapters = [chapter_path(n) for n in args.chapters.split(",")]

    graded = {}
    return run_class(args, deadline, chapters, graded)


def run_class(args, deadline, chapters, graded):
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
        if args.assignment and not any("error" in r for r in results.values()):
            t = time.monotonic()
            try:
                teacher = Learner(hub.url, hub.teacher)
                if teacher.sign_in(hub.teacher_password).status_code != 201:
                    raise RuntimeError("the teacher could not sign in")
                graded.update(hand_in(teacher, learners, args.assignment))
            except Exception as e:  # said below, and the run fails
                graded["error"] = "%s: %s" % (type(e).__name__, e)
            graded_s = time.monotonic() - t
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
    if args.assignment:
        print("\nassignment %s through nbgrader's exchange (release, fetch and submit in each server, collect, autograde):"
              % args.assignment)
        for name in sorted(graded):
            print("  %s" % ("%s: %s points autograded, in the formgrader's gradebook%s" % (name, graded[name]["score"], "; " + graded[name]["ran_as"] if graded[name].get("ran_as") else "")
                            if name != "error" else "FAILED: " + graded[name]))
        if "error" not in graded and graded:
            print("  %.0f s for the whole hand-in" % graded_s)
        summary["graded"] = graded
        if "error" in graded or len(graded) != args.learners:
            failed["hand-in"] = graded.get("error", "not every learner was graded")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
    if failed:
        print("FAILED: %s" % failed)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
