#!/usr/bin/env python3
"""The Dockerfile, run step by step without Docker (no engine here): its base is debian:bookworm-slim, whose
packages a fresh Debian root (`../shared/tools/fresh-ci`, CI) has too, with the manuals the slim image leaves
out (DockerfileLayers checks the one step that needs them).

    sudo build/venv/bin/python tests/docker_steps.py [--chapter 02-architecture-and-shapes]

The build context is made from the working tree as `docker build .` makes it: docker-py's own
`docker.utils.build.tar` with the patterns of `.dockerignore` (so a host run's build/ is left out, or, with
--no-dockerignore, copied in). `COPY [--chown=U:G] SRC... DEST` copies from that context (a folder's
contents, as Docker does). Each `RUN` runs with bash as the user the Dockerfile has at that point (root
before `USER`), in its `WORKDIR`, with its `ENV`s; it and the `CMD` run in a mount namespace where this
checkout is hidden, as the host is from a container. Then `CMD` is started as that user (on 127.0.0.1, a
free port and a token of ours instead of its own, so that it neither clashes with another server nor
prints its token to a log), and a chapter is run through it.
`ARG`s take their defaults; `EXPOSE`, `VOLUME` (a folder) and comments are ignored. Any other instruction is
refused, so that a change to the Dockerfile that this script cannot follow fails here rather than passing silently.

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
import tempfile
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


def build_context(dockerignore=True):
    """The working tree as the Docker client sends it, extracted into a temporary folder."""
    patterns = []
    ignore = os.path.join(ROOT, ".dockerignore")
    if dockerignore and os.path.exists(ignore):
        with open(ignore) as f:   # as docker-py's APIClient.build reads it
            patterns = [l.strip() for l in f.read().splitlines() if l.strip() and not l.strip().startswith("#")]
    # docker-py is in the test tools' environment (tests/requirements.txt), beside repo2docker.
    python = os.environ.get("DOCKER_CONTEXT_PYTHON", os.path.join(ROOT, "build", "test-venv", "bin", "python"))
    dest = tempfile.mkdtemp(prefix="docker-context-")
    os.chmod(dest, 0o755)
    code = ("import sys, tarfile; from docker.utils.build import tar\n"
            "t = tar(sys.argv[1], exclude=sys.argv[3:], dockerfile=('Dockerfile', None))\n"
            "kw = {'filter': 'tar'} if hasattr(tarfile, 'tar_filter') else {}  # filter: Python 3.11.4 and later\ntarfile.open(fileobj=t).extractall(sys.argv[2], **kw)")
    subprocess.run([python, "-c", code, ROOT, dest, *patterns], check=True)
    return dest


def copy_into(context, sources, dest, owner):
    """COPY as Docker does it: a folder's contents, or files, into dest; owned by owner."""
    many = len(sources) > 1 or dest.endswith("/")
    for src in sources:
        path = os.path.normpath(os.path.join(context, src))
        # cp --remove-destination: what is in the image already is replaced, links included, as Docker does.
        if os.path.isdir(path):
            os.makedirs(dest, exist_ok=True)
            subprocess.run(["cp", "-a", "--remove-destination", path + "/.", dest], check=True)
        else:
            target = os.path.join(dest, os.path.basename(path)) if many else dest
            os.makedirs(os.path.dirname(target), exist_ok=True)
            subprocess.run(["cp", "-a", "--remove-destination", path, target], check=True)
    subprocess.run(["chown", "-R", owner, dest.rstrip("/") if os.path.isdir(dest) else dest], check=True)


def in_container(cmd, user):
    """cmd in a mount namespace where this checkout is not there, as user."""
    inner = "mount -t tmpfs -o size=1m,mode=000 none %s && exec " % shlex.quote(ROOT)
    if user != "root":
        entry = pwd.getpwnam(user)
        inner += "setpriv --reuid=%d --regid=%d --clear-groups " % (entry.pw_uid, entry.pw_gid)
    return ["unshare", "--mount", "--propagation", "private", "bash", "-c", inner + '"$@"', "in-container", *cmd]


