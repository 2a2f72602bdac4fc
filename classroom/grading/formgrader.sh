#!/usr/bin/env bash
# nbgrader's formgrader for the teacher: a service of the class's hub (classroom/jupyterhub_config.py), which
# starts it as the teacher's account and lets only the teacher in. The course directory is the teacher's
# ~/lenet5-grading: the course's assignments and nbgrader's configuration, copied as the teacher (at the first
# start; assignments the course adds later are copied in, those there are the teacher's and kept). Autograding
# runs learners' code on the kernelspec formgrader-config/ names: as lenet5-grader, in a memory cgroup.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COURSE="$HOME/lenet5-grading"
umask 077
mkdir -p "$COURSE/source"
[ -e "$COURSE/nbgrader_config.py" ] || cp "$ROOT/classroom/grading/nbgrader_config.py" "$COURSE/"
for a in "$ROOT"/classroom/grading/source/*/; do
  [ -e "$COURSE/source/$(basename "$a")" ] || cp -r "$a" "$COURSE/source/"
done
cd "$COURSE"
export JUPYTER_PATH="$ROOT/build/grading-kernel" JUPYTER_CONFIG_PATH="$ROOT/classroom/grading/formgrader-config" \
  PYTHONPATH="$ROOT/classroom/grading/formgrader-config"
exec "$ROOT/build/hub-venv/bin/jupyterhub-singleuser" --ServerApp.root_dir="$COURSE" "$@"
