#!/usr/bin/env bash
# `make classroom`: JupyterHub serving the course to a class (settings: classroom/jupyterhub_config.py).
# As root: the hub starts each learner's server under the learner's own account and cgroup.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "[classroom] the hub must run as root: it starts each learner's server as that learner (sudo make classroom)." >&2; exit 1; }
STATE="${LENET5_CLASSROOM_STATE:-$ROOT/build/classroom}"
mkdir -p "$STATE" && chmod 700 "$STATE"   # the database and cookie secret are the hub's alone
teacher="${LENET5_CLASSROOM_TEACHER:-teacher}"
id "$teacher" >/dev/null 2>&1 || echo "[classroom] no account '$teacher' yet: make one with 'classroom/add-learner --teacher $teacher'."
echo "[classroom] JupyterHub on http://${LENET5_CLASSROOM_IP:-127.0.0.1}:${LENET5_CLASSROOM_PORT:-8000}/ (Ctrl-C stops it)"
cd "$STATE"
exec "$ROOT/build/hub-venv/bin/jupyterhub" -f "$ROOT/classroom/jupyterhub_config.py" "$@"
