#!/usr/bin/env python3
"""`make bench`: the course's default recipe against a PyTorch reference, side by side.

Alternates, round by round, (a) the course's recipe trained headless with the same utils code the
notebooks call (bench/TrainBench.java, no Jupyter) and (b) the usual PyTorch tutorials' recipe for LeNet-5
(bench/reference.py). Then trains the recipe with seeds 1 and 7 as well. Prints per-epoch figures,
medians with their spread, and last a one-line machine-readable summary.

    python3 bench/run.py [--rounds 3] [--ref-epochs 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAINING_IMAGES = 55000  # MNIST's 60,000 less the 5,000 held out for validation, in both programs


def run(cmd, env=None):
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("benchmark step failed: %s\n%s" % (" ".join(cmd), r.stderr[-2000:]))
    rows = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
    return [x for x in rows if "epoch" in x], next(x for x in rows if "peak_rss_mb" in x)


def java(seed):
    cp = ":".join([os.path.join(ROOT, "utils", "target", "classes"), os.path.join(ROOT, "build", "lib", "*"),
                   os.path.join(ROOT, "build", "lib-cpu", "*")])
    env = dict(os.environ, DJL_CACHE_DIR=os.path.join(ROOT, "build", "djl-cache"))
    return run(["java", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", "-cp", cp,
                os.path.join(ROOT, "bench", "TrainBench.java"), str(seed)], env)


def reference(epochs, seed):
    return run([sys.executable, os.path.join(ROOT, "bench", "reference.py"), "--epochs", str(epochs),
                "--seed", str(seed), "--threads", "2"])


def steady(epochs):
    """Median epoch time without the first (warm-up) epoch."""
    return statistics.median(e["seconds"] for e in epochs[1:]) if len(epochs) > 1 else epochs[0]["seconds"]


def time_to(epochs, target):
    t = 0.0
    for e in epochs:
        t += e["seconds"]
        if e["validation_accuracy"] >= target:
            return t
    return float("nan")


def spread(values):
    return "%.2f [%.2f..%.2f]" % (statistics.median(values), min(values), max(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ref-epochs", type=int, default=3)
    a = ap.parse_args()
    course, ref = [], []
    for i in range(1, a.rounds + 1):
        print("round %d/%d: course recipe (Java, DJL)..." % (i, a.rounds), flush=True)
        course.append(java(42))
        print("round %d/%d: PyTorch reference..." % (i, a.rounds), flush=True)
        ref.append(reference(a.ref_epochs, 42))
    seeds = {42: course[0][1]["test_accuracy"]}
    for seed in (1, 7):
        print("seed %d: course recipe..." % seed, flush=True)
        seeds[seed] = java(seed)[1]["test_accuracy"]

    print("\nper epoch, round 1 (seconds / images per second / validation accuracy):")
    print("%6s | %-28s | %-28s" % ("epoch", "course (Java, DJL)", "reference (PyTorch)"))
    for k in range(max(len(course[0][0]), len(ref[0][0]))):
        c = course[0][0][k] if k < len(course[0][0]) else None
        r = ref[0][0][k] if k < len(ref[0][0]) else None
        fmt = lambda e: "%6.2f s %8.0f/s %6.2f %%" % (e["seconds"], e["images_per_second"], 100 * e["validation_accuracy"]) if e else ""
        print("%6d | %-28s | %-28s" % (k + 1, fmt(c), fmt(r)))

    c_epoch = [steady(e) for e, _ in course]
    r_epoch = [steady(e) for e, _ in ref]
    ratios = [c / r for c, r in zip(c_epoch, r_epoch)]
    c_ips = [TRAINING_IMAGES / s for s in c_epoch]
    r_ips = [TRAINING_IMAGES / s for s in r_epoch]
    t99 = [time_to(e, 0.99) for e, _ in course]
    r99 = [time_to(e, 0.99) for e, _ in ref]
    final = [m["test_accuracy"] for _, m in course]
    rss = [m["peak_rss_mb"] for _, m in course]
    r_rss = [m["peak_rss_mb"] for _, m in ref]
    print("\nmedians over %d rounds [min..max]:" % a.rounds)
    print("  steady epoch      course %s s   reference %s s   ratio %s" % (spread(c_epoch), spread(r_epoch), spread(ratios)))
    print("  images/s          course %s   reference %s" % (spread(c_ips), spread(r_ips)))
    print("  time to 99.0 %% (validation) course %s s   reference %s s (nan: not reached in %d epochs)"
          % (spread(t99), spread(r99), a.ref_epochs))
    print("  test accuracy     course %s %%   reference %s %% (measured once, after the last epoch)"
          % (spread([100 * f for f in final]), spread([100 * m["test_accuracy"] for _, m in ref])))
    print("  peak RSS          course %s MB   reference %s MB" % (spread(rss), spread(r_rss)))
    print("  seeds             " + ", ".join("%d: %.2f %%" % (s, 100 * v) for s, v in sorted(seeds.items())))
    print("summary epoch_s=%.3f ref_epoch_s=%.3f ratio=%.3f time_to_99_s=%.2f final_acc=%.4f seed1_acc=%.4f "
          "seed7_acc=%.4f seed42_acc=%.4f peak_rss_mb=%.0f ref_peak_rss_mb=%.0f"
          % (statistics.median(c_epoch), statistics.median(r_epoch), statistics.median(ratios),
             statistics.median(t99), statistics.median(final), seeds[1], seeds[7], seeds[42],
             statistics.median(rss), statistics.median(r_rss)))


if __name__ == "__main__":
    main()
