#!/usr/bin/env python3
"""Execute the course notebooks headlessly, in order, into build/executed/.

Every notebook runs in a fresh kernel (the course's Java kernel, kernelspec `lenet5-java`). A kernel that
does not answer within --startup-timeout seconds fails the run, as does any error output or stderr
text, naming notebook, cell and error.

    python3 scripts/run_notebooks.py [--only 01] [--out build/executed] [notebooks...]
"""
import argparse
import asyncio
import glob
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient import client as nbclient_client
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CourseClient(NotebookClient):
    """nbclient, minus a crash at exit after a kernel that never started was cleaned up."""

    async def _async_cleanup_kernel(self):
        if self.km is None:
            return
        await super()._async_cleanup_kernel()

    # nbclient registers this synchronous twin at exit; it must wrap the override above.
    _cleanup_kernel = nbclient_client.run_sync(_async_cleanup_kernel)


class NotebookFailure(Exception):
    """A notebook produced an error; the message names notebook, cell and error."""


def problems(cell):
    """Error outputs and stderr text of one executed cell."""
    found = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            found.append("%s: %s" % (out.get("ename", "error"), out.get("evalue", "")))
        elif out.get("output_type") == "stream" and out.get("name") == "stderr" and out.get("text", "").strip():
            found.append("stderr: " + out["text"].strip())
    return found


def cell_label(nb, index):
    """'cell 7 (first line of its source)'."""
    src = nb.cells[index].source.strip().splitlines()
    return "cell %d (%s)" % (index + 1, src[0][:70] if src else "empty")


class Runner:
    def __init__(self, kernel, startup_timeout, cell_timeout):
        self.kernel = kernel
        self.startup_timeout = startup_timeout
        self.cell_timeout = cell_timeout

    def run(self, path, out_dir):
        nb = nbformat.read(path, as_version=4)
        name = os.path.basename(path)
        client = CourseClient(
            nb, kernel_name=self.kernel, timeout=self.cell_timeout, startup_timeout=self.startup_timeout,
            allow_errors=True, record_timing=True,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        started = time.time()
        os.makedirs(out_dir, exist_ok=True)
        log_path = os.path.join(out_dir, name.replace(".ipynb", ".kernel.log"))
        with open(log_path, "w") as log:
            try:
                # The kernel's own logging goes to a file beside the executed notebook.
                client.execute(stdout=log, stderr=log)
            except RuntimeError as e:
                # nbclient raises RuntimeError when kernel_info gets no reply in time.
                if "Kernel didn't respond" not in str(e) and "kernel_info" not in str(e):
                    raise
                raise NotebookFailure("%s: the Java kernel did not answer within %d s; its log: %s. Run "
                                      "'make kernel' to reinstall it." % (name, self.startup_timeout, log_path))
            except CellTimeoutError as e:
                raise NotebookFailure("%s: a cell ran longer than %ds: %s" % (name, self.cell_timeout, str(e)[:300]))
            except DeadKernelError as e:
                raise NotebookFailure("%s: the kernel died: %s; its log: %s" % (name, e, log_path))
        seconds = time.time() - started
        target = os.path.join(out_dir, name)
        nbformat.write(nb, target)
        errors = []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                for p in problems(cell):
                    errors.append("%s, %s: %s" % (name, cell_label(nb, i), p[:2000]))
        if errors:
            raise NotebookFailure("\n".join(errors))
        return seconds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "executed"))
    ap.add_argument("--kernel", default="lenet5-java")
    ap.add_argument("--startup-timeout", type=int, default=20)
    ap.add_argument("--cell-timeout", type=int, default=1800)
    ap.add_argument("--only", help="run only notebooks whose name starts with this")
    args = ap.parse_args(argv)
    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    if args.only:
        paths = [p for p in paths if os.path.basename(p).startswith(args.only)]
    if not paths:
        print("no notebooks to run", file=sys.stderr)
        return 2
    runner = Runner(args.kernel, args.startup_timeout, args.cell_timeout)
    timings = {}
    try:
        for p in paths:
            print("running %s" % os.path.relpath(p, ROOT), flush=True)
            timings[os.path.basename(p)] = runner.run(p, args.out)
            print("  ok in %.1f s" % timings[os.path.basename(p)], flush=True)
    except NotebookFailure as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    # A partial run (--only) keeps the other chapters' times from the run before.
    timings_file = os.path.join(args.out, "timings.json")
    try:
        with open(timings_file) as f:
            timings = {**json.load(f)["seconds"], **timings}
    except (OSError, ValueError, KeyError):
        pass
    with open(timings_file, "w") as f:
        json.dump({"seconds": dict(sorted(timings.items()))}, f, indent=1)
    print("%d notebooks executed, %.1f s in all" % (len(paths), sum(timings[os.path.basename(p)] for p in paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
