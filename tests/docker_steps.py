#!/usr/bin/env python3
"""The Dockerfile, run step by step without Docker (no engine here): its base is debian:bookworm-slim,
which is what a fresh Debian root is (`../shared/tools/fresh-ci`, CI).

    sudo build/venv/bin/python tests/docker_steps.py [--chapter 02-architecture-and-shapes]

Each `RUN` runs with bash as the user the Dockerfile has at that point (root before `USER`), in its
`WORKDIR`; `COPY --chown=U:G . .` is a clone of this checkout into WORKDIR owned by U. Then `CMD` is
started as that user (on 127.0.0.1, a free port and a token of ours instead of its own, so that it neither clashes with
another server nor prints its token to a log), and a chapter is run through it.
`ARG`s take their defaults; `EXPOSE` and comments are ignored. Any other instruction is refused, so
that a change to the Dockerfile that this script cannot follow fails here rather than passing silently.

Needs root. The account the Dockerfile makes must not exist before; it is removed afterwards with its
home. Packages the first RUN installs stay installed (CI's fresh root is thrown away after).
"""
import argparse
import json
import os
import pwd
import secrets
import shlex
import shutil
import subprocess
import sys
import time


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from binder_session import free_port, kernel_pid, launch_server, status, stop_server  # noqa: E402


def log(text):
    print("[docker-steps] " + text, flush=True)


def instructions(path):
    """(keyword, argument) pairs of a Dockerfile, continuation lines joined."""
    out, current = [], ""
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not current and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            keyword, _, arg = current.strip().partition(" ")
            out.append((keyword.upper(), arg.strip()))
            current = ""
    return out


def as_user(name):
    if name == "root":
        return None
    entry = pwd.getpwnam(name)

    def become():
        os.setgroups([])
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
    return become


def user_env(name, args):
    home = pwd.getpwnam(name).pw_dir if name != "root" else "/root"
    env = {"HOME": home, "USER": name, "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive",
           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    for k in ("SSL_CERT_FILE", "PIP_CERT", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "PIP_INDEX_URL"):
        if k in os.environ:
            env[k] = os.environ[k]
    env.update(args)
    return env


def run(dockerfile, chapter, skip_root_runs=False):
    if os.geteuid() != 0:
        raise SystemExit("docker_steps.py runs the Dockerfile's root steps and makes its account: run it as root.")
    steps = instructions(dockerfile)
    made = [shlex.split(a)[-1] for k, a in steps if k == "RUN" and a.startswith("useradd")]
    for name in made:
        try:
            pwd.getpwnam(name)
            raise SystemExit("account %r exists already; this script makes it and removes it afterwards" % name)
        except KeyError:
            pass
    user, workdir, args, cmd, proc = "root", "/", {}, None, None
    try:
        for keyword, arg in steps:
            if keyword == "FROM":
                log("FROM %s: this machine's Debian root stands in for it" % arg)
            elif keyword == "ARG":
                name, _, default = arg.partition("=")
                args[name] = default
            elif keyword == "USER":
                user = arg
            elif keyword == "WORKDIR":
                workdir = arg
                os.makedirs(workdir, exist_ok=True)
                if user != "root":
                    shutil.chown(workdir, user, user)
            elif keyword == "COPY":
                parts = shlex.split(arg)
                owner = next((p.split("=", 1)[1] for p in parts if p.startswith("--chown=")), "root:root")
                if [p for p in parts if not p.startswith("--")] != [".", "."]:
                    raise SystemExit("COPY other than '. .' is not followed: %s" % arg)
                log("COPY: this checkout cloned into %s, owned by %s" % (workdir, owner))
                subprocess.run(["git", "clone", "--quiet", ROOT, workdir], check=True)  # WORKDIR is empty
                subprocess.run(["chown", "-R", owner, workdir], check=True)
            elif keyword == "RUN" and user == "root" and skip_root_runs and not arg.startswith("useradd"):
                log("RUN as root skipped (--skip-root-runs): %s" % arg[:100])
            elif keyword == "RUN":
                log("RUN as %s: %s" % (user, arg[:100]))
                started = time.time()
                r = subprocess.run(["bash", "-c", arg], cwd=workdir, env=user_env(user, args),
                                   preexec_fn=as_user(user), capture_output=True, text=True)
                if r.returncode != 0:
                    raise RuntimeError("RUN failed (%d): %s\n%s" % (r.returncode, arg, (r.stdout + r.stderr)[-4000:]))
                log("  done in %.0f s" % (time.time() - started))
            elif keyword == "CMD":
                cmd = json.loads(arg)
            elif keyword not in ("EXPOSE", "LABEL"):
                raise SystemExit("Dockerfile instruction %s is not followed by this script" % keyword)
        if cmd is None:
            raise SystemExit("the Dockerfile has no CMD")
        port, token = free_port(), secrets.token_hex(16)
        cmd = [a for a in cmd if not a.startswith(("--ip=", "--port="))] + [
            "--ip=127.0.0.1", "--port=%d" % port, "--ServerApp.token=" + token]
        log("CMD as %s in %s: %s" % (user, workdir, " ".join(cmd[:-1])))
        proc, session = launch_server(cmd, port, token, "/tmp/docker-steps-server-%d.log" % os.getpid(),
                                      cwd=workdir, env=user_env(user, args), preexec_fn=as_user(user))
        # The CMD serves notebooks/ as its root: the chapter is at the top.
        started = time.time()
        kernel, error = session.run_notebook("%s.ipynb" % chapter)
        peak = status(kernel_pid(kernel.id))["VmHWM"]
        log("%s through the CMD's server: %.1f s, kernel peak %d MB%s" % (
            chapter, time.time() - started, peak, ", FAILED: %s" % error if error else ", no errors"))
        kernel.shutdown()
        return 1 if error else 0
    finally:
        if proc is not None:
            stop_server(proc)
        for name in made:
            try:
                pwd.getpwnam(name)
            except KeyError:
                continue  # the step that makes the account never ran
            subprocess.run(["pkill", "-KILL", "-u", name], check=False)
            time.sleep(0.5)
            subprocess.run(["userdel", "--remove", name], check=False, stderr=subprocess.DEVNULL)
            shutil.rmtree(workdir, ignore_errors=True) if workdir.startswith("/home/%s" % name) else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dockerfile", default=os.path.join(ROOT, "Dockerfile"))
    ap.add_argument("--chapter", default="02-architecture-and-shapes")
    ap.add_argument("--skip-root-runs", action="store_true",
                    help="on a machine whose own packages stand in for the root RUNs' (apt-get); useradd still runs")
    a = ap.parse_args()
    return run(a.dockerfile, a.chapter, a.skip_root_runs)


if __name__ == "__main__":
    sys.exit(main())
