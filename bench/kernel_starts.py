#!/usr/bin/env python3
"""Kernel start time and idle memory, two kernelspecs side by side (issue 30: %maven must not slow a
start or grow an idle kernel when no %maven runs).

    python3 bench/kernel_starts.py [--rounds 10] SPEC_A SPEC_B

Each round starts A then B (alternating, so that the machine's drift falls on both): the time to the
first kernel_info reply, the time of a first cell `1 + 1`, and the kernel's resident memory (VmRSS)
after 5 s idle. A third line per round, for A only, times a fresh kernel's first cell
`%maven org.apache.commons:commons-collections4:4.4` with the artifact already in ~/.m2.
"""
import argparse
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run(code, kc, timeout=300):
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"]


def one(spec, first_cell="1 + 1"):
    km = KernelManager(kernel_name=spec)
    started = time.time()
    km.start_kernel(cwd=os.path.join(ROOT, "notebooks"))
    kc = km.client()
    kc.start_channels()
    try:
        kc.kernel_info()
        while kc.get_shell_msg(timeout=30)["msg_type"] != "kernel_info_reply":
            pass
        ready = time.time() - started
        t = time.time()
        status = run(first_cell, kc)
        cell = time.time() - t
        if status != "ok":
            raise RuntimeError("%s: %r gave %s" % (spec, first_cell, status))
        time.sleep(5)
        return ready, cell, rss_mb(km.provisioner.process.pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()
    rows = {args.a: [], args.b: [], "maven": []}
    for r in range(args.rounds):
        for spec in (args.a, args.b):
            rows[spec].append(one(spec))
            print("round %d %-28s ready %.2f s, first cell %.2f s, idle RSS %.0f MB" % ((r + 1, spec) + rows[spec][-1]), flush=True)
        rows["maven"].append(one(args.a, "%maven org.apache.commons:commons-collections4:4.4"))
        print("round %d %-28s ready %.2f s, %%maven cell %.2f s, idle RSS %.0f MB" % ((r + 1, args.a + " + %maven") + rows["maven"][-1]), flush=True)
    print("\nmedians over %d rounds (min-max)" % args.rounds)
    for name, label in ((args.a, args.a), (args.b, args.b), ("maven", args.a + " + %maven")):
        cols = list(zip(*rows[name]))
        print("%-30s ready %.2f s (%.2f-%.2f), first cell %.2f s (%.2f-%.2f), idle RSS %.0f MB (%.0f-%.0f)" % (
            (label,) + tuple(v for c in cols for v in (statistics.median(c), min(c), max(c)))))


if __name__ == "__main__":
    sys.exit(main())