def user_env(name, args):
    home = pwd.getpwnam(name).pw_dir if name != "root" else "/root"
    env = {"HOME": home, "USER": name, "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive",
           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    for k in ("SSL_CERT_FILE", "PIP_CERT", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "PIP_INDEX_URL"):
        if k in os.environ:
            env[k] = os.environ[k]
    env.update(args)
    return env


def run(dockerfile, chapter, skip_apt=False, dockerignore=True):
    if os.geteuid() != 0:
        raise SystemExit("docker_steps.py runs the Dockerfile's root steps and makes its account: run it as root.")
    steps = instructions(dockerfile)
    made = [shlex.split(a.split("&&")[0])[-1] for k, a in steps if k == "RUN" and a.startswith("useradd")]
    for name in made:
        try:
            pwd.getpwnam(name)
            raise SystemExit("account %r exists already; this script makes it and removes it afterwards" % name)
        except KeyError:
            pass
    user, workdir, args, cmd, proc, context, made_dirs = "root", "/", {}, None, None, None, []
    try:
        context = build_context(dockerignore)
        log("context: the working tree%s (%d files)" % (
            " less .dockerignore's patterns" if dockerignore else ", .dockerignore not applied",
            sum(len(f) for _, _, f in os.walk(context))))
        for keyword, arg in steps:
            if keyword == "FROM":
                log("FROM %s: this machine's Debian root stands in for it" % arg)
            elif keyword == "ARG":
                name, _, default = arg.partition("=")
                args[name] = default
            elif keyword == "USER":
                user = arg
            elif keyword == "ENV":
                name, _, value = arg.partition("=")
                args[name.strip()] = value.strip()
            elif keyword == "WORKDIR":
                workdir = arg
                if not os.path.exists(workdir):
                    made_dirs.append(workdir)
                os.makedirs(workdir, exist_ok=True)
            elif keyword == "COPY":
                parts = shlex.split(arg)
                owner = next((p.split("=", 1)[1] for p in parts if p.startswith("--chown=")), "root:root")
                paths = [p for p in parts if not p.startswith("--")]
                dest = os.path.join(workdir, paths[-1])
                log("COPY %s -> %s, owned by %s" % (" ".join(paths[:-1]), dest, owner))
                copy_into(context, paths[:-1], dest, owner)
            elif keyword == "VOLUME":
                os.makedirs(arg, exist_ok=True)
            elif keyword == "RUN" and skip_apt and arg.startswith("apt-get"):
                log("RUN apt-get skipped (--skip-apt): this machine's packages stand in for it")
            elif keyword == "RUN":
                log("RUN as %s: %s" % (user, arg[:100]))
                started = time.time()
                r = subprocess.run(in_container(["bash", "-c", arg], user), cwd=workdir, env=user_env(user, args),
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    raise RuntimeError("RUN failed (%d): %s\n%s" % (r.returncode, arg, (r.stdout + r.stderr)[-4000:]))
                log("  done in %.0f s" % (time.time() - started))
            elif keyword == "CMD":
                cmd = json.loads(arg)
            elif keyword not in ("EXPOSE", "LABEL"):
                raise SystemExit("Dockerfile instruction %s is not followed by this script" % keyword)
        if cmd is None:
            raise SystemExit("the Dockerfile has no CMD")
        # What the image adds to its base (packages aside): the folders its steps made, measured.
        for d in made_dirs + ["/home/%s" % n for n in made]:
            size = subprocess.run(["du", "-sm", d], capture_output=True, text=True).stdout.split("\t")[0]
            log("size of %s: %s MB" % (d, size))
        port, token = free_port(), secrets.token_hex(16)
        cmd = [a for a in cmd if not a.startswith(("--ip=", "--port="))] + [
            "--ip=127.0.0.1", "--port=%d" % port, "--ServerApp.token=" + token]
        log("CMD as %s in %s: %s" % (user, workdir, " ".join(cmd[:-1])))
        proc, session = launch_server(in_container(cmd, user), port, token,
                                      "/tmp/docker-steps-server-%d.log" % os.getpid(),
                                      cwd=workdir, env=user_env(user, args))
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
        for d in made_dirs:   # the image's folders outside the account's home (/opt/lenet5)
            shutil.rmtree(d, ignore_errors=True)
        if context:
            shutil.rmtree(context, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dockerfile", default=os.path.join(ROOT, "Dockerfile"))
    ap.add_argument("--chapter", default="02-architecture-and-shapes")
    ap.add_argument("--skip-apt", action="store_true",
                    help="on a machine whose own packages stand in for the RUN that apt-gets them")
    ap.add_argument("--no-dockerignore", action="store_true",
                    help="make the context without .dockerignore (to show what it keeps out)")
    a = ap.parse_args()
    return run(a.dockerfile, a.chapter, a.skip_apt, not a.no_dockerignore)


if __name__ == "__main__":
    sys.exit(main())
