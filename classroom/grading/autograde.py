"""Autogrades every submission of one assignment with nbgrader, one learner at a time, each run under a time
limit and, where cgroups can be used (as root), a memory limit. As root, the learners' code runs as an account
of its own, lenet5-grader (made if missing), which cannot enter the course directory (made 0700): it cannot
read the gradebook, the solutions or other learners' submissions. A run that does not finish in time or runs out
of memory is stopped; that learner gets 0 for every graded cell, with the reason as the comment, and the
grading goes on with the next learner. Prints one line per learner.

    build/hub-venv/bin/python classroom/grading/autograde.py 01-data-loading [--course DIR] [--seconds 600] [--memory-mb 2048]

nbgrader itself has a time limit per cell only, and none for memory (`-Xmx` would not bound libtorch's native
memory either): hence this wrapper, one `nbgrader autograde --student` per learner.
"""
import argparse
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import cgroups  # noqa: E402 (classroom/cgroups.py)


GRADER = "lenet5-grader"
KERNEL = "lenet5-java"
WORK_VARIABLE = "LENET5_GRADING_WORK"   # run_as.py's folder for the kernel; nbgrader passes its environment on


def grading_kernel(spec_dir):
    """A kernelspec beside the course's that starts the same kernel through run_as.py, as GRADER, in the folder
    WORK_VARIABLE names (one per learner); returns its name. Written once per grading run."""
    listed = subprocess.run([os.path.join(os.path.dirname(sys.executable), "jupyter"), "kernelspec", "list", "--json"],
                            capture_output=True, text=True, check=True)
    course = json.loads(listed.stdout)["kernelspecs"][KERNEL]["spec"]
    argv = ["@CONNECTION_FILE@" if a == "{connection_file}" else a for a in course["argv"]]
    spec = dict(course, display_name=course["display_name"] + ", as " + GRADER,
                argv=[sys.executable, os.path.join(HERE, "run_as.py"), GRADER, "{connection_file}", "--"] + argv)
    folder = os.path.join(spec_dir, "kernels", KERNEL + "-grading")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1)
    return KERNEL + "-grading"


def grading_account():
    """The account learners' code runs as, made if missing (a system account: no home, no login)."""
    try:
        pwd.getpwnam(GRADER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", GRADER], check=True)


def learners(course, assignment):
    submitted = os.path.join(course, "submitted")
    if not os.path.isdir(submitted):
        return []
    return sorted(s for s in os.listdir(submitted) if os.path.isdir(os.path.join(submitted, s, assignment)))


def memory_group(learner, memory_mb):
    """A cgroup with the memory limit, or None and the reason when cgroups cannot be used here."""
    try:
        tree = cgroups.find()
        return tree.make("lenet5-grading/" + learner, memory=memory_mb << 20, pids=2048), None
    except (cgroups.CgroupsMissing, OSError) as e:
        return None, str(e)


def run_one(course, assignment, learner, seconds, memory_mb, kernel_dir=None, kernel_name=None):
    """Runs nbgrader for one learner; returns None when it finished, else the reason it was stopped."""
    group, why_not = memory_group(learner, memory_mb)
    if group is None:
        print("%s: no memory limit (%s)" % (learner, why_not), flush=True)
    bin_dir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    command = [os.path.join(bin_dir, "nbgrader"), "autograde", assignment, "--student", learner, "--force"]
    if kernel_name:
        env[WORK_VARIABLE] = os.path.join(kernel_dir, "work-" + learner)
        env["JUPYTER_PATH"] = kernel_dir + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        command.append("--Execute.kernel_name=" + kernel_name)
    log = open(os.path.join(course, "autograde-%s.log" % learner), "w")
    try:
        child = subprocess.Popen(command, cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True, preexec_fn=group.join if group else None)
        try:
            child.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # nbgrader and the kernel it started
            child.wait()
            return "did not finish within %d s" % seconds
        if group is not None and group.oom_kills() > 0:
            return "ran out of memory (its limit is %d MB)" % memory_mb
        if child.returncode != 0:
            return "grading failed (nbgrader's log: %s)" % log.name
        return None
    finally:
        log.close()
        if group is not None:
            group.remove()


def record_zero(course, assignment, learner, reason):
    """Every graded cell of the learner's submission gets 0, with the reason as its comment (nbgrader's manual
    score overrides the automatic one, so the teacher can still regrade by hand)."""
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        submission = gb.update_or_create_submission(assignment, learner)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.manual_score = 0
            for comment in notebook.comments:
                comment.manual_comment = "Not graded: the notebook " + reason + "."
        gb.db.commit()


def graded_cells(course, assignment):
    """The source notebooks' graded cells: {grade_id: True for a test nbgrader scores, False for an answer read by hand}."""
    cells = {}
    folder = os.path.join(course, "source", assignment)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".ipynb"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for cell in json.load(f)["cells"]:
                    meta = cell.get("metadata", {}).get("nbgrader", {})
                    if meta.get("grade"):
                        cells[meta["grade_id"]] = not meta.get("solution")
    return cells


def summary(course, assignment, learner):
    from nbgrader.api import Gradebook
    tests = graded_cells(course, assignment)
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        grades = [g for nb in gb.find_submission(assignment, learner).notebooks for g in nb.grades]
        auto = [g for g in grades if tests.get(g.name)]
        failed = [g.name for g in auto if g.score < g.max_score]
        by_hand = [g for g in grades if not tests.get(g.name, True)]
        # nbgrader scores an answer left as it was handed out 0 at once; the others wait for the teacher.
        waiting = sum(g.max_score for g in by_hand if g.auto_score is None and g.manual_score is None)
        return "%s: %g of %g autograded points%s; %g to grade by hand" % (
            learner, sum(g.score for g in auto), sum(g.max_score for g in auto),
            " (failed: %s)" % ", ".join(failed) if failed else "", waiting)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--course", default=HERE, help="nbgrader's course directory (default: classroom/grading)")
    ap.add_argument("--seconds", type=int, default=600, help="time limit per learner's notebook run")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory limit per run (nbgrader and the kernel)")
    args = ap.parse_args(argv)
    course = os.path.abspath(args.course)
    found = learners(course, args.assignment)
    if not found:
        sys.exit("No submissions of %s in %s/submitted: collect them first (nbgrader collect %s)."
                 % (args.assignment, course, args.assignment))
    kernel_dir = kernel_name = None
    if os.geteuid() == 0:
        grading_account()
        os.chmod(course, 0o700)   # the grading account must not enter it
        kernel_dir = tempfile.mkdtemp(prefix="lenet5-grading-kernels-")
        os.chmod(kernel_dir, 0o711)   # the account reaches its own work folder inside, nothing else
        kernel_name = grading_kernel(kernel_dir)
    else:
        print("not root: the learners' code runs as %s, the account running this" % pwd.getpwuid(os.geteuid()).pw_name, flush=True)
    try:
        grade_all(course, args, found, kernel_dir, kernel_name)
    finally:
        if kernel_dir:
            shutil.rmtree(kernel_dir, ignore_errors=True)


def grade_all(course, args, found, kernel_dir, kernel_name):
    for learner in found:
        started = time.monotonic()
        reason = run_one(course, args.assignment, learner, args.seconds, args.memory_mb, kernel_dir, kernel_name)
        took = " [%.0f s]" % (time.monotonic() - started)
        if reason:
            record_zero(course, args.assignment, learner, reason)
            print("%s: 0 (the notebook %s)%s" % (learner, reason, took), flush=True)
        else:
            print(summary(course, args.assignment, learner) + took, flush=True)


if __name__ == "__main__":
    main()
