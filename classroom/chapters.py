"""A learner's own copy of the chapters, made at their server's first start (the hub's pre_spawn_hook).

The hub runs as root, and the learner's home is the learner's: whatever root does there could be turned
against it (a file swapped for a link to /etc/shadow between a copy and a chown gets /etc/shadow chowned).
So root does nothing there: the copy is made by a process running as the learner, with the learner's
groups, which can only do what the learner could do themselves.
"""
import os
import subprocess

# Run as the learner, in their home: home closed to others, ../utils as copies made before the chapters named
# $LENET5_HOME expect it (the course's, read-only), and the chapters copied once (a folder that exists is their work, never overwritten). The copy
# goes to a temporary name first, so that a copy cut short is not taken for their work at the next start.
SCRIPT = r'''
umask 077
cd "$HOME" || exit 1
chmod 700 .
[ -e utils ] || [ -L utils ] || ln -s "$1" utils
if [ ! -e notebooks ] && [ ! -L notebooks ]; then
  rm -rf .notebooks.copying
  cp -R "$2" .notebooks.copying && mv .notebooks.copying notebooks
fi
'''


def become(user):
    """preexec_fn: the learner's groups, gid and uid (in that order: dropping uid last)."""
    groups = os.getgrouplist(user.pw_name, user.pw_gid)

    def preexec():
        os.setgroups(groups)
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
    return preexec


def run_as(user, args, **kw):
    env = {"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name, "PATH": "/usr/bin:/bin"}
    return subprocess.run(args, preexec_fn=become(user), env=env, cwd="/", capture_output=True, text=True, **kw)


def copy_step(user, course):
    """The copy itself, as the learner."""
    r = run_as(user, ["/bin/sh", "-c", SCRIPT, "sh", os.path.join(course, "utils"), os.path.join(course, "notebooks")],
               timeout=300)
    if r.returncode != 0:
        raise RuntimeError("copying the chapters into %s's home failed: %s" % (user.pw_name, r.stderr.strip()[-500:]))


def copy_chapters(user, course):
    """user: the learner's pwd entry; course: the course's folder (notebooks/, utils/)."""
    if os.getuid() == 0 and user.pw_uid == 0:
        raise RuntimeError("refusing to copy the chapters for root")
    copy_step(user, course)
