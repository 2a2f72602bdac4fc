"""The learner's sequence of issue 17, repeated: interrupt a polite loop, then at once run a cell
that computes for a few seconds. Each second cell must print its result; none may be killed.

    python tests/kernel/interrupt_then_next.py                 # the installed kernelspec
    python tests/kernel/interrupt_then_next.py --jar-dir build/kernel   # the built jar, no kernelspec

Exits 0 when every trial passed. The unit test CellInterruptTest runs the same sequence with a
short grace period; this script runs it live, with the kernel's own 3 s grace.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

POLITE = "long n = 0;\nwhile (!Thread.currentThread().isInterrupted()) { n++; }"
COMPUTE = ("long t0 = System.nanoTime(); long k = 0;\n"
           "while (System.nanoTime() - t0 < %d_000_000_000L) { k++; }\n"
           "System.out.println(\"computed \" + (k > 0));")


class DirectKernel:
    """The kernel's JVM started from its jars on a connection file of our own (no kernelspec)."""

    def __init__(self, jar_dir):
        from jupyter_client import BlockingKernelClient
        from jupyter_client.connect import write_connection_file
        self.dir = tempfile.mkdtemp(prefix="lenet5-interrupt-")
        conn, _ = write_connection_file(os.path.join(self.dir, "kernel.json"))
        self.proc = subprocess.Popen(["java", "-cp", os.path.join(os.path.abspath(jar_dir), "*"),
                                      "lenet5.kernel.JavaKernel", conn], cwd=self.dir)
        self.kc = BlockingKernelClient(connection_file=conn)
        self.kc.load_connection_file()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def interrupt(self):
        self.kc.control_channel.send(self.kc.session.msg("interrupt_request", {}))

    def close(self):
        self.kc.control_channel.send(self.kc.session.msg("shutdown_request", {"restart": False}))
        try:
            self.proc.wait(timeout=15)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.kc.stop_channels()


class SpecKernel:
    """The kernel as Jupyter starts it, through the tests' client."""

    def __init__(self):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from client import Kernel
        self.k = Kernel()
        self.kc = self.k.kc

    def interrupt(self):
        self.k.km.interrupt_kernel()

    def close(self):
        self.k.close()


def run(kc, code, timeout=60):
    """Runs `code`; returns (status, stdout text, error name or None)."""
    msg_id = kc.execute(code)
    text, ename = "", None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content["name"] == "stdout":
            text += content["text"]
        elif kind == "error":
            ename = content["ename"] + ": " + content["evalue"]
        elif kind == "status" and content["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"], text, ename


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=5, help="how long the second cell computes")
    ap.add_argument("--jar-dir", help="start the kernel from these jars instead of the kernelspec")
    args = ap.parse_args()
    kernel = DirectKernel(args.jar_dir) if args.jar_dir else SpecKernel()
    failed = 0
    try:
        for trial in range(1, args.trials + 1):
            first = kernel.kc.execute(POLITE)
            time.sleep(1)
            kernel.interrupt()
            while True:  # the first cell's reply: it must end as interrupted
                reply = kernel.kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == first:
                    break
            started = time.time()
            status, text, ename = run(kernel.kc, COMPUTE % args.seconds)
            ok = status == "ok" and "computed true" in text and ename is None
            failed += not ok
            print("trial %2d: first cell %s; second cell %s after %.1f s%s" % (
                trial, reply["content"].get("ename", reply["content"]["status"]),
                "completed" if ok else "FAILED", time.time() - started, "" if ok else " (%s)" % ename),
                flush=True)
    finally:
        kernel.close()
    print("%d of %d second cells completed" % (args.trials - failed, args.trials))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
