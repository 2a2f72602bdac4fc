#!/usr/bin/env bash
# The image's command: the learner's work folder (a volume) gets its own copy of the chapters the first
# time, never overwritten after; the course itself stays read-only in /opt/lenet5. Then JupyterLab.
# `--prepare`: the work folder only (Zero to JupyterHub's postStart, classroom/z2jh/values.yaml).
set -euo pipefail
COURSE="${LENET5_COURSE:-/opt/lenet5}"
WORK="${LENET5_WORK:-$HOME/work}"
mkdir -p "$WORK/notebooks" "$WORK/models"
for nb in "$COURSE"/notebooks/*.ipynb; do
  [ -e "$WORK/notebooks/$(basename "$nb")" ] || cp "$nb" "$WORK/notebooks/"
done
[ -e "$WORK/notebooks/images" ] || cp -r "$COURSE/notebooks/images" "$WORK/notebooks/"
# The chapters link to `../README.md` (copies made before they loaded `$LENET5_HOME/utils/target/classes` load
# `../utils/target/classes`): the course's own, read-only.
for name in utils README.md; do
  [ -e "$WORK/$name" ] || ln -s "$COURSE/$name" "$WORK/$name"
done
[ "${1:-}" = --prepare ] && exit 0
exec "$COURSE/build/venv/bin/jupyter" lab --notebook-dir="$WORK/notebooks" "$@"
