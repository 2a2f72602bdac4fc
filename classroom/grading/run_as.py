"""Starts a kernel as the grading account, so that learners' code runs without root and without the teacher's
files. Two ways in:

    LENET5_GRADING_WORK=WORK_DIR run_as.py ACCOUNT CONNECTION_FILE -- java ... @CONNECTION_FILE@

autograde.py's kernelspec, run by nbgrader as root: the connection file nbgrader wrote is root's (mode 0600),
so a copy goes into WORK_DIR, a folder of the account's own (one per learner), where the kernel also starts.

    sudo -n run_as.py --sudo CONNECTION_FILE

the formgrader's kernelspec (classroom/grading/formgrader.sh), run by the teacher's formgrader service through
sudo (the classroom's sudoers rule allows only this). Everything but the connection file is fixed here: the
account (GRADER), the command (the course's kernelspec), a memory cgroup of LEARNER_MEMORY_MB; the connection
file is read only if it is the caller's own regular file, so the rule gives the teacher nothing else of root's.

Then the process drops to the account and becomes the kernel.
"""
import json
import os
import pwd
import stat
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSROOM = os.path.dirname(HERE)
ROOT = os.path.dirname(CLASSROOM)
GRADER = "lenet5-grader"
CONNECTION_KEYS = {"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port", "ip", "key", "transport",
                   "signature_scheme"}


def become(user, work, connection_text, command, env):
    """Writes the connection file into `work` (the account's), drops to the account there and execs `command`."""
    os.makedirs(work, mode=0o700, exist_ok=True)
    os.chown(work, user.pw_uid, user.pw_gid)
    copy = os.path.join(work, "kernel-connection.json")
    with open(copy, "w") as f:
        f.write(connection_text)
    os.chown(copy, user.pw_uid, user.pw_gid)
    os.chmod(copy, 0o600)
    os.chdir(work)
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    env = dict(env, HOME=work, USER=user.pw_name, LOGNAME=user.pw_name)
    os.execvpe(command[0], [copy if a in ("@CONNECTION_FILE@", "{connection_file}") else a for a in command], env)


def callers_connection_file(path, uid):
    """The text of the caller's connection file: a regular file of theirs, not a link, small, the fields of one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)   # a link is refused here (ELOOP)
    except OSError as e:
        sys.exit("run_as.py: %s is not a connection file of the caller's (%s)" % (path, e.strerror))
    with os.fdopen(fd) as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != uid or st.st_size > 4096:
            sys.exit("run_as.py: %s is not a connection file of the caller's" % path)
        text = f.read()
    try:
        info = json.loads(text)
    except ValueError:
        info = None
    if not isinstance(info, dict) or not CONNECTION_KEYS <= set(info) or info.get("ip") != "127.0.0.1":
        sys.exit("run_as.py: %s is not a kernel connection file on 127.0.0.1" % path)
    return json.dumps({k: info[k] for k in CONNECTION_KEYS | {"kernel_name"} if k in info})


def by_sudo(connection):
    """The formgrader's way in (see above)."""
    caller = os.environ.get("SUDO_UID")
    if os.geteuid() != 0 or not caller:
        sys.exit("run_as.py --sudo: run through sudo (the classroom's sudoers rule)")
    text = callers_connection_file(connection, int(caller))
    with open(os.path.join(ROOT, "build", "kernelspec", "lenet5-java", "kernel.json")) as f:
        spec = json.load(f)
    sys.path.insert(0, CLASSROOM)
    import cgroups
    from budget import LEARNER_MEMORY_MB
    try:
        tree = cgroups.find()
        parent = tree.group("lenet5-grading")
        for name in os.listdir(parent.path()) if parent.exists() else []:
            stale = tree.group("lenet5-grading/" + name)
            if name.startswith("formgrader-") and not stale.pids():
                stale.remove(wait=0)   # the cgroup of a grading kernel that has ended
        tree.make("lenet5-grading/formgrader-%d" % os.getpid(), memory=LEARNER_MEMORY_MB << 20, pids=2048).join()
    except (cgroups.CgroupsMissing, OSError) as e:
        sys.exit("run_as.py: no memory limit can be set here, so no grading kernel is started (%s)" % e)
    work = tempfile.mkdtemp(prefix="lenet5-formgrader-")
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **spec.get("env", {})}
    become(pwd.getpwnam(GRADER), work, text, spec["argv"], env)


def main(argv):
    if argv[:1] == ["--sudo"] and len(argv) == 2:
        return by_sudo(argv[1])
    account, connection, separator, *command = argv
    work = os.environ.get("LENET5_GRADING_WORK")
    if separator != "--" or not command or not work:
        sys.exit("usage: LENET5_GRADING_WORK=WORK_DIR run_as.py ACCOUNT CONNECTION_FILE -- COMMAND ... @CONNECTION_FILE@\n"
                 "       sudo -n run_as.py --sudo CONNECTION_FILE")
    with open(connection) as f:
        text = f.read()
    env = dict(os.environ)
    del env["LENET5_GRADING_WORK"]
    become(pwd.getpwnam(account), work, text, command, env)


if __name__ == "__main__":
    main(sys.argv[1:])
