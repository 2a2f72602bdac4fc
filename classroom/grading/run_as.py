"""Starts a kernel as the grading account: nbgrader (as root) starts this with the kernelspec's argv, and
the learner's code then runs without root and without the teacher's files.

    LENET5_GRADING_WORK=WORK_DIR run_as.py ACCOUNT CONNECTION_FILE -- java ... @CONNECTION_FILE@

The connection file nbgrader wrote is root's (mode 0600): a copy goes into WORK_DIR, a folder of the
account's own (one per learner, from the environment: the kernelspec is written once per grading run), where the kernel also starts. Then the process drops to the account and becomes the kernel.
"""
import os
import pwd
import shutil
import sys


def main(argv):
    account, connection, separator, *command = argv
    work = os.environ.get("LENET5_GRADING_WORK")
    if separator != "--" or not command or not work:
        sys.exit("usage: LENET5_GRADING_WORK=WORK_DIR run_as.py ACCOUNT CONNECTION_FILE -- COMMAND ... @CONNECTION_FILE@")
    user = pwd.getpwnam(account)
    os.makedirs(work, mode=0o700, exist_ok=True)
    os.chown(work, user.pw_uid, user.pw_gid)
    copy = os.path.join(work, "kernel-connection.json")
    shutil.copyfile(connection, copy)
    os.chown(copy, user.pw_uid, user.pw_gid)
    os.chmod(copy, 0o600)
    os.chdir(work)
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    env = dict(os.environ, HOME=work, USER=account, LOGNAME=account)
    del env["LENET5_GRADING_WORK"]
    os.execvpe(command[0], [copy if a == "@CONNECTION_FILE@" else a for a in command], env)


if __name__ == "__main__":
    main(sys.argv[1:])
