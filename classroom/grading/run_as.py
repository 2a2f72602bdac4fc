"""Starts a kernel as the grading account: nbgrader (as root) starts this with the kernelspec's argv, and
the learner's code then runs without root and without the teacher's files.

    run_as.py ACCOUNT CONNECTION_FILE WORK_DIR -- java ... @CONNECTION_FILE@

The connection file nbgrader wrote is root's (mode 0600): a copy goes into WORK_DIR, a folder of the
account's own, where the kernel also starts. Then the process drops to the account and becomes the kernel.
"""
import os
import pwd
import shutil
import sys


def main(argv):
    account, connection, work, separator, *command = argv
    if separator != "--" or not command:
        sys.exit("usage: run_as.py ACCOUNT CONNECTION_FILE WORK_DIR -- COMMAND ... @CONNECTION_FILE@")
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
    os.execvpe(command[0], [copy if a == "@CONNECTION_FILE@" else a for a in command], env)


if __name__ == "__main__":
    main(sys.argv[1:])
